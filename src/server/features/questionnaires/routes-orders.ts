/** Questionnaire orders: schedules, recorded doses (the anchor of dose-anchored questionnaires) and the clinic's plan. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { can } from '../../../core/authorization';
import { DEFAULT_DOSE_OFFSETS_HOURS } from '../../../core/measurement/schedule';
import { newId, toDate } from '../../../db/ids';
import * as repo from '../../../db/repos/questionnaires';
import type { AppDeps } from '../../deps';
import { audit, ctxOf } from '../../context';
import { httpError, notFound, unwrap } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';
import { findInstrument } from '../instruments/registry';
import { authorizePatient } from '../patients/access';
import { toSchedule } from './dto';
import { applyPlan, loadPlan, savePlan } from './plan';
import { createSchedule, materializeForDose } from './schedules';
import { DoseBody, DoseDto, PlanItemDto, ScheduleBody, ScheduleDto } from './schemas';

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['questionnaires'];

export async function orderRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const staffId = (actor: { kind: string; staffId?: string }) => (actor.kind === 'staff' ? (actor.staffId ?? null) : null);

  r.get(
    '/api/patients/:id/questionnaire-schedules',
    { schema: { tags, summary: 'Standing questionnaire orders for the patient', params: IdParams, response: { 200: z.object({ items: z.array(ScheduleDto) }), ...errors } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      unwrap(await authorizePatient(ctx, request.params.id, 'patient:read-clinical', 'questionnaire-schedule.list'));
      const rows = await repo.listSchedules(db, ctx.actor.clinicId, request.params.id);
      await audit(ctx, { action: 'questionnaire-schedule.list', resourceType: 'questionnaire-schedule', patientId: request.params.id });
      return { items: rows.map(toSchedule) };
    },
  );

  r.post(
    '/api/patients/:id/questionnaire-schedules',
    {
      schema: {
        tags, summary: 'Assign an instrument once, on a calendar (every N days) or anchored to doses (hours before/after each dose)',
        params: IdParams, body: ScheduleBody, response: { 201: ScheduleDto, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const patientId = request.params.id;
      unwrap(await authorizePatient(ctx, patientId, 'patient:manage-questionnaires', 'questionnaire-schedule.create'));
      const body = request.body;
      if (!(await findInstrument(db, ctx.actor.clinicId, body.instrument))) {
        throw httpError('VALIDATION_FAILED', `No instrument "${body.instrument}" in this clinic.`, { fields: [{ path: 'instrument', message: 'unknown instrument' }] });
      }
      const now = deps.clock();
      const schedule = await db.transaction(async (tx) => {
        const row = await createSchedule(tx, ctx.actor.clinicId, patientId, {
          instrumentId: body.instrument,
          kind: body.kind,
          startsAt: body.startsAt ? Temporal.Instant.from(body.startsAt) : now,
          endsAt: body.endsAt ? Temporal.Instant.from(body.endsAt) : null,
          everyDays: body.everyDays ?? null,
          offsetsHours: body.kind === 'dose-anchored' ? (body.offsetsHours ?? [...DEFAULT_DOSE_OFFSETS_HOURS]) : [],
        }, staffId(ctx.actor), now);
        await audit(ctx, { action: 'questionnaire-schedule.create', resourceType: 'questionnaire-schedule', resourceId: row.id, patientId, detail: { instrument: body.instrument, kind: body.kind } }, tx);
        return row;
      });
      return reply.status(201).send(toSchedule(schedule));
    },
  );

  r.delete(
    '/api/questionnaire-schedules/:id',
    { schema: { tags, summary: 'Stop a standing order; its future questionnaires are cancelled', params: IdParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const schedule = await repo.findSchedule(db, ctx.actor.clinicId, request.params.id);
      const access = await authorizePatient(ctx, schedule?.patientId ?? request.params.id, 'patient:manage-questionnaires', 'questionnaire-schedule.stop');
      if (!schedule || !access.ok) throw notFound('schedule');
      await db.transaction(async (tx) => {
        await repo.deactivateSchedule(tx, ctx.actor.clinicId, schedule.id, toDate(deps.clock()));
        await audit(ctx, { action: 'questionnaire-schedule.stop', resourceType: 'questionnaire-schedule', resourceId: schedule.id, patientId: schedule.patientId }, tx);
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/patients/:id/doses',
    { schema: { tags, summary: 'Recorded dose times (anchors for dose-anchored questionnaires)', params: IdParams, response: { 200: z.object({ items: z.array(DoseDto) }), ...errors } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      unwrap(await authorizePatient(ctx, request.params.id, 'patient:read-clinical', 'dose.list'));
      const rows = await repo.listDoses(db, ctx.actor.clinicId, request.params.id);
      await audit(ctx, { action: 'dose.list', resourceType: 'dose', patientId: request.params.id });
      return { items: rows.map((d) => ({ id: d.id, dosedAt: d.dosedAt.toISOString(), note: d.note })) };
    },
  );

  r.post(
    '/api/patients/:id/doses',
    {
      schema: {
        tags, summary: 'Record a dose time (prescriber or nurse); dose-anchored questionnaires are scheduled around it',
        params: IdParams, body: DoseBody, response: { 201: DoseDto, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const patientId = request.params.id;
      unwrap(await authorizePatient(ctx, patientId, 'patient:record-dose', 'dose.record'));
      const now = deps.clock();
      const dosedAt = Temporal.Instant.from(request.body.dosedAt);
      if (Temporal.Instant.compare(dosedAt, now.add({ hours: 24 * 90 })) > 0) {
        throw httpError('VALIDATION_FAILED', 'A dose time more than 90 days ahead is not plausible.', { fields: [{ path: 'dosedAt', message: 'too far ahead' }] });
      }
      const id = newId();
      await db.transaction(async (tx) => {
        await repo.insertDose(tx, { clinicId: ctx.actor.clinicId, id, patientId, dosedAt: toDate(dosedAt), recordedBy: staffId(ctx.actor), note: request.body.note ?? null, createdAt: toDate(now) });
        await materializeForDose(tx, ctx.actor.clinicId, patientId, now);
        await audit(ctx, { action: 'dose.record', resourceType: 'dose', resourceId: id, patientId }, tx);
      });
      return reply.status(201).send({ id, dosedAt: dosedAt.toString(), note: request.body.note ?? null });
    },
  );

  r.post(
    '/api/patients/:id/measurement-plan',
    {
      schema: {
        tags, summary: 'Give the patient the clinic measurement plan’s questionnaires for a phase (intake or course)',
        params: IdParams, body: z.object({ phase: z.enum(['intake', 'course']) }), response: { 200: z.object({ created: z.number() }), ...errors },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      unwrap(await authorizePatient(ctx, request.params.id, 'patient:manage-questionnaires', 'measurement-plan.apply'));
      const created = await db.transaction((tx) => applyPlan(ctx, tx, request.params.id, request.body.phase, deps.clock()));
      return { created };
    },
  );

  r.get(
    '/api/measurement-plan',
    { schema: { tags, summary: 'The clinic’s measurement plan', response: { 200: z.object({ items: z.array(PlanItemDto), isDefault: z.boolean() }), 403: ErrorBody } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      if (ctx.actor.kind !== 'staff') throw httpError('FORBIDDEN', 'Staff only.');
      return loadPlan(db, ctx.actor.clinicId);
    },
  );

  r.put(
    '/api/measurement-plan',
    {
      schema: {
        tags, summary: 'Replace the clinic’s measurement plan (admin or prescriber)',
        body: z.object({ items: z.array(PlanItemDto).max(50) }), response: { 200: z.object({ items: z.array(PlanItemDto), isDefault: z.boolean() }), 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      if (!can(ctx.actor, 'measurement-plan:manage', { type: 'clinic', clinicId: ctx.actor.clinicId })) throw httpError('FORBIDDEN', 'Only admins and prescribers change the measurement plan.');
      const fields: { path: string; message: string }[] = [];
      for (const [i, item] of request.body.items.entries()) {
        if (!(await findInstrument(db, ctx.actor.clinicId, item.instrumentId))) fields.push({ path: `items.${i}.instrumentId`, message: 'unknown instrument' });
        if (item.kind === 'calendar' && !item.everyDays) fields.push({ path: `items.${i}.everyDays`, message: 'required for a calendar item' });
        if (item.kind === 'dose-anchored' && item.offsetsHours.length === 0) fields.push({ path: `items.${i}.offsetsHours`, message: 'at least one offset' });
      }
      if (fields.length) throw httpError('VALIDATION_FAILED', 'The measurement plan is not valid.', { fields });
      const items = request.body.items.map((i) => ({ ...i, everyDays: i.kind === 'calendar' ? i.everyDays : null, offsetsHours: i.kind === 'dose-anchored' ? i.offsetsHours : [] }));
      await db.transaction(async (tx) => {
        await savePlan(tx, ctx.actor.clinicId, items);
        await audit(ctx, { action: 'measurement-plan.update', resourceType: 'measurement-plan', detail: { items: items.length } }, tx);
      });
      return loadPlan(db, ctx.actor.clinicId);
    },
  );
}
