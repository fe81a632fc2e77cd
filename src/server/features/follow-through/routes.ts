/**
 * Integration follow-through (issue #6 §2): where each dose's integration session stands, per course and for the
 * clinic, and recording an integration session as held (the status "held" rests on it).
 *
 * Access: it is schedule information ('patient:read-schedule', recording held 'patient:manage-schedule'): admins,
 * prescribers and nurses for every patient, therapists for their care team. Patients use the portal instead (404
 * here, like a course they may not see); the clinic list answers 403 to a patient.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { can } from '../../../core/authorization';
import { fail, ok } from '../../../core/errors';
import { newId, toDate } from '../../../db/ids';
import { findClinic } from '../../../db/repos/clinics';
import * as repo from '../../../db/repos/scheduling';
import { appointments } from '../../../db/schema';
import type { AppDeps } from '../../deps';
import { audit, ctxOf, type Ctx } from '../../context';
import { httpError, notFound, unwrap } from '../../http-errors';
import { transact } from '../../transact';
import { ErrorBody, IdParams } from '../../schemas';
import { authorizePatient } from '../patients/access';
import { followThrough } from './dashboard';
import { CourseIntegrationDto, doseIntegrationDto, FollowThroughDto } from './dto';
import { followThroughOf, loadCourseFacts } from './load';

const tags = ['integration'];

/** Staff allowed `action` on the patient, else 404 (audited as denied); patients always 404 here. */
async function staffOnPatient(ctx: Ctx, patientId: string | undefined, fallbackId: string, action: 'patient:read-schedule' | 'patient:manage-schedule', auditAction: string) {
  const access = await authorizePatient(ctx, patientId ?? fallbackId, action, auditAction);
  return Boolean(patientId) && access.ok && ctx.actor.kind === 'staff';
}

export async function followThroughRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => deps.database.db;

  r.get('/api/courses/:id/integration', {
    schema: {
      tags, summary: 'Each dose of a course with its integration status: not-due, not-booked, booked, booked-outside-window, held or overdue',
      params: IdParams, response: { 200: CourseIntegrationDto, 404: ErrorBody },
    },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    const course = await repo.findCourse(db(), ctx.actor.clinicId, request.params.id);
    if (!(await staffOnPatient(ctx, course?.patientId, request.params.id, 'patient:read-schedule', 'course-integration.read')) || !course) throw notFound('course');
    const [facts, clinic] = await Promise.all([loadCourseFacts(db(), ctx.actor.clinicId, [course.id]), findClinic(db(), ctx.actor.clinicId)]);
    const c = facts.get(course.id)!;
    await audit(ctx, { action: 'course-integration.read', resourceType: 'course', resourceId: course.id, patientId: course.patientId });
    return {
      courseId: course.id, patientId: course.patientId, timeZone: clinic?.timeZone ?? 'UTC', window: { minHours: c.window.min, maxHours: c.window.max },
      doses: followThroughOf(c, deps.clock()).map(doseIntegrationDto),
    };
  });

  r.get('/api/integration/follow-through', {
    schema: {
      tags, summary: 'Doses of the last 14 days and the next 7 with their integration status, overdue first (therapists: their care-team patients)',
      response: { 200: FollowThroughDto, 403: ErrorBody },
    },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    if (!can(ctx.actor, 'patient:list', { type: 'clinic', clinicId: ctx.actor.clinicId })) throw httpError('FORBIDDEN', 'The follow-through list is for clinic staff.');
    return followThrough(ctx);
  });

  r.post('/api/appointments/:id/held', {
    schema: {
      tags, summary: 'Record that an integration session took place (it completes the appointment; its dose’s integration is then held)',
      params: IdParams, response: { 200: z.object({ id: z.string(), status: z.literal('completed') }), 404: ErrorBody, 409: ErrorBody },
    },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    const a = await repo.findAppointment(db(), ctx.actor.clinicId, request.params.id);
    if (!(await staffOnPatient(ctx, a?.patientId, request.params.id, 'patient:manage-schedule', 'appointment.held')) || !a || ctx.actor.kind !== 'staff') throw notFound('appointment');
    if (a.kind !== 'integration') throw httpError('CONFLICT', `This is a ${a.kind} session: only an integration session is recorded as held here (a dosing session completes at discharge).`);
    if (a.status !== 'booked') throw httpError('CONFLICT', `This integration session is ${a.status}: only a booked one can be recorded as held.`);
    const now = deps.clock();
    if (now.epochMilliseconds < a.startsAt.getTime()) throw httpError('CONFLICT', 'This integration session has not started yet: record it as held once it has taken place.');
    const staffId = ctx.actor.staffId;
    unwrap(await transact(db(), async (tx) => {
      // Only while still booked: two people recording it at once complete it (and write its history) once.
      const changed = await tx.update(appointments).set({ status: 'completed', updatedAt: toDate(now) })
        .where(and(eq(appointments.clinicId, a.clinicId), eq(appointments.id, a.id), eq(appointments.status, 'booked'))).returning({ id: appointments.id });
      if (changed.length === 0) return fail('CONFLICT', 'This integration session was changed meanwhile: reload it.');
      await repo.insertHistory(tx, [{
        clinicId: a.clinicId, id: newId(), appointmentId: a.id, action: 'completed', before: { status: a.status }, after: { status: 'completed' }, reason: 'held', changedBy: staffId, changedAt: toDate(now),
      }]);
      await audit(ctx, { action: 'appointment.held', resourceType: 'appointment', resourceId: a.id, patientId: a.patientId, detail: { courseId: a.courseId, number: a.number } }, tx);
      return ok(null);
    }));
    return { id: a.id, status: 'completed' as const };
  });
}
