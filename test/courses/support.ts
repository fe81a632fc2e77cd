/**
 * Helpers for the course and scheduling suite (issue #4): eligible patients, courses through the API, the course
 * rules checked on what the API returns, the clock set to a clinic-local time, outbox reminders and history.
 */
import { and, eq, like } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { expect } from 'vitest';
import { checkCourse, type CourseAppointment, type Violation } from '../../src/core/scheduling/course-rules';
import { ProtocolDefinition } from '../../src/core/scheduling/protocol';
import { newId, toDate } from '../../src/db/ids';
import { findStaff } from '../../src/db/repos/clinics';
import { findProtocol, listLatestProtocols } from '../../src/db/repos/scheduling';
import { appointments, doseEvents, outbox, patients, questionnaireAssignments, rooms, staffAvailability } from '../../src/db/schema';
import type { Session, TestApp } from '../helpers/test-app';
import { addPatient, addStaff } from '../http/support';

export const LA = 'America/Los_Angeles';

export interface AppointmentJson {
  id: string | null;
  courseId: string | null;
  patientId: string;
  kind: 'preparation' | 'dosing' | 'integration' | 'follow-up';
  number: number;
  start: string;
  end: string;
  roomId: string;
  therapistId: string;
  nurseId: string | null;
  staffIds: string[];
  status: 'proposed' | 'booked' | 'completed' | 'cancelled' | 'no-show';
  exceptionReason: string | null;
  cancelReason: string | null;
}

export interface CourseJson {
  id: string;
  patientId: string;
  status: 'planned' | 'booked' | 'paused' | 'completed' | 'cancelled';
  statusReason: string | null;
  protocol: { id: string; version: number; name: string };
  route: string;
  therapistId: string;
  timeZone: string;
  appointments: AppointmentJson[];
  proposal: {
    plannedFrom: string;
    failure: { step: string; reason: string; message: string; counts: Record<string, number> } | null;
    alternatives: ({ kind: 'therapist'; therapistId: string; therapistName: string; firstAppointment: string } | { kind: 'later-start'; start: string; firstAppointment: string })[];
  } | null;
  violations: { appointmentId: string; rule: string; message: string }[];
  createdAt: string;
}

export interface ConflictJson {
  kind: string;
  number: number;
  start: string;
  end: string;
  rule: string;
  message: string;
}

/** The demo clinic's protocols by short name. */
export async function demoProtocols(t: TestApp, clinicId = t.demoClinicId): Promise<{ sublingual: string; im: string }> {
  const list = await listLatestProtocols(t.database.db, clinicId);
  const byName = (name: string) => list.find((p) => p.name === name)!.id;
  return { sublingual: byName('Sublingual KAP, 6 sessions'), im: byName('IM KAP, 6 sessions') };
}

export async function definitionOf(t: TestApp, clinicId: string, protocolId: string): Promise<ProtocolDefinition> {
  return ProtocolDefinition.parse((await findProtocol(t.database.db, clinicId, protocolId))!.definition);
}

/** Sets a patient's status directly (eligibility outcomes otherwise need a prescriber's decision). */
export async function setStatus(t: TestApp, clinicId: string, patientId: string, status: string): Promise<void> {
  await t.database.db.update(patients).set({ status }).where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
}

/** A fresh eligible patient on the given care team. */
export async function eligiblePatient(t: TestApp, clinicId: string, team: { therapistIds: string[]; prescriberId?: string | null }) {
  const p = await addPatient(t, clinicId, team);
  await setStatus(t, clinicId, p.id, 'eligible');
  return p;
}

