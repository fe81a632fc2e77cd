/**
 * One timeline of a course (issue #6 §5): everything that happened, or is booked, on one time axis. Each event is a
 * member of a discriminated union on `kind` with an instant `at` (ISO 8601, UTC) and an `id` unique in the timeline.
 *
 * Two audiences read it:
 * - staff (the prescriber deciding the next dose, the therapist preparing the next session): `TimelineEvent`;
 * - the patient (their own course in plain words): `PatientTimelineEvent`, a projection that copies named fields
 *   only (patient.ts), so a field added here for staff never reaches the patient by accident.
 *
 * Psychotherapy notes are never an input: no type here can carry one. Progress notes contribute only the "themes"
 * field of signed integration notes, and only to the staff timeline.
 */
import type { SessionStatus } from '../dosing/session-state';
import type { OutcomeRules } from '../measurement/outcomes';

export type AppointmentKind = 'preparation' | 'dosing' | 'integration' | 'follow-up';
export type AppointmentStatus = 'booked' | 'completed' | 'cancelled' | 'no-show';

/**
 * Where a dose stands: booked (not started), in-progress (checked in, not yet discharged), given (discharged, or the
 * appointment completed), aborted (stopped with a reason; the dose may or may not have been given: see `dosed`),
 * no-show.
 */
export type DoseState = 'booked' | 'in-progress' | 'given' | 'aborted' | 'no-show';

// ---- inputs: rows as loaded, dates as ISO strings --------------------------------------------------------------

export interface AppointmentIn {
  id: string;
  kind: AppointmentKind;
  number: number;
  start: string;
  end: string;
  status: AppointmentStatus;
}

export interface DosingSessionIn {
  appointmentId: string;
  state: SessionStatus;
  dosedAt: string | null;
  dischargedAt: string | null;
  abortReason: string | null;
}

export interface DoseOrderIn {
  id: string;
  appointmentId: string;
  route: string;
  product: string;
  doseMg: number;
  weightKg: number | null;
  mgPerKg: number | null;
  infusionMinutes: number | null;
  /** The order broke a protocol limit and a prescriber overrode it with a reason. */
  overridden: boolean;
  orderedAt: string;
}

export interface AdministrationIn {
  appointmentId: string;
  orderId: string;
  amountMg: number;
  givenAt: string;
}

export interface VitalIn {
  appointmentId: string;
  takenAt: string;
  systolic: number;
  diastolic: number;
  heartRate: number;
  spo2: number;
}

export interface AlertIn {
  id: string;
  appointmentId: string;
  level: 'warn' | 'act';
  vital: string;
  message: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  action: string | null;
}

export type ObservationKind = 'sedation' | 'dissociation' | 'state' | 'adverse-event' | 'suicide-risk-check' | 'ride-present' | 'note';

export interface ObservationIn {
  id: string;
  appointmentId: string;
  kind: ObservationKind;
  level: number | null;
  eventType: string | null;
  severity: 'mild' | 'moderate' | 'severe' | null;
  actionTaken: string | null;
  text: string | null;
  observedAt: string;
}

export interface IntentionIn {
  id: string;
  appointmentId: string;
  text: string;
  writtenByKind: 'patient' | 'staff';
  createdAt: string;
}

export interface ResponseIn {
  id: string;
  instrumentId: string;
  total: number;
  severity: string | null;
  /** A safety flag fired (e.g. PHQ-9 item 9 above zero). */
  flagged: boolean;
  /** The dose the questionnaire was anchored to: a booked dose's anchor has the dosing appointment's id. */
  doseEventId: string | null;
  offsetHours: number | null;
  submittedAt: string;
}

export interface InstrumentInfo {
  id: string;
  title: string;
  shortTitle: string;
  maxTotal: number;
  bands: { band: string; label: string; min: number; max: number }[];
  rules: OutcomeRules;
}

/** A progress note's "themes" field: nothing else of the note is ever loaded. */
export interface NoteThemesIn {
  appointmentId: string;
  status: 'draft' | 'signed';
  themes: string | null;
  signedAt: string | null;
}

export interface JournalIn {
  id: string;
  appointmentId: string | null;
  prompt: string | null;
  text: string;
  mood: number | null;
  sharedAt: string | null;
  createdAt: string;
}

export interface ActionPlanChangeIn {
  id: string;
  itemId: string;
  appointmentId: string | null;
  change: 'created' | 'revised' | 'reviewed';
  status: 'active' | 'done' | 'dropped';
  snapshot: Record<string, string>;
  note: string | null;
  byKind: 'patient' | 'staff';
  at: string;
}

export interface CheckinIn {
  id: string;
  appointmentId: string;
  mood: number;
  sleep: string;
  difficult: string | null;
  safety: string;
  createdAt: string;
}

// ---- the staff timeline -------------------------------------------------------------------------------------

