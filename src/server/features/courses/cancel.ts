/**
 * Cancelling: one appointment (with a reason; a cancelled dose cancels its integration session unless asked to keep
 * it), the rest of a course, or pausing a course (its future appointments are cancelled and freed; resuming plans the
 * remaining sessions again). Every change is kept in the appointment's history; reminders are withdrawn.
 */
import { fail, ok, type Result } from '../../../core/errors';
import { ProtocolDefinition } from '../../../core/scheduling/protocol';
import type { Executor } from '../../../db/database';
import { newId, toDate } from '../../../db/ids';
import { findClinic } from '../../../db/repos/clinics';
import * as repo from '../../../db/repos/scheduling';
import { audit, type Ctx } from '../../context';
import { transact } from '../../transact';
import { authorizePatient } from '../patients/access';
import { snapshot } from './book';
import { dropDoseAnchor } from './dose-anchors';
import { toStoredProposal } from './dto';
import { proposePlan, startOf } from './plan';
import { withdrawAppointmentReminders } from './reminders';

export const CANCEL_REASONS = ['patient-request', 'clinical-hold', 'no-show', 'staff-unavailable', 'clinic-closed', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

async function cancelOne(ctx: Ctx, tx: Executor, a: repo.AppointmentRow, reason: string, note: string | null, status: 'cancelled' | 'no-show' = reason === 'no-show' ? 'no-show' : 'cancelled'): Promise<void> {
  const at = toDate(ctx.deps.clock());
  const text = note ? `${reason}: ${note}` : reason;
  // A no-show is recorded as such (the time was held); any other reason cancels and frees the slot.
  await repo.updateAppointment(tx, a.clinicId, a.id, { status, cancelReason: status === 'cancelled' ? text : null, updatedAt: at });
  await repo.insertHistory(tx, [{
    clinicId: a.clinicId, id: newId(), appointmentId: a.id, action: status, before: snapshot(a),
    after: snapshot({ ...a, status }), reason: text, changedBy: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null, changedAt: at,
  }]);
  await withdrawAppointmentReminders(tx, a.clinicId, a.id);
  if (a.kind === 'dosing') await dropDoseAnchor(tx, a.clinicId, a.id);
}

export async function cancelAppointment(
  ctx: Ctx, appointmentId: string, input: { reason: CancelReason; note?: string | null | undefined; integration?: 'cancel' | 'keep' | undefined },
): Promise<Result<{ cancelled: string[] }>> {
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const target = await repo.findAppointment(db, clinicId, appointmentId);
  const access = await authorizePatient(ctx, target?.patientId ?? appointmentId, 'patient:manage-schedule', 'appointment.cancel');
  if (!target || !access.ok) return fail('NOT_FOUND', 'No such appointment.');
  if (target.status !== 'booked') return fail('CONFLICT', `This appointment is already ${target.status}.`);
  if (input.reason === 'other' && !input.note?.trim()) return fail('VALIDATION_FAILED', 'Say why the appointment is cancelled.', { fields: [{ path: 'note', message: 'required for "other"' }] });
  return transact(db, async (tx) => {
    const cancelled = [target.id];
    await cancelOne(ctx, tx, target, input.reason, input.note?.trim() || null);
    if (target.kind === 'dosing' && target.courseId && input.integration !== 'keep') {
      const integration = (await repo.listCourseAppointments(tx, clinicId, target.courseId, false)).find((a) => a.kind === 'integration' && a.number === target.number);
      if (integration) {
        // The integration session itself was not missed: it is cancelled and its time freed, whatever the dose's reason.
        await cancelOne(ctx, tx, integration, input.reason, `its dose (dosing ${target.number}) was ${input.reason === 'no-show' ? 'missed' : 'cancelled'}`, 'cancelled');
        cancelled.push(integration.id);
      }
    }
    await audit(ctx, { action: 'appointment.cancel', resourceType: 'appointment', resourceId: target.id, patientId: target.patientId, detail: { reason: input.reason, cancelled: cancelled.length } }, tx);
    return ok({ cancelled });
  });
}

async function reachCourse(ctx: Ctx, courseId: string, auditAction: string): Promise<Result<repo.CourseRow>> {
  const course = await repo.findCourse(ctx.deps.database.db, ctx.actor.clinicId, courseId);
  const access = await authorizePatient(ctx, course?.patientId ?? courseId, 'patient:manage-schedule', auditAction);
  if (!course || !access.ok) return fail('NOT_FOUND', 'No such course.');
  return ok(course);
}

/** Cancels every future booked appointment of the course; `pause` keeps the course to resume later. */
export async function stopCourse(ctx: Ctx, courseId: string, mode: 'cancel' | 'pause', reason: string): Promise<Result<{ cancelled: number }>> {
  const reached = await reachCourse(ctx, courseId, mode === 'cancel' ? 'course.cancel' : 'course.pause');
  if (!reached.ok) return reached;
  const course = reached.value;
  if (!['booked', 'planned'].includes(course.status) && !(mode === 'cancel' && course.status === 'paused')) {
    return fail('CONFLICT', `This course is ${course.status}.`);
  }
  const { db } = ctx.deps.database;
  const now = ctx.deps.clock();
  return transact(db, async (tx) => {
    const future = (await repo.listCourseAppointments(tx, ctx.actor.clinicId, courseId, false)).filter((a) => a.status === 'booked' && a.startsAt.getTime() > now.epochMilliseconds);
    for (const a of future) await cancelOne(ctx, tx, a, mode === 'cancel' ? 'course cancelled' : 'course paused', reason);
    await repo.updateCourse(tx, ctx.actor.clinicId, courseId, { status: mode === 'cancel' ? 'cancelled' : 'paused', statusReason: reason, proposal: null, updatedAt: toDate(now) });
    await audit(ctx, { action: mode === 'cancel' ? 'course.cancel' : 'course.pause', resourceType: 'course', resourceId: courseId, patientId: course.patientId, detail: { cancelled: future.length } }, tx);
    return ok({ cancelled: future.length });
  });
}

/**
 * Resuming a paused course: the sessions not yet held (the remaining preparation and dose → integration pairs, numbered
 * on from where the course stopped) are planned again; the course goes back to "planned" with that proposal, to book.
 */
export async function resumeCourse(ctx: Ctx, courseId: string, startDate?: string): Promise<Result<{ courseId: string }>> {
  const reached = await reachCourse(ctx, courseId, 'course.resume');
  if (!reached.ok) return reached;
  const course = reached.value;
  if (course.status !== 'paused') return fail('CONFLICT', `Only a paused course can be resumed; this one is ${course.status}.`);
  const { db } = ctx.deps.database;
  const protocol = (await repo.findProtocol(db, ctx.actor.clinicId, course.protocolId, course.protocolVersion))!;
  const definition = ProtocolDefinition.parse(protocol.definition);
  const held = (await repo.listCourseAppointments(db, ctx.actor.clinicId, courseId, false)).filter((a) => a.status === 'booked' || a.status === 'completed');
  const done = (kind: string) => held.filter((a) => a.kind === kind).reduce((max, a) => Math.max(max, a.number), 0);
  const prepsDone = done('preparation');
  const dosesDone = done('dosing');
  const remaining = { ...definition, prepSessions: Math.max(0, definition.prepSessions - prepsDone), dosingSessions: definition.dosingSessions - dosesDone };
  if (remaining.dosingSessions <= 0) return fail('CONFLICT', 'Every dose of this course has been held; nothing remains to plan.');
  const now = ctx.deps.clock();
  // The start date is a date in the clinic's zone (as when creating a course), not midnight UTC.
  const from = startOf(ctx, startDate, (await findClinic(db, ctx.actor.clinicId))?.timeZone ?? 'UTC');
  const planned = await proposePlan(ctx, course.patientId, remaining, course.route as never, course.therapistId, from);
  const renumbered = planned.appointments.map((a) => ({ ...a, number: a.number + (a.kind === 'preparation' ? prepsDone : dosesDone) }));
  await db.transaction(async (tx) => {
    await repo.updateCourse(tx, ctx.actor.clinicId, courseId, {
      status: 'planned', statusReason: null, proposal: toStoredProposal(now.toString(), renumbered, planned.failure, planned.alternatives), updatedAt: toDate(now),
    });
    await audit(ctx, { action: 'course.resume', resourceType: 'course', resourceId: courseId, patientId: course.patientId }, tx);
  });
  return ok({ courseId });
}
