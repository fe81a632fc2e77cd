/**
 * Who is with the patient during a dosing session: a log of staff entering and leaving the room. Once the dose is
 * given and until discharge, the patient is never left without a clinician (kap-brief.md: "a therapist stays present";
 * the REMS requires monitoring throughout, clinical-facts.md §2.3). So the last therapist, nurse or prescriber present
 * may leave only by handing over to another one who is present, or who enters at that same moment.
 *
 * The rule also covers ready-for-discharge (the patient is still under observation until discharged), a step beyond
 * "dosed and monitoring" chosen because it is the safer reading.
 */
import { fail, ok, type Result } from '../errors';
import { roleList, WATCHER_ROLES, type StaffRole } from './common';
import type { SessionStatus } from './session-state';

export interface PresenceEntry {
  staffId: string;
  role: StaffRole;
  kind: 'enter' | 'leave';
  at: number;
  /** On a leave: the staff member taking over. */
  handoverTo?: string | null;
}

export interface PresentStaff {
  staffId: string;
  role: StaffRole;
  since: number;
}

/** Phases in which the patient must not be left alone. */
export const WATCHED_PHASES: readonly SessionStatus[] = ['dosed', 'monitoring', 'ready-for-discharge'];

/**
 * Who is present at `at`: the entries up to and including `at`, in time order (entries at the same instant in log
 * order). Someone who enters at `at` is present at `at`; someone who leaves at `at` is not.
 */
export function whoIsPresent(log: readonly PresenceEntry[], at: number): PresentStaff[] {
  const ordered = log.map((e, i) => ({ e, i })).filter(({ e }) => e.at <= at).sort((a, b) => a.e.at - b.e.at || a.i - b.i);
  const present = new Map<string, PresentStaff>();
  for (const { e } of ordered) {
    if (e.kind === 'enter') {
      if (!present.has(e.staffId)) present.set(e.staffId, { staffId: e.staffId, role: e.role, since: e.at });
    } else present.delete(e.staffId);
  }
  return [...present.values()];
}

const isWatcher = (role: StaffRole) => WATCHER_ROLES.includes(role);

/**
 * Whether `staffId` may leave at `at` in `phase`, handing over to `handoverTo` if given. Refused (CONFLICT) when the
 * leaver is the last therapist, nurse or prescriber present in a watched phase and hands over to nobody present;
 * a hand-over named is always checked (to someone present who can watch the patient).
 */
export function checkLeave(log: readonly PresenceEntry[], staffId: string, at: number, phase: SessionStatus, handoverTo?: string | null): Result<{ handoverTo: string | null }> {
  const present = whoIsPresent(log, at);
  const leaver = present.find((p) => p.staffId === staffId);
  if (!leaver) return fail('VALIDATION_FAILED', `Staff member ${staffId} is not recorded as present, so cannot leave: record the entry first.`, { fields: [{ path: 'staffId', message: 'not present' }] });
  const watchers = present.filter((p) => p.staffId !== staffId && isWatcher(p.role));
  if (handoverTo) {
    if (handoverTo === staffId) return fail('VALIDATION_FAILED', 'A hand-over must be to someone else.', { fields: [{ path: 'handoverTo', message: 'cannot be yourself' }] });
    if (!watchers.some((p) => p.staffId === handoverTo)) {
      return fail('CONFLICT', `Cannot hand over to ${handoverTo}: hand over to a ${roleList(WATCHER_ROLES)} who is in the room (record their entry first).`, {
        fields: [{ path: 'handoverTo', message: 'not present, or not a clinician' }],
      });
    }
    return ok({ handoverTo });
  }
  if (!WATCHED_PHASES.includes(phase) || !isWatcher(leaver.role) || watchers.length > 0) return ok({ handoverTo: null });
  return fail('CONFLICT', `You are the last clinician with the patient (session "${phase}"): hand over to a ${roleList(WATCHER_ROLES)} who is present or comes in now, before leaving.`, {
    fields: [{ path: 'handoverTo', message: 'required: you are the last clinician present' }],
  });
}

/**
 * Adds an entry to the log after checking it: an enter by someone not present, a leave as `checkLeave` allows.
 * Returns the new log.
 */
export function appendPresence(log: readonly PresenceEntry[], entry: PresenceEntry, phase: SessionStatus): Result<PresenceEntry[]> {
  if (entry.kind === 'enter') {
    if (whoIsPresent(log, entry.at).some((p) => p.staffId === entry.staffId)) {
      return fail('CONFLICT', `Staff member ${entry.staffId} is already recorded as present.`, { fields: [{ path: 'staffId', message: 'already present' }] });
    }
    return ok([...log, { ...entry, handoverTo: null }]);
  }
  const check = checkLeave(log, entry.staffId, entry.at, phase, entry.handoverTo);
  if (!check.ok) return check;
  return ok([...log, { ...entry, handoverTo: check.value.handoverTo }]);
}
