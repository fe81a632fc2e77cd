/**
 * Rescheduling an appointment: the planner re-checks the course and proposes the minimal dependent moves; they are
 * applied only with `confirm`, all or nothing. A move that breaks a rule the dependents cannot mend is refused unless
 * a staff member books it as an exception with a written reason (kept on the appointment, visible on the course).
 */
import { Temporal } from 'temporal-polyfill';
import { fail, ok, type Result } from '../../../core/errors';
import { ProtocolDefinition } from '../../../core/scheduling/protocol';
import { planReschedule, type BookedAppointment, type Move } from '../../../core/scheduling/reschedule';
import { fitSlot, REASONS } from '../../../core/scheduling/resources';
import { newId, toDate, toInstant } from '../../../db/ids';
import { findClinic } from '../../../db/repos/clinics';
import { findPatient } from '../../../db/repos/patients';
import * as repo from '../../../db/repos/scheduling';
import { settingsOf } from '../../../db/schema';
import { audit, type Ctx } from '../../context';
import { transact } from '../../transact';
import { authorizePatient } from '../patients/access';
import { OVERRIDABLE, snapshot } from './book';
import { conflictFromDatabase, retryOnDeadlock } from './conflicts';
import { moveDoseAnchor } from './dose-anchors';
import { HORIZON_DAYS } from './plan';
import { loadPlanningContext } from './planning-context';
import { queueAppointmentReminders, withdrawAppointmentReminders } from './reminders';

export interface RescheduleRequest {
  start: string;
  confirm?: boolean | undefined;
  exceptionReason?: string | undefined;
}

export interface MoveView {
  appointmentId: string;
  kind: string;
  number: number;
  from: { start: string; end: string; roomId: string };
  to: { start: string; end: string; roomId: string };
}

export interface RescheduleOutcome {
  applied: boolean;
  moves: MoveView[];
  violations: { appointmentId: string; rule: string; message: string }[];
}

const view = (m: Move): MoveView => ({
  appointmentId: m.id, kind: m.kind, number: m.number,
  from: { start: m.from.start.toString(), end: m.from.end.toString(), roomId: m.from.roomId },
  to: { start: m.to.start.toString(), end: m.to.end.toString(), roomId: m.to.roomId },
});

export const rescheduleAppointment = (ctx: Ctx, appointmentId: string, req: RescheduleRequest): Promise<Result<RescheduleOutcome>> =>
  retryOnDeadlock(() => rescheduleOnce(ctx, appointmentId, req));

