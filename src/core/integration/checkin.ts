/**
 * The post-dose check-in (issue #6 §2): a few questions the patient answers after each dose.
 *
 * When:
 * - it opens when the dose is over: at discharge, or at the appointment's end when the dose is recorded without a
 *   discharge (a completed appointment, a session aborted after the dose). While the session is still running (dosed,
 *   monitoring, ready for discharge) it is not open yet; a dose that is not given has none;
 * - the portal prompts it "the next morning": from CHECKIN_PROMPT_TIME on the clinic-local calendar day after it
 *   opened (the evening of the dose the patient may still answer, but is not asked to);
 * - it closes CHECKIN_OPEN_HOURS (elapsed) hours after it opened: past that the patient is no longer asked (what
 *   happened since belongs to the integration session). Staff entering a check-in on the patient's behalf (a phone
 *   call) may still do so after it closed, once it opened.
 * - one per dose.
 *
 * Risk: the safety question alone decides. 'passive' (thoughts of death or self-harm without intent) and 'active'
 * (thinking about acting on them) each open a safety alert for the care team and show the clinic's crisis resources at
 * once, as a questionnaire's self-harm answer does. On purpose, nothing else does:
 * - low mood and poor sleep the morning after a dose are common and are what integration is for; a safety alert that
 *   fires on them would bury the ones that matter (the care team sees every answer on the patient's check-ins);
 * - the free text is never machine-read: keyword matching misses most risk and flags ordinary words, and the portal
 *   says plainly that the answers are not watched in real time and where to get help now.
 */
import { Temporal } from 'temporal-polyfill';
import type { RaisedFlag } from '../instruments/score';
import { doseOutcome, type DoseFacts } from './status';

export const CHECKIN_OPEN_HOURS = 72;
export const CHECKIN_PROMPT_TIME = Temporal.PlainTime.from('08:00');
export const SLEEP_ANSWERS = ['well', 'some', 'poorly', 'not-at-all'] as const;
export const SAFETY_ANSWERS = ['no', 'passive', 'active'] as const;
export type SleepAnswer = (typeof SLEEP_ANSWERS)[number];
export type SafetyAnswer = (typeof SAFETY_ANSWERS)[number];

/** Dosing-session states in which the patient is still in the clinic after the dose. */
const LIVE_AFTER_DOSE = ['dosed', 'monitoring', 'ready-for-discharge'];

export interface CheckinWindow {
  opensAt: Temporal.Instant;
  promptAt: Temporal.Instant;
  closesAt: Temporal.Instant;
}

/**
 * - 'not-open': the dose is not over yet;
 * - 'open': may be answered, not asked for yet (the evening of the dose);
 * - 'due': the next morning has come: the portal asks for it;
 * - 'closed': it was never answered and the time for it has passed;
 * - 'done': answered.
 */
export type CheckinState = 'not-open' | 'open' | 'due' | 'closed' | 'done';

/** When the check-in after `dose` opens, is prompted and closes; null when there is none (yet). */
export function checkinWindow(dose: DoseFacts, zone: string): CheckinWindow | null {
  if (doseOutcome(dose) !== 'given') return null;
  if (dose.session && LIVE_AFTER_DOSE.includes(dose.session.state)) return null;
  const opensAt = dose.session?.dischargedAt ?? dose.end;
  const promptAt = opensAt.toZonedDateTimeISO(zone).toPlainDate().add({ days: 1 }).toZonedDateTime({ timeZone: zone, plainTime: CHECKIN_PROMPT_TIME }).toInstant();
  return { opensAt, promptAt, closesAt: opensAt.add({ hours: CHECKIN_OPEN_HOURS }) };
}

export function checkinState(window: CheckinWindow | null, now: Temporal.Instant, done: boolean): CheckinState {
  if (done) return 'done';
  if (!window || Temporal.Instant.compare(now, window.opensAt) < 0) return 'not-open';
  if (Temporal.Instant.compare(now, window.closesAt) >= 0) return 'closed';
  return Temporal.Instant.compare(now, window.promptAt) >= 0 ? 'due' : 'open';
}

/** Whether a check-in may be recorded now: by the patient while open or due; by staff once it opened. */
export function mayRecordCheckin(state: CheckinState, by: 'patient' | 'staff'): boolean {
  if (state === 'open' || state === 'due') return true;
  return by === 'staff' && state === 'closed';
}

export const CHECKIN_FLAGS = {
  active: { id: 'checkin-active-ideation', message: 'Post-dose check-in: the patient reported thoughts of death or self-harm and has thought about acting on them.' },
  passive: { id: 'checkin-passive-ideation', message: 'Post-dose check-in: the patient reported thoughts of death or self-harm, without thinking about acting on them.' },
} as const;

export interface CheckinAssessment {
  /** The safety flag to open an alert with (null: no risk answer). */
  flag: RaisedFlag | null;
  /** Show the clinic's crisis resources at once. */
  showCrisisResources: boolean;
}

export function assessCheckin(answers: { safety: SafetyAnswer }): CheckinAssessment {
  if (answers.safety === 'no') return { flag: null, showCrisisResources: false };
  const f = CHECKIN_FLAGS[answers.safety];
  return { flag: { id: f.id, item: 'safety', value: answers.safety === 'active' ? 2 : 1, message: f.message }, showCrisisResources: true };
}
