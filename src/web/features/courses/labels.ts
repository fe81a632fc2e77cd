/** Words and colours for course and appointment codes, and every rule in plain words (kap-brief.md "Words"). */
import type { AppointmentKind, AppointmentStatus, CancelReason, CourseStatus, Route } from './types';

export const KIND_LABEL: Record<AppointmentKind, string> = {
  preparation: 'Preparation',
  dosing: 'Dosing session',
  integration: 'Integration',
  'follow-up': 'Follow-up',
};

/** "Preparation 1", "Dose 3", "Integration 3", "Follow-up". */
export function appointmentName(a: { kind: string; number: number }): string {
  if (a.kind === 'dosing') return `Dose ${a.number}`;
  if (a.kind === 'follow-up') return 'Follow-up';
  const label = KIND_LABEL[a.kind as AppointmentKind] ?? a.kind;
  return a.number > 0 ? `${label} ${a.number}` : label;
}

/** Colours that tell the kinds apart (always with the kind in words beside them). */
export const KIND_COLOR: Record<AppointmentKind, string> = {
  preparation: 'blue',
  dosing: 'violet',
  integration: 'teal',
  'follow-up': 'gray',
};

export const APPOINTMENT_STATUS_LABEL: Record<AppointmentStatus, string> = {
  proposed: 'Proposed',
  booked: 'Booked',
  completed: 'Held',
  cancelled: 'Cancelled',
  'no-show': 'No-show',
};

export const APPOINTMENT_STATUS_COLOR: Record<AppointmentStatus, string> = {
  proposed: 'blue',
  booked: 'sage',
  completed: 'gray',
  cancelled: 'red',
  'no-show': 'orange',
};

export const COURSE_STATUS_LABEL: Record<CourseStatus, string> = {
  planned: 'Planned, not booked',
  booked: 'Booked',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const COURSE_STATUS_COLOR: Record<CourseStatus, string> = {
  planned: 'blue',
  booked: 'sage',
  paused: 'orange',
  completed: 'gray',
  cancelled: 'red',
};

export const ROUTE_LABEL: Record<Route, string> = {
  sublingual: 'Sublingual (lozenge)',
  intranasal: 'Intranasal (spray)',
  intramuscular: 'Intramuscular (injection)',
  intravenous: 'Intravenous (infusion)',
};

export const CANCEL_REASON_LABEL: Record<CancelReason, string> = {
  'patient-request': 'The patient asked',
  'clinical-hold': 'Clinical hold',
  'no-show': 'The patient did not come (no-show)',
  'staff-unavailable': 'Staff unavailable',
  'clinic-closed': 'Clinic closed',
  other: 'Other (say why)',
};

/** Every reason a time is refused, and every course rule, as a sentence. */
export const RULE_TEXT: Record<string, string> = {
  closed: 'The clinic is closed at that time.',
  'patient-preference': 'It is outside the days and times the patient can come.',
  'patient-busy': 'The patient has another appointment then.',
  'therapist-off': 'The therapist is not working then.',
  'therapist-busy': 'The therapist has another appointment then.',
  'no-room': 'No suitable room is free then.',
  'no-suitable-room': 'The clinic has no room with what this session needs.',
  'no-prescriber': 'No prescriber is on site for the whole dosing session.',
  'no-nurse': 'No nurse is free for the whole dosing session.',
  'integration-window': 'The integration session must fall inside its window after the dose.',
  'dose-spacing': 'Doses must be spaced within the protocol’s limits.',
  horizon: 'The course does not fit within the planning horizon (12 weeks).',
  'prep-before-dose': 'Preparation must be finished at least a day before the first dose.',
  'prep-separate-days': 'Preparation sessions must be on separate days.',
  'integration-before-next-dose': 'Each integration session must come before the next dose.',
  duration: 'The session must last as long as the protocol says.',
  'room-busy': 'The room was booked by someone else meanwhile.',
  'nurse-busy': 'The nurse was booked by someone else meanwhile.',
  'double-booking': 'Someone else booked an overlapping appointment meanwhile.',
};

export const ruleText = (rule: string): string => RULE_TEXT[rule] ?? rule.replace(/-/g, ' ');

/** Rules a staff member may override by booking an exception with a written reason; being double-booked never is. */
const OVERRIDABLE_SLOT = new Set(['closed', 'patient-preference', 'therapist-off', 'no-prescriber']);
const COURSE_RULES = new Set(['prep-before-dose', 'prep-separate-days', 'dose-spacing', 'integration-window', 'integration-before-next-dose', 'duration']);

/** On booking: slot rules that may be overridden, and every course rule. */
export const bookableAsException = (rule: string): boolean => OVERRIDABLE_SLOT.has(rule) || COURSE_RULES.has(rule);
/** On moving one appointment: only the slot rules that may be overridden. */
export const movableAsException = (rule: string): boolean => OVERRIDABLE_SLOT.has(rule);

/** "dosing 3" (the planner's step) → "Dose 3". */
export function stepName(step: string): string {
  const [kind, number] = step.split(' ');
  return appointmentName({ kind: kind ?? step, number: Number(number ?? 0) || 0 });
}

export const HISTORY_ACTION_LABEL: Record<string, string> = {
  booked: 'Booked',
  rescheduled: 'Moved',
  cancelled: 'Cancelled',
  'no-show': 'Marked as no-show',
  completed: 'Held',
};

/** A course that is still going on (one at a time per patient). */
export const OPEN_STATUSES: readonly string[] = ['planned', 'booked', 'paused'];

/** The stored reason in words: "clinical-hold: BP high" → "Clinical hold: BP high"; "dosing 3" → "dose 3". */
export function reasonText(reason: string): string {
  const [code, ...rest] = reason.split(': ');
  const label = CANCEL_REASON_LABEL[code as keyof typeof CANCEL_REASON_LABEL];
  const text = label ? [label.replace(/ \(.*\)$/, ''), ...rest].join(': ') : reason;
  return text.replace(/\bdosing (\d+)/g, 'dose $1');
}
