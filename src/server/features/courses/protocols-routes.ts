import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProtocolDefinition } from '../../../core/scheduling/protocol';
import { listLatestProtocols } from '../../../db/repos/scheduling';
import type { AppDeps } from '../../deps';
import { ctxOf } from '../../context';
import { httpError } from '../../http-errors';
import { ErrorBody } from '../../schemas';

export const ProtocolDto = z.object({ id: z.string(), version: z.number(), name: z.string(), active: z.boolean(), definition: ProtocolDefinition });

export async function protocolsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/protocols', {
    schema: { tags: ['courses'], summary: 'The clinic’s protocols (newest version of each)', response: { 200: z.object({ items: z.array(ProtocolDto) }), 403: ErrorBody } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    if (ctx.actor.kind !== 'staff') throw httpError('FORBIDDEN', 'Protocols are for staff.');
    const rows = await listLatestProtocols(deps.database.db, ctx.actor.clinicId);
    return { items: rows.map((p) => ({ id: p.id, version: p.version, name: p.name, active: p.active, definition: ProtocolDefinition.parse(p.definition) })) };
  });
}
