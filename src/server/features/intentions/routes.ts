/**
 * Intentions (issue #6 §1): before each dose the patient writes, or revises, an intention for that dosing appointment;
 * the therapist sees the latest in the session console (it satisfies the checklist's "intention recorded"); after the
 * dose both revisit it at integration. Each revision is a new row (the table is append-only).
 *
 * Access: the patient writes on their own dosing appointments, staff with 'patient:run-dosing-session' on the patient
 * (prescriber, nurse, the therapists of the care team); the history is read with 'patient:read-clinical' (those staff
 * and the patient). Anyone else gets 404, like a missing appointment. A patient cannot revise once the dose is given
 * or the appointment is cancelled (409). Writes and reads are audited, never with the text.
 */
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newId } from '../../../db/ids';
import { appointments, dosingSessions, patients } from '../../../db/schema';
import type { AppDeps } from '../../deps';
import { audit, ctxOf, type Ctx } from '../../context';
import { httpError, notFound } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';
import { loadStaff } from '../dosing/load';
import { authorizePatient } from '../patients/access';
import { insertIntention, intentionHistory, latestIntention, type IntentionRow } from './store';

const Author = z.object({ kind: z.enum(['patient', 'staff']), id: z.string(), name: z.string().nullable() });
const IntentionView = z.object({ id: z.string(), appointmentId: z.string(), text: z.string(), writtenBy: Author, createdAt: z.string() });
const DoseView = z.object({
  appointmentId: z.string(), start: z.string(), end: z.string(), doseNumber: z.number().nullable(), courseId: z.string().nullable(), status: z.string(),
  dosed: z.boolean(), intention: IntentionView.nullable(),
});
const POST_DOSE_STATES = ['dosed', 'monitoring', 'ready-for-discharge', 'discharged', 'aborted'];
/** Doses this far back are still listed for the patient, to revisit the intention at integration. */
const RECENT_MS = 14 * 24 * 3600_000;

