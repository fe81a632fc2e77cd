/** Shared set-up for the journal and action-plan suites: the demo's sessions and Avery's and Dan's appointments. */
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { appointments, auditEvents, courses, patients } from '../../src/db/schema';
import type { Session, TestApp } from '../helpers/test-app';
import { DEMO } from '../http/support';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Cast {
  admin: Session;
  prescriber: Session;
  nurse: Session;
  therapist: Session;
  therapist2: Session;
  avery: Session;
  dan: Session;
}

export async function signInCast(t: TestApp): Promise<Cast> {
  const [admin, prescriber, nurse, therapist, therapist2, avery, dan] = await t.signInAll(DEMO.admin, DEMO.prescriber, DEMO.nurse, DEMO.therapist, DEMO.therapist2, DEMO.patient1, DEMO.patient2);
  return { admin, prescriber, nurse, therapist, therapist2, avery, dan };
}

/** A patient's appointments (oldest first) and their booked course. */
export async function patientData(t: TestApp, patientId: string) {
  const db = t.database.db;
  const rows = await db.select().from(appointments).where(and(eq(appointments.clinicId, t.demoClinicId), eq(appointments.patientId, patientId))).orderBy(appointments.startsAt);
  const [course] = await db.select().from(courses).where(and(eq(courses.clinicId, t.demoClinicId), eq(courses.patientId, patientId), eq(courses.status, 'booked')));
  return { appointments: rows, course: course ?? null };
}

export async function patientIdOf(t: TestApp, givenName: string): Promise<string> {
  const [p] = await t.database.db.select({ id: patients.id }).from(patients).where(and(eq(patients.clinicId, t.demoClinicId), eq(patients.givenName, givenName)));
  return p!.id;
}

export async function call(t: TestApp, who: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, status = 200): Promise<Json> {
  const res = await t.call(who, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
  expect(res.statusCode, res.body).toBe(status);
  return res.body ? (res.json() as Json) : {};
}

/** The audit events with an action starting with `prefix`, in order. */
export async function auditOf(t: TestApp, prefix: string) {
  const rows = await t.database.db.select().from(auditEvents).where(eq(auditEvents.clinicId, t.demoClinicId)).orderBy(auditEvents.seq);
  return rows.filter((r) => r.action.startsWith(prefix));
}
