/** Booking one appointment outside a course plan (a follow-up, an extra integration session). */
import { Temporal } from 'temporal-polyfill';
import { fail, ok, type Result } from '../../../core/errors';
import { ProtocolDefinition } from '../../../core/scheduling/protocol';
import { fitSlot, REASONS } from '../../../core/scheduling/resources';
import { newId, toDate } from '../../../db/ids';
import { findClinic, findStaff, listRooms } from '../../../db/repos/clinics';
import { findPatient } from '../../../db/repos/patients';
import * as repo from '../../../db/repos/scheduling';
import { settingsOf } from '../../../db/schema';
import { audit, type Ctx } from '../../context';
import { transact } from '../../transact';
import { authorizePatient } from '../patients/access';
import { OVERRIDABLE, snapshot } from './book';
import { conflictFromDatabase, retryOnDeadlock } from './conflicts';
import { loadPlanningContext } from './planning-context';
import { queueAppointmentReminders } from './reminders';

export interface SingleBooking {
  patientId: string;
  kind: 'follow-up' | 'integration' | 'preparation';
  start: string;
  durationMinutes: number;
  roomId: string;
  therapistId: string;
  courseId?: string | undefined;
  exceptionReason?: string | undefined;
}

const SINGLE = ProtocolDefinition.parse({ name: 'single appointment', routes: ['sublingual'] });

export const bookSingle = (ctx: Ctx, input: SingleBooking): Promise<Result<repo.AppointmentRow>> => retryOnDeadlock(() => bookSingleOnce(ctx, input));

async function bookSingleOnce(ctx: Ctx, input: SingleBooking): Promise<Result<repo.AppointmentRow>> {
  const access = await authorizePatient(ctx, input.patientId, 'patient:manage-schedule', 'appointment.book');
  if (!access.ok) return access;
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const [room, therapist, patient] = await Promise.all([
    listRooms(db, clinicId).then((rs) => rs.find((r) => r.id === input.roomId && r.active)),
    findStaff(db, clinicId, input.therapistId),
    findPatient(db, clinicId, input.patientId),
  ]);
  if (!room) return fail('VALIDATION_FAILED', 'No such room.', { fields: [{ path: 'roomId', message: 'unknown room' }] });
  if (!therapist || therapist.role !== 'therapist' || !therapist.active) return fail('VALIDATION_FAILED', 'Not an active therapist.', { fields: [{ path: 'therapistId', message: 'not an active therapist' }] });
  // A course is one patient's: another patient's appointment in it would show on their course (and move with it).
  if (input.courseId && (await repo.findCourse(db, clinicId, input.courseId))?.patientId !== input.patientId) {
    return fail('VALIDATION_FAILED', 'No such course for this patient.', { fields: [{ path: 'courseId', message: 'not a course of this patient' }] });
  }
  const start = Temporal.Instant.from(input.start);
  const now = ctx.deps.clock();
  if (Temporal.Instant.compare(start, now) < 0) return fail('VALIDATION_FAILED', 'An appointment cannot be booked in the past.', { fields: [{ path: 'start', message: 'in the past' }] });
  const end = start.add({ minutes: input.durationMinutes });
  const loaded = await loadPlanningContext(db, { clinicId, patientId: input.patientId, therapistId: input.therapistId, protocol: SINGLE, route: 'sublingual', from: start, days: 1 });
  const onlyThisRoom = { ...loaded.ctx, rooms: loaded.ctx.rooms.filter((r) => r.id === room.id), protocol: { ...SINGLE, rooms: { ...SINGLE.rooms, [kindFor(input.kind)]: { kinds: [room.kind], equipment: [] } } } };
  const exception = input.exceptionReason?.trim() || null;
  const fit = fitSlot(onlyThisRoom, kindFor(input.kind), start.epochMilliseconds, end.epochMilliseconds, exception ? OVERRIDABLE : undefined);
  if (!fit.ok) {
    // One room was asked for: "no suitable room is free" means that room is taken (the database says "room-busy" too).
    const [rule, message] = fit.reason === 'no-room' ? ['room-busy', 'the room is booked'] : [fit.reason, REASONS[fit.reason]];
    return fail('CONFLICT', `The appointment cannot be booked then: ${message}.${OVERRIDABLE.has(fit.reason) ? ' A staff member can book it as an exception with a written reason.' : ''}`, {
      details: { conflicts: [{ kind: input.kind, number: 1, start: start.toString(), end: end.toString(), rule, message }] },
    });
  }
  const at = toDate(now);
  const row: repo.AppointmentRow = {
    clinicId, id: newId(), courseId: input.courseId ?? null, patientId: input.patientId, kind: input.kind, number: 1, startsAt: toDate(start), endsAt: toDate(end),
    roomId: room.id, therapistId: therapist.id, nurseId: null, status: 'booked', exceptionReason: exception, cancelReason: null, createdAt: at, updatedAt: at,
  };
  try {
    return await transact(db, async (tx) => {
      await repo.insertAppointments(tx, [row]);
      await repo.insertHistory(tx, [{ clinicId, id: newId(), appointmentId: row.id, action: 'booked', before: null, after: snapshot(row), reason: exception, changedBy: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null, changedAt: at }]);
      const clinic = (await findClinic(tx, clinicId))!;
      await queueAppointmentReminders(tx, { ...clinic, settings: settingsOf(clinic) }, row, patient?.email ?? null, null, now);
      await audit(ctx, { action: 'appointment.book', resourceType: 'appointment', resourceId: row.id, patientId: input.patientId, detail: { kind: input.kind } }, tx);
      return ok(row);
    });
  } catch (err) {
    const conflict = conflictFromDatabase(err);
    if (conflict) return fail('CONFLICT', conflict.message, { details: { conflicts: [{ ...conflict, kind: input.kind, number: 1, start: start.toString(), end: end.toString() }] } });
    throw err;
  }
}

const kindFor = (kind: SingleBooking['kind']) => (kind === 'follow-up' ? 'integration' : kind);
