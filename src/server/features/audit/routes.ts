import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { can } from '../../../core/authorization';
import { listAuditEvents } from '../../../db/repos/audit';
import { patients, staffMembers } from '../../../db/schema';
import type { AppDeps } from '../../deps';
import { audit, ctxOf } from '../../context';
import { httpError } from '../../http-errors';
import { ErrorBody, Uuid } from '../../schemas';

const AuditEvent = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  patientId: z.string().nullable(),
  /** Every patient shown, for an event about several (a list view). */
  patientIds: z.array(z.string()).nullable(),
  patientName: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  outcome: z.enum(['allowed', 'denied']),
  requestId: z.string().nullable(),
});

const Query = z.object({
  patientId: Uuid.optional(),
  actorId: Uuid.optional(),
  from: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export async function auditRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'The clinic’s audit trail, newest first; filter by patient, staff member and time (admin)',
        querystring: Query,
        response: { 200: z.object({ items: z.array(AuditEvent), nextBefore: z.number().nullable() }), 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      if (!can(ctx.actor, 'audit:read', { type: 'clinic', clinicId: ctx.actor.clinicId })) throw httpError('FORBIDDEN', 'Only clinic administrators see the audit trail.');
      const { db } = deps.database;
      const q = request.query;
      const rows = await listAuditEvents(db, {
        clinicId: ctx.actor.clinicId,
        patientId: q.patientId,
        actorId: q.actorId,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        beforeSeq: q.before,
        limit: q.limit,
      });
      const staffIds = [...new Set(rows.filter((e) => e.actorType === 'staff' && e.actorId).map((e) => e.actorId!))];
      const patientIds = [...new Set(rows.flatMap((e) => [e.patientId, e.actorType === 'patient' ? e.actorId : null]).filter((x): x is string => Boolean(x)))];
      const [staffNames, patientNames] = await Promise.all([
        staffIds.length
          ? db.select({ id: staffMembers.id, g: staffMembers.givenName, f: staffMembers.familyName }).from(staffMembers).where(and(eq(staffMembers.clinicId, ctx.actor.clinicId), inArray(staffMembers.id, staffIds)))
          : [],
        patientIds.length
          ? db.select({ id: patients.id, g: patients.givenName, f: patients.familyName }).from(patients).where(and(eq(patients.clinicId, ctx.actor.clinicId), inArray(patients.id, patientIds)))
          : [],
      ]);
      const names = new Map([...staffNames, ...patientNames].map((n) => [n.id, `${n.g} ${n.f}`]));
      await audit(ctx, { action: 'audit.read', resourceType: 'audit-trail', patientId: q.patientId ?? null, detail: { filters: Object.keys(q).filter((k) => k !== 'limit').sort() } });
      return {
        items: rows.map((e) => ({
          seq: e.seq,
          id: e.id,
          at: e.occurredAt.toISOString(),
          actorType: e.actorType,
          actorId: e.actorId,
          actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
          actorRole: e.actorRole,
          patientId: e.patientId,
          patientIds: e.patientIds ?? null,
          patientName: e.patientId ? (names.get(e.patientId) ?? null) : null,
          action: e.action,
          resourceType: e.resourceType,
          resourceId: e.resourceId,
          outcome: e.outcome,
          requestId: e.requestId,
        })),
        nextBefore: rows.length === q.limit ? rows[rows.length - 1]!.seq : null,
      };
    },
  );
}
