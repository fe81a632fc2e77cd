import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { can, patientListScope } from '../../../core/authorization';
import { toDate } from '../../../db/ids';
import { acknowledgeSafetyAlert, countOpenAlertsInScope, findSafetyAlert, listAlertsInScope } from '../../../db/repos/safety';
import { staffMembers } from '../../../db/schema';
import type { AppDeps } from '../../deps';
import { audit, ctxOf } from '../../context';
import { httpError, notFound } from '../../http-errors';
import { ErrorBody, IdParams, Uuid } from '../../schemas';
import { authorizePatient } from '../patients/access';

export const ALERT_ACTIONS = ['contacted-patient', 'safety-plan-reviewed', 'assessed-no-imminent-risk', 'escalated-to-prescriber', 'emergency-services', 'other'] as const;

const Alert = z.object({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  flag: z.string(),
  /** Clinical text: null for callers who may not see clinical data (admins see who and since when). */
  message: z.string().nullable(),
  status: z.enum(['open', 'acknowledged']),
  createdAt: z.string(),
  escalatedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  action: z.string().nullable(),
  note: z.string().nullable(),
  responseId: z.string().nullable(),
});

export async function safetyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const tags = ['safety'];

  r.get(
    '/api/safety-alerts',
    {
      schema: {
        tags, summary: 'Safety alerts of the patients the caller may see (the safety queue), newest first',
        querystring: z.object({ status: z.enum(['open', 'acknowledged']).optional(), patientId: Uuid.optional() }),
        response: { 200: z.object({ items: z.array(Alert) }), 403: ErrorBody },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const { actor } = ctx;
      if (!can(actor, 'safety:read-queue', { type: 'clinic', clinicId: actor.clinicId })) throw httpError('FORBIDDEN', 'The safety queue is for clinic staff.');
      const clinical = actor.kind === 'staff' && actor.role !== 'admin';
      const rows = await listAlertsInScope(db, actor.clinicId, patientListScope(actor), request.query);
      const ackIds = [...new Set(rows.map((x) => x.alert.acknowledgedBy).filter((x): x is string => Boolean(x)))];
      const names = ackIds.length
        ? new Map((await db.select({ id: staffMembers.id, g: staffMembers.givenName, f: staffMembers.familyName }).from(staffMembers).where(and(eq(staffMembers.clinicId, actor.clinicId), inArray(staffMembers.id, ackIds)))).map((s) => [s.id, `${s.g} ${s.f}`]))
        : new Map<string, string>();
      if (rows.length) {
        await audit(ctx, { action: 'safety-alert.list', resourceType: 'safety-alert', patientIds: [...new Set(rows.map((x) => x.alert.patientId))] });
      }
      return {
        items: rows.map(({ alert: a, givenName, familyName, preferredName }) => ({
          id: a.id,
          patientId: a.patientId,
          patientName: `${preferredName ?? givenName} ${familyName}`,
          flag: a.flag,
          message: clinical ? a.message : null,
          status: a.status,
          createdAt: a.createdAt.toISOString(),
          escalatedAt: a.escalatedAt?.toISOString() ?? null,
          acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
          acknowledgedBy: a.acknowledgedBy ? (names.get(a.acknowledgedBy) ?? null) : null,
          action: a.action,
          note: clinical ? a.note : null,
          responseId: clinical ? a.responseId : null,
        })),
      };
    },
  );

  r.get(
    '/api/safety-alerts/count',
    {
      schema: {
        tags, summary: 'How many alerts are open for the patients the caller may see (a badge; names no patient, so not audited)',
        response: { 200: z.object({ open: z.number() }), 403: ErrorBody },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      if (!can(ctx.actor, 'safety:read-queue', { type: 'clinic', clinicId: ctx.actor.clinicId })) throw httpError('FORBIDDEN', 'The safety queue is for clinic staff.');
      return { open: await countOpenAlertsInScope(db, ctx.actor.clinicId, patientListScope(ctx.actor)) };
    },
  );

  r.post(
    '/api/safety-alerts/:id/acknowledge',
    {
      schema: {
        tags, summary: 'Close a safety alert by documenting the action taken (clinical staff on the patient’s care)',
        params: IdParams,
        body: z.object({ action: z.enum(ALERT_ACTIONS), note: z.string().trim().min(3, 'describe what was done').max(2000) }),
        response: { 204: z.null(), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const alert = await findSafetyAlert(db, ctx.actor.clinicId, request.params.id);
      const access = await authorizePatient(ctx, alert?.patientId ?? request.params.id, 'patient:acknowledge-alert', 'safety-alert.acknowledge');
      if (!alert || !access.ok) throw notFound('safety alert');
      if (ctx.actor.kind !== 'staff') throw notFound('safety alert');
      const staffId = ctx.actor.staffId;
      const done = await db.transaction(async (tx) => {
        const ok = await acknowledgeSafetyAlert(tx, ctx.actor.clinicId, alert.id, staffId, request.body.action, request.body.note, toDate(deps.clock()));
        if (ok) await audit(ctx, { action: 'safety-alert.acknowledge', resourceType: 'safety-alert', resourceId: alert.id, patientId: alert.patientId, detail: { action: request.body.action } }, tx);
        return ok;
      });
      if (!done) throw httpError('CONFLICT', 'This alert was already acknowledged.');
      return reply.status(204).send(null);
    },
  );
}
