/**
 * Booking a course: every appointment or none, in one transaction, after checking **every** appointment against the
 * current bookings, hours and rules (not a sample). A failure lists each conflicting appointment and the rule it
 * breaks. The database's exclusion constraints stay the last word when two bookings race.
 */
import { Temporal } from 'temporal-polyfill';
import { fail, ok, type Result } from '../../../core/errors';
import { checkCourse, type Violation } from '../../../core/scheduling/course-rules';
import { ProtocolDefinition, type AppointmentKind } from '../../../core/scheduling/protocol';
import { courseOrder } from '../../../core/scheduling/reschedule';
import { durationMinutes, fitSlot, REASONS, take, type PlanningContext, type Reason } from '../../../core/scheduling/resources';
import { newId, toDate } from '../../../db/ids';
import { findClinic } from '../../../db/repos/clinics';
import { findPatient } from '../../../db/repos/patients';
import * as repo from '../../../db/repos/scheduling';
import { settingsOf } from '../../../db/schema';
import { audit, type Ctx } from '../../context';
import { transact } from '../../transact';
import { authorizePatient } from '../patients/access';
import { moveStatus } from '../patients/status';
import { anchorBookedDoses } from './dose-anchors';
import type { StoredProposal } from './dto';
import { loadPlanningContext } from './planning-context';
import { queueAppointmentReminders } from './reminders';
import { conflictFromDatabase, retryOnDeadlock } from './conflicts';

/** Slot problems a staff member may override with a written reason; being double-booked is never one of them. */
export const OVERRIDABLE: ReadonlySet<Reason> = new Set<Reason>(['closed', 'patient-preference', 'therapist-off', 'no-prescriber']);

export interface Conflict {
  kind: string;
  number: number;
  start: string;
  end: string;
  rule: string;
  message: string;
}

export interface BookRequest {
  /** Adjustments to the proposal: a new start (and room) for some appointments. */
  appointments?: { kind: AppointmentKind; number: number; start: string; roomId?: string | undefined }[] | undefined;
  /** Written reasons for booking appointments that break a rule. */
  exceptions?: { kind: AppointmentKind; number: number; reason: string }[] | undefined;
}

interface Candidate {
  kind: AppointmentKind;
  number: number;
  start: number;
  end: number;
  roomId: string;
  therapistId: string;
  nurseId: string | null;
  exceptionReason: string | null;
}

const key = (a: { kind: string; number: number }) => `${a.kind} ${a.number}`;

/** Checks every appointment in course order against the context and the course rules; returns each conflict. */
export function conflictsOf(ctx: PlanningContext, definition: ProtocolDefinition, list: Candidate[]): { conflicts: Conflict[]; placed: Candidate[] } {
  const conflicts: Conflict[] = [];
  const placed: Candidate[] = [];
  let current = ctx;
  const asConflict = (c: Candidate, rule: string, message: string): Conflict => ({
    kind: c.kind, number: c.number, start: new Date(c.start).toISOString(), end: new Date(c.end).toISOString(), rule, message,
  });
  for (const c of [...list].sort((a, b) => courseOrder(a) - courseOrder(b))) {
    const preferred = { ...current, rooms: [...current.rooms].sort((x, y) => (x.id === c.roomId ? -1 : y.id === c.roomId ? 1 : 0)) };
    // An exception waives only the overridable checks: the room, the staff and the patient must still be free.
    const fit = fitSlot(preferred, c.kind, c.start, c.end, c.exceptionReason ? OVERRIDABLE : undefined);
    if (!fit.ok) {
      conflicts.push(asConflict(c, fit.reason, `${key(c)}: ${REASONS[fit.reason]}${OVERRIDABLE.has(fit.reason) ? ' (bookable as an exception with a written reason)' : ''}`));
      continue;
    }
    const chosen = { ...c, roomId: fit.fit.roomId, nurseId: fit.fit.nurseId ?? c.nurseId };
    placed.push(chosen);
    current = take(current, chosen.start, chosen.end, { roomId: chosen.roomId, nurseId: chosen.nurseId });
  }
  const violations: Violation[] = checkCourse(
    definition,
    placed.map((p) => ({ id: key(p), kind: p.kind, number: p.number, start: Temporal.Instant.fromEpochMilliseconds(p.start), end: Temporal.Instant.fromEpochMilliseconds(p.end) })),
    ctx.zone,
  );
  for (const v of violations) {
    const c = placed.find((p) => key(p) === v.appointmentId)!;
    if (!c.exceptionReason) conflicts.push(asConflict(c, v.rule, `${v.message} (bookable as an exception with a written reason)`));
  }
  return { conflicts, placed };
}

function candidatesFrom(definition: ProtocolDefinition, proposal: StoredProposal, req: BookRequest): Result<Candidate[]> {
  const adjust = new Map((req.appointments ?? []).map((a) => [key(a), a]));
  const reasons = new Map((req.exceptions ?? []).map((e) => [key(e), e.reason.trim()]));
  const known = new Set(proposal.appointments.map(key));
  for (const k of [...adjust.keys(), ...reasons.keys()]) {
    if (!known.has(k)) return fail('VALIDATION_FAILED', `The plan has no ${k}.`, { fields: [{ path: 'appointments', message: `no ${k} in the plan` }] });
  }
  return ok(
    proposal.appointments.map((a) => {
      const change = adjust.get(key(a));
      const start = change ? new Date(change.start).getTime() : new Date(a.start).getTime();
      return {
        kind: a.kind, number: a.number, start, end: start + durationMinutes(definition, a.kind) * 60_000,
        roomId: change?.roomId ?? a.roomId, therapistId: a.therapistId, nurseId: a.nurseId, exceptionReason: reasons.get(key(a)) || null,
      };
    }),
  );
}

