/**
 * Integration follow-through (issue #6 §2): for each dose of a course, where its integration session stands.
 *
 * The rules, in order:
 * 1. A dose that will not be given (its appointment cancelled or a no-show, or its dosing session aborted before the
 *    dose) needs no integration and is left out (`doseOutcome` = 'not-given').
 * 2. A dose not given yet (booked, no dose recorded) is 'not-due'; the integration session booked for it is still
 *    reported, with whether it sits inside the window planned from the appointment's start.
 * 3. Each dose has a window: from `min` to `max` hours (the protocol's integrationWindowHours) after the dose
 *    appointment's start, as the planner and the course rules count it, so a session booked at the start of its window
 *    stays inside it when the dose is given twenty minutes late (the discharge screen still shows the window after the
 *    real dose time). Hours are elapsed hours, so a window across a daylight-saving change ends 48 real hours after
 *    the dose, not at the same wall-clock time two days later. A dose counts as given when its dosing session
 *    recorded the dose, or the appointment is completed.
 * 4. Its integration sessions are the course's integration appointments, not cancelled, with the dose's number, or
 *    starting after the dose and before the course's next dose (one booked on its own may carry another number), as
 *    the integration reminder job counts them.
 * 5. Status of a given dose:
 *    - 'held': one of them is completed (wherever it fell: it happened);
 *    - 'overdue': otherwise, once the window has ended (booked late or not at all, the window was missed);
 *    - 'booked': one is booked inside the window;
 *    - 'booked-outside-window': one is booked, but none inside the window (move it, or record why not);
 *    - 'not-booked': none booked yet, while the window is still open or ahead.
 *    A no-show integration counts as neither booked nor held.
 */
import { Temporal } from 'temporal-polyfill';

export const INTEGRATION_STATUSES = ['overdue', 'not-booked', 'booked-outside-window', 'booked', 'not-due', 'held'] as const;
export type IntegrationStatus = (typeof INTEGRATION_STATUSES)[number];

/** Most urgent first: the order of the clinic's follow-through list. */
export const STATUS_URGENCY: Record<IntegrationStatus, number> = Object.fromEntries(INTEGRATION_STATUSES.map((s, i) => [s, i])) as Record<IntegrationStatus, number>;

export type AppointmentStatus = 'booked' | 'completed' | 'cancelled' | 'no-show';

export interface DoseFacts {
  id: string;
  number: number;
  start: Temporal.Instant;
  end: Temporal.Instant;
  status: AppointmentStatus;
  /** The dosing session, when one was opened for the appointment. */
  session: { state: string; dosedAt: Temporal.Instant | null; dischargedAt: Temporal.Instant | null } | null;
}

export interface IntegrationFacts {
  id: string;
  number: number;
  start: Temporal.Instant;
  end: Temporal.Instant;
  status: AppointmentStatus;
}

/** Hours after the dose (the protocol's integrationWindowHours). */
export interface IntegrationWindow {
  min: number;
  max: number;
}

export type DoseOutcome = 'given' | 'pending' | 'not-given';

export interface DoseIntegration {
  doseId: string;
  doseNumber: number;
  doseStart: Temporal.Instant;
  /** When the dose was given (as the session recorded it), or the appointment's start while it is not recorded. */
  givenAt: Temporal.Instant;
  given: boolean;
  windowStart: Temporal.Instant;
  windowEnd: Temporal.Instant;
  status: IntegrationStatus;
  /** The integration session that decides the status (held, else booked inside the window, else the first booked). */
  integration: (IntegrationFacts & { inWindow: boolean }) | null;
}

export function doseOutcome(dose: DoseFacts): DoseOutcome {
  if (dose.status === 'cancelled' || dose.status === 'no-show') return 'not-given';
  if (dose.session?.dosedAt || dose.status === 'completed') return 'given';
  if (dose.session?.state === 'aborted') return 'not-given';
  return 'pending';
}

export function integrationWindowOf(anchor: Temporal.Instant, window: IntegrationWindow): { start: Temporal.Instant; end: Temporal.Instant } {
  return { start: anchor.add({ hours: window.min }), end: anchor.add({ hours: window.max }) };
}

const before = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) < 0;
const notAfter = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) <= 0;

/** Rule 4: the integration appointments that count for `dose` (cancelled ones never do). */
export function integrationsForDose(dose: DoseFacts, doses: readonly DoseFacts[], integrations: readonly IntegrationFacts[]): IntegrationFacts[] {
  const next = doses
    .filter((d) => d.id !== dose.id && d.status !== 'cancelled' && before(dose.start, d.start))
    .sort((a, b) => Temporal.Instant.compare(a.start, b.start))[0];
  return integrations
    .filter((i) => i.status !== 'cancelled')
    .filter((i) => i.number === dose.number || (before(dose.start, i.start) && (!next || before(i.start, next.start))))
    .sort((a, b) => Temporal.Instant.compare(a.start, b.start));
}

/** The status of one dose's integration at `now` (rules 2, 3 and 5); null for a dose that will not be given. */
export function integrationStatus(
  dose: DoseFacts, doses: readonly DoseFacts[], integrations: readonly IntegrationFacts[], window: IntegrationWindow, now: Temporal.Instant,
): DoseIntegration | null {
  const outcome = doseOutcome(dose);
  if (outcome === 'not-given') return null;
  const w = integrationWindowOf(dose.start, window);
  const inWindow = (i: IntegrationFacts) => notAfter(w.start, i.start) && notAfter(i.start, w.end);
  const mine = integrationsForDose(dose, doses, integrations);
  const held = mine.find((i) => i.status === 'completed');
  const booked = mine.filter((i) => i.status === 'booked');
  const chosen = held ?? booked.find(inWindow) ?? booked[0] ?? null;
  const base = {
    doseId: dose.id, doseNumber: dose.number, doseStart: dose.start, givenAt: dose.session?.dosedAt ?? dose.start, given: outcome === 'given', windowStart: w.start, windowEnd: w.end,
    integration: chosen ? { ...chosen, inWindow: inWindow(chosen) } : null,
  };
  return { ...base, status: statusOf(outcome, Boolean(held), booked.some(inWindow), booked.length > 0, before(w.end, now)) };
}

function statusOf(outcome: DoseOutcome, held: boolean, bookedInside: boolean, bookedAny: boolean, windowOver: boolean): IntegrationStatus {
  if (outcome === 'pending') return 'not-due';
  if (held) return 'held';
  if (windowOver) return 'overdue';
  if (bookedInside) return 'booked';
  return bookedAny ? 'booked-outside-window' : 'not-booked';
}

/** Every dose of a course that is or will be given, in dose order, with its integration status. */
export function courseIntegration(doses: readonly DoseFacts[], integrations: readonly IntegrationFacts[], window: IntegrationWindow, now: Temporal.Instant): DoseIntegration[] {
  return [...doses]
    .sort((a, b) => Temporal.Instant.compare(a.start, b.start))
    .map((d) => integrationStatus(d, doses, integrations, window, now))
    .filter((x): x is DoseIntegration => x !== null);
}