export interface VitalsPeak {
  readings: number;
  /** Highest systolic, highest diastolic and highest heart rate over the session (each on its own: not one reading). */
  peakSystolic: number;
  peakDiastolic: number;
  peakHeartRate: number;
  lowestSpo2: number;
  /** The last reading at or before the dose, to compare the peak with (null without a dose or a pre-dose reading). */
  preDose: { systolic: number; diastolic: number; heartRate: number; spo2: number } | null;
}

export interface DoseSummary {
  route: string | null;
  product: string | null;
  orderedMg: number | null;
  /** Sum of the parts given (a split dose has several); null when nothing was given. */
  givenMg: number | null;
  weightKg: number | null;
  /** mg/kg of what was given (or of the order, before anything is given); null without a weight. */
  mgPerKg: number | null;
  infusionMinutes: number | null;
  overridden: boolean;
  vitals: VitalsPeak | null;
  alerts: { warn: number; act: number; unacknowledged: number };
  adverseEvents: number;
  peakSedation: number | null;
  peakDissociation: number | null;
}

interface Base {
  id: string;
  at: string;
}

export type TimelineEvent =
  | (Base & { kind: 'session'; appointmentId: string; sessionKind: 'preparation' | 'integration' | 'follow-up'; number: number; status: AppointmentStatus; end: string; themes: string[] })
  | (Base & { kind: 'intention'; appointmentId: string; doseNumber: number; text: string; writtenBy: 'patient' | 'staff'; revisions: number })
  | (Base & {
      kind: 'dose'; appointmentId: string; number: number; state: DoseState; dosed: boolean; dischargedAt: string | null; abortReason: string | null; summary: DoseSummary;
    })
  | (Base & { kind: 'vitals-alert'; appointmentId: string; doseNumber: number; level: 'warn' | 'act'; vital: string; message: string; acknowledged: boolean; action: string | null })
  | (Base & { kind: 'observation'; appointmentId: string; doseNumber: number; observation: Exclude<ObservationKind, 'adverse-event' | 'ride-present'>; level: number | null; text: string | null })
  | (Base & { kind: 'adverse-event'; appointmentId: string; doseNumber: number; eventType: string; severity: 'mild' | 'moderate' | 'severe'; actionTaken: string | null; text: string | null })
  | (Base & {
      kind: 'questionnaire'; responseId: string; instrumentId: string; instrumentTitle: string; total: number; maxTotal: number | null; severity: string | null;
      severityLabel: string | null; baseline: boolean; change: number | null; response: boolean; remission: boolean; firstResponse: boolean; firstRemission: boolean;
      flagged: boolean; doseNumber: number | null; offsetHours: number | null;
    })
  | (Base & { kind: 'checkin'; appointmentId: string; doseNumber: number; mood: number; sleep: string; safety: string; difficult: string | null })
  | (Base & { kind: 'journal'; entryId: string; doseNumber: number | null; prompt: string | null; text: string; mood: number | null; shared: boolean; sharedAt: string | null })
  | (Base & {
      kind: 'action-plan'; itemId: string; change: 'created' | 'revised' | 'reviewed'; status: 'active' | 'done' | 'dropped'; insight: string; commitment: string;
      timeframe: string; measure: string; note: string | null; by: 'patient' | 'staff';
    });

export type TimelineEventKind = TimelineEvent['kind'];

export const EVENT_KINDS: readonly TimelineEventKind[] = [
  'session', 'intention', 'dose', 'vitals-alert', 'observation', 'adverse-event', 'checkin', 'questionnaire', 'journal', 'action-plan',
];

// ---- the patient's timeline -----------------------------------------------------------------------------------

export type PatientTimelineEvent =
  | (Base & { kind: 'session'; sessionKind: 'preparation' | 'integration' | 'follow-up'; number: number; status: AppointmentStatus })
  | (Base & { kind: 'intention'; doseNumber: number; text: string })
  | (Base & { kind: 'dose'; number: number; state: DoseState; route: string | null; mg: number | null })
  | (Base & {
      kind: 'questionnaire'; instrumentId: string; title: string; total: number; maxTotal: number | null; band: string | null;
      halvedSinceStart: boolean; lowRange: boolean; start: boolean;
    })
  | (Base & { kind: 'checkin'; doseNumber: number; mood: number; sleep: string; safety: string; difficult: string | null })
  | (Base & { kind: 'journal'; entryId: string; doseNumber: number | null; prompt: string | null; text: string; mood: number | null; shared: boolean })
  | (Base & {
      kind: 'action-plan'; itemId: string; change: 'created' | 'revised' | 'reviewed'; status: 'active' | 'done' | 'dropped'; insight: string; commitment: string;
      timeframe: string; measure: string; note: string | null; by: 'patient' | 'staff';
    });

export type PatientTimelineEventKind = PatientTimelineEvent['kind'];
