/**
 * Psychotherapy notes (issue #6 §3; 45 CFR 164.501): optional, per session, by the therapist; kept apart from the
 * record and encrypted at rest; readable only by their author. Everyone else gets 404, whatever their role, so a
 * refusal does not even reveal that a note exists.
 *
 * The text never goes into the audit trail, the logs (Fastify logs no bodies; errors below carry no text), exports,
 * search or the portal. Audit events name the appointment but deliberately no patient: the patient's access log in
 * the portal lists events by patient, and would otherwise reveal that a psychotherapy note exists.
 */
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { psychotherapyNotes } from '../../../db/schema';
import { findAppointment } from '../../../db/repos/scheduling';
import type { AppDeps } from '../../deps';
import { audit, ctxOf, type Ctx } from '../../context';
import { notFound, unwrap } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';
import { open, seal } from './crypto';

const NOTE_KINDS = new Set(['preparation', 'dosing', 'integration', 'follow-up']);

export async function psychotherapyNoteRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const tags = ['notes'];
  const keys = deps.config.noteKeys;

  const refuse = async (ctx: Ctx, appointmentId: string, action: string): Promise<never> => {
    await audit(ctx, { action, resourceType: 'psychotherapy-note', resourceId: appointmentId, outcome: 'denied' });
    throw notFound('psychotherapy note');
  };

  r.put(
    '/api/appointments/:id/psychotherapy-note',
    {
      schema: {
        tags, summary: 'The therapist of the appointment writes or replaces their psychotherapy note (encrypted at rest; only its author can read it)',
        params: IdParams, body: z.object({ text: z.string().trim().min(1, 'write the note, or leave it out').max(20_000) }),
        response: { 204: z.null(), 400: ErrorBody, 404: ErrorBody, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const id = request.params.id;
      const appointment = await findAppointment(db, ctx.actor.clinicId, id);
      if (ctx.actor.kind !== 'staff' || ctx.actor.role !== 'therapist' || !appointment || appointment.therapistId !== ctx.actor.staffId || !NOTE_KINDS.has(appointment.kind)) {
        return refuse(ctx, id, 'psychotherapy-note.write');
      }
      const authorId = ctx.actor.staffId;
      const identity = { clinicId: ctx.actor.clinicId, appointmentId: id, authorId };
      const sealed = unwrap(seal(keys, identity, request.body.text));
      const at = new Date(deps.clock().epochMilliseconds);
      await db.transaction(async (tx) => {
        await tx
          .insert(psychotherapyNotes)
          .values({ ...identity, ...sealed, createdAt: at, updatedAt: at })
          .onConflictDoUpdate({
            target: [psychotherapyNotes.clinicId, psychotherapyNotes.appointmentId, psychotherapyNotes.authorId],
            set: { keyId: sealed.keyId, nonce: sealed.nonce, ciphertext: sealed.ciphertext, tag: sealed.tag, updatedAt: at },
          });
        await audit(ctx, { action: 'psychotherapy-note.write', resourceType: 'psychotherapy-note', resourceId: id, detail: { keyId: sealed.keyId } }, tx);
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/appointments/:id/psychotherapy-note',
    {
      schema: {
        tags, summary: 'The caller’s own psychotherapy note for the appointment (404 for anyone but its author)',
        params: IdParams, response: { 200: z.object({ text: z.string(), updatedAt: z.string() }), 404: ErrorBody, 503: ErrorBody },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const id = request.params.id;
      if (ctx.actor.kind !== 'staff') return refuse(ctx, id, 'psychotherapy-note.read');
      const identity = { clinicId: ctx.actor.clinicId, appointmentId: id, authorId: ctx.actor.staffId };
      const [row] = await db
        .select()
        .from(psychotherapyNotes)
        .where(and(eq(psychotherapyNotes.clinicId, identity.clinicId), eq(psychotherapyNotes.appointmentId, id), eq(psychotherapyNotes.authorId, identity.authorId)));
      if (!row) return refuse(ctx, id, 'psychotherapy-note.read');
      const text = unwrap(open(keys, identity, row));
      await audit(ctx, { action: 'psychotherapy-note.read', resourceType: 'psychotherapy-note', resourceId: id, detail: { keyId: row.keyId } });
      return { text, updatedAt: row.updatedAt.toISOString() };
    },
  );
}
