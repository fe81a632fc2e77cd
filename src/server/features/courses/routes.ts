import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { ProtocolDefinition } from '../../../core/scheduling/protocol';
import { findClinic, listStaff } from '../../../db/repos/clinics';
import * as repo from '../../../db/repos/scheduling';
import { staffMembers } from '../../../db/schema';
import type { AppDeps } from '../../deps';
import { audit, ctxOf, type Ctx } from '../../context';
import { notFound, unwrap } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';
import { authorizePatient } from '../patients/access';
import { bookCourse } from './book';
import { cancelAppointment, resumeCourse, stopCourse } from './cancel';
import { appointmentDto, courseDto, toStoredProposal } from './dto';
import { createCourse, proposePlan, startOf } from './plan';
import { rescheduleAppointment } from './reschedule';
import { AppointmentDto, BookBody, CancelBody, CourseDto, CreateCourseBody, HistoryDto, PlanBody, RescheduleBody, RescheduleResult, SingleAppointmentBody, StopBody } from './schemas';
import { bookSingle } from './single';
import { toDate } from '../../../db/ids';

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['courses'];

async function loadCourseView(ctx: Ctx, courseId: string) {
  const { db } = ctx.deps.database;
  const course = await repo.findCourse(db, ctx.actor.clinicId, courseId);
  if (!course) throw notFound('course');
  const [protocol, appointments, clinic] = await Promise.all([
    repo.findProtocol(db, ctx.actor.clinicId, course.protocolId, course.protocolVersion),
    repo.listCourseAppointments(db, ctx.actor.clinicId, courseId),
    findClinic(db, ctx.actor.clinicId),
  ]);
  return courseDto(course, protocol!, ProtocolDefinition.parse(protocol!.definition), appointments, clinic?.timeZone ?? 'UTC');
}

