import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, patientListScope } from '../../../core/authorization';
import { OUTCOME_RULES, summarizeOutcome } from '../../../core/measurement/outcomes';
import { listPatients } from '../../../db/repos/patients';
import { countOverdue, listResponsesForPatients, listFirstDoses } from '../../../db/repos/outcomes';
import { listPatientAlerts } from '../../../db/repos/safety';
import type { AppDeps } from '../../deps';
import { audit, auditEvent, ctxOf } from '../../context';
import { httpError, notFound, unwrap } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';
import { findInstrument } from '../instruments/registry';
import { authorizePatient } from '../patients/access';
import { loadTrajectory } from './trajectory';

const Point = z.object({ at: z.string(), total: z.number() });
const Summary = z.object({
  baseline: Point.nullable(), latest: Point.nullable(), change: z.number().nullable(), relativeChange: z.number().nullable(),
  response: z.boolean(), remission: z.boolean(), clinicalChange: z.enum(['improved', 'worse', 'no-clear-change']).nullable(),
  firstResponseAt: z.string().nullable(), firstRemissionAt: z.string().nullable(),
});
const Trajectory = z.object({
  instrument: z.object({ id: z.string(), title: z.string(), shortTitle: z.string(), maxTotal: z.number() }),
  bands: z.array(z.object({ band: z.string(), label: z.string(), min: z.number(), max: z.number() })),
  mcid: z.number().nullable(),
  remissionBelow: z.number().nullable(),
  responseBaselineAtLeast: z.number().nullable(),
  points: z.array(z.object({
    at: z.string(), total: z.number(), severity: z.string().nullable(), positive: z.boolean().nullable(), responseId: z.string(),
    doseId: z.string().nullable(), offsetHours: z.number().nullable(),
  })),
  doses: z.array(z.object({ id: z.string(), at: z.string() })),
  summary: Summary,
});

const TRACKED = ['phq-9', 'gad-7', 'pcl-5'] as const;
const ACTIVE_STATUSES = ['screening', 'eligible', 'in-course', 'maintenance'] as const;

const ClinicRow = z.object({
  patientId: z.string(),
  name: z.string(),
  status: z.string(),
  scores: z.record(z.string(), z.object({ latest: z.number(), latestAt: z.string(), severity: z.string().nullable(), baseline: z.number(), change: z.number().nullable(), response: z.boolean(), remission: z.boolean(), clinicalChange: z.string().nullable() })),
  overdueQuestionnaires: z.number(),
  openAlerts: z.number(),
});

export async function outcomesRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const tags = ['outcomes'];

  r.get(
    '/api/patients/:id/trajectory',
    {
      schema: {
        tags, summary: 'Scores over time on one instrument with bands, doses, baseline, response/remission and MCID change',
        params: IdParams, querystring: z.object({ instrument: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).default('phq-9') }),
        response: { 200: Trajectory, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      unwrap(await authorizePatient(ctx, request.params.id, 'patient:read-clinical', 'trajectory.read'));
      const definition = await findInstrument(db, ctx.actor.clinicId, request.query.instrument);
      if (!definition) throw notFound('instrument');
      const readEvent = auditEvent(ctx, { action: 'trajectory.read', resourceType: 'questionnaire-response', patientId: request.params.id, detail: { instrument: definition.id } });
      return loadTrajectory(db, ctx.actor.clinicId, request.params.id, definition, readEvent);
    },
  );

  r.get(
    '/api/outcomes',
    {
      schema: {
        tags, summary: 'Clinic view: active patients with latest scores, change since baseline, response/remission, overdue questionnaires, open alerts',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }),
        response: { 200: z.object({ items: z.array(ClinicRow) }), 403: ErrorBody },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const { actor } = ctx;
      if (!can(actor, 'outcomes:read', { type: 'clinic', clinicId: actor.clinicId })) throw httpError('FORBIDDEN', 'Outcomes are clinical data: for clinicians.');
      const scope = patientListScope(actor);
      const pages = await Promise.all(ACTIVE_STATUSES.map((status) => listPatients(db, { clinicId: actor.clinicId, scope, status, limit: request.query.limit, offset: 0 })));
      const patients = pages.flatMap((p) => p.items).slice(0, request.query.limit);
      const ids = patients.map((p) => p.id);
      const now = deps.clock();
      const [responses, firstDoses, overdue, alerts] = await Promise.all([
        listResponsesForPatients(db, actor.clinicId, ids, [...TRACKED]),
        listFirstDoses(db, actor.clinicId, ids),
        countOverdue(db, actor.clinicId, ids, new Date(now.epochMilliseconds - 24 * 3600_000)),
        listPatientAlerts(db, actor.clinicId, ids, 'open'),
      ]);
      const openAlerts = new Map<string, number>();
      for (const a of alerts) openAlerts.set(a.patientId, (openAlerts.get(a.patientId) ?? 0) + 1);
      const items = patients.map((p) => {
        const scores: z.infer<typeof ClinicRow>['scores'] = {};
        for (const instrument of TRACKED) {
          const points = (responses.get(`${p.id}|${instrument}`) ?? []).map((x) => ({ at: x.submittedAt.toISOString(), total: x.total, severity: x.severity }));
          if (points.length === 0) continue;
          const s = summarizeOutcome(points, OUTCOME_RULES[instrument] ?? {}, firstDoses.get(p.id) ?? null);
          const latest = points[points.length - 1]!;
          scores[instrument] = {
            latest: latest.total, latestAt: latest.at, severity: latest.severity ?? null, baseline: s.baseline!.total, change: s.change,
            response: s.response, remission: s.remission, clinicalChange: s.clinicalChange,
          };
        }
        return {
          patientId: p.id, name: `${p.preferredName ?? p.givenName} ${p.familyName}`, status: p.status, scores,
          overdueQuestionnaires: overdue.get(p.id) ?? 0, openAlerts: openAlerts.get(p.id) ?? 0,
        };
      });
      if (items.length) await audit(ctx, { action: 'outcomes.list', resourceType: 'patient', patientIds: items.map((i) => i.patientId) });
      return { items };
    },
  );
}
