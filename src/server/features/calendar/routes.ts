/**
 * Calendars (issue #4 §5): day and week views for the whole clinic, a staff member or a room (clinic-local days,
 * weeks from Monday), today's sessions by room, the signed-in user's own upcoming appointments, and the secret
 * iCalendar feed URL of the signed-in user with the public feed itself.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { can } from '../../../core/authorization';
import { appendAuditEvents } from '../../../db/repos/audit';
import { findOwnerFeed, insertFeed, revokeFeeds } from '../../../db/repos/availability';
import { findClinic, findStaff, listRooms, type ClinicRow } from '../../../db/repos/clinics';
import { toDate } from '../../../db/ids';
import type { AppDeps } from '../../deps';
import { audit, auditEvent, ctxOf, type Ctx } from '../../context';
import { httpError, notFound } from '../../http-errors';
import { hashToken } from '../../plugins/auth';
import { ErrorBody, IsoDate, Uuid } from '../../schemas';
import { CalendarItem, calendarItem, loadCalendarRows, namedPatients, type CalendarRow } from './appointments';
import { feedUrl, newFeedToken, ownerOf, renderFeed, resolveFeed } from './feeds';
import { localDay, todayIn, viewDays } from './local-time';

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const LocalDayDto = z.object({ date: z.string(), start: z.string(), end: z.string(), hours: z.number() });

const CalendarView = z.object({
  view: z.enum(['day', 'week']),
  /** The date asked for (default: today, clinic-local). */
  date: z.string(),
  timeZone: z.string(),
  /** First instant of the first day; first instant after the last day. */
  start: z.string(),
  end: z.string(),
  days: z.array(LocalDayDto),
  filter: z.object({ staffId: z.string().nullable(), roomId: z.string().nullable() }),
  items: z.array(CalendarItem),
});

const CalendarQuery = z.object({
  view: z.enum(['day', 'week']).default('day'),
  date: IsoDate.optional(),
  staffId: Uuid.optional(),
  roomId: Uuid.optional(),
  includeCancelled: z.enum(['true', 'false']).optional(),
});

const TodayView = z.object({
  date: z.string(),
  timeZone: z.string(),
  day: LocalDayDto,
  rooms: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), active: z.boolean(), items: z.array(CalendarItem) })),
});

const FeedStatus = z.object({ active: z.boolean(), createdAt: z.string().nullable() });
const FeedCreated = z.object({ url: z.string(), createdAt: z.string(), rotated: z.boolean() });

/** The feed's public rate limit, per IP address (calendar clients poll every few minutes at most). */
export const FEED_RATE_LIMIT = { max: 60, timeWindow: 60_000 };

function requireStaff(ctx: Ctx): void {
  if (!can(ctx.actor, 'room:read', { type: 'clinic', clinicId: ctx.actor.clinicId })) {
    throw httpError('FORBIDDEN', 'The clinic calendar is for staff; your own appointments are at /api/me/appointments.');
  }
}

async function clinicOf(ctx: Ctx): Promise<ClinicRow> {
  const clinic = await findClinic(ctx.deps.database.db, ctx.actor.clinicId);
  if (!clinic) throw notFound('clinic');
  return clinic;
}

/** Items for the actor, names where allowed; audits the read, listing the patients shown by name. */
async function itemsFor(ctx: Ctx, rows: CalendarRow[], zone: string, action: string) {
  const named = await namedPatients(ctx.deps.database.db, ctx.actor, rows.map((r) => r.a.patientId));
  const patientIds = [...named];
  await audit(ctx, {
    action, resourceType: 'appointment',
    ...(ctx.actor.kind === 'patient' ? { patientId: ctx.actor.patientId } : { patientIds }),
    detail: { appointments: rows.length },
  });
  return rows.map((r) => calendarItem(r, zone, named.has(r.a.patientId)));
}

