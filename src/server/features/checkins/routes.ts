/**
 * Post-dose check-ins (issue #6 §2). The patient answers in the portal the morning after a dose (mood 0–10, sleep,
 * anything difficult surfacing, a safety question); staff may enter one on the patient's behalf (a phone call), which
 * is recorded as such. A risk answer opens a safety alert and returns the clinic's crisis resources. Rules:
 * src/core/integration/checkin.ts.
 *
 * Access: the patient their own doses (GET/POST /api/me/checkins; staff 403); staff entering ('patient:submit-response':
 * prescriber, nurse, care-team therapists) and reading ('patient:read-clinical'); admins, patients (on the staff
 * routes) and anyone off the care team get 404. Audited, never with the answers.
 */
import { and, desc, eq, gte, lte, ne } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkinState, checkinWindow, SAFETY_ANSWERS, SLEEP_ANSWERS } from '../../../core/integration/checkin';
import { findClinic } from '../../../db/repos/clinics';
import { appointments, settingsOf } from '../../../db/schema';
import type { AppDeps } from '../../deps';
import { audit, ctxOf, type Ctx } from '../../context';
import { httpError, notFound, unwrap } from '../../http-errors';
import { ErrorBody, IdParams, Uuid } from '../../schemas';
import { doseFacts, loadSessions } from '../follow-through/load';
import { authorizePatient } from '../patients/access';
import { recordCheckin } from './record';
import { checkinsFor, listPatientCheckins, type CheckinRow } from './store';

const tags = ['check-ins'];
/** Doses this far back are listed in the portal (a check-in closes 72 hours after its dose). */
const RECENT_DAYS = 14;

const CheckinBody = z.object({
  appointmentId: Uuid,
  mood: z.number({ message: 'a number from 0 to 10' }).int('a whole number from 0 to 10').min(0, 'from 0 to 10').max(10, 'from 0 to 10'),
  sleep: z.enum(SLEEP_ANSWERS, { message: `one of ${SLEEP_ANSWERS.join(', ')}` }),
  difficult: z.string().max(4000, 'at most 4,000 characters').nullish(),
  safety: z.enum(SAFETY_ANSWERS, { message: `one of ${SAFETY_ANSWERS.join(', ')}` }),
});

const CheckinView = z.object({
  id: z.string(), appointmentId: z.string(), mood: z.number(), sleep: z.enum(SLEEP_ANSWERS), difficult: z.string().nullable(), safety: z.enum(SAFETY_ANSWERS),
  safetyAlertId: z.string().nullable(), createdAt: z.string(),
  /** Entered by a staff member on the patient's behalf. */
  enteredOnBehalf: z.boolean(),
});
const checkinView = (c: CheckinRow): z.infer<typeof CheckinView> => ({
  id: c.id, appointmentId: c.appointmentId, mood: c.mood, sleep: c.sleep, difficult: c.difficult, safety: c.safety, safetyAlertId: c.safetyAlertId,
  createdAt: c.createdAt.toISOString(), enteredOnBehalf: c.enteredByStaff !== null,
});
/** The patient's own view: which alert their answer opened is the care team's business. */
const ownView = (c: CheckinRow) => {
  const { safetyAlertId, ...rest } = checkinView(c);
  void safetyAlertId;
  return rest;
};
const Recorded = z.object({ checkin: CheckinView, crisisResources: z.string().nullable() });
const OwnRecorded = z.object({ checkin: CheckinView.omit({ safetyAlertId: true }), crisisResources: z.string().nullable() });

const OwnCheckin = z.object({
  appointmentId: z.string(), doseNumber: z.number(), courseId: z.string().nullable(), doseStart: z.string(),
  opensAt: z.string().nullable(), promptAt: z.string().nullable(), closesAt: z.string().nullable(),
  state: z.enum(['not-open', 'open', 'due', 'closed', 'done']),
  checkin: CheckinView.omit({ safetyAlertId: true }).nullable(),
});

const iso = (t: { epochMilliseconds: number } | undefined) => (t ? new Date(t.epochMilliseconds).toISOString() : null);

