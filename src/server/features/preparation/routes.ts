/**
 * Preparation (issue #6 §1): the therapist's structured guide for each preparation session (hopes, fears, intentions,
 * the emotional safety plan, what to expect, the consent walkthrough), and the safety plan it yields, which the
 * patient keeps in the portal and the dosing staff read on the record.
 *
 * Access (src/core/preparation/access.ts): the guide is read and written by the therapists of the patient's care team
 * and the clinic's prescribers; everyone else gets 404. The safety plan is the patient's own (GET /api/me/safety-plan,
 * 403 for staff) and, on the record, readable by whoever may run the patient's dosing session (prescriber, nurse,
 * care-team therapists; others 404). Every read and write is audited with the patient, never with the text.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SECTION_IDS } from '../../../core/preparation';
import type { AppDeps } from '../../deps';
import { ctxOf } from '../../context';
import { unwrap } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';
import { readGuide, writeGuide } from './guide';
import { readOwnSafetyPlan, readPatientSafetyPlan } from './safety-plan';

const Question = z.object({ kind: z.enum(['text', 'check', 'contacts']), key: z.string(), label: z.string(), hint: z.string(), slots: z.number().optional() });
const Section = z.object({ id: z.enum(SECTION_IDS), heading: z.string(), prompt: z.string(), crisisLine: z.boolean().optional(), questions: z.array(Question) });
const Completeness = z.object({
  complete: z.boolean(),
  sections: z.array(z.object({ id: z.enum(SECTION_IDS), heading: z.string(), status: z.enum(['empty', 'partial', 'complete']), missing: z.array(z.string()) })),
  empty: z.array(z.enum(SECTION_IDS)),
});
const GuideView = z.object({
  appointment: z.object({ id: z.string(), patientId: z.string(), courseId: z.string().nullable(), number: z.number(), start: z.string(), end: z.string(), status: z.string(), therapistId: z.string() }),
  patient: z.object({ id: z.string(), name: z.string() }),
  sections: z.array(Section),
  answers: z.record(z.string(), z.string()),
  updatedAt: z.string().nullable(),
  updatedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  completeness: Completeness,
  crisisResources: z.string(),
  consent: z.object({ documentVersion: z.string(), signedAt: z.string() }).nullable(),
  writable: z.boolean(),
});
const Contact = z.object({ name: z.string(), relationship: z.string(), phone: z.string() });
const SafetyPlanView = z.object({
  patientId: z.string(), whatHelps: z.string().nullable(), contacts: z.array(Contact), updatedAt: z.string().nullable(), appointmentId: z.string().nullable(),
  crisisResources: z.string(), clinic: z.object({ name: z.string(), phone: z.string() }),
});
const GuideBody = z.object({
  // Keys and lengths are checked against the guide in the core, which names each bad answer as answers.<key>.
  answers: z.record(z.string().max(100, 'must be a question of the guide'), z.string().max(10_000, 'at most 10,000 characters')),
  baseUpdatedAt: z.iso.datetime({ offset: true, message: 'must be the guide’s updatedAt as last read' }).nullable().optional(),
});

export async function preparationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['preparation'];

  r.get(
    '/api/appointments/:id/preparation-guide',
    { schema: { tags, summary: 'The preparation guide of a preparation session: its sections, the answers so far, who last changed it, and what is still empty', params: IdParams, response: { 200: GuideView, 404: ErrorBody } } },
    async (request) => unwrap(await readGuide(ctxOf(deps, request), request.params.id)),
  );

  r.put(
    '/api/appointments/:id/preparation-guide',
    {
      schema: {
        tags, params: IdParams, body: GuideBody,
        summary: 'Replace the answers of a preparation session’s guide (therapists of the care team, prescribers); 409 for a cancelled session or a change made since baseUpdatedAt',
        response: { 200: GuideView, 201: GuideView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { view, created } = unwrap(await writeGuide(ctxOf(deps, request), request.params.id, request.body));
      return reply.status(created ? 201 : 200).send(view);
    },
  );

  r.get(
    '/api/me/safety-plan',
    { schema: { tags, summary: 'The patient’s own emotional safety plan from preparation, with the clinic’s crisis resources', response: { 200: SafetyPlanView, 403: ErrorBody } } },
    async (request) => unwrap(await readOwnSafetyPlan(ctxOf(deps, request))),
  );

  r.get(
    '/api/patients/:id/safety-plan',
    { schema: { tags, summary: 'A patient’s emotional safety plan, for the staff who run their dosing sessions', params: IdParams, response: { 200: SafetyPlanView, 404: ErrorBody } } },
    async (request) => unwrap(await readPatientSafetyPlan(ctxOf(deps, request), request.params.id)),
  );
}