export async function calendarRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  r.get('/api/calendar', {
    schema: {
      tags: ['calendar'],
      summary: 'Day or week view (Monday to Sunday) in the clinic’s zone: the whole clinic, one staff member (staffId) or one room (roomId)',
      querystring: CalendarQuery, response: { 200: CalendarView, ...errors },
    },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    requireStaff(ctx);
    const q = request.query;
    if (q.staffId && q.roomId) {
      throw httpError('VALIDATION_FAILED', 'Filter by a staff member or a room, not both.', { fields: [{ path: 'roomId', message: 'not with staffId' }] });
    }
    if (q.staffId && !(await findStaff(db, ctx.actor.clinicId, q.staffId))) throw notFound('staff member');
    if (q.roomId && !(await listRooms(db, ctx.actor.clinicId)).some((room) => room.id === q.roomId)) throw notFound('room');
    const clinic = await clinicOf(ctx);
    const zone = clinic.timeZone;
    const date = q.date ? Temporal.PlainDate.from(q.date) : todayIn(deps.clock(), zone);
    const days = viewDays(q.view, date, zone);
    const start = days[0]!.start;
    const end = days[days.length - 1]!.end;
    const rows = await loadCalendarRows(db, {
      clinicId: ctx.actor.clinicId, startFrom: new Date(start), startBefore: new Date(end), staffId: q.staffId, roomId: q.roomId, includeCancelled: q.includeCancelled === 'true',
    });
    return {
      view: q.view, date: date.toString(), timeZone: zone, start, end, days,
      filter: { staffId: q.staffId ?? null, roomId: q.roomId ?? null },
      items: await itemsFor(ctx, rows, zone, 'calendar.read'),
    };
  });

  r.get('/api/calendar/today', {
    schema: { tags: ['calendar'], summary: 'Today’s appointments (clinic-local) by room: every active room, and any other room in use today', response: { 200: TodayView, ...errors } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    requireStaff(ctx);
    const clinic = await clinicOf(ctx);
    const zone = clinic.timeZone;
    const day = localDay(todayIn(deps.clock(), zone), zone);
    const [rows, roomList] = await Promise.all([
      loadCalendarRows(db, { clinicId: ctx.actor.clinicId, startFrom: new Date(day.start), startBefore: new Date(day.end) }),
      listRooms(db, ctx.actor.clinicId),
    ]);
    const items = await itemsFor(ctx, rows, zone, 'calendar.read-today');
    const used = new Set(items.map((i) => i.roomId));
    return {
      date: day.date, timeZone: zone, day,
      rooms: roomList
        .filter((room) => room.active || used.has(room.id))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((room) => ({ id: room.id, name: room.name, kind: room.kind, active: room.active, items: items.filter((i) => i.roomId === room.id) })),
    };
  });

  r.get('/api/me/appointments', {
    schema: {
      tags: ['calendar', 'me'],
      summary: 'Your upcoming appointments: a patient’s own (portal), or a staff member’s as therapist or nurse',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ timeZone: z.string(), items: z.array(CalendarItem) }), ...errors },
    },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    const clinic = await clinicOf(ctx);
    const now = toDate(deps.clock());
    const rows = await loadCalendarRows(db, {
      clinicId: ctx.actor.clinicId, endAfter: now, limit: request.query.limit,
      ...(ctx.actor.kind === 'patient' ? { patientId: ctx.actor.patientId } : { staffId: ctx.actor.staffId }),
    });
    return { timeZone: clinic.timeZone, items: await itemsFor(ctx, rows, clinic.timeZone, 'appointment.list-own') };
  });

  // ---- iCalendar feeds ---------------------------------------------------------------------------------------------

  r.get('/api/me/calendar-feed', {
    schema: { tags: ['calendar', 'me'], summary: 'Whether you have a live calendar feed (its URL is shown only when created)', response: { 200: FeedStatus } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    const feed = await findOwnerFeed(db, ctx.actor.clinicId, ownerOf(ctx.actor));
    return { active: Boolean(feed), createdAt: feed?.createdAt.toISOString() ?? null };
  });

  r.post('/api/me/calendar-feed', {
    schema: {
      tags: ['calendar', 'me'],
      summary: 'Create your secret calendar feed URL (iCalendar), or a new one: the previous URL stops working',
      response: { 201: FeedCreated, ...errors },
    },
  }, async (request, reply) => {
    const ctx = ctxOf(deps, request);
    const owner = ownerOf(ctx.actor);
    const token = newFeedToken();
    const at = toDate(deps.clock());
    const rotated = await db.transaction(async (tx) => {
      const revoked = await revokeFeeds(tx, ctx.actor.clinicId, owner, at);
      await insertFeed(tx, { clinicId: ctx.actor.clinicId, tokenHash: hashToken(token), ownerKind: owner.kind, ownerId: owner.id, createdAt: at });
      await audit(ctx, { action: revoked ? 'calendar-feed.rotate' : 'calendar-feed.create', resourceType: 'calendar-feed', resourceId: owner.id }, tx);
      return revoked > 0;
    });
    return reply.status(201).send({ url: feedUrl(deps.config.publicUrl, ctx.actor.clinicId, token), createdAt: at.toISOString(), rotated });
  });

  r.delete('/api/me/calendar-feed', {
    schema: { tags: ['calendar', 'me'], summary: 'Revoke your calendar feed URL (answers 204 also when there was none)', response: { 204: z.null() } },
  }, async (request, reply) => {
    const ctx = ctxOf(deps, request);
    await db.transaction(async (tx) => {
      const revoked = await revokeFeeds(tx, ctx.actor.clinicId, ownerOf(ctx.actor), toDate(deps.clock()));
      if (revoked) await audit(ctx, { action: 'calendar-feed.revoke', resourceType: 'calendar-feed', resourceId: ownerOf(ctx.actor).id }, tx);
    });
    return reply.status(204).send(null);
  });

  r.get('/api/calendar-feeds/:feed', {
    config: { public: true, rateLimit: FEED_RATE_LIMIT },
    schema: {
      tags: ['calendar'],
      summary: 'A calendar feed (text/calendar, RFC 5545) by its secret URL; no sign-in. Unknown or revoked: 404.',
      params: z.object({ feed: z.string().max(200) }),
      response: { 200: z.string(), 404: ErrorBody, 429: ErrorBody },
    },
  }, async (request, reply) => {
    const feed = await resolveFeed(db, request.params.feed);
    if (!feed) throw notFound('calendar feed');
    const clinic = await findClinic(db, feed.actor.clinicId);
    if (!clinic) throw notFound('calendar feed');
    const now = deps.clock();
    const rendered = await renderFeed(db, clinic, feed, now, deps.config.publicUrl);
    // Read by the owner's calendar app: the trail shows whose feed was read, and which patients it named.
    const ctx: Ctx = { deps, actor: feed.actor, requestId: request.id };
    await appendAuditEvents(db, clinic.id, [auditEvent(ctx, {
      action: 'calendar-feed.read', resourceType: 'calendar-feed', resourceId: feed.owner.id,
      ...(feed.owner.kind === 'patient' ? { patientId: feed.owner.id } : { patientIds: rendered.namedPatientIds }),
      detail: { events: rendered.events, ip: request.ip },
    })]);
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="tilth.ics"')
      .send(rendered.body);
  });
}
