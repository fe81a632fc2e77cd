/**
 * The action plan (issue #6 §4): an insight from the work turned into a commitment, with when and how the patient
 * will know it is happening; reviewed, and updated, at each integration session. Pure: the wording rules, which
 * status changes are allowed, and the snapshot every change keeps (the history is append-only, so the plan's past is
 * read from the snapshots rather than reconstructed).
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../errors';

export const ACTION_PLAN_STATUSES = ['active', 'done', 'dropped'] as const;
export type ActionPlanStatus = (typeof ACTION_PLAN_STATUSES)[number];
export const WORDING_FIELDS = ['insight', 'commitment', 'timeframe', 'measure'] as const;
export type WordingField = (typeof WORDING_FIELDS)[number];

export const STATUS_LABEL: Record<ActionPlanStatus, string> = { active: 'Active', done: 'Done', dropped: 'Dropped' };

const limit = (n: number) => `at most ${n.toLocaleString('en')} characters`;
export const Insight = z.string().trim().min(1, 'name the insight this comes from').max(2000, limit(2000));
export const Commitment = z.string().trim().min(1, 'say what you will do').max(2000, limit(2000));
/** When: "every morning", "by the end of May". Optional while the commitment is still taking shape. */
export const Timeframe = z.string().trim().max(500, limit(500));
/** How the patient will know: "I will have called my sister twice". */
export const Measure = z.string().trim().max(1000, limit(1000));
export const Status = z.enum(ACTION_PLAN_STATUSES, { message: 'one of active, done, dropped' });
export const ChangeNote = z.string().trim().max(4000, limit(4000));

export const NewItem = z.object({ insight: Insight, commitment: Commitment, timeframe: Timeframe.default(''), measure: Measure.default('') });
export type NewItem = z.infer<typeof NewItem>;

export type Snapshot = Record<WordingField, string>;

export interface ItemState extends Snapshot {
  status: ActionPlanStatus;
}

/**
 * Status changes: an active item is done or dropped; a done or dropped item is taken up again (active). Done ↔
 * dropped directly is refused, because the two mean different things at review ("it happened" against "we let it
 * go") and changing one into the other silently would rewrite what was decided; reopen it first.
 */
const ALLOWED: Record<ActionPlanStatus, readonly ActionPlanStatus[]> = {
  active: ['done', 'dropped'],
  done: ['active'],
  dropped: ['active'],
};

export function checkStatusChange(from: ActionPlanStatus, to: ActionPlanStatus): Result<void> {
  if (from === to || ALLOWED[from].includes(to)) return ok(undefined);
  return fail('INVALID_TRANSITION', `An item that is ${from} cannot become ${to} directly: make it active again first.`, {
    fields: [{ path: 'status', message: `not allowed from ${from}` }],
  });
}

export const allowedStatuses = (from: ActionPlanStatus): ActionPlanStatus[] => [from, ...ALLOWED[from]];

export function snapshotOf(item: Snapshot): Snapshot {
  return { insight: item.insight, commitment: item.commitment, timeframe: item.timeframe, measure: item.measure };
}

export type Revision = Partial<Snapshot> & { status?: ActionPlanStatus | undefined };

/** The item after a revision and the fields it changed (empty: nothing to record); refused status changes fail. */
export function reviseItem(item: ItemState, revision: Revision): Result<{ next: ItemState; changed: (WordingField | 'status')[] }> {
  const next: ItemState = { ...snapshotOf(item), status: item.status };
  const changed: (WordingField | 'status')[] = [];
  for (const field of WORDING_FIELDS) {
    const value = revision[field];
    if (value !== undefined && value.trim() !== item[field]) {
      next[field] = value.trim();
      changed.push(field);
    }
  }
  if (revision.status !== undefined && revision.status !== item.status) {
    const allowed = checkStatusChange(item.status, revision.status);
    if (!allowed.ok) return allowed;
    next.status = revision.status;
    changed.push('status');
  }
  // The wording rules hold after the change too (a revision cannot blank the commitment).
  if (!next.commitment) return fail('VALIDATION_FAILED', 'An item needs a commitment.', { fields: [{ path: 'commitment', message: 'say what you will do' }] });
  if (!next.insight) return fail('VALIDATION_FAILED', 'An item needs its insight.', { fields: [{ path: 'insight', message: 'name the insight this comes from' }] });
  return ok({ next, changed });
}

/** A review at an integration session: the item's status afterwards (unchanged is a review too: "still going"). */
export function reviewItem(item: ItemState, status: ActionPlanStatus): Result<ItemState> {
  const allowed = checkStatusChange(item.status, status);
  if (!allowed.ok) return allowed;
  return ok({ ...snapshotOf(item), status });
}
