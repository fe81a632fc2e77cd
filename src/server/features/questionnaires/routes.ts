import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import * as repo from '../../../db/repos/questionnaires';
import type { AppDeps } from '../../deps';
import { audit, ctxOf } from '../../context';
import { notFound, unwrap } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';
import { clinicInstruments } from '../instruments/registry';
import { authorizePatient } from '../patients/access';
import { availableFrom, toAssignment, toResponse } from './dto';
import { orderRoutes } from './routes-orders';
import { AssignmentDto, CorrectionBody, DraftBody, ResponseDto, Submitted, SubmitBody } from './schemas';
import { correctResponse, submitResponse, type Submitted as SubmittedValue } from './submit';

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['questionnaires'];

const toSubmitted = (s: SubmittedValue) => ({ response: toResponse(s.response, true), safetyAlerts: s.safetyAlerts, crisisResources: s.crisisResources });

export async function questionnairesRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  r.get(
    '/api/patients/:id/questionnaires',
    {
      schema: {
        tags, summary: 'The patient’s questionnaires: due now, upcoming, and recently completed',
        params: IdParams,
        response: { 200: z.object({ due: z.array(AssignmentDto), upcoming: z.array(AssignmentDto), completed: z.array(AssignmentDto) }), ...errors },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const patientId = request.params.id;
      unwrap(await authorizePatient(ctx, patientId, 'patient:read-clinical', 'questionnaires.read'));
      const [rows, instruments] = await Promise.all([
        repo.listAssignments(db, ctx.actor.clinicId, patientId, ['pending', 'completed']),
        clinicInstruments(db, ctx.actor.clinicId),
      ]);
      const defs = new Map(instruments.map((i) => [i.definition.id, i.definition]));
      const now = deps.clock();
      const completedAt = await repo.completionTimes(db, ctx.actor.clinicId, rows.map((a) => a.responseId).filter((x): x is string => Boolean(x)));
      const shown = rows.map((a) => toAssignment(a, defs.get(a.instrumentId), now, a.responseId ? (completedAt.get(a.responseId) ?? null) : null));
      await audit(ctx, { action: 'questionnaires.read', resourceType: 'questionnaire-assignment', patientId });
      const pending = rows.filter((a) => a.status === 'pending');
      const isAvailable = (a: repo.AssignmentRow) => Temporal.Instant.compare(availableFrom(a), now) <= 0;
      const byId = new Map(shown.map((s) => [s.id, s]));
      return {
        due: pending.filter(isAvailable).map((a) => byId.get(a.id)!),
        upcoming: pending.filter((a) => !isAvailable(a)).slice(0, 20).map((a) => byId.get(a.id)!),
        completed: shown.filter((a) => a.status === 'completed').slice(-20).reverse(),
      };
    },
  );

  r.get(
    '/api/patients/:id/responses',
    {
      schema: {
        tags, summary: 'The patient’s submitted questionnaires (every version; `current` marks the ones not corrected since)',
        params: IdParams,
        querystring: z.object({ instrument: z.string().max(64).optional() }),
        response: { 200: z.object({ items: z.array(ResponseDto) }), ...errors },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const patientId = request.params.id;
      unwrap(await authorizePatient(ctx, patientId, 'patient:read-clinical', 'questionnaire-response.list'));
      const rows = await repo.listResponses(db, ctx.actor.clinicId, patientId, request.query.instrument);
      const superseded = await repo.supersededIds(db, ctx.actor.clinicId, rows.map((x) => x.id));
      await audit(ctx, { action: 'questionnaire-response.list', resourceType: 'questionnaire-response', patientId });
      return { items: rows.map((x) => toResponse(x, !superseded.has(x.id))) };
    },
  );

  r.post(
    '/api/patients/:id/responses',
    {
      schema: {
        tags, summary: 'Submit a completed questionnaire (the patient, or staff on the patient’s behalf); scored and stored, never changed',
        params: IdParams, body: SubmitBody, response: { 201: Submitted, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(toSubmitted(unwrap(await submitResponse(ctxOf(deps, request), request.params.id, request.body)))),
  );

  r.post(
    '/api/responses/:id/corrections',
    {
      schema: {
        tags, summary: 'Correct a submitted questionnaire (staff): a new version with a reason; the original is kept',
        params: IdParams, body: CorrectionBody, response: { 201: Submitted, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(toSubmitted(unwrap(await correctResponse(ctxOf(deps, request), request.params.id, request.body)))),
  );

  r.put(
    '/api/questionnaire-assignments/:id/draft',
    {
      schema: {
        tags, summary: 'Save answers so far (resumable questionnaires); null for unanswered items',
        params: IdParams, body: DraftBody, response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const assignment = await repo.findAssignment(db, ctx.actor.clinicId, request.params.id);
      const access = await authorizePatient(ctx, assignment?.patientId ?? request.params.id, 'patient:submit-response', 'questionnaire-draft.save');
      if (!assignment || !access.ok) throw notFound('questionnaire');
      const saved = await db.transaction(async (tx) => {
        const done = await repo.saveDraft(tx, ctx.actor.clinicId, assignment.id, request.body.answers);
        if (done) await audit(ctx, { action: 'questionnaire-draft.save', resourceType: 'questionnaire-assignment', resourceId: assignment.id, patientId: assignment.patientId }, tx);
        return done;
      });
      if (!saved) throw notFound('pending questionnaire');
      return reply.status(204).send(null);
    },
  );

  await orderRoutes(app, deps);
}
