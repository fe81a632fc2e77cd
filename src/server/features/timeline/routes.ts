/**
 * One timeline of a course (issue #6 §5).
 *
 * - `GET /api/patients/:id/timeline?courseId=`: staff with 'patient:read-clinical' on the patient (prescriber, nurse,
 *   the therapists of the care team). The admin, a therapist off the care team, another clinic's user, and the
 *   patient (even on their own record: the staff timeline carries note themes and monitoring detail; theirs is
 *   /api/me/timeline) get 404, as for a missing patient. Without `courseId`, the current or latest course; a course
 *   that is not this patient's is 404. Audited as a read of the record ('timeline.read', the course as resource).
 * - `GET /api/me/timeline?courseId=`: the signed-in patient's own course, projected for them (src/core/timeline/
 *   patient.ts); staff 403. Audited ('timeline.read-own').
 * Audit details name the course and counts only, never any text.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { audit, ctxOf } from '../../context';
import { httpError, notFound, unwrap } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';
import { authorizePatient } from '../patients/access';
import { chooseCourse, patientTimeline, staffTimeline } from './load';
import { PatientTimeline, StaffTimeline, TimelineQuery } from './schemas';

export async function timelineRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['timeline'];
  const db = () => deps.database.db;

  r.get(
    '/api/patients/:id/timeline',
    {
      schema: {
        tags, summary: 'One course on one time axis (staff): sessions with signed themes, intentions, doses with mg, mg/kg and vitals peaks, alerts, observations, adverse events, scores with response/remission, check-ins, shared journal entries, action-plan changes',
        params: IdParams, querystring: TimelineQuery, response: { 200: StaffTimeline, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const patientId = request.params.id;
      if (ctx.actor.kind !== 'staff') {
        await audit(ctx, { action: 'timeline.read', resourceType: 'patient', resourceId: patientId, patientId: ctx.actor.patientId === patientId ? patientId : null, outcome: 'denied' });
        throw notFound('patient');
      }
      unwrap(await authorizePatient(ctx, patientId, 'patient:read-clinical', 'timeline.read'));
      const choice = await chooseCourse(db(), ctx.actor.clinicId, patientId, request.query.courseId);
      if (!choice.ok) {
        await audit(ctx, { action: 'timeline.read', resourceType: 'course', resourceId: request.query.courseId ?? null, patientId, outcome: 'denied' });
        throw notFound('course');
      }
      const timeline = await staffTimeline(db(), ctx.actor.clinicId, patientId, choice);
      await audit(ctx, {
        action: 'timeline.read', resourceType: timeline.course ? 'course' : 'patient', resourceId: timeline.course?.id ?? patientId, patientId,
        detail: { events: timeline.events.length },
      });
      return timeline;
    },
  );

  r.get(
    '/api/me/timeline',
    {
      schema: {
        tags, summary: 'The signed-in patient’s own course on one time axis, in plain words: sessions, intentions, doses (route and mg), scores, check-ins, all their journal entries, action-plan changes',
        querystring: TimelineQuery, response: { 200: PatientTimeline, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      if (ctx.actor.kind !== 'patient') throw httpError('FORBIDDEN', 'This timeline is the patient’s own; staff open a patient’s timeline from their record.');
      const { clinicId, patientId } = ctx.actor;
      const choice = await chooseCourse(db(), clinicId, patientId, request.query.courseId);
      if (!choice.ok) throw notFound('course');
      const timeline = await patientTimeline(db(), clinicId, choice);
      await audit(ctx, {
        action: 'timeline.read-own', resourceType: timeline.course ? 'course' : 'patient', resourceId: timeline.course?.id ?? patientId, patientId,
        detail: { events: timeline.events.length },
      });
      return timeline;
    },
  );
}
