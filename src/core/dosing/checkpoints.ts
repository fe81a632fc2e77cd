/**
 * When vital signs are due during a dosing session, and which are recorded, due, overdue or missed.
 *
 * The schedule (protocol `dosing.checkpoints`): the pre-dose reading, the fixed offsets after the dose (default
 * 15/30/40/45/60 min), then one every `thenEveryMinutes` until the planned end, and one before discharge at the planned
 * end. A periodic checkpoint less than half an interval before the planned end is folded into the before-discharge one
 * (two readings minutes apart add nothing).
 *
 * Matching rule (which reading counts for which checkpoint): each checkpoint has a window. It opens half-way back to
 * the previous checkpoint (the pre-dose one: `predoseVitals.maxAgeMinutes` before the dose) and closes half-way to the
 * next one, but never sooner than the grace period after its due time (the pre-dose one closes at the dose; the last
 * one never closes). Readings are taken in time order, and each satisfies the earliest unsatisfied checkpoint whose
 * window contains it. Windows may overlap by the grace period, so a late reading for 40 min (at 44) still counts for
 * 40 and the 45-min reading is still asked for.
 *
 * Status: overdue from due + grace until the window closes, then missed (no reading can satisfy it any more; the next
 * checkpoint takes over). With close checkpoints (40 and 45, grace 5) the overdue phase of 40 is empty.
 */
import { fail, ok, type Result } from '../errors';
import { MINUTE_MS } from './common';
import type { DosingContext } from './dosing-protocol';

export type CheckpointKind = 'pre-dose' | 'post-dose' | 'before-discharge';

export interface Checkpoint {
  /** Stable within a session: "pre-dose", "after-15", "before-discharge". */
  id: string;
  kind: CheckpointKind;
  /** Minutes after the dose (0 for pre-dose). */
  offsetMinutes: number;
  dueAt: number;
  label: string;
  /** A reading at an instant in [windowStart, windowEnd] may satisfy it; windowEnd null = open-ended. */
  windowStart: number;
  windowEnd: number | null;
}

interface Due {
  kind: CheckpointKind;
  offset: number;
}

function dueOffsets(p: DosingContext, endOffset: number): Due[] {
  const c = p.dosing.checkpoints;
  const fixed = c.atMinutes.filter((m) => (c.beforeDischarge ? m < endOffset : m <= endOffset));
  const periodic: number[] = [];
  const last = c.atMinutes[c.atMinutes.length - 1]!;
  if (c.thenEveryMinutes !== null) {
    const every = c.thenEveryMinutes;
    const stop = c.beforeDischarge ? endOffset - every / 2 : endOffset;
    for (let m = last + every; m <= stop; m += every) periodic.push(m);
  }
  const out: Due[] = [...fixed, ...periodic].map((m) => ({ kind: m === 0 ? 'pre-dose' : 'post-dose', offset: m }));
  if (c.beforeDischarge) out.push({ kind: 'before-discharge', offset: endOffset });
  return out;
}

const idOf = (d: Due) => (d.kind === 'post-dose' ? `after-${d.offset}` : d.kind);
const labelOf = (d: Due) =>
  d.kind === 'pre-dose' ? 'Before the dose' : d.kind === 'before-discharge' ? 'Before discharge' : `${d.offset} min after the dose`;

/**
 * The checkpoints of a session dosed at `dosedAt` with discharge planned at `plannedEnd` (epoch ms). Recompute with a
 * new planned end when discharge moves.
 */
export function checkpointSchedule(p: DosingContext, dosedAt: number, plannedEnd: number): Result<Checkpoint[]> {
  if (!(plannedEnd > dosedAt)) {
    return fail('VALIDATION_FAILED', 'The planned end of monitoring must be after the dose.', { fields: [{ path: 'plannedEnd', message: 'must be after the dose time' }] });
  }
  const dues = dueOffsets(p, (plannedEnd - dosedAt) / MINUTE_MS);
  const grace = p.dosing.checkpoints.overdueGraceMinutes * MINUTE_MS;
  const dueAt = dues.map((d) => dosedAt + d.offset * MINUTE_MS);
  return ok(
    dues.map((d, i) => {
      const at = dueAt[i]!;
      const previous = i === 0 ? dosedAt : dueAt[i - 1]!;
      const next = dueAt[i + 1];
      const windowStart = d.kind === 'pre-dose' ? at - p.dosing.predoseVitals.maxAgeMinutes * MINUTE_MS : at - (at - previous) / 2;
      const windowEnd = d.kind === 'pre-dose' ? at : next === undefined ? null : at + Math.max((next - at) / 2, grace);
      return { id: idOf(d), kind: d.kind, offsetMinutes: d.offset, dueAt: at, label: labelOf(d), windowStart, windowEnd };
    }),
  );
}

export type CheckpointStatus = 'recorded' | 'upcoming' | 'due' | 'overdue' | 'missed';

export interface CheckpointState extends Checkpoint {
  status: CheckpointStatus;
  /** The reading that satisfied it. */
  recordedAt: number | null;
}

export interface CheckpointReport {
  checkpoints: CheckpointState[];
  /** The earliest checkpoint still to be recorded (due, overdue or upcoming), or null. */
  nextDue: CheckpointState | null;
  /** Readings that satisfied no checkpoint (extra readings). */
  unmatched: number[];
}

/** Assigns readings to checkpoints by the matching rule above. */
export function matchReadings(schedule: readonly Checkpoint[], recordedTimes: readonly number[]): { matched: (number | null)[]; unmatched: number[] } {
  const matched: (number | null)[] = schedule.map(() => null);
  const unmatched: number[] = [];
  for (const t of [...recordedTimes].sort((a, b) => a - b)) {
    const i = schedule.findIndex((c, idx) => matched[idx] === null && t >= c.windowStart && (c.windowEnd === null || t <= c.windowEnd));
    if (i === -1) unmatched.push(t);
    else matched[i] = t;
  }
  return { matched, unmatched };
}

function statusOf(c: Checkpoint, recordedAt: number | null, now: number, graceMs: number): CheckpointStatus {
  if (recordedAt !== null) return 'recorded';
  if (c.windowEnd !== null && now > c.windowEnd) return 'missed';
  if (now > c.dueAt + graceMs) return 'overdue';
  if (now >= c.windowStart) return 'due';
  return 'upcoming';
}

/**
 * Each checkpoint at `now`: recorded (a reading satisfied it); upcoming (its window has not opened); due (window open,
 * not past due + grace); overdue (past due + grace and a reading can still satisfy it); missed (its window closed
 * without a reading). Readings after `now` are ignored.
 */
export function checkpointStatus(schedule: readonly Checkpoint[], recordedTimes: readonly number[], now: number, graceMinutes: number): CheckpointReport {
  const { matched, unmatched } = matchReadings(schedule, recordedTimes.filter((t) => t <= now));
  const checkpoints = schedule.map((c, i) => ({ ...c, status: statusOf(c, matched[i]!, now, graceMinutes * MINUTE_MS), recordedAt: matched[i]! }));
  const nextDue = checkpoints.find((c) => c.status === 'due' || c.status === 'overdue' || c.status === 'upcoming') ?? null;
  return { checkpoints, nextDue, unmatched };
}
