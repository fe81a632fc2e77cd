/** Words (and colours, always beside the words) for the dosing session's codes, shared by the console and the board. */
import type { AdverseEventType, ChecklistStatus, CheckpointStatus, DoseRoute, Level, Lighting, ObservationKind, SessionState, Severity, VitalKey } from './types';

/**
 * Colours for filled badges and buttons (white text): shades dark enough for WCAG AA contrast at small sizes, which
 * Mantine's default filled shades of red, orange, green, blue and teal are not.
 */
export const SOLID: Record<string, string> = {
  red: 'red.9', orange: '#b35000', green: '#2b7a3b', blue: 'blue.9', teal: 'teal.9', violet: 'violet.9', gray: 'gray.7', sage: 'sage.7',
};
export const solid = (color: string): string => SOLID[color] ?? color;

/** The phase of a session in plain words. */
export const STATE_LABEL: Record<SessionState, string> = {
  scheduled: 'Expected: not checked in',
  'checked-in': 'Checked in: pre-dose checks',
  'checks-passed': 'Checks passed: ready to dose',
  dosed: 'Dosed',
  monitoring: 'Monitoring after the dose',
  'ready-for-discharge': 'Ready for discharge',
  discharged: 'Discharged',
  aborted: 'Session stopped',
};

export const STATE_COLOR: Record<SessionState, string> = {
  scheduled: 'gray',
  'checked-in': 'blue',
  'checks-passed': 'teal',
  dosed: 'violet',
  monitoring: 'violet',
  'ready-for-discharge': 'green',
  discharged: 'gray',
  aborted: 'red',
};

export const stateLabel = (s: string): string => STATE_LABEL[s as SessionState] ?? s;

/** States after the dose and before the end: the patient is under observation. */
export const AFTER_DOSE: readonly SessionState[] = ['dosed', 'monitoring', 'ready-for-discharge'];
export const FINAL: readonly SessionState[] = ['discharged', 'aborted'];
export const IN_SESSION: readonly SessionState[] = ['checked-in', 'checks-passed', 'dosed', 'monitoring', 'ready-for-discharge'];

export const CHECK_STATUS_LABEL: Record<ChecklistStatus, string> = {
  pass: 'Passed',
  fail: 'Failed',
  missing: 'Missing',
  overridden: 'Overridden',
  'not-required': 'Not required',
};

export const CHECK_STATUS_COLOR: Record<ChecklistStatus, string> = {
  pass: 'green',
  fail: 'red',
  missing: 'orange',
  overridden: 'violet',
  'not-required': 'gray',
};

/** Items a prescriber may override (consent never: nobody consents on the patient's behalf). */
export const NOT_OVERRIDABLE = new Set(['consentSigned']);

export const CHECKPOINT_LABEL: Record<CheckpointStatus, string> = {
  recorded: 'Recorded',
  upcoming: 'Upcoming',
  due: 'Due now',
  overdue: 'Overdue',
  missed: 'Missed',
};

export const CHECKPOINT_COLOR: Record<CheckpointStatus, string> = {
  recorded: 'green',
  upcoming: 'gray',
  due: 'blue',
  overdue: 'red',
  missed: 'orange',
};

/** An alert's level in words: the colour never carries the meaning alone. */
export const ALERT_LABEL: Record<'warn' | 'act', string> = { warn: 'Warning', act: 'Act now' };
export const ALERT_COLOR: Record<'warn' | 'act', string> = { warn: 'orange', act: 'red' };

/** A reading's level; before the dose "act" means the dose is held. */
export function levelLabel(level: Level, phase: 'pre-dose' | 'post-dose'): string {
  if (level === 'normal') return 'Within limits';
  if (level === 'warn') return 'Warning';
  return phase === 'pre-dose' ? 'Hold the dose' : 'Act now';
}
export const LEVEL_COLOR: Record<Level, string> = { normal: 'green', warn: 'orange', act: 'red' };

export const VITAL_LABEL: Record<VitalKey, { label: string; short: string; unit: string }> = {
  systolic: { label: 'Systolic blood pressure', short: 'Systolic', unit: 'mmHg' },
  diastolic: { label: 'Diastolic blood pressure', short: 'Diastolic', unit: 'mmHg' },
  heartRate: { label: 'Heart rate', short: 'Heart rate', unit: '/min' },
  spo2: { label: 'Oxygen saturation (SpO2)', short: 'SpO2', unit: '%' },
  respiratoryRate: { label: 'Respiratory rate', short: 'Resp. rate', unit: '/min' },
};

export const ROUTE_WORDS: Record<DoseRoute, string> = {
  sublingual: 'Sublingual',
  intranasal: 'Intranasal',
  intramuscular: 'Intramuscular',
  intravenous: 'Intravenous',
};

export const OBSERVATION_LABEL: Record<ObservationKind, string> = {
  sedation: 'Sedation',
  dissociation: 'Dissociation',
  state: 'State of the patient',
  'adverse-event': 'Adverse event',
  'suicide-risk-check': 'Suicide-risk check done',
  'ride-present': 'Ride home present',
  note: 'Note',
};

export const EVENT_TYPE_LABEL: Record<AdverseEventType, string> = {
  'nausea-vomiting': 'Nausea or vomiting',
  hypertension: 'Hypertension',
  'anxiety-emergence': 'Anxiety or emergence reaction',
  'respiratory-depression': 'Respiratory depression',
  other: 'Other',
};

export const SEVERITY_LABEL: Record<Severity, string> = { mild: 'Mild', moderate: 'Moderate', severe: 'Severe' };

export const LIGHTING_LABEL: Record<Lighting, string> = { dim: 'Dim', soft: 'Soft', natural: 'Natural', bright: 'Bright' };

export const ROLE_WORD: Record<string, string> = { prescriber: 'prescriber', nurse: 'nurse', therapist: 'therapist', admin: 'administrator' };

/** "1:05:09" for a duration in ms (hours:minutes:seconds), "0:04:31" under an hour. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** "1 h 5 min" / "12 min" for whole minutes. */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

/** The grace after a checkpoint's due time before it counts as overdue (the protocol default; the API does not send it). */
export const DEFAULT_GRACE_MINUTES = 5;

/** A checkpoint's status at `now`, recomputed client-side between server pushes. */
export function liveCheckpointStatus(c: { dueAt: string | null; status: CheckpointStatus }, now: number, graceMinutes = DEFAULT_GRACE_MINUTES): CheckpointStatus {
  if (c.status === 'recorded' || c.status === 'missed' || !c.dueAt) return c.status;
  const due = Date.parse(c.dueAt);
  if (now > due + graceMinutes * 60_000) return 'overdue';
  if (now >= due) return 'due';
  return c.status === 'overdue' ? 'due' : c.status;
}
