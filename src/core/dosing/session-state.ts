/**
 * The dosing session's state machine (issue #5):
 *
 *   scheduled → checked-in → checks-passed → dosed → monitoring → ready-for-discharge → discharged
 *   and aborted, with a reason, from any state before discharged.
 *
 * Only these steps. Each gate takes the evaluation that justifies it, so the machine never decides clinical questions
 * itself: checks-passed needs the checklist's `canDose`; dosed needs an order that is within limits or overridden;
 * ready-for-discharge needs the discharge evaluation met (all but the signature); discharged needs it fully met,
 * evaluated again at signing (the patient may have changed since). Who may take each step:
 * - check-in: any staff member (front desk included);
 * - pass-checks, dose, start-monitoring, ready-for-discharge, discharge: a prescriber or nurse (kap-brief.md: the
 *   nurse runs the checklists and records vitals, the prescriber oversees; both may give the dose and sign discharge);
 * - abort: any staff member before the dose; once dosed, a prescriber or nurse (it is then a clinical decision).
 * Monitoring starts with the first post-dose vitals or explicitly; the event says which.
 */
import { fail, ok, type Result } from '../errors';
import { MEDICAL_ROLES, roleList, type StaffRef, type StaffRole } from './common';
import type { DischargeConditionId } from './discharge';
import { STAFF_ROLES } from '../authorization';

