import { Temporal } from 'temporal-polyfill';
import { describeOffset, isOverdue } from '../../../core/measurement/schedule';
import type { InstrumentDefinition } from '../../../core/instruments/definition';
import { toInstant } from '../../../db/ids';
import type { AssignmentRow, ResponseRow, ScheduleRow } from '../../../db/repos/questionnaires';

export function toResponse(r: ResponseRow, current: boolean) {
  return {
    id: r.id,
    patientId: r.patientId,
    instrument: r.instrumentId,
    instrumentVersion: r.instrumentVersion,
    ruleVersion: r.ruleVersion,
    answers: r.answers,
    total: r.total,
    severity: r.severity,
    positive: r.positive,
    subscales: r.subscales,
    dsm5Criteria: r.criteria?.id === 'dsm5' ? r.criteria.met : null,
    flags: r.flags.map((f) => f.id),
    submittedAt: r.submittedAt.toISOString(),
    enteredByKind: r.enteredByKind,
    onBehalf: r.enteredByKind === 'staff',
    assignmentId: r.assignmentId,
    doseId: r.doseEventId,
    offsetHours: r.offsetHours,
    version: r.version,
    supersedesId: r.supersedesId,
    correctionReason: r.correctionReason,
    current,
  };
}

/** Before-dose questionnaires open a day ahead; the others a couple of hours before they are due. */
export function availableFrom(a: AssignmentRow): Temporal.Instant {
  const due = toInstant(a.dueAt);
  return a.offsetHours !== null && a.offsetHours <= 0 ? due.subtract({ hours: 24 }) : due.subtract({ hours: 2 });
}

export function toAssignment(a: AssignmentRow, definition: InstrumentDefinition | undefined, now: Temporal.Instant, completedAt: Date | null = null) {
  return {
    id: a.id,
    patientId: a.patientId,
    instrument: { id: a.instrumentId, title: definition?.title ?? a.instrumentId, shortTitle: definition?.shortTitle ?? a.instrumentId },
    dueAt: a.dueAt.toISOString(),
    status: a.status,
    available: Temporal.Instant.compare(availableFrom(a), now) <= 0,
    overdue: a.status === 'pending' && isOverdue(toInstant(a.dueAt), now),
    doseId: a.doseEventId,
    offsetHours: a.offsetHours,
    anchor: describeOffset(a.offsetHours),
    scheduleId: a.scheduleId,
    draftAnswers: a.draftAnswers ?? null,
    responseId: a.responseId,
    completedAt: completedAt?.toISOString() ?? null,
  };
}

export function toSchedule(s: ScheduleRow) {
  return {
    id: s.id,
    patientId: s.patientId,
    instrument: s.instrumentId,
    kind: s.kind,
    offsetsHours: s.offsetsHours,
    everyDays: s.everyDays,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt?.toISOString() ?? null,
    active: s.active,
  };
}
