/**
 * Protocol templates (issue #4 §1): staff read them; administrators create them, change them (each change is a new
 * version: a course keeps the version it started with) and retire or restore them (a retired protocol starts no new
 * course; courses on it go on).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../../core/authorization';
import { ProtocolDefinition } from '../../../core/scheduling/protocol';
import { newId, sqlState, toDate } from '../../../db/ids';
import { latestProtocolVersion, listProtocolVersions, setProtocolActive } from '../../../db/repos/availability';
import { findProtocol, insertProtocol, listLatestProtocols, type ProtocolRow } from '../../../db/repos/scheduling';
import type { AppDeps } from '../../deps';
import { audit, ctxOf, type Ctx } from '../../context';
import { httpError, notFound } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';

export const ProtocolDto = z.object({ id: z.string(), version: z.number(), name: z.string(), active: z.boolean(), definition: ProtocolDefinition });

const ProtocolDetail = ProtocolDto.extend({
  createdAt: z.string(),
  /** Every version, newest first, with the number of courses that use it. */
  versions: z.array(z.object({ version: z.number(), name: z.string(), createdAt: z.string(), courses: z.number() })),
});

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['courses'];

const toDto = (p: ProtocolRow) => ({ id: p.id, version: p.version, name: p.name, active: p.active, definition: ProtocolDefinition.parse(p.definition) });

function requireStaff(ctx: Ctx): void {
  if (ctx.actor.kind !== 'staff') throw httpError('FORBIDDEN', 'Protocols are for staff.');
}

function requireAdmin(ctx: Ctx): void {
  if (!can(ctx.actor, 'clinic:manage', { type: 'clinic', clinicId: ctx.actor.clinicId })) {
    throw httpError('FORBIDDEN', 'Only clinic administrators create and change protocols.');
  }
}

export async function protocolsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  const detail = async (clinicId: string, id: string) => {
    const latest = await findProtocol(db, clinicId, id);
    if (!latest) throw notFound('protocol');
    const versions = await listProtocolVersions(db, clinicId, id);
    return {
      ...toDto(latest),
      createdAt: latest.createdAt.toISOString(),
      versions: versions.map((v) => ({ version: v.version, name: v.name, createdAt: v.createdAt.toISOString(), courses: v.courses })),
    };
  };

  /** A name is one protocol's: another protocol (any version, retired or not) by that name makes the list ambiguous. */
  const refuseTakenName = async (clinicId: string, name: string, exceptId: string | null) => {
    const taken = (await listLatestProtocols(db, clinicId, true)).find((p) => p.id !== exceptId && p.name.trim().toLowerCase() === name.trim().toLowerCase());
    if (taken) {
      throw httpError('CONFLICT', `A protocol named "${taken.name}" exists already${taken.active ? '' : ' (retired)'}; choose another name or change that one.`, {
        fields: [{ path: 'name', message: 'already used by another protocol' }],
      });
    }
  };

  r.get('/api/protocols', {
    schema: {
      tags, summary: 'The clinic’s protocols (newest version of each); retired ones too with includeInactive=true',
      querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional() }),
      response: { 200: z.object({ items: z.array(ProtocolDto) }), 403: ErrorBody },
    },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    requireStaff(ctx);
    const rows = await listLatestProtocols(db, ctx.actor.clinicId, request.query.includeInactive === 'true');
    return { items: rows.map(toDto) };
  });

  r.get('/api/protocols/:id', {
    schema: { tags, summary: 'A protocol (newest version) with its versions and how many courses use each', params: IdParams, response: { 200: ProtocolDetail, ...errors } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    requireStaff(ctx);
    return detail(ctx.actor.clinicId, request.params.id);
  });

  r.post('/api/protocols', {
    schema: { tags, summary: 'Create a protocol (admin): its definition, with defaults for what is left out', body: ProtocolDefinition, response: { 201: ProtocolDetail, ...errors } },
  }, async (request, reply) => {
    const ctx = ctxOf(deps, request);
    requireAdmin(ctx);
    const definition = request.body;
    await refuseTakenName(ctx.actor.clinicId, definition.name, null);
    const id = newId();
    await db.transaction(async (tx) => {
      await insertProtocol(tx, {
        clinicId: ctx.actor.clinicId, id, version: 1, name: definition.name, definition, active: true,
        createdBy: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null, createdAt: toDate(deps.clock()),
      });
      await audit(ctx, { action: 'protocol.create', resourceType: 'protocol', resourceId: id, detail: { version: 1 } }, tx);
    });
    return reply.status(201).send(await detail(ctx.actor.clinicId, id));
  });

  r.put('/api/protocols/:id', {
    schema: {
      tags, summary: 'Change a protocol (admin): saves a new version; courses keep the version they started with. An unchanged definition saves nothing.',
      params: IdParams, body: ProtocolDefinition, response: { 200: ProtocolDetail, ...errors },
    },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    requireAdmin(ctx);
    const { clinicId } = ctx.actor;
    const latest = await findProtocol(db, clinicId, request.params.id);
    if (!latest) throw notFound('protocol');
    const definition = request.body;
    if (JSON.stringify(ProtocolDefinition.parse(latest.definition)) === JSON.stringify(definition)) return detail(clinicId, latest.id);
    await refuseTakenName(clinicId, definition.name, latest.id);
    try {
      await db.transaction(async (tx) => {
        const version = ((await latestProtocolVersion(tx, clinicId, latest.id)) ?? 0) + 1;
        await insertProtocol(tx, {
          clinicId, id: latest.id, version, name: definition.name, definition, active: latest.active,
          createdBy: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null, createdAt: toDate(deps.clock()),
        });
        await audit(ctx, { action: 'protocol.update', resourceType: 'protocol', resourceId: latest.id, detail: { version } }, tx);
      });
    } catch (err) {
      // Two administrators saving at once: the version key decides, the second is told to reload.
      if (sqlState(err) === '23505') throw httpError('CONFLICT', 'The protocol was changed meanwhile; reload it and apply your change again.');
      throw err;
    }
    return detail(clinicId, latest.id);
  });

  r.patch('/api/protocols/:id', {
    schema: {
      tags, summary: 'Retire ({"active":false}) or restore ({"active":true}) a protocol (admin); a retired protocol starts no new course',
      params: IdParams, body: z.object({ active: z.boolean() }), response: { 200: ProtocolDetail, ...errors },
    },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    requireAdmin(ctx);
    const { clinicId } = ctx.actor;
    const changed = await db.transaction(async (tx) => {
      const n = await setProtocolActive(tx, clinicId, request.params.id, request.body.active);
      if (n > 0) await audit(ctx, { action: request.body.active ? 'protocol.restore' : 'protocol.retire', resourceType: 'protocol', resourceId: request.params.id }, tx);
      return n;
    });
    if (changed === 0) throw notFound('protocol');
    return detail(clinicId, request.params.id);
  });
}
