import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { appliedMigrations, SHIPPED_MIGRATIONS } from '../../../db/migration-status';
import type { AppDeps } from '../../deps';

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['health'], summary: 'The process is alive', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/api/ready',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'The database is reachable and its migrations are current',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.string(), migrations: z.number() }),
          503: z.object({ status: z.literal('not-ready'), reason: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await deps.database.db.execute(sql`SELECT 1`);
        const applied = await appliedMigrations(deps.database.db);
        if (applied < SHIPPED_MIGRATIONS) {
          return reply.status(503).send({ status: 'not-ready' as const, reason: `database has ${applied} of ${SHIPPED_MIGRATIONS} migrations; run "tilth migrate"` });
        }
        return { status: 'ready' as const, database: deps.database.kind, migrations: applied };
      } catch (err) {
        _request.log.warn({ err }, 'readiness check failed');
        return reply.status(503).send({ status: 'not-ready' as const, reason: 'database unreachable' });
      }
    },
  );
}
