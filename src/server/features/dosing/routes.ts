/** Dosing session console (issue #5): the session of a dosing appointment and every step of it. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newId } from '../../../db/ids';
import { insertConsent } from '../../../db/repos/dosing';
import { findCourse } from '../../../db/repos/scheduling';
import type { AppDeps } from '../../deps';
import { audit, ctxOf } from '../../context';
import { httpError, notFound, unwrap } from '../../http-errors';
import { ErrorBody, IdParams, Uuid } from '../../schemas';
import type { BoardFeed } from '../board/feed';
import { authorizePatient } from '../patients/access';
import { AdministerBody, ObservationBody, PresenceBody, SettingBody, VitalsBody, acknowledgeDosingAlert, administer, recordObservation, recordPresence, recordVitals, updateSetting } from './after-dose';
import { OrderBody, checkIn, orderDose, overrideChecklistItem, passChecks, recordChecklistItem } from './before-dose';
import { abort, discharge, readyForDischarge } from './end';
import { loadDosing } from './load';
import { sessionView } from './view';

const Errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Done = z.record(z.string(), z.unknown());
const Reason = z.string().trim().min(3, 'give a reason of a few words').max(2000);

export async function dosingRoutes(app: FastifyInstance, deps: AppDeps, feed: BoardFeed): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dosing'];
  const env = (request: Parameters<typeof ctxOf>[1]) => ({ ctx: ctxOf(deps, request), feed });

  r.get(
    '/api/appointments/:id/session',
    { schema: { tags, summary: 'The dosing session of a dosing appointment: state, checklist, dose, vitals, observations, presence, alerts, checkpoints, discharge', params: IdParams, response: { 200: Done, 404: ErrorBody } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const l = unwrap(await loadDosing(ctx, deps.database.db, request.params.id, 'patient:read-clinical', 'dosing-session.read'));
      if (ctx.actor.kind !== 'staff') {
        await audit(ctx, { action: 'dosing-session.read', resourceType: 'dosing-session', resourceId: request.params.id, patientId: l.appointment.patientId, outcome: 'denied' });
        throw notFound('dosing session');
      }
      await audit(ctx, { action: 'dosing-session.read', resourceType: 'dosing-session', resourceId: request.params.id, patientId: l.appointment.patientId });
      return sessionView(deps.database.db, l, deps.clock().epochMilliseconds, { staffId: ctx.actor.staffId, role: ctx.actor.role });
    },
  );

  const post = <B extends z.ZodType>(path: string, summary: string, body: B, handler: (request: { params: { id: string }; body: z.infer<B> } & Parameters<typeof ctxOf>[1]) => Promise<unknown>, status = 200) =>
    r.post(path, { schema: { tags, summary, params: IdParams, body, response: { [status]: Done, ...Errors } } }, async (request, reply) => {
      const value = await handler(request as never);
      return reply.status(status).send(value as never);
    });

  post('/api/appointments/:id/session/check-in', 'Check the patient in (starts the session)', z.object({}).default({}), async (q) => unwrap(await checkIn(env(q), q.params.id)));
  r.put(
    '/api/appointments/:id/session/checklist/:itemId',
    { schema: { tags, summary: 'Record a pre-dose checklist item (fasting, ride home, no driving, pregnancy test, intention, adverse events reviewed, education read)', params: z.object({ id: Uuid, itemId: z.string().max(60) }), body: z.object({ value: z.unknown() }), response: { 200: Done, ...Errors } } },
    async (request) => unwrap(await recordChecklistItem(env(request), request.params.id, request.params.itemId, request.body.value)),
  );
  r.post(
    '/api/appointments/:id/session/checklist/:itemId/override',
    { schema: { tags, summary: 'Prescriber: override a failing checklist item with a written reason (audited, shown on the session)', params: z.object({ id: Uuid, itemId: z.string().max(60) }), body: z.object({ reason: Reason }), response: { 200: Done, ...Errors } } },
    async (request) => unwrap(await overrideChecklistItem(env(request), request.params.id, request.params.itemId, request.body.reason)),
  );
  post('/api/appointments/:id/session/pass-checks', 'Pass the pre-dose checks (refused while a required item fails, naming it)', z.object({}).default({}), async (q) => unwrap(await passChecks(env(q), q.params.id)));
  post('/api/appointments/:id/session/order', 'Prescriber: order the dose (route, product, mg; mg/kg from the latest weight; IV infusion minutes). Outside the protocol’s limits only with overrideReason', OrderBody, async (q) => unwrap(await orderDose(env(q), q.params.id, q.body)), 201);
  post('/api/appointments/:id/session/administrations', 'Give the dose, or a further part of it, from a stock lot (drawn in the controlled-substance ledger)', AdministerBody, async (q) => unwrap(await administer(env(q), q.params.id, q.body)), 201);
  post('/api/appointments/:id/session/vitals', 'Record vital signs (BP, heart rate, SpO2, respiratory rate); a value past a threshold raises an alert', VitalsBody, async (q) => unwrap(await recordVitals(env(q), q.params.id, q.body)), 201);
  post('/api/appointments/:id/session/observations', 'Record an observation: sedation, dissociation (clinic scales), state, adverse event, suicide-risk check, ride present, note', ObservationBody, async (q) => unwrap(await recordObservation(env(q), q.params.id, q.body)), 201);
  r.post(
    '/api/appointments/:id/session/alerts/:alertId/acknowledge',
    { schema: { tags, summary: 'Acknowledge a vitals alert with the action taken', params: z.object({ id: Uuid, alertId: Uuid }), body: z.object({ action: Reason }), response: { 200: Done, ...Errors } } },
    async (request) => unwrap(await acknowledgeDosingAlert(env(request), request.params.id, request.params.alertId, request.body.action)),
  );
  post('/api/appointments/:id/session/presence', 'Record who enters or leaves the room (leaving a dosed patient needs a hand-over)', PresenceBody, async (q) => unwrap(await recordPresence(env(q), q.params.id, q.body)), 201);
  r.put(
    '/api/appointments/:id/session/setting',
    { schema: { tags, summary: 'Set and setting: music or playlist, eye mask, lighting, notes', params: IdParams, body: SettingBody, response: { 200: Done, ...Errors } } },
    async (request) => unwrap(await updateSetting(env(request), request.params.id, request.body)),
  );
  post('/api/appointments/:id/session/ready-for-discharge', 'Mark the patient ready for discharge (every discharge condition met)', z.object({}).default({}), async (q) => unwrap(await readyForDischarge(env(q), q.params.id)));
  post('/api/appointments/:id/session/discharge', 'Sign the discharge (prescriber or nurse); refused before the minimum monitoring time or with a condition unmet, saying why and how long remains', z.object({}).default({}), async (q) => unwrap(await discharge(env(q), q.params.id)));
  post('/api/appointments/:id/session/abort', 'Abort the session with a reason', z.object({ reason: Reason }), async (q) => unwrap(await abort(env(q), q.params.id, q.body.reason)));

  r.post(
    '/api/courses/:id/consents',
    {
      schema: {
        tags, summary: 'Record the informed consent signed for a course (document version, when signed)', params: IdParams,
        body: z.object({ documentVersion: z.string().trim().min(1).max(100), signedAt: z.iso.datetime({ offset: true }) }),
        response: { 201: Done, ...Errors },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const course = await findCourse(deps.database.db, ctx.actor.clinicId, request.params.id);
      if (!course) throw notFound('course');
      const access = await authorizePatient(ctx, course.patientId, 'patient:run-dosing-session', 'consent.record');
      if (!access.ok || ctx.actor.kind !== 'staff') throw notFound('course');
      const now = deps.clock().epochMilliseconds;
      const signedAt = Date.parse(request.body.signedAt);
      if (signedAt > now + 60_000) throw httpError('VALIDATION_FAILED', 'The consent cannot be signed in the future.', { fields: [{ path: 'signedAt', message: 'cannot be in the future' }] });
      const id = newId();
      const staffId = ctx.actor.staffId;
      await deps.database.db.transaction(async (tx) => {
        await insertConsent(tx, { clinicId: ctx.actor.clinicId, id, patientId: course.patientId, courseId: course.id, documentVersion: request.body.documentVersion, signedAt: new Date(signedAt), recordedBy: staffId, createdAt: new Date(now) });
        await audit(ctx, { action: 'consent.record', resourceType: 'consent', resourceId: id, patientId: course.patientId, detail: { courseId: course.id, documentVersion: request.body.documentVersion } }, tx);
      });
      feed.notify(ctx.actor.clinicId);
      return reply.status(201).send({ id, courseId: course.id, documentVersion: request.body.documentVersion, signedAt: new Date(signedAt).toISOString() });
    },
  );
}
