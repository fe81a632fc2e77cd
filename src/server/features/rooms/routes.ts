import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../../core/authorization';
import { constraintName, newId, sqlState, toDate } from '../../../db/ids';
import { insertRoom, listRooms, updateRoom, type RoomRow } from '../../../db/repos/clinics';
import type { AppDeps } from '../../deps';
import { audit, ctxOf, type Ctx } from '../../context';
import { httpError, notFound } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';

const ROOM_EQUIPMENT = ['recliner', 'monitor', 'pulse-oximeter', 'bp-cuff', 'oxygen', 'crash-cart', 'eye-mask', 'sound-system', 'couch'] as const;

const Room = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['dosing', 'consult', 'group']),
  equipment: z.array(z.string()),
  capacity: z.number().int(),
  active: z.boolean(),
});
const RoomBody = z.object({
  name: z.string().trim().min(1, 'required').max(100),
  kind: z.enum(['dosing', 'consult', 'group']),
  equipment: z.array(z.enum(ROOM_EQUIPMENT)).max(20).default([]),
  capacity: z.number().int().min(1).max(100).default(1),
});

const toRoom = (r: RoomRow) => ({ id: r.id, name: r.name, kind: r.kind, equipment: r.equipment, capacity: r.capacity, active: r.active });

function requireClinic(ctx: Ctx, action: 'room:read' | 'room:manage') {
  if (!can(ctx.actor, action, { type: 'clinic', clinicId: ctx.actor.clinicId })) throw httpError('FORBIDDEN', 'Only clinic administrators manage rooms.');
}

function duplicateName(err: unknown) {
  if (sqlState(err) === '23505' && constraintName(err) === 'rooms_clinic_name_key') {
    return httpError('CONFLICT', 'A room with this name exists already.', { fields: [{ path: 'name', message: 'already used' }] });
  }
  return err;
}

export async function roomRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rooms'];

  r.get('/api/rooms', { schema: { tags, summary: 'The clinic’s rooms', response: { 200: z.object({ items: z.array(Room), equipmentOptions: z.array(z.string()) }), 403: ErrorBody } } }, async (request) => {
    const ctx = ctxOf(deps, request);
    requireClinic(ctx, 'room:read');
    return { items: (await listRooms(deps.database.db, ctx.actor.clinicId)).map(toRoom), equipmentOptions: [...ROOM_EQUIPMENT] };
  });

  r.post('/api/rooms', { schema: { tags, summary: 'Add a room (admin)', body: RoomBody, response: { 201: Room, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody } } }, async (request, reply) => {
    const ctx = ctxOf(deps, request);
    requireClinic(ctx, 'room:manage');
    const id = newId();
    try {
      await deps.database.db.transaction(async (tx) => {
        await insertRoom(tx, { clinicId: ctx.actor.clinicId, id, ...request.body, createdAt: toDate(deps.clock()) });
        await audit(ctx, { action: 'room.create', resourceType: 'room', resourceId: id }, tx);
      });
    } catch (err) {
      throw duplicateName(err);
    }
    const rooms = await listRooms(deps.database.db, ctx.actor.clinicId);
    return reply.status(201).send(toRoom(rooms.find((x) => x.id === id)!));
  });

  r.patch(
    '/api/rooms/:id',
    { schema: { tags, summary: 'Change a room (admin)', params: IdParams, body: RoomBody.extend({ equipment: z.array(z.enum(ROOM_EQUIPMENT)).max(20), capacity: z.number().int().min(1).max(100) }).partial().extend({ active: z.boolean().optional() }), response: { 200: Room, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      requireClinic(ctx, 'room:manage');
      try {
        const row = await deps.database.db.transaction(async (tx) => {
          const updated = await updateRoom(tx, ctx.actor.clinicId, request.params.id, request.body);
          if (updated) await audit(ctx, { action: 'room.update', resourceType: 'room', resourceId: updated.id, detail: { fields: Object.keys(request.body).sort() } }, tx);
          return updated;
        });
        if (!row) throw notFound('room');
        return toRoom(row);
      } catch (err) {
        throw duplicateName(err);
      }
    },
  );
}