async function ownCheckins(ctx: Ctx, patientId: string) {
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const now = ctx.deps.clock();
  const doses = await db.select().from(appointments)
    .where(and(
      eq(appointments.clinicId, clinicId), eq(appointments.patientId, patientId), eq(appointments.kind, 'dosing'), ne(appointments.status, 'cancelled'),
      gte(appointments.startsAt, new Date(now.epochMilliseconds - RECENT_DAYS * 24 * 3600_000)), lte(appointments.startsAt, new Date(now.epochMilliseconds)),
    ))
    .orderBy(desc(appointments.startsAt));
  const [sessions, done, clinic] = await Promise.all([loadSessions(db, clinicId, doses.map((d) => d.id)), checkinsFor(db, clinicId, doses.map((d) => d.id)), findClinic(db, clinicId)]);
  const zone = clinic?.timeZone ?? 'UTC';
  const items = doses.flatMap((a) => {
    const window = checkinWindow(doseFacts(a, sessions.get(a.id)), zone);
    const checkin = done.get(a.id);
    // A dose still being given (or not given) has no check-in to show yet.
    if (!window && !checkin) return [];
    return [{
      appointmentId: a.id, doseNumber: a.number, courseId: a.courseId, doseStart: a.startsAt.toISOString(),
      opensAt: iso(window?.opensAt), promptAt: iso(window?.promptAt), closesAt: iso(window?.closesAt),
      state: checkinState(window, now, Boolean(checkin)), checkin: checkin ? ownView(checkin) : null,
    }];
  });
  return { timeZone: zone, crisisResources: settingsOf(clinic).crisisResources, items };
}

export async function checkinRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const patientOnly = (ctx: Ctx) => {
    if (ctx.actor.kind !== 'patient') throw httpError('FORBIDDEN', 'Post-dose check-ins here are the patient’s own; staff use the patient’s record.');
    return ctx.actor.patientId;
  };

  r.get('/api/me/checkins', {
    schema: {
      tags, summary: 'The patient’s post-dose check-ins of the last two weeks’ doses: open, due (the morning after), done or closed',
      response: { 200: z.object({ timeZone: z.string(), crisisResources: z.string(), items: z.array(OwnCheckin) }), 403: ErrorBody },
    },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    const patientId = patientOnly(ctx);
    const result = await ownCheckins(ctx, patientId);
    await audit(ctx, { action: 'post-dose-checkin.list-own', resourceType: 'post-dose-checkin', patientId });
    return result;
  });

  r.post('/api/me/checkins', {
    schema: { tags, summary: 'Answer the post-dose check-in for one of the patient’s doses (once per dose)', body: CheckinBody, response: { 201: OwnRecorded, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (request, reply) => {
    const ctx = ctxOf(deps, request);
    const recorded = unwrap(await recordCheckin(ctx, patientOnly(ctx), request.body));
    return reply.status(201).send({ checkin: ownView(recorded.checkin), crisisResources: recorded.crisisResources });
  });

  r.get('/api/patients/:id/checkins', {
    schema: { tags, summary: 'The patient’s post-dose check-ins, newest first (clinical staff)', params: IdParams, response: { 200: z.object({ items: z.array(CheckinView) }), 404: ErrorBody } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    const access = await authorizePatient(ctx, request.params.id, 'patient:read-clinical', 'post-dose-checkin.list');
    if (!access.ok || ctx.actor.kind !== 'staff') throw notFound('patient');
    const rows = await listPatientCheckins(deps.database.db, ctx.actor.clinicId, request.params.id);
    await audit(ctx, { action: 'post-dose-checkin.list', resourceType: 'post-dose-checkin', patientId: request.params.id });
    return { items: rows.map(checkinView) };
  });

  r.post('/api/patients/:id/checkins', {
    schema: {
      tags, summary: 'Enter a post-dose check-in on the patient’s behalf (recorded as entered by staff)', params: IdParams, body: CheckinBody,
      response: { 201: Recorded, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (request, reply) => {
    const ctx = ctxOf(deps, request);
    if (ctx.actor.kind !== 'staff') {
      await audit(ctx, { action: 'post-dose-checkin.create', resourceType: 'patient', resourceId: request.params.id, outcome: 'denied' });
      throw notFound('patient');
    }
    const recorded = unwrap(await recordCheckin(ctx, request.params.id, request.body));
    return reply.status(201).send({ checkin: checkinView(recorded.checkin), crisisResources: recorded.crisisResources });
  });
}
