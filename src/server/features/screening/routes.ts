/**
 * Eligibility (issue #3 §4): the pure evaluation, the clinic's versioned rule set, each patient's screening record,
 * and prescribers' eligibility decisions with co-signature.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { ctxOf } from '../../context';
import { unwrap } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';
import * as decisions from './decisions';
import * as records from './records';
import * as rules from './rule-sets';
import {
  AwaitingItem, DecisionBody, DecisionParams, DecisionView, Evaluation, EvaluateBody, RuleSetBody, RuleSetView, ScreeningBody, ScreeningView, Vocabulary,
} from './schemas';

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function screeningRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['eligibility'];

  r.get(
    '/api/eligibility/vocabulary',
    { schema: { tags, summary: 'Indication and condition ids with their labels, and the evaluation outcomes', response: { 200: Vocabulary } } },
    async () => rules.vocabulary(),
  );

  r.post(
    '/api/eligibility/evaluate',
    {
      schema: {
        tags, summary: 'Evaluate screening facts against the clinic’s current rule set (stores nothing; staff)',
        body: EvaluateBody, response: { 200: Evaluation, ...errors },
      },
    },
    async (request) => unwrap(await rules.evaluate(ctxOf(deps, request), request.body)),
  );

  r.get(
    '/api/eligibility/rule-set',
    { schema: { tags, summary: 'The clinic’s current eligibility rule set (the shipped default until one is saved; staff)', response: { 200: RuleSetView, ...errors } } },
    async (request) => unwrap(await rules.getRuleSet(ctxOf(deps, request))),
  );

  r.put(
    '/api/eligibility/rule-set',
    {
      schema: {
        tags, summary: 'Save the clinic’s eligibility rules as a new version clinic-<n> (admin, prescriber)',
        body: RuleSetBody, response: { 200: RuleSetView, ...errors },
      },
    },
    async (request) => unwrap(await rules.saveRuleSet(ctxOf(deps, request), request.body.rules)),
  );

  r.get(
    '/api/patients/:id/screening',
    {
      schema: {
        tags, summary: 'The patient’s screening record, latest screening questionnaire results and their live evaluation',
        params: IdParams, response: { 200: ScreeningView, ...errors },
      },
    },
    async (request) => unwrap(await records.getScreening(ctxOf(deps, request), request.params.id)),
  );

  r.put(
    '/api/patients/:id/screening',
    {
      schema: {
        tags, summary: 'Record the screening: indications and conditions (replaced); notes and blood pressure (replaced when given, cleared when null)',
        params: IdParams, body: ScreeningBody, response: { 200: ScreeningView, ...errors },
      },
    },
    async (request) => unwrap(await records.putScreening(ctxOf(deps, request), request.params.id, request.body)),
  );

  r.get(
    '/api/patients/:id/eligibility-decisions',
    {
      schema: {
        tags, summary: 'The patient’s eligibility decisions, newest first (the patient sees their final ones)',
        params: IdParams, response: { 200: z.object({ items: z.array(DecisionView) }), ...errors },
      },
    },
    async (request) => unwrap(await decisions.listForPatient(ctxOf(deps, request), request.params.id)),
  );

  r.post(
    '/api/patients/:id/eligibility-decisions',
    {
      schema: {
        tags, summary: 'Record the eligibility decision (prescriber); a final one moves the patient out of screening',
        params: IdParams, body: DecisionBody, response: { 201: DecisionView, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await decisions.decide(ctxOf(deps, request), request.params.id, request.body))),
  );

  r.get(
    '/api/eligibility-decisions/awaiting-cosign',
    {
      schema: {
        tags, summary: 'Decisions waiting for a second prescriber’s co-signature, oldest first (what the caller may act on)',
        response: { 200: z.object({ items: z.array(AwaitingItem) }), ...errors },
      },
    },
    async (request) => unwrap(await decisions.listAwaiting(ctxOf(deps, request))),
  );

  r.post(
    '/api/eligibility-decisions/:id/cosign',
    {
      schema: {
        tags, summary: 'Co-sign a decision as a second prescriber: it becomes final and moves the patient’s status',
        params: DecisionParams, response: { 200: DecisionView, ...errors },
      },
    },
    async (request) => unwrap(await decisions.cosign(ctxOf(deps, request), request.params.id)),
  );

  r.post(
    '/api/eligibility-decisions/:id/withdraw',
    {
      schema: {
        tags, summary: 'Withdraw a decision still waiting for its co-signature (the deciding prescriber)',
        params: DecisionParams, response: { 200: DecisionView, ...errors },
      },
    },
    async (request) => unwrap(await decisions.withdraw(ctxOf(deps, request), request.params.id)),
  );
}
