import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../../core/authorization';
import { listOutbox, retryMessage } from '../../../db/repos/outbox';
import { toDate } from '../../../db/ids';
import type { AppDeps } from '../../deps';
import { audit, ctxOf, type Ctx } from '../../context';
import { httpError, notFound } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';

const Message = z.object({
  id: z.string(),
  kind: z.string(),
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

function requireAdmin(ctx: Ctx, action: 'outbox:read' | 'outbox:manage') {
  if (!can(ctx.actor, action, { type: 'clinic', clinicId: ctx.actor.clinicId })) throw httpError('FORBIDDEN', 'Only clinic administrators see outgoing messages.');
}

export async function outboxRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['outbox'];

  r.get(
    '/api/outbox',
    {
      schema: {
        tags, summary: 'Outgoing messages and their delivery state (admin); failed deliveries can be retried',
        querystring: z.object({ status: z.enum(['pending', 'sent', 'failed']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(Message) }), 403: ErrorBody },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      requireAdmin(ctx, 'outbox:read');
      const rows = await listOutbox(deps.database.db, ctx.actor.clinicId, request.query.status, request.query.limit);
      return {
        items: rows.map((m) => ({
          ...m,
          nextAttemptAt: m.nextAttemptAt.toISOString(),
          createdAt: m.createdAt.toISOString(),
          sentAt: m.sentAt?.toISOString() ?? null,
        })),
      };
    },
  );

  r.post(
    '/api/outbox/:id/retry',
    { schema: { tags, summary: 'Send a failed message again (admin)', params: IdParams, response: { 204: z.null(), 403: ErrorBody, 404: ErrorBody } } },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      requireAdmin(ctx, 'outbox:manage');
      const done = await deps.database.db.transaction(async (tx) => {
        const retried = await retryMessage(tx, ctx.actor.clinicId, request.params.id, toDate(deps.clock()));
        if (retried) await audit(ctx, { action: 'outbox.retry', resourceType: 'message', resourceId: request.params.id }, tx);
        return retried;
      });
      if (!done) throw notFound('failed message');
      return reply.status(204).send(null);
    },
  );
}
