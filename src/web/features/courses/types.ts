/** Shapes of the course and appointment API (src/server/features/courses/schemas.ts is the contract). */
export type AppointmentKind = 'preparation' | 'dosing' | 'integration' | 'follow-up';
export type CourseKind = Exclude<AppointmentKind, 'follow-up'>;
export type AppointmentStatus = 'proposed' | 'booked' | 'completed' | 'cancelled' | 'no-show';
export type CourseStatus = 'planned' | 'booked' | 'paused' | 'completed' | 'cancelled';
export type Route = 'sublingual' | 'intranasal' | 'intramuscular' | 'intravenous';

export interface Appointment {
  /** Null while the appointment is only proposed (part of a plan not yet booked). */
  id: string | null;
  courseId: string | null;
  patientId: string;
  kind: AppointmentKind;
  number: number;
  start: string;
  end: string;
  roomId: string;
  therapistId: string;
  nurseId: string | null;
  staffIds: string[];
  status: AppointmentStatus;
  exceptionReason: string | null;
  cancelReason: string | null;
}

export interface PlanFailure {
  step: string;
  reason: string;
  message: string;
  counts: Record<string, number>;
}

export type Alternative =
  | { kind: 'therapist'; therapistId: string; therapistName: string; firstAppointment: string }
  | { kind: 'later-start'; start: string; firstAppointment: string };

export interface RuleViolation {
  appointmentId: string;
  rule: string;
  message: string;
}

export interface Course {
  id: string;
  patientId: string;
  status: CourseStatus;
  statusReason: string | null;
  protocol: { id: string; version: number; name: string };
  route: Route;
  therapistId: string;
  timeZone: string;
  appointments: Appointment[];
  proposal: { plannedFrom: string; failure: PlanFailure | null; alternatives: Alternative[] } | null;
  /** Course rules that booked appointments break: each was booked as an exception with a written reason. */
  violations: RuleViolation[];
  createdAt: string;
}

/** One appointment of a 409 on booking: which, when, and the rule it breaks. */
export interface Conflict {
  kind: string;
  number: number;
  start: string;
  end: string;
  rule: string;
  message: string;
}

export interface Slot {
  start: string;
  end: string;
  roomId: string;
}

export interface Move {
  appointmentId: string;
  kind: string;
  number: number;
  from: Slot;
  to: Slot;
}

export interface RescheduleResult {
  applied: boolean;
  moves: Move[];
  violations: RuleViolation[];
}

export const CANCEL_REASONS = ['patient-request', 'clinical-hold', 'no-show', 'staff-unavailable', 'clinic-closed', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export interface HistoryEntry {
  action: string;
  before: { start?: string; end?: string; roomId?: string; status?: string } | null;
  after: { start?: string; end?: string; roomId?: string; status?: string } | null;
  reason: string | null;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: string;
}

export interface ProtocolDefinition {
  name: string;
  prepSessions: number;
  dosingSessions: number;
  routes: Route[];
  durations: { preparationMinutes: number; dosingMinutes: number; monitoringMinutes: number; integrationMinutes: number };
  doseSpacingDays: { min: number; max: number };
  integrationWindowHours: { min: number; max: number };
  prepToFirstDoseDays: number;
  fasting: { foodHours: number; liquidsMinutes: number };
  presence: { prescriberOnSite: boolean; nurseForRoutes: Route[] };
  rooms: Record<CourseKind, { kinds: ('dosing' | 'consult' | 'group')[]; equipment: string[] }>;
}

export interface Protocol {
  id: string;
  version: number;
  name: string;
  active: boolean;
  definition: ProtocolDefinition;
}

export interface ProtocolDetail extends Protocol {
  createdAt: string;
  versions: { version: number; name: string; createdAt: string; courses: number }[];
}
