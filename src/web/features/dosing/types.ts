/**
 * Shapes of the dosing API (src/server/features/dosing/view.ts, before-dose.ts, after-dose.ts, end.ts and
 * src/server/features/board/snapshot.ts are the contract; these mirror them).
 */

export const SESSION_STATES = ['scheduled', 'checked-in', 'checks-passed', 'dosed', 'monitoring', 'ready-for-discharge', 'discharged', 'aborted'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export type DoseRoute = 'sublingual' | 'intranasal' | 'intramuscular' | 'intravenous';
export type VitalKey = 'systolic' | 'diastolic' | 'heartRate' | 'spo2' | 'respiratoryRate';
export type Level = 'normal' | 'warn' | 'act';
export type ChecklistStatus = 'pass' | 'fail' | 'missing' | 'overridden' | 'not-required';
export type CheckpointStatus = 'recorded' | 'upcoming' | 'due' | 'overdue' | 'missed';

export interface VitalLimit {
  warnAtOrAbove: number | null;
  actAtOrAbove: number | null;
  warnBelow: number | null;
  actBelow: number | null;
}
export type VitalLimits = Record<VitalKey, VitalLimit>;

export interface RouteLimit {
  minMg: number | null;
  maxMg: number | null;
  minMgPerKg: number | null;
  maxMgPerKg: number | null;
  defaultInfusionMinutes?: number;
}

export interface ObservationScale {
  levels: string[];
  resolvedAtOrBelow: number;
}

export interface ChecklistItem {
  id: string;
  label: string;
  required: boolean;
  status: ChecklistStatus;
  message: string;
  warnings: string[];
  passesAt: string | null;
  override: { by: string | null; reason: string; at: string | null } | null;
  recorded: { value: Record<string, unknown>; by: string | null; at: string } | null;
}

export interface Finding {
  vital: VitalKey;
  level: Level;
  message: string;
}

export interface VitalsRow {
  id: string;
  takenAt: string;
  phase: 'pre-dose' | 'post-dose';
  minutesAfterDose: number | null;
  systolic: number;
  diastolic: number;
  heartRate: number;
  spo2: number;
  respiratoryRate: number | null;
  level: Level;
  findings: Finding[];
  recordedBy: string | null;
}

export type ObservationKind = 'sedation' | 'dissociation' | 'state' | 'adverse-event' | 'suicide-risk-check' | 'ride-present' | 'note';
export type AdverseEventType = 'nausea-vomiting' | 'hypertension' | 'anxiety-emergence' | 'respiratory-depression' | 'other';
export type Severity = 'mild' | 'moderate' | 'severe';

export interface Observation {
  id: string;
  kind: ObservationKind;
  level: number | null;
  eventType: AdverseEventType | null;
  severity: Severity | null;
  actionTaken: string | null;
  text: string | null;
  observedAt: string;
  by: string | null;
}

export interface DosingAlert {
  id: string;
  level: 'warn' | 'act';
  vital: string;
  message: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  action: string | null;
}

export interface Checkpoint {
  id: string;
  label: string;
  dueAt: string | null;
  status: CheckpointStatus;
  recordedAt?: string | null;
}

export type Lighting = 'dim' | 'soft' | 'natural' | 'bright';

export interface Setting {
  music?: string;
  eyeMask?: boolean;
  lighting?: Lighting;
  notes?: string;
}

export interface DischargeCondition {
  id: string;
  met: boolean;
  message: string;
}

/** `GET /api/appointments/:id/session`. */
export interface SessionView {
  appointmentId: string;
  patient: { id: string; name: string; initials: string };
  room: { id: string; name: string };
  start: string;
  end: string;
  timeZone: string;
  therapist: { id: string; name: string | null };
  courseId: string | null;
  doseNumber: number;
  state: SessionState;
  stateChangedAt: string | null;
  checkedInAt: string | null;
  dosedAt: string | null;
  dischargedAt: string | null;
  abortReason: string | null;
  version: number;
  setting: Setting;
  intention: string | null;
  protocol: {
    routes: DoseRoute[];
    doseLimits: Record<DoseRoute, RouteLimit>;
    monitoringThresholds: VitalLimits;
    predoseVitals: VitalLimits & { maxAgeMinutes: number };
    sedationScale: ObservationScale;
    dissociationScale: ObservationScale;
    minMonitoringMinutes: number;
    fasting: { foodHours: number; liquidsMinutes: number };
  };
  checklist: { canDose: boolean; blocking: string[]; warnings: string[]; items: ChecklistItem[] };
  order: {
    id: string;
    route: DoseRoute;
    routeCode: { code: string; display: string } | null;
    product: string;
    doseMg: number;
    weightKg: number | null;
    mgPerKg: number | null;
    infusionMinutes: number | null;
    limitProblem: string | null;
    overrideReason: string | null;
    orderedBy: string | null;
    orderedAt: string;
  } | null;
  administrations: { id: string; amountMg: number; lotId: string; givenBy: string | null; givenAt: string }[];
  vitals: VitalsRow[];
  observations: Observation[];
  presence: {
    now: { staffId: string; name: string | null; role: string; since: string | null }[];
    log: { staffId: string; name: string | null; action: 'enter' | 'leave'; handoverTo: string | null; at: string }[];
  };
  alerts: DosingAlert[];
  checkpoints: { nextDue: Checkpoint | null; items: Checkpoint[] } | null;
  discharge: { canDischarge: boolean; possibleFrom: string | null; minutesRemaining: number; conditions: DischargeCondition[] } | null;
  events: { kind: string; from: string | null; to: string | null; by: string | null; at: string; detail: unknown }[];
}

/** The answer of a signed discharge. */
export interface DischargeResult {
  state: SessionState;
  integration: {
    status: 'booked' | 'outside-window' | 'missing';
    appointment: { id: string; start: string; end: string } | null;
    windowStart: string;
    windowEnd: string;
    message: string;
  };
  questionnaires: { id: string; instrumentId: string; dueAt: string }[];
}

/** What a recorded reading returns. */
export interface VitalsResult {
  id: string;
  phase: 'pre-dose' | 'post-dose';
  level: Level;
  findings: Finding[];
  alertsRaised: number;
}

/** `GET /api/board` and each `board` event of `GET /api/board/events`. */
export interface BoardSession {
  appointmentId: string;
  room: string;
  roomId: string;
  patientInitials: string;
  start: string;
  end: string;
  state: SessionState;
  dosedAt: string | null;
  minutesSinceDose: number | null;
  nextCheckpoint: { label: string; dueAt: string; status: CheckpointStatus } | null;
  overdueCheckpoints: { label: string; dueAt: string }[];
  openAlerts: { id: string; level: 'warn' | 'act'; vital: string; message: string; raisedAt: string }[];
  present: { name: string; role: string }[];
  therapist: string | null;
  latestVitals: { takenAt: string; systolic: number; diastolic: number; heartRate: number; spo2: number } | null;
  version: number;
}

export interface BoardSnapshot {
  date: string;
  timeZone: string;
  generatedAt: string;
  sessions: BoardSession[];
  patientIds: string[];
}

/** `GET /api/ledger` (src/server/features/ledger/schemas.ts): only what the administration form needs. */
export interface LedgerLot {
  id: string;
  product: string;
  form: string;
  supplier: string;
  lotNumber: string;
  expiresOn: string;
  expired: boolean;
  balanceMg: number;
}
