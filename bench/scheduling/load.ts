/**
 * Loads the benchmark clinic into a migrated database: the clinic, rooms, staff (with sign-ins, weekly hours and time
 * off), the two demo protocols, 2,000 patients with care teams and status histories, the generated courses and
 * appointments with their history rows, dose events and pending reminders — inserted in batches through Drizzle,
 * then ANALYZE. Returns what the benchmark needs to drive the app, and the counts as the database reports them.
 */
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { ProtocolDefinition } from '../../src/core/scheduling/protocol';
import type { Database } from '../../src/db/database';
import { newId } from '../../src/db/ids';
import {
  appointmentHistory, appointments, careTeamMembers, clinics, courses, DEFAULT_CLINIC_SETTINGS, doseEvents, outbox, patients, patientSchedulingPreferences,
  patientStatusHistory, protocols, rooms, staffAvailability, staffAvailabilityExceptions, staffMembers, users,
} from '../../src/db/schema';
import { DEMO_PROTOCOLS } from '../../src/server/demo/seed-scheduling';
import { hashPassword } from '../../src/server/passwords';
import { nowMs } from '../lib/stats';
import { timeOff } from './calendar';
import { CLOSED_DATES, NOW, OPENING_HOURS, ROOMS, STAFF, TODAY, ZONE } from './clinic';
import { generate, type GenerateOptions } from './generate';

export const BENCH_PASSWORD = 'tilth-bench-2026';

export interface LoadedClinic {
  clinicId: string;
  protocolIds: { sublingual: string; im: string };
  nurseEmail: string;
  adminEmail: string;
  pairPool: string[];
  batchPool: string[];
  unplacedCourses: number;
  counts: Record<string, number | string>;
  seconds: { generate: number; insert: number; analyze: number };
}

const d = (ms: number) => new Date(ms);
const DAY_MS = 86_400_000;

async function insertBatches(database: Database, table: PgTable, rows: Record<string, unknown>[], size = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await database.db.insert(table).values(rows.slice(i, i + size) as never);
}