export async function intentionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['intentions'];
  const db = () => deps.database.db;

  const names = async (ctx: Ctx, rows: IntentionRow[]) => {
    const staff = await loadStaff(db(), ctx.actor.clinicId);
    const patientIds = [...new Set(rows.filter((x) => x.writtenByKind === 'patient').map((x) => x.writtenBy))];
    const ps = patientIds.length
      ? await db().select({ id: patients.id, g: patients.givenName, p: patients.preferredName, f: patients.familyName }).from(patients).where(and(eq(patients.clinicId, ctx.actor.clinicId), inArray(patients.id, patientIds)))
      : [];
    const pn = new Map(ps.map((p) => [p.id, `${p.p ?? p.g} ${p.f}`]));
    return (x: IntentionRow) => ({
      id: x.id, appointmentId: x.appointmentId, text: x.text, createdAt: x.createdAt.toISOString(),
      writtenBy: { kind: x.writtenByKind, id: x.writtenBy, name: (x.writtenByKind === 'staff' ? staff.get(x.writtenBy)?.name : pn.get(x.writtenBy)) ?? null },
    });
  };

  /** The dosing appointment, once the caller may `action` on its patient (else 404, audited). */
  const dosingAppointment = async (ctx: Ctx, id: string, write: boolean, auditAction: string) => {
    const [appointment] = await db().select().from(appointments).where(and(eq(appointments.clinicId, ctx.actor.clinicId), eq(appointments.id, id))).limit(1);
    if (!appointment || appointment.kind !== 'dosing') {
      await audit(ctx, { action: auditAction, resourceType: 'appointment', resourceId: id, outcome: 'denied' });
      throw notFound('dosing appointment');
    }
    const action = write && ctx.actor.kind === 'staff' ? 'patient:run-dosing-session' : 'patient:read-clinical';
    const access = await authorizePatient(ctx, appointment.patientId, action, auditAction);
    if (!access.ok) throw notFound('dosing appointment');
    return appointment;
  };

  r.get(
    '/api/me/intentions',
    { schema: { tags, summary: 'The patient’s upcoming (and last two weeks’) dosing appointments, each with its latest intention', response: { 200: z.object({ doses: z.array(DoseView) }), 403: ErrorBody } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      if (ctx.actor.kind !== 'patient') throw httpError('FORBIDDEN', 'This list is for patients; staff see intentions on the appointment.');
      const { clinicId, patientId } = ctx.actor;
      const now = deps.clock().epochMilliseconds;
      const rows = await db().select().from(appointments)
        .where(and(eq(appointments.clinicId, clinicId), eq(appointments.patientId, patientId), eq(appointments.kind, 'dosing'), inArray(appointments.status, ['booked', 'completed']), gte(appointments.endsAt, new Date(now - RECENT_MS))))
        .orderBy(asc(appointments.startsAt));
      const sessions = rows.length
        ? await db().select({ id: dosingSessions.appointmentId, state: dosingSessions.state }).from(dosingSessions).where(and(eq(dosingSessions.clinicId, clinicId), inArray(dosingSessions.appointmentId, rows.map((x) => x.id))))
        : [];
      const state = new Map(sessions.map((s) => [s.id, s.state]));
      const latest = await Promise.all(rows.map((a) => latestIntention(db(), clinicId, a.id)));
      const show = await names(ctx, latest.filter((x): x is IntentionRow => x !== null));
      await audit(ctx, { action: 'intention.list-own', resourceType: 'intention', patientId });
      return {
        doses: rows.map((a, i) => ({
          appointmentId: a.id, start: a.startsAt.toISOString(), end: a.endsAt.toISOString(), doseNumber: a.number, courseId: a.courseId, status: a.status,
          dosed: a.status === 'completed' || POST_DOSE_STATES.includes(state.get(a.id) ?? ''), intention: latest[i] ? show(latest[i]) : null,
        })),
      };
    },
  );

  r.put(
    '/api/appointments/:id/intention',
    {
      schema: {
        tags, summary: 'Write or revise the intention for a dosing appointment (each revision is kept; the latest counts)', params: IdParams,
        body: z.object({ text: z.string().trim().min(1, 'write a few words').max(4000) }),
        response: { 201: IntentionView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const appointment = await dosingAppointment(ctx, request.params.id, true, 'intention.write');
      if (appointment.status === 'cancelled' || appointment.status === 'no-show') throw httpError('CONFLICT', `This appointment is ${appointment.status}: there is no dose to set an intention for.`);
      if (ctx.actor.kind === 'patient') {
        const [s] = await db().select({ state: dosingSessions.state }).from(dosingSessions).where(and(eq(dosingSessions.clinicId, ctx.actor.clinicId), eq(dosingSessions.appointmentId, appointment.id)));
        if (appointment.status === 'completed' || (s && POST_DOSE_STATES.includes(s.state))) {
          throw httpError('CONFLICT', 'The dose has been given: the intention is kept as it was, to revisit at integration.');
        }
      }
      const row: IntentionRow = {
        clinicId: ctx.actor.clinicId, id: newId(), patientId: appointment.patientId, appointmentId: appointment.id, text: request.body.text,
        writtenByKind: ctx.actor.kind, writtenBy: ctx.actor.kind === 'staff' ? ctx.actor.staffId : ctx.actor.patientId, createdAt: new Date(deps.clock().epochMilliseconds),
      };
      await db().transaction(async (tx) => {
        await insertIntention(tx, row);
        await audit(ctx, { action: 'intention.write', resourceType: 'intention', resourceId: row.id, patientId: appointment.patientId, detail: { appointmentId: appointment.id } }, tx);
      });
      return reply.status(201).send((await names(ctx, [row]))(row));
    },
  );

  r.get(
    '/api/appointments/:id/intentions',
    { schema: { tags, summary: 'Every revision of the intention for a dosing appointment, oldest first, and the latest', params: IdParams, response: { 200: z.object({ appointmentId: z.string(), start: z.string(), intentions: z.array(IntentionView), latest: IntentionView.nullable() }), 404: ErrorBody } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const appointment = await dosingAppointment(ctx, request.params.id, false, 'intention.read');
      const rows = await intentionHistory(db(), ctx.actor.clinicId, appointment.id);
      const show = await names(ctx, rows);
      await audit(ctx, { action: 'intention.read', resourceType: 'intention', resourceId: appointment.id, patientId: appointment.patientId });
      const list = rows.map(show);
      return { appointmentId: appointment.id, start: appointment.startsAt.toISOString(), intentions: list, latest: list.at(-1) ?? null };
    },
  );
}
