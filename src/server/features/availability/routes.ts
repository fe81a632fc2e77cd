/**
 * Staff availability (weekly working hours in the clinic's zone, time off and extra hours) and patient scheduling
 * preferences (issue #4 §2): what the planner reads when it proposes a course.
 *
 * Who may do what:
 * - every staff member reads anyone's availability (scheduling needs it); patients do not;
 * - an administrator edits anyone's hours and exceptions, a staff member their own;
 * - a patient's preferences are read by whoever may read the patient's schedule, and set by whoever may manage it —
 *   and by the patient themselves: they are the patient's own statement of when they can come, they book nothing.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { can } from '../../../core/authorization';
import { TIMES_OF_DAY } from '../../../core/scheduling/availability';
import { newId, toDate } from '../../../db/ids';
import * as repo from '../../../db/repos/availability';
import { findClinic, findStaff, type StaffRow } from '../../../db/repos/clinics';
import type { AppDeps } from '../../deps';
import { audit, ctxOf, type Ctx } from '../../context';
import { httpError, notFound, unwrap } from '../../http-errors';
import { ErrorBody, IdParams, Uuid } from '../../schemas';
import { authorizePatient } from '../patients/access';
import { localTimes, todayIn } from '../calendar/local-time';
import {
  AvailabilityBody, AvailabilityDto, ExceptionBody, ExceptionCreated, ExceptionDto, ExceptionsQuery, PreferencesBody, PreferencesDto,
} from './schemas';

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

function requireStaffReader(ctx: Ctx): void {
  if (!can(ctx.actor, 'staff:read', { type: 'clinic', clinicId: ctx.actor.clinicId })) throw httpError('FORBIDDEN', 'Staff availability is for staff.');
}

function requireEditor(ctx: Ctx, staffId: string): void {
  const self = ctx.actor.kind === 'staff' && ctx.actor.staffId === staffId;
  if (!self && !can(ctx.actor, 'staff:manage', { type: 'clinic', clinicId: ctx.actor.clinicId })) {
    throw httpError('FORBIDDEN', 'Only clinic administrators change other staff members’ hours; you can change your own.');
  }
}

async function zoneOf(ctx: Ctx): Promise<string> {
  return (await findClinic(ctx.deps.database.db, ctx.actor.clinicId))?.timeZone ?? 'UTC';
}

async function loadStaff(ctx: Ctx, staffId: string): Promise<StaffRow> {
  const staff = await findStaff(ctx.deps.database.db, ctx.actor.clinicId, staffId);
  if (!staff) throw notFound('staff member');
  return staff;
}

const exceptionDto = (e: repo.ExceptionRow, zone: string) => {
  const local = localTimes(e.startsAt, e.endsAt, zone);
  return {
    id: e.id, staffId: e.staffId, kind: e.kind, start: e.startsAt.toISOString(), end: e.endsAt.toISOString(),
    localStart: local.localStart, localEnd: local.localEnd, timeZoneName: local.timeZoneName, note: e.note, createdAt: e.createdAt.toISOString(),
  };
};

/** Only the days that have hours, in weekday order, each day's spans in time order. */
function tidyHours(hours: Record<string, [string, string][] | undefined>): repo.WeeklyHoursRow {
  const out: repo.WeeklyHoursRow = {};
  for (const day of ['1', '2', '3', '4', '5', '6', '7']) {
    const spans = hours[day];
    if (spans?.length) out[day] = [...spans].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([s, e]) => [s, e]);
  }
  return out;
}

