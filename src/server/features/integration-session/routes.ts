/**
 * The therapist's pre-integration view (issue #6 §2, §4): for an integration appointment, who the patient is and the
 * dose it follows (when, route, mg ordered and given, how the session ended). The page builds the rest from the
 * features' own routes (the intention, shared journal entries since this dose, the action plan, progress notes).
 *
 * Access: 'patient:read-clinical' and a staff account (prescriber, nurse, the care team's therapists). The patient
 * gets 403 on their own session (this is the clinic's working view); anyone else 404, like a missing appointment.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { doseForIntegration } from '../../../core/journal';
import type { Executor } from '../../../db/database';
import { appointments, courses, doseAdministrations, doseOrders, dosingSessions, patients } from '../../../db/schema';
import type { AppDeps } from '../../deps';
import { audit, ctxOf } from '../../context';
import { httpError, notFound, unwrap } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';
import { authorizePatient } from '../patients/access';

const DoseSummary = z.object({
  appointmentId: z.string(), number: z.number(), start: z.string(), end: z.string(), status: z.string(),
  /** The dosing session's state (null: never started in Tilth, e.g. a dose recorded before the clinic used the console). */
  state: z.string().nullable(), dosedAt: z.string().nullable(), dischargedAt: z.string().nullable(),
  /** The order's route, or the course's when nothing was ordered in Tilth. */
  route: z.string().nullable(), product: z.string().nullable(), orderedMg: z.number().nullable(), givenMg: z.number().nullable(),
});
const IntegrationView = z.object({
  appointment: z.object({ id: z.string(), number: z.number(), start: z.string(), end: z.string(), status: z.string(), courseId: z.string().nullable(), therapistId: z.string() }),
  patient: z.object({ id: z.string(), name: z.string() }),
  dose: DoseSummary.nullable(),
});

async function doseSummary(ex: Executor, clinicId: string, dose: typeof appointments.$inferSelect) {
  const [session] = await ex.select().from(dosingSessions).where(and(eq(dosingSessions.clinicId, clinicId), eq(dosingSessions.appointmentId, dose.id)));
  const orders = await ex.select().from(doseOrders).where(and(eq(doseOrders.clinicId, clinicId), eq(doseOrders.appointmentId, dose.id))).orderBy(asc(doseOrders.orderedAt));
  const given = await ex.select({ mg: doseAdministrations.amountMg }).from(doseAdministrations).where(and(eq(doseAdministrations.clinicId, clinicId), eq(doseAdministrations.appointmentId, dose.id)));
  const course = dose.courseId ? (await ex.select({ route: courses.route }).from(courses).where(and(eq(courses.clinicId, clinicId), eq(courses.id, dose.courseId))))[0] : undefined;
  const order = orders.at(-1);
  return {
    appointmentId: dose.id, number: dose.number, start: dose.startsAt.toISOString(), end: dose.endsAt.toISOString(), status: dose.status,
    state: session?.state ?? null, dosedAt: session?.dosedAt?.toISOString() ?? null, dischargedAt: session?.dischargedAt?.toISOString() ?? null,
    route: order?.route ?? course?.route ?? null, product: order?.product ?? null, orderedMg: order ? Number(order.doseMg) : null,
    givenMg: given.length ? given.reduce((sum, g) => sum + Number(g.mg), 0) : null,
  };
}

export async function integrationSessionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => deps.database.db;

  r.get(
    '/api/appointments/:id/integration',
    { schema: { tags: ['integration'], summary: 'An integration session and the dose it follows (date, route, mg), for the pre-integration view', params: IdParams, response: { 200: IntegrationView, 403: ErrorBody, 404: ErrorBody } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const clinicId = ctx.actor.clinicId;
      const [a] = await db().select().from(appointments).where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, request.params.id))).limit(1);
      if (!a || a.kind !== 'integration') {
        await audit(ctx, { action: 'integration.read', resourceType: 'appointment', resourceId: request.params.id, outcome: 'denied' });
        throw notFound('integration session');
      }
      const access = await authorizePatient(ctx, a.patientId, 'patient:read-clinical', 'integration.read');
      if (!access.ok) unwrap({ ok: false, error: { code: 'NOT_FOUND', message: 'No such integration session.' } });
      if (ctx.actor.kind !== 'staff') {
        await audit(ctx, { action: 'integration.read', resourceType: 'appointment', resourceId: a.id, patientId: a.patientId, outcome: 'denied' });
        throw httpError('FORBIDDEN', 'This is the care team’s working view of the session.');
      }
      const doses = await db().select().from(appointments)
        .where(and(eq(appointments.clinicId, clinicId), eq(appointments.patientId, a.patientId), eq(appointments.kind, 'dosing'), inArray(appointments.status, ['booked', 'completed'])));
      const ref = (x: typeof a) => ({ id: x.id, courseId: x.courseId, number: x.number, startsAt: x.startsAt.getTime(), status: x.status });
      const chosen = doseForIntegration(ref(a), doses.map(ref));
      const dose = chosen ? doses.find((d) => d.id === chosen.id)! : null;
      const [p] = await db().select().from(patients).where(and(eq(patients.clinicId, clinicId), eq(patients.id, a.patientId)));
      await audit(ctx, { action: 'integration.read', resourceType: 'appointment', resourceId: a.id, patientId: a.patientId, detail: { doseAppointmentId: dose?.id ?? null } });
      return {
        appointment: { id: a.id, number: a.number, start: a.startsAt.toISOString(), end: a.endsAt.toISOString(), status: a.status, courseId: a.courseId, therapistId: a.therapistId },
        patient: { id: p!.id, name: `${p!.preferredName ?? p!.givenName} ${p!.familyName}` },
        dose: dose ? await doseSummary(db(), clinicId, dose) : null,
      };
    },
  );
}