export const bookCourse = (ctx: Ctx, courseId: string, req: BookRequest): Promise<Result<{ courseId: string }>> => retryOnDeadlock(() => bookCourseOnce(ctx, courseId, req));

async function bookCourseOnce(ctx: Ctx, courseId: string, req: BookRequest): Promise<Result<{ courseId: string }>> {
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const course = await repo.findCourse(db, clinicId, courseId);
  const access = await authorizePatient(ctx, course?.patientId ?? courseId, 'patient:manage-schedule', 'course.book');
  if (!course || !access.ok) return fail('NOT_FOUND', 'No such course.');
  if (course.status !== 'planned') return fail('CONFLICT', `This course is ${course.status}; only a planned course can be booked.`);
  const proposal = course.proposal as StoredProposal | null;
  if (!proposal || proposal.appointments.length === 0) {
    return fail('CONFLICT', proposal?.failure ? `There is no complete plan to book: ${proposal.failure.message}` : 'There is no plan to book: plan the course first.');
  }
  const protocol = (await repo.findProtocol(db, clinicId, course.protocolId, course.protocolVersion))!;
  const definition = ProtocolDefinition.parse(protocol.definition);
  const candidates = candidatesFrom(definition, proposal, req);
  if (!candidates.ok) return candidates;
  const first = Math.min(...candidates.value.map((c) => c.start));
  const last = Math.max(...candidates.value.map((c) => c.end));
  const now = ctx.deps.clock();
  if (first < now.epochMilliseconds) return fail('CONFLICT', 'The plan starts in the past: plan the course again.');
  const staffId = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;

  try {
    return await transact(db, async (tx) => {
      const locked = await repo.lockCourse(tx, clinicId, courseId);
      if (locked?.status !== 'planned') return fail('CONFLICT', 'This course was booked or changed meanwhile; reload it.');
      const loaded = await loadPlanningContext(tx, {
        clinicId, patientId: course.patientId, therapistId: course.therapistId, protocol: definition, route: course.route as never,
        from: Temporal.Instant.fromEpochMilliseconds(first), days: Math.ceil((last - first) / 864e5) + 1,
      });
      const { conflicts, placed } = conflictsOf(loaded.ctx, definition, candidates.value);
      if (conflicts.length) {
        return fail('CONFLICT', `${conflicts.length} appointment(s) of the plan cannot be booked as they are: ${conflicts.map((c) => c.message).join('; ')}`, { details: { conflicts } });
      }
      const at = toDate(now);
      const rows = placed.map((p) => ({
        clinicId, id: newId(), courseId, patientId: course.patientId, kind: p.kind, number: p.number, startsAt: new Date(p.start), endsAt: new Date(p.end),
        roomId: p.roomId, therapistId: p.therapistId, nurseId: p.nurseId, status: 'booked' as const, exceptionReason: p.exceptionReason, createdAt: at, updatedAt: at,
      }));
      await repo.insertAppointments(tx, rows);
      await repo.insertHistory(tx, rows.map((r) => ({
        clinicId, id: newId(), appointmentId: r.id, action: 'booked' as const, before: null, after: snapshot(r), reason: r.exceptionReason, changedBy: staffId, changedAt: at,
      })));
      await repo.updateCourse(tx, clinicId, courseId, { status: 'booked', proposal: null, updatedAt: at });
      const patient = (await findPatient(tx, clinicId, course.patientId))!;
      if (patient.status === 'eligible' || patient.status === 'maintenance') {
        const moved = await moveStatus(ctx, tx, course.patientId, patient.status, 'in-course', null, { courseId });
        if (!moved.ok) return moved;
      }
      // Only what this booking made: a resumed course has held doses (anchored already) and past appointments.
      const made = new Set(rows.map((r) => r.id));
      const booked = (await repo.listCourseAppointments(tx, clinicId, courseId, false)).filter((a) => made.has(a.id));
      await anchorBookedDoses(tx, clinicId, course.patientId, booked.filter((a) => a.kind === 'dosing'), staffId, now);
      const clinic = (await findClinic(tx, clinicId))!;
      await queueAppointmentReminders(tx, { ...clinic, settings: settingsOf(clinic) }, booked, patient.email, definition, now);
      await audit(ctx, { action: 'course.book', resourceType: 'course', resourceId: courseId, patientId: course.patientId, detail: { appointments: rows.length, exceptions: rows.filter((r) => r.exceptionReason).length } }, tx);
      return ok({ courseId });
    });
  } catch (err) {
    const conflict = conflictFromDatabase(err);
    if (conflict) return fail('CONFLICT', conflict.message, { details: { conflicts: [conflict] } });
    throw err;
  }
}

export function snapshot(a: { startsAt: Date; endsAt: Date; roomId: string; therapistId: string; nurseId: string | null; status: string }) {
  return { start: a.startsAt.toISOString(), end: a.endsAt.toISOString(), roomId: a.roomId, therapistId: a.therapistId, nurseId: a.nurseId, status: a.status };
}