export async function loadClinic(database: Database, options: GenerateOptions): Promise<LoadedClinic> {
  const t0 = nowMs();
  const clinicId = newId();
  const at = d(NOW.epochMilliseconds - 400 * DAY_MS);
  const roomRows = ROOMS.map((r) => ({ clinicId, id: newId(), name: r.name, kind: r.kind, equipment: r.equipment, capacity: r.kind === 'group' ? 8 : 1, active: true, createdAt: at }));
  const staff = STAFF.map((def) => ({ id: newId(), def }));
  const definitions = { sublingual: ProtocolDefinition.parse(DEMO_PROTOCOLS[0]), im: ProtocolDefinition.parse(DEMO_PROTOCOLS[1]) };
  const protocolIds = { sublingual: newId(), im: newId() };
  const gen = generate(options, roomRows.map((r) => ({ id: r.id, kind: r.kind, equipment: r.equipment })), staff, definitions);
  const t1 = nowMs();

  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await database.db.insert(clinics).values({
    id: clinicId, name: 'Tilth Scheduling Bench Clinic', slug: `bench-sched-${clinicId.slice(-8)}`, timeZone: ZONE,
    address: { line1: '200 Lakeshore Ave', city: 'Oakland', region: 'CA', postalCode: '94610', country: 'US' }, phone: '+1 510 555 0100', email: 'hello@bench-sched.tilth.test',
    website: null, settings: { ...DEFAULT_CLINIC_SETTINGS, openingHours: OPENING_HOURS, closedDates: CLOSED_DATES }, createdAt: at,
  });
  await insertBatches(database, rooms, roomRows);
  await insertBatches(database, staffMembers, staff.map((s) => ({ clinicId, id: s.id, givenName: s.def.givenName, familyName: s.def.familyName, role: s.def.role, email: s.def.email, active: true, createdAt: at })));
  await insertBatches(database, users, staff.map((s) => ({ clinicId, id: newId(), email: s.def.email, kind: 'staff' as const, staffId: s.id, passwordHash, passwordChangedAt: at, createdAt: at })));
  await insertBatches(database, staffAvailability, staff.map((s) => ({ clinicId, staffId: s.id, weeklyHours: s.def.hours, updatedAt: at })));
  await insertBatches(database, staffAvailabilityExceptions, staff.flatMap((s) => timeOff(s.def).map((o) => ({
    clinicId, id: newId(), staffId: s.id, kind: 'off' as const, startsAt: d(o.start), endsAt: d(o.end), note: 'leave', createdAt: d(Math.min(o.start, NOW.epochMilliseconds) - 30 * DAY_MS),
  }))));
  const adminId = staff.find((s) => s.def.role === 'admin')!.id;
  await insertBatches(database, protocols, (['sublingual', 'im'] as const).map((k) => ({
    clinicId, id: protocolIds[k], version: 1, name: definitions[k].name, definition: definitions[k], active: true, createdBy: adminId, createdAt: at,
  })));

  await insertBatches(database, patients, gen.patients.map((p, i) => ({
    clinicId, id: p.id, givenName: p.givenName, familyName: p.familyName, preferredName: null, dateOfBirth: p.dateOfBirth, sexAssignedAtBirth: p.sex, pronouns: null,
    email: p.email, phone: `+1 510 555 ${String(i % 10_000).padStart(4, '0')}`, address: null, emergencyContact: null,
    status: p.status, statusReason: p.status === 'withdrawn' ? 'Stopped treatment' : p.status === 'ineligible' ? 'Uncontrolled hypertension' : null,
    createdAt: d(p.createdAt), updatedAt: d(Math.min(NOW.epochMilliseconds, p.createdAt + p.path.length * 7 * DAY_MS)),
  })));
  await insertBatches(database, patientStatusHistory, gen.patients.flatMap((p) => p.path.map((to, step) => ({
    clinicId, id: newId(), patientId: p.id, fromStatus: step === 0 ? null : p.path[step - 1]!, toStatus: to, reason: null, changedBy: adminId,
    changedAt: d(Math.min(NOW.epochMilliseconds, p.createdAt + step * 7 * DAY_MS)),
  }))));
  await insertBatches(database, careTeamMembers, gen.patients.flatMap((p) => [
    ...p.therapistIds.map((staffId) => ({ clinicId, patientId: p.id, staffId, role: 'therapist' as const, addedAt: d(p.createdAt) })),
    { clinicId, patientId: p.id, staffId: p.prescriberId, role: 'prescriber' as const, addedAt: d(p.createdAt) },
  ]));
  await insertBatches(database, patientSchedulingPreferences, gen.patients.filter((p) => p.preferences && p.preferences.label !== 'none').map((p) => ({
    clinicId, patientId: p.id, weekdays: p.preferences!.weekdays, timesOfDay: p.preferences!.timesOfDay,
    earliestStart: p.preferences!.earliestInDays === null ? null : TODAY.add({ days: p.preferences!.earliestInDays }).toString(), updatedAt: d(p.createdAt),
  })));

  await insertBatches(database, courses, gen.courses.map((c) => ({
    clinicId, id: c.id, patientId: c.patientId, protocolId: protocolIds[c.protocol], protocolVersion: 1, route: c.route, therapistId: c.therapistId, status: c.status,
    proposal: null, statusReason: c.status === 'cancelled' ? 'Patient stopped treatment' : null, createdBy: adminId, createdAt: d(c.createdAt), updatedAt: d(c.createdAt),
  })));
  const now = NOW.epochMilliseconds;
  await insertBatches(database, appointments, gen.appointments.map((a) => ({
    clinicId, id: a.id, courseId: a.courseId, patientId: a.patientId, kind: a.kind, number: a.number, startsAt: d(a.start), endsAt: d(a.end), roomId: a.roomId,
    therapistId: a.therapistId, nurseId: a.nurseId, status: a.status, exceptionReason: null, cancelReason: a.cancelReason, createdAt: d(a.createdAt),
    updatedAt: d(a.status === 'booked' ? a.createdAt : Math.min(now, a.end)),
  })));
  await insertBatches(database, appointmentHistory, gen.appointments.map((a) => ({
    clinicId, id: newId(), appointmentId: a.id, action: 'booked' as const, before: null,
    after: { start: d(a.start).toISOString(), end: d(a.end).toISOString(), roomId: a.roomId, therapistId: a.therapistId, nurseId: a.nurseId, status: 'booked' },
    reason: null, changedBy: adminId, changedAt: d(a.createdAt),
  })));
  await insertBatches(database, doseEvents, gen.appointments.filter((a) => a.kind === 'dosing' && a.status !== 'cancelled').map((a) => ({
    clinicId, id: a.id, patientId: a.patientId, dosedAt: d(a.start), recordedBy: adminId, note: 'booked dosing session', createdAt: d(a.createdAt),
  })));
  // The reminders the app queues for each booked appointment (24 h and 2 h before), still pending.
  const email = new Map(gen.patients.map((p) => [p.id, p.email]));
  await insertBatches(database, outbox, gen.appointments.filter((a) => a.status === 'booked').flatMap((a) => [24, 2]
    .map((h) => a.start - h * 3600_000)
    .filter((sendAt) => sendAt > now)
    .map((sendAt) => ({
      clinicId, id: newId(), kind: 'appointment-reminder', recipient: email.get(a.patientId)!, subject: `Reminder: your ${a.kind} session`,
      bodyText: `This is a reminder of your ${a.kind} session at Tilth Scheduling Bench Clinic on ${d(a.start).toISOString()}.`,
      status: 'pending' as const, attempts: 0, maxAttempts: 8, nextAttemptAt: d(sendAt), createdAt: d(a.createdAt), ref: `appointment:${a.id}`,
    }))));
  const t2 = nowMs();
  await database.db.execute(sql`ANALYZE`);
  const t3 = nowMs();

  return {
    clinicId, protocolIds,
    nurseEmail: STAFF.find((s) => s.role === 'nurse')!.email,
    adminEmail: STAFF.find((s) => s.role === 'admin')!.email,
    pairPool: gen.pairPool, batchPool: gen.batchPool, unplacedCourses: gen.unplaced,
    counts: await countRows(database, clinicId),
    seconds: { generate: (t1 - t0) / 1000, insert: (t2 - t1) / 1000, analyze: (t3 - t2) / 1000 },
  };
}

