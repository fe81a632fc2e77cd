/**
 * Fixtures for the integration follow-through suite (issue #6 §2): a course of the demo clinic (America/Los_Angeles)
 * with doses and integration sessions at chosen clinic-local times, in a room of its own so nothing the demo booked
 * overlaps; a dose "given" as the session console leaves it at discharge; the clock set to a local time.
 */
import { and, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { expect } from 'vitest';
import { ProtocolDefinition } from '../../src/core/scheduling/protocol';
import { newId, toDate } from '../../src/db/ids';
import { insertAppointments, insertCourse, insertProtocol, listLatestProtocols } from '../../src/db/repos/scheduling';
import { appointments, dosingSessions, rooms } from '../../src/db/schema';
import type { Session, TestApp } from '../helpers/test-app';
import { addPatient, DEMO, unique } from '../http/support';

export const LA = 'America/Los_Angeles';
export const at = (local: string): Temporal.Instant => Temporal.PlainDateTime.from(local).toZonedDateTime(LA).toInstant();
export const setClock = (t: TestApp, local: string): void => {
  t.clock.now = at(local);
};

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function call(t: TestApp, who: Session, method: 'GET' | 'POST', url: string, payload?: unknown, status = 200): Promise<Json> {
  const res = await t.call(who, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Json;
}

/** Staff and patient sessions, signed in at the clock's current time (sessions expire across the clock's jumps). */
export async function staffSessions(t: TestApp) {
  const [admin, prescriber, nurse, therapist, therapist2] = await t.signInAll(DEMO.admin, DEMO.prescriber, DEMO.nurse, DEMO.therapist, DEMO.therapist2);
  return { admin, prescriber, nurse, therapist, therapist2 };
}

/** A protocol of the demo clinic with the given integration window (hours after the dose). */
export async function protocolWithWindow(t: TestApp, min: number, max: number): Promise<string> {
  const id = newId();
  const definition = ProtocolDefinition.parse({ name: `Window ${min}-${max} ${unique('p')}`, routes: ['sublingual'], integrationWindowHours: { min, max } });
  await insertProtocol(t.database.db, { clinicId: t.demoClinicId, id, version: 1, name: definition.name, definition, active: true, createdBy: null, createdAt: toDate(t.clock.now) });
  return id;
}

export async function sublingualProtocol(t: TestApp): Promise<string> {
  return (await listLatestProtocols(t.database.db, t.demoClinicId)).find((p) => p.name.startsWith('Sublingual'))!.id;
}

export interface Slot {
  kind: 'dosing' | 'integration';
  number: number;
  /** Clinic-local start, e.g. "2026-04-06T10:00". */
  start: string;
  status?: 'booked' | 'completed' | 'cancelled' | 'no-show';
}

export interface Fixture {
  patientId: string;
  email: string;
  courseId: string;
  ids: Record<string, string>;
}

/**
 * A booked course for a fresh patient (on the care team of `therapistId`, with a portal account) with these
 * appointments; ids by "dosing 1", "integration 1", …
 */
export async function courseWith(t: TestApp, therapistId: string, protocolId: string, slots: Slot[]): Promise<Fixture> {
  const clinicId = t.demoClinicId;
  const patient = await addPatient(t, clinicId, { therapistIds: [therapistId], account: true });
  const roomId = newId();
  const now = toDate(t.clock.now);
  await t.database.db.insert(rooms).values({ clinicId, id: roomId, name: unique('Room'), kind: 'dosing', equipment: ['recliner'], createdAt: now });
  const courseId = newId();
  await insertCourse(t.database.db, {
    clinicId, id: courseId, patientId: patient.id, protocolId, protocolVersion: 1, route: 'sublingual', therapistId, status: 'booked', createdAt: now, updatedAt: now,
  });
  const ids: Record<string, string> = {};
  await insertAppointments(t.database.db, slots.map((s) => {
    const id = newId();
    ids[`${s.kind} ${s.number}`] = id;
    const start = at(s.start);
    return {
      clinicId, id, courseId, patientId: patient.id, kind: s.kind, number: s.number, startsAt: toDate(start),
      endsAt: toDate(start.add({ minutes: s.kind === 'dosing' ? 150 : 60 })), roomId, therapistId, status: s.status ?? 'booked', createdAt: now, updatedAt: now,
    };
  }));
  return { patientId: patient.id, email: patient.email, courseId, ids };
}

/** The dose given and the patient discharged, as the session console leaves it (session row, appointment completed). */
export async function giveDose(t: TestApp, f: Fixture, number: number, dosedLocal: string, dischargedLocal: string): Promise<void> {
  const appointmentId = f.ids[`dosing ${number}`]!;
  const now = toDate(t.clock.now);
  await t.database.db.insert(dosingSessions).values({
    clinicId: t.demoClinicId, appointmentId, patientId: f.patientId, courseId: f.courseId, state: 'discharged', stateChangedAt: toDate(at(dischargedLocal)),
    checkedInAt: toDate(at(dosedLocal).subtract({ minutes: 20 })), dosedAt: toDate(at(dosedLocal)), dischargedAt: toDate(at(dischargedLocal)), createdAt: now, updatedAt: now,
  });
  await t.database.db.update(appointments).set({ status: 'completed', updatedAt: now }).where(and(eq(appointments.clinicId, t.demoClinicId), eq(appointments.id, appointmentId)));
}

export const statusesOf = (course: Json): [number, string][] => course.doses.map((d: Json) => [d.doseNumber, d.status]);
