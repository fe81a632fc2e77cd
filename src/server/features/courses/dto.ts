import { checkCourse, type Violation } from '../../../core/scheduling/course-rules';
import type { ProtocolDefinition } from '../../../core/scheduling/protocol';
import type { PlanFailure, PlannedAppointment } from '../../../core/scheduling/planner';
import { toInstant } from '../../../db/ids';
import type { AppointmentRow, CourseRow, ProtocolRow } from '../../../db/repos/scheduling';

export interface StoredProposal {
  plannedFrom: string;
  appointments: { kind: PlannedAppointment['kind']; number: number; start: string; end: string; roomId: string; therapistId: string; nurseId: string | null }[];
  failure: PlanFailure | null;
  alternatives: Alternative[];
}

export type Alternative =
  | { kind: 'therapist'; therapistId: string; therapistName: string; firstAppointment: string }
  | { kind: 'later-start'; start: string; firstAppointment: string };

export function toStoredProposal(plannedFrom: string, appointments: readonly PlannedAppointment[], failure: PlanFailure | null, alternatives: Alternative[]): StoredProposal {
  return {
    plannedFrom,
    appointments: appointments.map((a) => ({ kind: a.kind, number: a.number, start: a.start.toString(), end: a.end.toString(), roomId: a.roomId, therapistId: a.therapistId, nurseId: a.nurseId })),
    failure,
    alternatives,
  };
}

export function appointmentDto(a: AppointmentRow) {
  return {
    id: a.id,
    courseId: a.courseId,
    patientId: a.patientId,
    kind: a.kind,
    number: a.number,
    start: a.startsAt.toISOString(),
    end: a.endsAt.toISOString(),
    roomId: a.roomId,
    therapistId: a.therapistId,
    nurseId: a.nurseId,
    staffIds: [a.therapistId, ...(a.nurseId ? [a.nurseId] : [])],
    status: a.status,
    exceptionReason: a.exceptionReason,
    cancelReason: a.cancelReason,
  };
}

export function courseDto(course: CourseRow, protocol: ProtocolRow, definition: ProtocolDefinition, appointments: readonly AppointmentRow[], zone: string) {
  const proposal = course.proposal as StoredProposal | null;
  const booked = appointments.filter((a) => a.status !== 'cancelled' && a.kind !== 'follow-up');
  const violations: Violation[] = course.status === 'planned' ? [] : checkCourse(
    definition,
    booked.map((a) => ({ id: a.id, kind: a.kind as 'preparation' | 'dosing' | 'integration', number: a.number, start: toInstant(a.startsAt), end: toInstant(a.endsAt) })),
    zone,
  );
  const proposed = (proposal?.appointments ?? []).map((a) => ({
    id: null, courseId: course.id, patientId: course.patientId, kind: a.kind, number: a.number, start: new Date(a.start).toISOString(), end: new Date(a.end).toISOString(),
    roomId: a.roomId, therapistId: a.therapistId, nurseId: a.nurseId, staffIds: [a.therapistId, ...(a.nurseId ? [a.nurseId] : [])],
    status: 'proposed' as const, exceptionReason: null, cancelReason: null,
  }));
  return {
    id: course.id,
    patientId: course.patientId,
    status: course.status,
    statusReason: course.statusReason,
    protocol: { id: protocol.id, version: protocol.version, name: protocol.name },
    route: course.route,
    therapistId: course.therapistId,
    timeZone: zone,
    // A planned course shows its proposal; a resumed one also what was held and cancelled before the pause.
    appointments: course.status === 'planned' ? [...appointments.map(appointmentDto), ...proposed] : appointments.map(appointmentDto),
    proposal: proposal ? { plannedFrom: proposal.plannedFrom, failure: proposal.failure, alternatives: proposal.alternatives } : null,
    /** Course rules the booked appointments break: each was booked as an exception with a written reason. */
    violations,
    createdAt: course.createdAt.toISOString(),
  };
}