/** What the database holds for the clinic (queried, not what the generator meant to insert). */
export async function countRows(database: Database, clinicId: string): Promise<Record<string, number | string>> {
  const result = await database.db.execute(sql`
    SELECT
      (SELECT count(*) FROM rooms WHERE clinic_id = ${clinicId}) AS rooms,
      (SELECT count(*) FROM rooms WHERE clinic_id = ${clinicId} AND kind = 'dosing') AS dosing_rooms,
      (SELECT count(*) FROM staff_members WHERE clinic_id = ${clinicId}) AS staff,
      (SELECT count(*) FROM staff_members WHERE clinic_id = ${clinicId} AND role = 'therapist') AS therapists,
      (SELECT count(*) FROM staff_members WHERE clinic_id = ${clinicId} AND role = 'prescriber') AS prescribers,
      (SELECT count(*) FROM staff_members WHERE clinic_id = ${clinicId} AND role = 'nurse') AS nurses,
      (SELECT count(*) FROM staff_members WHERE clinic_id = ${clinicId} AND role = 'admin') AS admins,
      (SELECT count(*) FROM staff_availability WHERE clinic_id = ${clinicId}) AS staff_with_hours,
      (SELECT count(*) FROM staff_availability_exceptions WHERE clinic_id = ${clinicId}) AS time_off_entries,
      (SELECT count(*) FROM patients WHERE clinic_id = ${clinicId}) AS patients,
      (SELECT count(*) FROM patients WHERE clinic_id = ${clinicId} AND status = 'eligible') AS eligible_patients,
      (SELECT count(*) FROM patients WHERE clinic_id = ${clinicId} AND status = 'in-course') AS in_course_patients,
      (SELECT count(*) FROM patient_scheduling_preferences WHERE clinic_id = ${clinicId}) AS patients_with_preferences,
      (SELECT count(*) FROM courses WHERE clinic_id = ${clinicId}) AS courses,
      (SELECT count(*) FROM courses WHERE clinic_id = ${clinicId} AND status = 'booked') AS booked_courses,
      (SELECT count(*) FROM appointments WHERE clinic_id = ${clinicId}) AS appointments,
      (SELECT count(*) FROM appointments WHERE clinic_id = ${clinicId} AND starts_at < ${d(now0())}) AS past_appointments,
      (SELECT count(*) FROM appointments WHERE clinic_id = ${clinicId} AND starts_at >= ${d(now0())} AND status = 'booked') AS future_booked_appointments,
      (SELECT min(starts_at)::date::text FROM appointments WHERE clinic_id = ${clinicId}) AS first_appointment,
      (SELECT max(starts_at)::date::text FROM appointments WHERE clinic_id = ${clinicId}) AS last_appointment,
      (SELECT count(*) FROM outbox WHERE clinic_id = ${clinicId} AND status = 'pending') AS pending_reminders`);
  const row = (result as unknown as { rows: Record<string, string | number>[] }).rows[0]!;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && !/^\d+$/.test(v) ? v : Number(v)]));
}

const now0 = () => NOW.epochMilliseconds;
