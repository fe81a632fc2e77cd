import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../../core/authorization';
import { InstrumentDefinition } from '../../../core/instruments/definition';
import { scoreResponse } from '../../../core/instruments/score';
import { findClinic } from '../../../db/repos/clinics';
import { settingsOf } from '../../../db/schema';
import type { AppDeps } from '../../deps';
import { audit, ctxOf } from '../../context';
import { httpError, notFound, unwrap } from '../../http-errors';
import { ErrorBody } from '../../schemas';
import { transact } from '../../transact';
import { toInstrumentSummary, toScoreResult } from './dto';
import { importInstrument } from './import';
import { clinicInstruments, findInstrument } from './registry';

const InstrumentParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'an instrument id such as phq-9') });

export const ScoreResult = z.object({
  instrument: z.string(),
  instrumentVersion: z.string(),
  ruleVersion: z.string(),
  total: z.number(),
  severity: z.string().optional(),
  positive: z.boolean().optional(),
  subscales: z.record(z.string(), z.number()).optional(),
  dsm5Criteria: z.boolean().optional(),
  flags: z.array(z.string()),
  flagDetails: z.array(z.object({ id: z.string(), item: z.string(), value: z.number(), message: z.string() })),
});

const Summary = z.object({
  id: z.string(), version: z.string(), title: z.string(), shortTitle: z.string(), itemCount: z.number(), origin: z.enum(['shipped', 'imported']),
  requiresSex: z.boolean(), loinc: z.object({ panel: z.string().optional(), total: z.string().optional() }),
});

export async function instrumentsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['instruments'];
  const { db } = deps.database;

  r.get('/api/instruments', { schema: { tags, summary: 'Questionnaire definitions available in this clinic', response: { 200: z.object({ items: z.array(Summary) }) } } }, async (request) => {
    const ctx = ctxOf(deps, request);
    return { items: (await clinicInstruments(db, ctx.actor.clinicId)).map((i) => toInstrumentSummary(i.definition, i.origin)) };
  });

  r.get(
    '/api/instruments/:id',
    { schema: { tags, summary: 'One definition: items, answer options with codes, scoring rule, source and licence', params: InstrumentParams, response: { 200: InstrumentDefinition, 404: ErrorBody } } },
    async (request) => {
      const definition = await findInstrument(db, ctxOf(deps, request).actor.clinicId, request.params.id);
      if (!definition) throw notFound('instrument');
      return definition;
    },
  );

  r.post(
    '/api/instruments/:id/score',
    {
      schema: {
        tags,
        summary: 'Score answers (stores nothing). answers: item values in item order; sex where the instrument needs it',
        params: InstrumentParams,
        body: z.object({ answers: z.array(z.unknown()).max(200), sex: z.enum(['female', 'male']).optional() }),
        response: { 200: ScoreResult, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { clinicId } = ctxOf(deps, request).actor;
      const definition = await findInstrument(db, clinicId, request.params.id);
      if (!definition) throw notFound('instrument');
      const settings = settingsOf(await findClinic(db, clinicId));
      const positiveThreshold = definition.id === 'pcl-5' ? settings.pcl5PositiveThreshold : undefined;
      return toScoreResult(unwrap(scoreResponse(definition, request.body.answers, { sex: request.body.sex, positiveThreshold })));
    },
  );

  r.post(
    '/api/instruments',
    {
      schema: {
        tags,
        summary: 'Import an instrument definition the clinic holds a licence for (admin)',
        body: z.object({ definition: z.unknown() }),
        response: { 201: Summary, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      if (!can(ctx.actor, 'instrument:import', { type: 'clinic', clinicId: ctx.actor.clinicId })) throw httpError('FORBIDDEN', 'Only clinic administrators import instruments.');
      const actorId = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;
      const imported = unwrap(
        await transact(db, async (tx) => {
          const result = await importInstrument(tx, ctx.actor.clinicId, request.body.definition, actorId, deps.clock());
          if (result.ok) await audit(ctx, { action: 'instrument.import', resourceType: 'instrument', resourceId: `${result.value.id}@${result.value.version}` }, tx);
          return result;
        }),
      );
      return reply.status(201).send(toInstrumentSummary(imported, 'imported'));
    },
  );
}