async function rescheduleOnce(ctx: Ctx, appointmentId: string, req: RescheduleRequest): Promise<Result<RescheduleOutcome>> {
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const target = await repo.findAppointment(db, clinicId, appointmentId);
  const access = await authorizePatient(ctx, target?.patientId ?? appointmentId, 'patient:manage-schedule', 'appointment.reschedule');
  if (!target || !access.ok) return fail('NOT_FOUND', 'No such appointment.');
  if (target.status !== 'booked') return fail('CONFLICT', `This appointment is ${target.status}; only a booked appointment can be moved.`);
  const newStart = Temporal.Instant.from(req.start);
  const now = ctx.deps.clock();
  if (Temporal.Instant.compare(newStart, now) < 0) return fail('VALIDATION_FAILED', 'An appointment cannot move into the past.', { fields: [{ path: 'start', message: 'in the past' }] });
  const exception = req.exceptionReason?.trim() || null;
  const staffId = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;

  const course = target.courseId ? await repo.findCourse(db, clinicId, target.courseId) : undefined;
  const protocolRow = course ? await repo.findProtocol(db, clinicId, course.protocolId, course.protocolVersion) : undefined;
  const definition = protocolRow ? ProtocolDefinition.parse(protocolRow.definition) : ProtocolDefinition.parse({ name: 'single appointment', routes: ['sublingual'] });
  const siblings = course ? (await repo.listCourseAppointments(db, clinicId, course.id, false)) : [target];
  const loaded = await loadPlanningContext(db, {
    clinicId, patientId: target.patientId, therapistId: target.therapistId, protocol: definition, route: (course?.route ?? 'sublingual') as never,
    from: Temporal.Instant.compare(now, toInstant(target.startsAt)) < 0 ? now : toInstant(target.startsAt), days: HORIZON_DAYS + 30,
    // Only what may move is left out of the busy times: the course's own sessions (or the appointment alone), never
    // a follow-up attached to the course, which still holds the patient's and the therapist's time.
    ignoreAppointmentIds: course && target.kind !== 'follow-up' ? siblings.filter((s) => s.kind !== 'follow-up').map((s) => s.id) : [target.id],
  });

  // An exception waives only the overridable checks of the moved appointment; its dependents still move to valid slots.
  const waive = exception ? OVERRIDABLE : undefined;
  let moves: Move[];
  let violations: RescheduleOutcome['violations'] = [];
  if (course && target.kind !== 'follow-up') {
    const booked: BookedAppointment[] = siblings
      .filter((s) => s.kind !== 'follow-up')
      .map((s) => ({ id: s.id, kind: s.kind as BookedAppointment['kind'], number: s.number, start: toInstant(s.startsAt), end: toInstant(s.endsAt), roomId: s.roomId, nurseId: s.nurseId }));
    const plan = planReschedule(loaded.ctx, booked, target.id, newStart, now.add({ hours: 24 * (HORIZON_DAYS + 30) }), waive);
    if (!plan.ok && plan.kind === 'slot') {
      return fail('CONFLICT', `${plan.message}${OVERRIDABLE.has(plan.reason) ? ' A staff member can book it as an exception with a written reason.' : ''}`, { details: { rule: plan.reason } });
    }
    if (!plan.ok && plan.kind === 'dependent') return fail('CONFLICT', plan.message, { details: { rule: plan.reason, moves: plan.moves.map(view) } });
    moves = plan.moves;
    if (!plan.ok) {
      violations = plan.violations;
      if (!exception) {
        return fail('CONFLICT', `This move breaks course rules: ${plan.violations.map((v) => v.message).join('; ')}. A staff member can book it as an exception with a written reason.`, {
          details: { violations: plan.violations, moves: plan.moves.map(view) },
        });
      }
    }
  } else {
    const length = target.endsAt.getTime() - target.startsAt.getTime();
    // Its own room first: a moved appointment changes room only when its room is taken at the new time.
    const preferOwnRoom = { ...loaded.ctx, rooms: [...loaded.ctx.rooms].sort((x, y) => Number(y.id === target.roomId) - Number(x.id === target.roomId)) };
    const fit = fitSlot(preferOwnRoom, target.kind === 'follow-up' ? 'integration' : target.kind, newStart.epochMilliseconds, newStart.epochMilliseconds + length, waive);
    if (!fit.ok) {
      return fail('CONFLICT', `The appointment cannot move there: ${REASONS[fit.reason]}.${OVERRIDABLE.has(fit.reason) ? ' A staff member can book it as an exception with a written reason.' : ''}`, { details: { rule: fit.reason } });
    }
    moves = [{ id: target.id, kind: 'integration', number: target.number, from: { start: toInstant(target.startsAt), end: toInstant(target.endsAt), roomId: target.roomId },
      to: { start: newStart, end: newStart.add({ milliseconds: length }), roomId: fit.fit.roomId, nurseId: target.nurseId } }];
  }
  if (!req.confirm) return ok({ applied: false, moves: moves.map(view), violations });

  try {
    return await transact(db, async (tx) => {
      const at = toDate(now);
      const clinic = (await findClinic(tx, clinicId))!;
      const patient = await findPatient(tx, clinicId, target.patientId);
      if (course) {
        // The moves were planned on the course as read above; another change of it committed since (a reschedule,
        // a cancellation) could make them break a rule: take the course's lock, and plan again if anything moved.
        await repo.lockCourse(tx, clinicId, course.id);
        if (!sameAppointments(await repo.listCourseAppointments(tx, clinicId, course.id, false), siblings)) {
          return fail('CONFLICT', 'The course changed meanwhile; review the moves again.');
        }
      }
      const befores = new Map<string, repo.AppointmentRow>();
      for (const m of moves) {
        const before = (await repo.findAppointment(tx, clinicId, m.id))!;
        if (before.status !== 'booked' || before.startsAt.getTime() !== m.from.start.epochMilliseconds) {
          return fail('CONFLICT', 'The course changed meanwhile; review the moves again.');
        }
        befores.set(m.id, before);
      }
      // The database checks every row as it is written: moving one appointment onto the old time of another of the
      // course that has not moved yet would collide with it for an instant. Free every old time first, then place.
      for (const m of moves) await repo.updateAppointment(tx, clinicId, m.id, { status: 'cancelled', cancelReason: 'being rescheduled', updatedAt: at });
      for (const m of moves) {
        const before = befores.get(m.id)!;
        const patch = {
          startsAt: toDate(m.to.start), endsAt: toDate(m.to.end), roomId: m.to.roomId, nurseId: m.to.nurseId, status: 'booked' as const, cancelReason: null, updatedAt: at,
          ...(m.id === target.id && exception ? { exceptionReason: exception } : {}),
        };
        await repo.updateAppointment(tx, clinicId, m.id, patch);
        const after = { ...before, ...patch };
        await repo.insertHistory(tx, [{
          clinicId, id: newId(), appointmentId: m.id, action: 'rescheduled', before: snapshot(before), after: snapshot(after),
          reason: m.id === target.id ? (exception ?? 'moved by staff') : `moved with ${target.kind} ${target.number} to keep the course rules`, changedBy: staffId, changedAt: at,
        }]);
        if (before.kind === 'dosing') await moveDoseAnchor(tx, clinicId, m.id, before.startsAt, patch.startsAt);
        await withdrawAppointmentReminders(tx, clinicId, m.id);
        await queueAppointmentReminders(tx, { ...clinic, settings: settingsOf(clinic) }, after, patient?.email ?? null, definition, now);
      }
      await audit(ctx, { action: 'appointment.reschedule', resourceType: 'appointment', resourceId: target.id, patientId: target.patientId, detail: { moves: moves.length, exception: Boolean(exception) } }, tx);
      return ok({ applied: true, moves: moves.map(view), violations });
    });
  } catch (err) {
    const conflict = conflictFromDatabase(err);
    if (conflict) return fail('CONFLICT', conflict.message, { details: { conflicts: [conflict] } });
    throw err;
  }
}

/** Whether the course's appointments are still as they were when the moves were planned. */
function sameAppointments(now: readonly repo.AppointmentRow[], then: readonly repo.AppointmentRow[]): boolean {
  const state = (a: repo.AppointmentRow) => `${a.id} ${a.status} ${a.startsAt.getTime()} ${a.endsAt.getTime()} ${a.roomId} ${a.nurseId}`;
  const key = (list: readonly repo.AppointmentRow[]) => list.map(state).sort().join('|');
  return key(now) === key(then);
}
