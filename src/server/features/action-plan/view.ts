/** How an action-plan item and its history are shown (to the care team and to the patient alike: it is their plan). */
import { z } from 'zod';
import { ACTION_PLAN_STATUSES } from '../../../core/action-plan';
import type { Executor } from '../../../db/database';
import { authorNames, type ChangeRow, type ItemRow } from './store';

const Author = z.object({ kind: z.enum(['patient', 'staff']), id: z.string(), name: z.string().nullable() });

export const ChangeView = z.object({
  id: z.string(),
  change: z.enum(['created', 'revised', 'reviewed']),
  status: z.enum(ACTION_PLAN_STATUSES),
  /** The wording as it stood after the change. */
  snapshot: z.record(z.string(), z.string()),
  note: z.string().nullable(),
  /** The integration session of a review. */
  appointmentId: z.string().nullable(),
  by: Author,
  at: z.string(),
});

export const ItemView = z.object({
  id: z.string(),
  patientId: z.string(),
  courseId: z.string().nullable(),
  insight: z.string(),
  commitment: z.string(),
  timeframe: z.string(),
  measure: z.string(),
  status: z.enum(ACTION_PLAN_STATUSES),
  createdBy: Author,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Every change, oldest first; the last review, if any, is the latest 'reviewed'. */
  history: z.array(ChangeView),
  lastReviewedAt: z.string().nullable(),
});
export type ItemView = z.infer<typeof ItemView>;

export async function itemViews(ex: Executor, clinicId: string, items: ItemRow[], changes: ChangeRow[]): Promise<ItemView[]> {
  const names = await authorNames(ex, clinicId, [
    ...items.map((i) => ({ kind: i.createdByKind, id: i.createdBy })),
    ...changes.map((c) => ({ kind: c.byKind, id: c.by })),
  ]);
  const author = (kind: 'patient' | 'staff', id: string) => ({ kind, id, name: names.get(`${kind}:${id}`) ?? null });
  return items.map((i) => {
    const history = changes.filter((c) => c.itemId === i.id).map((c) => ({
      id: c.id, change: c.change, status: c.status, snapshot: c.snapshot, note: c.note, appointmentId: c.appointmentId, by: author(c.byKind, c.by), at: c.at.toISOString(),
    }));
    return {
      id: i.id, patientId: i.patientId, courseId: i.courseId, insight: i.insight, commitment: i.commitment, timeframe: i.timeframe, measure: i.measure, status: i.status,
      createdBy: author(i.createdByKind, i.createdBy), createdAt: i.createdAt.toISOString(), updatedAt: i.updatedAt.toISOString(), history,
      lastReviewedAt: history.filter((c) => c.change === 'reviewed').at(-1)?.at ?? null,
    };
  });
}