export const SESSION_STATUSES = ['scheduled', 'checked-in', 'checks-passed', 'dosed', 'monitoring', 'ready-for-discharge', 'discharged', 'aborted'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface SessionState {
  status: SessionStatus;
  /** When the current status began. */
  since: number;
  dosedAt: number | null;
  abortReason: string | null;
}

interface Base {
  by: StaffRef;
  at: number;
}
export type SessionEvent =
  | (Base & { type: 'check-in' })
  | (Base & { type: 'pass-checks'; checklist: { canDose: boolean; blocking: readonly string[] } })
  | (Base & { type: 'dose'; order: { blocked: boolean; message: string } })
  | (Base & { type: 'start-monitoring'; trigger: 'first-vitals' | 'explicit' })
  | (Base & { type: 'ready-for-discharge'; discharge: { unmet: readonly { id: DischargeConditionId; message: string }[] } })
  | (Base & { type: 'discharge'; discharge: { unmet: readonly { id: DischargeConditionId; message: string }[] } })
  | (Base & { type: 'abort'; reason: string });
export type SessionEventType = SessionEvent['type'];

interface Step {
  from: SessionStatus;
  to: SessionStatus;
  roles: readonly StaffRole[];
  /** What the step does, for messages ("record the dose"). */
  does: string;
}

const STEPS: Record<Exclude<SessionEventType, 'abort'>, Step> = {
  'check-in': { from: 'scheduled', to: 'checked-in', roles: STAFF_ROLES, does: 'check the patient in' },
  'pass-checks': { from: 'checked-in', to: 'checks-passed', roles: MEDICAL_ROLES, does: 'pass the pre-dose checks' },
  dose: { from: 'checks-passed', to: 'dosed', roles: MEDICAL_ROLES, does: 'record the dose' },
  'start-monitoring': { from: 'dosed', to: 'monitoring', roles: MEDICAL_ROLES, does: 'start monitoring' },
  'ready-for-discharge': { from: 'monitoring', to: 'ready-for-discharge', roles: MEDICAL_ROLES, does: 'mark the patient ready for discharge' },
  discharge: { from: 'ready-for-discharge', to: 'discharged', roles: MEDICAL_ROLES, does: 'sign the discharge' },
};

const FINAL: ReadonlySet<SessionStatus> = new Set(['discharged', 'aborted']);
const AFTER_DOSE: ReadonlySet<SessionStatus> = new Set(['dosed', 'monitoring', 'ready-for-discharge']);

/** A new session, created (booked) at `createdAt`; not the appointment time, as a patient may check in early. */
export function initialSession(createdAt: number): SessionState {
  return { status: 'scheduled', since: createdAt, dosedAt: null, abortReason: null };
}

/** The events allowed from a status (before role and gate checks). */
export function allowedEvents(status: SessionStatus): SessionEventType[] {
  const steps = (Object.keys(STEPS) as Exclude<SessionEventType, 'abort'>[]).filter((t) => STEPS[t].from === status);
  return FINAL.has(status) ? steps : [...steps, 'abort'];
}

function abortRoles(status: SessionStatus): readonly StaffRole[] {
  return AFTER_DOSE.has(status) ? MEDICAL_ROLES : STAFF_ROLES;
}

/** Why the gate of a step is closed, or null when it is open. */
function gateProblem(event: SessionEvent): string | null {
  switch (event.type) {
    case 'pass-checks':
      return event.checklist.canDose ? null : `the pre-dose checklist has not passed (still open: ${event.checklist.blocking.join(', ') || 'unknown'}); complete those items or have a prescriber override them`;
    case 'dose':
      return event.order.blocked ? `the dose order is blocked (${event.order.message})` : null;
    case 'ready-for-discharge': {
      const open = event.discharge.unmet.filter((c) => c.id !== 'signer');
      return open.length === 0 ? null : `discharge conditions are not met: ${open.map((c) => c.message).join(' ')}`;
    }
    case 'discharge':
      return event.discharge.unmet.length === 0 ? null : `discharge conditions are not met: ${event.discharge.unmet.map((c) => c.message).join(' ')}`;
    default:
      return null;
  }
}

function applyAbort(state: SessionState, event: Extract<SessionEvent, { type: 'abort' }>): Result<SessionState> {
  if (FINAL.has(state.status)) {
    return fail('INVALID_TRANSITION', `The session is "${state.status}": it has ended and cannot be aborted.`);
  }
  const roles = abortRoles(state.status);
  if (!roles.includes(event.by.role)) {
    return fail('FORBIDDEN', `After the dose only a ${roleList(roles)} may abort the session (you are signed in as ${event.by.role}).`);
  }
  const reason = event.reason.trim();
  if (!reason) return fail('VALIDATION_FAILED', 'Aborting a session needs a reason.', { fields: [{ path: 'reason', message: 'required when aborting' }] });
  return ok({ ...state, status: 'aborted', since: event.at, abortReason: reason });
}

/**
 * Applies one event to the state: the new state, or INVALID_TRANSITION (wrong step, or its gate closed), FORBIDDEN
 * (role), VALIDATION_FAILED (no abort reason; an event dated before the current status began).
 */
export function applySessionEvent(state: SessionState, event: SessionEvent): Result<SessionState> {
  if (event.at < state.since) {
    return fail('VALIDATION_FAILED', `This step is dated before the session became "${state.status}": check the time.`, { fields: [{ path: 'at', message: 'before the previous step' }] });
  }
  if (event.type === 'abort') return applyAbort(state, event);
  const step = STEPS[event.type];
  if (step.from !== state.status) {
    const allowed = allowedEvents(state.status);
    const next = allowed.length > 0 ? `From "${state.status}" the allowed steps are: ${allowed.join(', ')}.` : 'No further step is possible.';
    return fail('INVALID_TRANSITION', `The session is "${state.status}": cannot ${step.does} (that needs "${step.from}"). ${next}`, { details: { status: state.status, allowed } });
  }
  if (!step.roles.includes(event.by.role)) {
    return fail('FORBIDDEN', `Only a ${roleList(step.roles)} may ${step.does} (you are signed in as ${event.by.role}).`);
  }
  const gate = gateProblem(event);
  if (gate) return fail('INVALID_TRANSITION', `The session is "${state.status}": cannot ${step.does} because ${gate}`, { details: { status: state.status } });
  const dosedAt = event.type === 'dose' ? event.at : state.dosedAt;
  return ok({ ...state, status: step.to, since: event.at, dosedAt });
}

/** Replays events from the scheduled state (e.g. to rebuild a session from its stored events). */
export function replaySession(createdAt: number, events: readonly SessionEvent[]): Result<SessionState> {
  let state = initialSession(createdAt);
  for (const event of events) {
    const next = applySessionEvent(state, event);
    if (!next.ok) return next;
    state = next.value;
  }
  return ok(state);
}
