import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { ctxOf } from '../../context';
import { unwrap } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';
import { CareTeamBody, CreatePatientBody, ListQuery, PatientDetail, PatientSummary, StatusBody, UpdatePatientBody, WeightBody } from './schemas';
import * as uc from './use-cases';

const tags = ['patients'];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function patientRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/patients',
    {
      schema: {
        tags, summary: 'Patients the caller may see: searchable by name, filtered by status, paginated',
        querystring: ListQuery,
        response: { 200: z.object({ items: z.array(PatientSummary), total: z.number().int() }), ...errors },
      },
    },
    async (request) => unwrap(await uc.listPatients(ctxOf(deps, request), request.query)),
  );

  r.post(
    '/api/patients',
    { schema: { tags, summary: 'Create a patient (staff)', body: CreatePatientBody, response: { 201: PatientDetail, ...errors } } },
    async (request, reply) => reply.status(201).send(unwrap(await uc.createPatient(ctxOf(deps, request), request.body))),
  );

  r.get(
    '/api/patients/:id',
    { schema: { tags, summary: 'One patient: demographics, status, care team, recent activity', params: IdParams, response: { 200: PatientDetail, ...errors } } },
    async (request) => unwrap(await uc.getPatient(ctxOf(deps, request), request.params.id)),
  );

  r.patch(
    '/api/patients/:id',
    { schema: { tags, summary: 'Update demographics', params: IdParams, body: UpdatePatientBody, response: { 200: PatientDetail, ...errors } } },
    async (request) => unwrap(await uc.updatePatient(ctxOf(deps, request), request.params.id, request.body)),
  );

  r.post(
    '/api/patients/:id/status',
    { schema: { tags, summary: 'Move the patient to another status (allowed transitions only)', params: IdParams, body: StatusBody, response: { 200: PatientDetail, ...errors } } },
    async (request) => unwrap(await uc.changeStatus(ctxOf(deps, request), request.params.id, request.body.status, request.body.reason)),
  );

  r.post(
    '/api/patients/:id/weights',
    { schema: { tags, summary: 'Record a weight (kg), used for mg/kg dosing', params: IdParams, body: WeightBody, response: { 201: PatientDetail, ...errors } } },
    async (request, reply) =>
      reply.status(201).send(unwrap(await uc.recordWeight(ctxOf(deps, request), request.params.id, request.body.weightKg, request.body.measuredOn))),
  );

  r.put(
    '/api/patients/:id/care-team',
    { schema: { tags, summary: 'Replace the care team (therapists and one prescriber)', params: IdParams, body: CareTeamBody, response: { 200: PatientDetail, ...errors } } },
    async (request) => unwrap(await uc.setCareTeam(ctxOf(deps, request), request.params.id, request.body.therapistIds, request.body.prescriberId)),
  );

  r.post(
    '/api/patients/:id/portal-invite',
    { schema: { tags, summary: 'Invite the patient to the portal: a set-password link is emailed', params: IdParams, response: { 202: z.object({ invited: z.string() }), ...errors } } },
    async (request, reply) => reply.status(202).send(unwrap(await uc.invitePatientToPortal(ctxOf(deps, request), request.params.id))),
  );
}
