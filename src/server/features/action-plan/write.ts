/**
 * Changing an action plan: add an item, revise it, review it at an integration session. Each change updates the item
 * and appends a change row with the snapshot, in one transaction with its audit event (which names the fields and
 * statuses, never the wording or the note).
 */
import { and, eq } from 'drizzle-orm';
import { reviewItem, reviseItem, snapshotOf, type ActionPlanStatus, type NewItem, type Revision } from '../../../core/action-plan';
import type { Tx } from '../../../db/database';
import { newId } from '../../../db/ids';
import { appointments } from '../../../db/schema';
import { audit, type Ctx } from '../../context';
import { httpError, HttpError, notFound, unwrap } from '../../http-errors';
import { authorizePatient } from '../patients/access';
import { currentCourseId } from '../journal/store';
import { findItem, insertChange, insertItem, updateItem, type ChangeRow, type ItemRow } from './store';

export const RESOURCE = 'action-plan-item';

type Mode = 'read' | 'write' | 'review';

/**
 * Who may do what to a patient's plan: reading is 'patient:read-clinical' (the clinical staff who read the record,
 * and the patient); adding and revising is the patient themself or staff who write the patient's session notes
 * ('patient:write-progress-note': prescriber, nurse, the care team's therapists); a review is recorded by those staff
 * at an integration session (the patient 403). Anyone else 404, audited.
 */
export async function authorizePlan(ctx: Ctx, patientId: string, mode: Mode, auditAction: string): Promise<void> {
  const action = mode === 'read' || ctx.actor.kind === 'patient' ? 'patient:read-clinical' : 'patient:write-progress-note';
  unwrap(await authorizePatient(ctx, patientId, action, auditAction));
  if (mode === 'review' && ctx.actor.kind !== 'staff') {
    await audit(ctx, { action: auditAction, resourceType: RESOURCE, patientId, outcome: 'denied' });
    throw httpError('FORBIDDEN', 'Reviews are recorded by your care team at your integration session; you can revise your items yourself.');
  }
}

const by = (ctx: Ctx) => ({ byKind: ctx.actor.kind, by: ctx.actor.kind === 'staff' ? ctx.actor.staffId : ctx.actor.patientId });
const now = (ctx: Ctx) => new Date(ctx.deps.clock().epochMilliseconds);

function change(ctx: Ctx, item: ItemRow, kind: ChangeRow['change'], extra: { note?: string | null | undefined; appointmentId?: string | null }): ChangeRow {
  return {
    clinicId: item.clinicId, id: newId(), itemId: item.id, patientId: item.patientId, appointmentId: extra.appointmentId ?? null, change: kind,
    status: item.status, snapshot: snapshotOf(item), note: extra.note ? extra.note : null, ...by(ctx), at: item.updatedAt,
  };
}

export async function createItem(ctx: Ctx, patientId: string, input: NewItem): Promise<ItemRow> {
  const db = ctx.deps.database.db;
  await authorizePlan(ctx, patientId, 'write', 'action-plan.create');
  const at = now(ctx);
  const { byKind, by: author } = by(ctx);
  const item: ItemRow = {
    clinicId: ctx.actor.clinicId, id: newId(), patientId, courseId: await currentCourseId(db, ctx.actor.clinicId, patientId), ...input, status: 'active',
    createdByKind: byKind, createdBy: author, createdAt: at, updatedAt: at,
  };
  await db.transaction(async (tx) => {
    await insertItem(tx, item);
    await insertChange(tx, change(ctx, item, 'created', {}));
    await audit(ctx, { action: 'action-plan.create', resourceType: RESOURCE, resourceId: item.id, patientId, detail: { courseId: item.courseId, status: item.status } }, tx);
  });
  return item;
}

/** Runs `work` on the patient's item under a row lock; an item that is not the patient's is 404 (audited). */
async function withItem<T>(ctx: Ctx, patientId: string, itemId: string, auditAction: string, work: (tx: Tx, item: ItemRow) => Promise<T>): Promise<T> {
  try {
    return await ctx.deps.database.db.transaction(async (tx) => {
      const item = await findItem(tx, ctx.actor.clinicId, patientId, itemId, true);
      if (!item) throw notFound('action-plan item');
      return work(tx, item);
    });
  } catch (err) {
    if (err instanceof HttpError) {
      await audit(ctx, { action: auditAction, resourceType: RESOURCE, resourceId: itemId, patientId, outcome: 'denied', detail: { reason: err.error.code } });
    }
    throw err;
  }
}

export async function revisePlanItem(ctx: Ctx, patientId: string, itemId: string, revision: Revision & { note?: string | undefined }): Promise<ItemRow> {
  await authorizePlan(ctx, patientId, 'write', 'action-plan.revise');
  return withItem(ctx, patientId, itemId, 'action-plan.revise', async (tx, item) => {
    const { next, changed } = unwrap(reviseItem(item, revision));
    if (changed.length === 0) return item;
    const updated = await updateItem(tx, item, { ...next, updatedAt: now(ctx) });
    await insertChange(tx, change(ctx, updated, 'revised', { note: revision.note }));
    await audit(ctx, { action: 'action-plan.revise', resourceType: RESOURCE, resourceId: item.id, patientId, detail: { fields: changed, from: item.status, status: updated.status, withNote: Boolean(revision.note) } }, tx);
    return updated;
  });
}

/** The review's session: an integration appointment of this patient that was not cancelled or missed; else 400. */
async function integrationSession(tx: Tx, ctx: Ctx, patientId: string, appointmentId: string) {
  const [a] = await tx.select().from(appointments).where(and(eq(appointments.clinicId, ctx.actor.clinicId), eq(appointments.id, appointmentId))).limit(1);
  if (!a || a.patientId !== patientId || a.kind !== 'integration' || a.status === 'cancelled' || a.status === 'no-show') {
    throw httpError('VALIDATION_FAILED', 'A review is recorded at one of this patient’s integration sessions.', {
      fields: [{ path: 'appointmentId', message: 'not an integration session of this patient (or it was cancelled)' }],
    });
  }
  return a;
}

export async function reviewPlanItem(ctx: Ctx, patientId: string, itemId: string, input: { appointmentId: string; status: ActionPlanStatus; note?: string | undefined }): Promise<ItemRow> {
  await authorizePlan(ctx, patientId, 'review', 'action-plan.review');
  return withItem(ctx, patientId, itemId, 'action-plan.review', async (tx, item) => {
    await integrationSession(tx, ctx, patientId, input.appointmentId);
    const next = unwrap(reviewItem(item, input.status));
    const updated = await updateItem(tx, item, { status: next.status, updatedAt: now(ctx) });
    await insertChange(tx, change(ctx, updated, 'reviewed', { note: input.note, appointmentId: input.appointmentId }));
    await audit(ctx, {
      action: 'action-plan.review', resourceType: RESOURCE, resourceId: item.id, patientId,
      detail: { appointmentId: input.appointmentId, from: item.status, status: next.status, withNote: Boolean(input.note) },
    }, tx);
    return updated;
  });
}