export async function availabilityRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const tags = ['availability'];

  const upcomingExceptions = async (clinicId: string, staffId: string, zone: string) => {
    const from = todayIn(deps.clock(), zone).toZonedDateTime({ timeZone: zone }).toInstant();
    const rows = await repo.listExceptions(db, clinicId, staffId, toDate(from), toDate(from.add({ hours: 24 * 3660 })));
    return rows.map((e) => exceptionDto(e, zone));
  };

  const view = async (ctx: Ctx, staff: StaffRow) => {
    const zone = await zoneOf(ctx);
    const row = await repo.findStaffAvailability(db, ctx.actor.clinicId, staff.id);
    return {
      staffId: staff.id, staffName: `${staff.givenName} ${staff.familyName}`, role: staff.role, timeZone: zone,
      weeklyHours: tidyHours(row?.weeklyHours ?? {}), updatedAt: row?.updatedAt.toISOString() ?? null,
      exceptions: await upcomingExceptions(ctx.actor.clinicId, staff.id, zone),
    };
  };

  r.get('/api/staff/:id/availability', {
    schema: { tags, summary: 'A staff member’s weekly working hours (clinic-local) and upcoming exceptions', params: IdParams, response: { 200: AvailabilityDto, ...errors } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    requireStaffReader(ctx);
    return view(ctx, await loadStaff(ctx, request.params.id));
  });

  r.put('/api/staff/:id/availability', {
    schema: {
      tags, summary: 'Replace a staff member’s weekly working hours (admin, or the staff member themselves)',
      params: IdParams, body: AvailabilityBody, response: { 200: AvailabilityDto, ...errors },
    },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    requireEditor(ctx, request.params.id);
    const staff = await loadStaff(ctx, request.params.id);
    const hours = tidyHours(request.body.weeklyHours);
    await db.transaction(async (tx) => {
      await repo.upsertStaffAvailability(tx, ctx.actor.clinicId, staff.id, hours, toDate(deps.clock()));
      await audit(ctx, { action: 'staff.availability.update', resourceType: 'staff', resourceId: staff.id, detail: { days: Object.keys(hours) } }, tx);
    });
    return view(ctx, staff);
  });

  r.get('/api/staff/:id/availability/exceptions', {
    schema: {
      tags, summary: 'A staff member’s time off and extra hours between two local dates (default: from today, a year ahead)',
      params: IdParams, querystring: ExceptionsQuery, response: { 200: z.object({ timeZone: z.string(), items: z.array(ExceptionDto) }), ...errors },
    },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    requireStaffReader(ctx);
    const staff = await loadStaff(ctx, request.params.id);
    const zone = await zoneOf(ctx);
    const fromDate = request.query.from ? Temporal.PlainDate.from(request.query.from) : todayIn(deps.clock(), zone);
    const toDateLocal = request.query.to ? Temporal.PlainDate.from(request.query.to) : fromDate.add({ days: 365 });
    if (Temporal.PlainDate.compare(toDateLocal, fromDate) < 0) {
      throw httpError('VALIDATION_FAILED', 'The range ends before it starts.', { fields: [{ path: 'to', message: 'must not be before from' }] });
    }
    const from = fromDate.toZonedDateTime({ timeZone: zone }).toInstant();
    const to = toDateLocal.add({ days: 1 }).toZonedDateTime({ timeZone: zone }).toInstant();
    const rows = await repo.listExceptions(db, ctx.actor.clinicId, staff.id, toDate(from), toDate(to));
    return { timeZone: zone, items: rows.map((e) => exceptionDto(e, zone)) };
  });

  r.post('/api/staff/:id/availability/exceptions', {
    schema: {
      tags, summary: 'Add time off ("off") or extra hours ("extra") for a staff member (admin, or the staff member themselves)',
      params: IdParams, body: ExceptionBody, response: { 201: ExceptionCreated, ...errors },
    },
  }, async (request, reply) => {
    const ctx = ctxOf(deps, request);
    requireEditor(ctx, request.params.id);
    const staff = await loadStaff(ctx, request.params.id);
    const zone = await zoneOf(ctx);
    const now = toDate(deps.clock());
    const row: repo.ExceptionRow = {
      clinicId: ctx.actor.clinicId, id: newId(), staffId: staff.id, kind: request.body.kind,
      startsAt: new Date(request.body.start), endsAt: new Date(request.body.end), note: request.body.note?.trim() || null, createdAt: now,
    };
    const overlapping = await db.transaction(async (tx) => {
      await repo.insertException(tx, row);
      await audit(ctx, { action: 'staff.availability-exception.add', resourceType: 'staff-availability-exception', resourceId: row.id, detail: { staffId: staff.id, kind: row.kind } }, tx);
      return row.kind === 'off' ? repo.appointmentsOfStaffBetween(tx, ctx.actor.clinicId, staff.id, row.startsAt, row.endsAt) : [];
    });
    return reply.status(201).send({
      ...exceptionDto(row, zone),
      overlappingAppointments: overlapping.map((a) => ({ id: a.id, kind: a.kind, start: a.startsAt.toISOString(), end: a.endsAt.toISOString() })),
    });
  });

  r.delete('/api/staff/:id/availability/exceptions/:exceptionId', {
    schema: {
      tags, summary: 'Remove an exception (admin, or the staff member themselves)',
      params: z.object({ id: Uuid, exceptionId: Uuid }), response: { 204: z.null(), ...errors },
    },
  }, async (request, reply) => {
    const ctx = ctxOf(deps, request);
    requireEditor(ctx, request.params.id);
    const removed = await db.transaction(async (tx) => {
      const row = await repo.deleteException(tx, ctx.actor.clinicId, request.params.id, request.params.exceptionId);
      if (row) await audit(ctx, { action: 'staff.availability-exception.remove', resourceType: 'staff-availability-exception', resourceId: row.id, detail: { staffId: row.staffId, kind: row.kind } }, tx);
      return row;
    });
    if (!removed) throw notFound('exception');
    return reply.status(204).send(null);
  });

  // ---- patient scheduling preferences ----------------------------------------------------------------------------

  const preferencesDto = (patientId: string, row: repo.PreferencesRow | undefined) => ({
    patientId,
    weekdays: [...(row?.weekdays ?? [])].sort((a, b) => a - b),
    timesOfDay: row?.timesOfDay ?? [],
    earliestStart: row?.earliestStart ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    timesOfDayHours: Object.fromEntries(Object.entries(TIMES_OF_DAY).map(([k, v]) => [k, [v[0], v[1]] as [string, string]])),
  });

  r.get('/api/patients/:id/scheduling-preferences', {
    schema: { tags, summary: 'When the patient can come: weekdays, parts of the day, earliest start (empty: no preference)', params: IdParams, response: { 200: PreferencesDto, ...errors } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    unwrap(await authorizePatient(ctx, request.params.id, 'patient:read-schedule', 'patient.scheduling-preferences.read'));
    const row = await repo.findPreferences(db, ctx.actor.clinicId, request.params.id);
    await audit(ctx, { action: 'patient.scheduling-preferences.read', resourceType: 'patient', resourceId: request.params.id, patientId: request.params.id });
    return preferencesDto(request.params.id, row);
  });

  r.put('/api/patients/:id/scheduling-preferences', {
    schema: {
      tags, summary: 'Set when the patient can come (staff who manage the patient’s schedule, or the patient themselves)',
      params: IdParams, body: PreferencesBody, response: { 200: PreferencesDto, ...errors },
    },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    const id = request.params.id;
    const self = ctx.actor.kind === 'patient' && ctx.actor.patientId === id;
    unwrap(await authorizePatient(ctx, id, self ? 'patient:read-schedule' : 'patient:manage-schedule', 'patient.scheduling-preferences.update'));
    const prefs = {
      weekdays: [...new Set(request.body.weekdays)].sort((a, b) => a - b),
      timesOfDay: [...new Set(request.body.timesOfDay)],
      earliestStart: request.body.earliestStart ?? null,
    };
    const row = await db.transaction(async (tx) => {
      const saved = await repo.upsertPreferences(tx, ctx.actor.clinicId, id, prefs, toDate(deps.clock()));
      await audit(ctx, { action: 'patient.scheduling-preferences.update', resourceType: 'patient', resourceId: id, patientId: id, detail: { self } }, tx);
      return saved;
    });
    return preferencesDto(id, row);
  });
}
