/**
 * Appointments as people see them on a calendar: with room, therapist and nurse names, clinic-local times with the
 * zone's name, and the patient shown by name only to those who may read that patient (therapists: their care team),
 * by initials to everyone else.
 */
import { and, asc, eq, gt, gte, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { can, type Actor, type CareTeam } from '../../../core/authorization';
import type { Executor } from '../../../db/database';
import { loadCareTeamMembers } from '../../../db/repos/patients';
import { appointmentHistory, appointments, patients, rooms, staffMembers } from '../../../db/schema';
import { localTimes } from './local-time';

export const PatientOnCalendar = z.object({
  /** Null when the viewer may not read this patient. */
  id: z.string().nullable(),
  /** The name for those who may read the patient, initials ("A.M.") otherwise. */
  display: z.string(),
  named: z.boolean(),
});

export const CalendarItem = z.object({
  id: z.string(),
  courseId: z.string().nullable(),
  kind: z.enum(['preparation', 'dosing', 'integration', 'follow-up']),
  number: z.number(),
  status: z.enum(['booked', 'completed', 'cancelled', 'no-show']),
  start: z.string(),
  end: z.string(),
  localDate: z.string(),
  localStart: z.string(),
  localEnd: z.string(),
  timeZoneName: z.string(),
  roomId: z.string(),
  roomName: z.string(),
  therapistId: z.string(),
  therapistName: z.string(),
  nurseId: z.string().nullable(),
  nurseName: z.string().nullable(),
  patient: PatientOnCalendar,
});
export type CalendarItem = z.infer<typeof CalendarItem>;

const therapist = alias(staffMembers, 'therapist');
const nurse = alias(staffMembers, 'nurse');

export interface AppointmentFilter {
  clinicId: string;
  /** Start at or after. */
  startFrom?: Date;
  /** Start before. */
  startBefore?: Date;
  /** End after (upcoming lists). */
  endAfter?: Date;
  staffId?: string | undefined;
  roomId?: string | undefined;
  patientId?: string | undefined;
  includeCancelled?: boolean;
  limit?: number;
}

export async function loadCalendarRows(ex: Executor, f: AppointmentFilter) {
  const conditions: (SQL | undefined)[] = [eq(appointments.clinicId, f.clinicId)];
  if (f.startFrom) conditions.push(gte(appointments.startsAt, f.startFrom));
  if (f.startBefore) conditions.push(lt(appointments.startsAt, f.startBefore));
  if (f.endAfter) conditions.push(gt(appointments.endsAt, f.endAfter));
  if (f.staffId) conditions.push(or(eq(appointments.therapistId, f.staffId), eq(appointments.nurseId, f.staffId)));
  if (f.roomId) conditions.push(eq(appointments.roomId, f.roomId));
  if (f.patientId) conditions.push(eq(appointments.patientId, f.patientId));
  if (!f.includeCancelled) conditions.push(ne(appointments.status, 'cancelled'));
  const query = ex
    .select({
      a: appointments,
      roomName: rooms.name,
      therapistGiven: therapist.givenName,
      therapistFamily: therapist.familyName,
      nurseGiven: nurse.givenName,
      nurseFamily: nurse.familyName,
      patientGiven: patients.givenName,
      patientFamily: patients.familyName,
    })
    .from(appointments)
    .innerJoin(rooms, and(eq(rooms.clinicId, appointments.clinicId), eq(rooms.id, appointments.roomId)))
    .innerJoin(therapist, and(eq(therapist.clinicId, appointments.clinicId), eq(therapist.id, appointments.therapistId)))
    .leftJoin(nurse, and(eq(nurse.clinicId, appointments.clinicId), eq(nurse.id, appointments.nurseId)))
    .innerJoin(patients, and(eq(patients.clinicId, appointments.clinicId), eq(patients.id, appointments.patientId)))
    .where(and(...conditions))
    .orderBy(asc(appointments.startsAt), asc(appointments.id));
  return f.limit ? query.limit(f.limit) : query;
}
export type CalendarRow = Awaited<ReturnType<typeof loadCalendarRows>>[number];

export const initials = (given: string, family: string): string =>
  [given, family].map((n) => (n.trim()[0] ?? '').toUpperCase()).filter(Boolean).map((c) => `${c}.`).join('');

export function calendarItem(row: CalendarRow, zone: string, named: boolean): CalendarItem {
  const a = row.a;
  return {
    id: a.id, courseId: a.courseId, kind: a.kind, number: a.number, status: a.status,
    start: a.startsAt.toISOString(), end: a.endsAt.toISOString(), ...localTimes(a.startsAt, a.endsAt, zone),
    roomId: a.roomId, roomName: row.roomName,
    therapistId: a.therapistId, therapistName: `${row.therapistGiven} ${row.therapistFamily}`,
    nurseId: a.nurseId, nurseName: row.nurseGiven ? `${row.nurseGiven} ${row.nurseFamily}` : null,
    patient: named
      ? { id: a.patientId, display: `${row.patientGiven} ${row.patientFamily}`, named: true }
      : { id: null, display: initials(row.patientGiven, row.patientFamily), named: false },
  };
}

/**
 * Which of these patients the actor may see by name: a patient themselves; staff who may read the patient's
 * demographics (every admin, prescriber and nurse; a therapist only on the care team).
 */
export async function namedPatients(ex: Executor, actor: Actor, patientIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(patientIds)];
  if (actor.kind === 'patient') return new Set(ids.filter((id) => id === actor.patientId));
  const teams = await loadCareTeamMembers(ex, actor.clinicId, ids);
  return new Set(ids.filter((patientId) => {
    const members = teams.get(patientId) ?? [];
    const careTeam: CareTeam = {
      therapistIds: members.filter((m) => m.role === 'therapist').map((m) => m.staffId),
      prescriberId: members.find((m) => m.role === 'prescriber')?.staffId ?? null,
    };
    return can(actor, 'patient:read-demographics', { type: 'patient', clinicId: actor.clinicId, patientId, careTeam });
  }));
}

/** How many times each appointment changed since it was booked (iCalendar SEQUENCE). */
export async function changeCounts(ex: Executor, clinicId: string, appointmentIds: readonly string[]): Promise<Map<string, number>> {
  if (appointmentIds.length === 0) return new Map();
  const rows = await ex
    .select({ id: appointmentHistory.appointmentId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(appointmentHistory)
    .where(and(eq(appointmentHistory.clinicId, clinicId), inArray(appointmentHistory.appointmentId, [...appointmentIds])))
    .groupBy(appointmentHistory.appointmentId);
  return new Map(rows.map((r) => [r.id, Math.max(0, r.n - 1)]));
}