export async function coursesRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  r.post('/api/patients/:id/courses', {
    schema: { tags, summary: 'Create a course from a protocol; returns it with a proposed plan (or why none exists, and alternatives)', params: IdParams, body: CreateCourseBody, response: { 201: CourseDto, ...errors } },
  }, async (request, reply) => {
    const ctx = ctxOf(deps, request);
    const { courseId } = unwrap(await createCourse(ctx, request.params.id, request.body));
    return reply.status(201).send(await loadCourseView(ctx, courseId));
  });

  r.get('/api/patients/:id/courses', {
    schema: { tags, summary: 'The patient’s courses, newest first', params: IdParams, response: { 200: z.object({ items: z.array(CourseDto) }), ...errors } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    unwrap(await authorizePatient(ctx, request.params.id, 'patient:read-schedule', 'course.list'));
    const list = await repo.listCourses(db, ctx.actor.clinicId, request.params.id);
    await audit(ctx, { action: 'course.list', resourceType: 'course', patientId: request.params.id });
    return { items: await Promise.all(list.map((c) => loadCourseView(ctx, c.id))) };
  });

  r.get('/api/courses/:id', {
    schema: { tags, summary: 'A course with every appointment (kind, start, end, room, therapist, staff, status)', params: IdParams, response: { 200: CourseDto, ...errors } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    const course = await repo.findCourse(db, ctx.actor.clinicId, request.params.id);
    const access = await authorizePatient(ctx, course?.patientId ?? request.params.id, 'patient:read-schedule', 'course.read');
    if (!course || !access.ok) throw notFound('course');
    await audit(ctx, { action: 'course.read', resourceType: 'course', resourceId: course.id, patientId: course.patientId });
    return loadCourseView(ctx, course.id);
  });

  r.post('/api/courses/:id/plan', {
    schema: { tags, summary: 'Plan a planned course again (another therapist, a later start)', params: IdParams, body: PlanBody, response: { 200: CourseDto, ...errors } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    const course = await repo.findCourse(db, ctx.actor.clinicId, request.params.id);
    const access = await authorizePatient(ctx, course?.patientId ?? request.params.id, 'patient:manage-schedule', 'course.plan');
    if (!course || !access.ok) throw notFound('course');
    if (course.status !== 'planned') unwrap({ ok: false, error: { code: 'CONFLICT', message: `This course is ${course.status}; only a planned course is planned again.` } });
    const protocol = (await repo.findProtocol(db, ctx.actor.clinicId, course.protocolId, course.protocolVersion))!;
    const clinic = await findClinic(db, ctx.actor.clinicId);
    const therapistId = request.body.therapistId ?? course.therapistId;
    const therapist = request.body.therapistId ? (await listStaff(db, ctx.actor.clinicId)).find((s) => s.id === therapistId) : undefined;
    if (request.body.therapistId && (!therapist || therapist.role !== 'therapist' || !therapist.active)) {
      unwrap({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'Not an active therapist of this clinic.', fields: [{ path: 'therapistId', message: 'not an active therapist' }] } });
    }
    const from = startOf(ctx, request.body.startDate, clinic?.timeZone ?? 'UTC');
    const planned = await proposePlan(ctx, course.patientId, ProtocolDefinition.parse(protocol.definition), course.route as never, therapistId, from);
    await db.transaction(async (tx) => {
      await repo.updateCourse(tx, ctx.actor.clinicId, course.id, { therapistId, proposal: toStoredProposal(from.toString(), planned.appointments, planned.failure, planned.alternatives), updatedAt: toDate(deps.clock()) });
      await audit(ctx, { action: 'course.plan', resourceType: 'course', resourceId: course.id, patientId: course.patientId }, tx);
    });
    return loadCourseView(ctx, course.id);
  });

  r.post('/api/courses/:id/book', {
    schema: { tags, summary: 'Book the plan: every appointment or none; 409 lists each conflicting appointment and the rule it breaks', params: IdParams, body: BookBody, response: { 200: CourseDto, ...errors } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    unwrap(await bookCourse(ctx, request.params.id, request.body));
    return loadCourseView(ctx, request.params.id);
  });

  for (const [path, mode] of [['cancel', 'cancel'], ['pause', 'pause']] as const) {
    r.post(`/api/courses/:id/${path}`, {
      schema: { tags, summary: mode === 'cancel' ? 'Cancel the rest of a course (future appointments)' : 'Pause a course: its future appointments are cancelled; resume plans them again', params: IdParams, body: StopBody, response: { 200: CourseDto, ...errors } },
    }, async (request) => {
      const ctx = ctxOf(deps, request);
      unwrap(await stopCourse(ctx, request.params.id, mode, request.body.reason));
      return loadCourseView(ctx, request.params.id);
    });
  }

  r.post('/api/courses/:id/resume', {
    schema: { tags, summary: 'Resume a paused course: the remaining sessions are planned again, ready to book', params: IdParams, body: PlanBody, response: { 200: CourseDto, ...errors } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    unwrap(await resumeCourse(ctx, request.params.id, request.body.startDate));
    return loadCourseView(ctx, request.params.id);
  });

  r.post('/api/appointments', {
    schema: { tags, summary: 'Book one appointment (a follow-up, an extra session); 409 when the room, staff or patient is taken', body: SingleAppointmentBody, response: { 201: AppointmentDto, ...errors } },
  }, async (request, reply) => reply.status(201).send(appointmentDto(unwrap(await bookSingle(ctxOf(deps, request), request.body)))));

  r.patch('/api/appointments/:id', {
    schema: {
      tags, summary: 'Reschedule: returns the proposed dependent moves; applies them (all or nothing) with {"confirm":true}',
      params: IdParams, body: RescheduleBody, response: { 200: RescheduleResult, ...errors },
    },
  }, async (request) => unwrap(await rescheduleAppointment(ctxOf(deps, request), request.params.id, request.body)));

  r.post('/api/appointments/:id/cancel', {
    schema: { tags, summary: 'Cancel an appointment with a reason; a cancelled dose cancels its integration unless kept', params: IdParams, body: CancelBody, response: { 200: z.object({ cancelled: z.array(z.string()) }), ...errors } },
  }, async (request) => unwrap(await cancelAppointment(ctxOf(deps, request), request.params.id, request.body)));

  r.get('/api/appointments/:id/history', {
    schema: { tags, summary: 'Every change to the appointment: who, when, before, after, why', params: IdParams, response: { 200: HistoryDto, ...errors } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    const appointment = await repo.findAppointment(db, ctx.actor.clinicId, request.params.id);
    const access = await authorizePatient(ctx, appointment?.patientId ?? request.params.id, 'patient:read-schedule', 'appointment.history');
    if (!appointment || !access.ok) throw notFound('appointment');
    const rows = await repo.listHistory(db, ctx.actor.clinicId, appointment.id);
    const ids = [...new Set(rows.map((x) => x.changedBy).filter((x): x is string => Boolean(x)))];
    const names = ids.length
      ? new Map((await db.select({ id: staffMembers.id, g: staffMembers.givenName, f: staffMembers.familyName }).from(staffMembers).where(and(eq(staffMembers.clinicId, ctx.actor.clinicId), inArray(staffMembers.id, ids)))).map((s) => [s.id, `${s.g} ${s.f}`]))
      : new Map<string, string>();
    await audit(ctx, { action: 'appointment.history', resourceType: 'appointment', resourceId: appointment.id, patientId: appointment.patientId });
    return { items: rows.map((x) => ({ action: x.action, before: x.before ?? null, after: x.after ?? null, reason: x.reason, changedBy: x.changedBy, changedByName: x.changedBy ? (names.get(x.changedBy) ?? null) : null, changedAt: x.changedAt.toISOString() })) };
  });
}