export async function createCourse(t: TestApp, session: Session, patientId: string, body: Record<string, unknown>): Promise<CourseJson> {
  const res = await t.call(session, { method: 'POST', url: `/api/patients/${patientId}/courses`, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as CourseJson;
}

export async function getCourse(t: TestApp, session: Session, courseId: string): Promise<CourseJson> {
  const res = await t.call(session, { method: 'GET', url: `/api/courses/${courseId}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CourseJson;
}

export async function bookCourse(t: TestApp, session: Session, courseId: string, body: Record<string, unknown> = {}): Promise<LightMyRequestResponse> {
  return t.call(session, { method: 'POST', url: `/api/courses/${courseId}/book`, payload: body });
}

/** A planned course's proposal booked as it is; the booked course. */
export async function planAndBook(t: TestApp, session: Session, patientId: string, body: Record<string, unknown>): Promise<CourseJson> {
  const planned = await createCourse(t, session, patientId, body);
  expect(planned.proposal?.failure ?? null, JSON.stringify(planned.proposal?.failure)).toBeNull();
  const res = await bookCourse(t, session, planned.id);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CourseJson;
}

/** The API's appointments as the course rules see them (cancelled and follow-ups left out). */
export function asCourseAppointments(list: readonly AppointmentJson[]): CourseAppointment[] {
  return list
    .filter((a) => a.status !== 'cancelled' && a.kind !== 'follow-up')
    .map((a, i) => ({ id: a.id ?? `${a.kind}-${a.number}-${i}`, kind: a.kind as CourseAppointment['kind'], number: a.number, start: Temporal.Instant.from(a.start), end: Temporal.Instant.from(a.end) }));
}

export function violationsOf(definition: ProtocolDefinition, course: CourseJson): Violation[] {
  return checkCourse(definition, asCourseAppointments(course.appointments), course.timeZone);
}

export const summary = (list: readonly AppointmentJson[]) => list.map((a) => `${a.kind} ${a.number}`);

/** "2026-03-09T09:00" in the zone. */
export const local = (iso: string, zone = LA): string => Temporal.Instant.from(iso).toZonedDateTimeISO(zone).toPlainDateTime().toString().slice(0, 16);

export const instantAt = (isoLocal: string, zone = LA): Temporal.Instant => Temporal.PlainDateTime.from(isoLocal).toZonedDateTime(zone).toInstant();

export const iso = (i: Temporal.Instant): string => new Date(i.epochMilliseconds).toISOString();

/** Sets the test clock to a clinic-local wall time. */
export function setClock(t: TestApp, isoLocal: string, zone = LA): void {
  t.clock.now = instantAt(isoLocal, zone);
}

/** The Monday at least `weeks` weeks after the clock's local date, as a PlainDate. */
export function mondayAfter(t: TestApp, weeks: number, zone = LA): Temporal.PlainDate {
  const today = t.clock.now.toZonedDateTimeISO(zone).toPlainDate().add({ weeks });
  return today.add({ days: (8 - today.dayOfWeek) % 7 });
}

export async function reminderRows(t: TestApp, appointmentId: string) {
  return t.database.db.select().from(outbox).where(eq(outbox.ref, `appointment:${appointmentId}`)).orderBy(outbox.nextAttemptAt);
}

export async function allReminderRows(t: TestApp, clinicId: string) {
  return t.database.db.select().from(outbox).where(and(eq(outbox.clinicId, clinicId), like(outbox.ref, 'appointment:%')));
}

export async function appointmentRows(t: TestApp, clinicId: string, where: { courseId?: string; patientId?: string }) {
  const conditions = [eq(appointments.clinicId, clinicId)];
  if (where.courseId) conditions.push(eq(appointments.courseId, where.courseId));
  if (where.patientId) conditions.push(eq(appointments.patientId, where.patientId));
  return t.database.db.select().from(appointments).where(and(...conditions)).orderBy(appointments.startsAt);
}

export interface HistoryItem { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; reason: string | null; changedBy: string | null; changedByName: string | null; changedAt: string }

export async function historyOf(t: TestApp, session: Session, appointmentId: string): Promise<HistoryItem[]> {
  const res = await t.call(session, { method: 'GET', url: `/api/appointments/${appointmentId}/history` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: HistoryItem[] }).items;
}

export async function roomsByName(t: TestApp, clinicId = t.demoClinicId): Promise<Record<string, { id: string; kind: string }>> {
  const rows = await t.database.db.select().from(rooms).where(eq(rooms.clinicId, clinicId));
  return Object.fromEntries(rows.map((r) => [r.name.split(' ')[0]!.toLowerCase(), { id: r.id, kind: r.kind }]));
}

/** A new staff member with weekly hours ({ "1": [["09:00","17:00"]], … }, ISO weekdays, clinic-local). */
export async function staffWithHours(t: TestApp, clinicId: string, role: 'therapist' | 'nurse' | 'prescriber', weeklyHours: Record<string, [string, string][]>) {
  const s = await addStaff(t, clinicId, role);
  await t.database.db.insert(staffAvailability).values({ clinicId, staffId: s.staffId, weeklyHours, updatedAt: toDate(t.clock.now) });
  expect((await findStaff(t.database.db, clinicId, s.staffId))?.role).toBe(role);
  return s;
}

export const weekdays = (from: string, to: string, days = [1, 2, 3, 4, 5]): Record<string, [string, string][]> =>
  Object.fromEntries(days.map((d) => [String(d), [[from, to]] as [string, string][]]));

/** A dose-anchored questionnaire (PHQ-9 a day after each dose) for the patient. */
export async function doseAnchoredSchedule(t: TestApp, session: Session, patientId: string, offsetsHours = [24]): Promise<string> {
  const res = await t.call(session, { method: 'POST', url: `/api/patients/${patientId}/questionnaire-schedules`, payload: { instrument: 'phq-9', kind: 'dose-anchored', offsetsHours } });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

/** The patient's dose events and the questionnaires anchored on them (of one schedule when given). */
export async function doseAnchors(t: TestApp, clinicId: string, patientId: string, scheduleId?: string) {
  const [events, assignments] = await Promise.all([
    t.database.db.select().from(doseEvents).where(and(eq(doseEvents.clinicId, clinicId), eq(doseEvents.patientId, patientId))).orderBy(doseEvents.dosedAt),
    t.database.db.select().from(questionnaireAssignments).where(and(eq(questionnaireAssignments.clinicId, clinicId), eq(questionnaireAssignments.patientId, patientId))).orderBy(questionnaireAssignments.dueAt),
  ]);
  return { events, assignments: assignments.filter((a) => a.doseEventId !== null && (!scheduleId || a.scheduleId === scheduleId)) };
}

export { newId };
