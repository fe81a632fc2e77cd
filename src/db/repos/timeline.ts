/**
 * Reads for the course timeline (issue #6 §5): one query per source, each scoped by clinic, patient and the course
 * (its appointments, or its time range for rows that are not tied to an appointment), never one per event. Rows come
 * back as the core's inputs (src/core/timeline/events.ts): instants as ISO strings, decimals as numbers.
 *
 * Privacy is decided here as well as in the core: progress notes are read for their "themes" field only (never their
 * text) and only when signed; journal entries are read shared-only for staff; the patient's load skips vitals,
 * alerts, observations and notes altogether. Psychotherapy notes are not read.
 */
import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  ActionPlanChangeIn, AdministrationIn, AlertIn, AppointmentIn, CheckinIn, DoseOrderIn, DosingSessionIn, IntentionIn, JournalIn, NoteThemesIn, ObservationIn,
  ResponseIn, VitalIn,
} from '../../core/timeline/events';
import type { CourseRange } from '../../core/timeline/course-range';
import type { Executor } from '../database';
import {
  actionPlanChanges, actionPlanItems, doseAdministrations, doseOrders, dosingAlerts, dosingObservations, dosingSessions, intentions, journalEntries,
  postDoseCheckins, progressNotes, questionnaireResponses, vitalReadings,
} from '../schema';
import type { AppointmentRow } from './scheduling';

export interface Scope {
  clinicId: string;
  patientId: string;
  courseId: string;
  range: CourseRange;
  /** The course's dosing appointments, and all of its appointments. */
  doseIds: string[];
  appointmentIds: string[];
}

const iso = (d: Date): string => d.toISOString();
const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);
const num = (v: string | null): number | null => (v === null ? null : Number(v));

export function toAppointmentIn(a: AppointmentRow): AppointmentIn {
  return { id: a.id, kind: a.kind, number: a.number, start: iso(a.startsAt), end: iso(a.endsAt), status: a.status };
}

/** `at` within the range (open-ended ranges have no upper bound). */
function within(column: Parameters<typeof gte>[0], range: CourseRange): SQL {
  return and(gte(column, new Date(range.from)), range.to ? lte(column, new Date(range.to)) : undefined)!;
}

export async function loadSessions(ex: Executor, s: Scope): Promise<DosingSessionIn[]> {
  if (s.doseIds.length === 0) return [];
  const rows = await ex.select().from(dosingSessions)
    .where(and(eq(dosingSessions.clinicId, s.clinicId), eq(dosingSessions.patientId, s.patientId), inArray(dosingSessions.appointmentId, s.doseIds)));
  return rows.map((r) => ({ appointmentId: r.appointmentId, state: r.state, dosedAt: isoOrNull(r.dosedAt), dischargedAt: isoOrNull(r.dischargedAt), abortReason: r.abortReason }));
}

export async function loadOrders(ex: Executor, s: Scope): Promise<DoseOrderIn[]> {
  if (s.doseIds.length === 0) return [];
  const rows = await ex.select().from(doseOrders).where(and(eq(doseOrders.clinicId, s.clinicId), inArray(doseOrders.appointmentId, s.doseIds)))
    .orderBy(asc(doseOrders.orderedAt), asc(doseOrders.id));
  return rows.map((r) => ({
    id: r.id, appointmentId: r.appointmentId, route: r.route, product: r.product, doseMg: Number(r.doseMg), weightKg: num(r.weightKg), mgPerKg: num(r.mgPerKg),
    infusionMinutes: r.infusionMinutes, overridden: r.overrideReason !== null, orderedAt: iso(r.orderedAt),
  }));
}

export async function loadAdministrations(ex: Executor, s: Scope): Promise<AdministrationIn[]> {
  if (s.doseIds.length === 0) return [];
  const rows = await ex.select({ appointmentId: doseAdministrations.appointmentId, orderId: doseAdministrations.orderId, amountMg: doseAdministrations.amountMg, givenAt: doseAdministrations.givenAt })
    .from(doseAdministrations).where(and(eq(doseAdministrations.clinicId, s.clinicId), inArray(doseAdministrations.appointmentId, s.doseIds)));
  return rows.map((r) => ({ appointmentId: r.appointmentId, orderId: r.orderId, amountMg: Number(r.amountMg), givenAt: iso(r.givenAt) }));
}

export async function loadVitals(ex: Executor, s: Scope): Promise<VitalIn[]> {
  if (s.doseIds.length === 0) return [];
  const rows = await ex.select().from(vitalReadings)
    .where(and(eq(vitalReadings.clinicId, s.clinicId), eq(vitalReadings.patientId, s.patientId), inArray(vitalReadings.appointmentId, s.doseIds)));
  return rows.map((r) => ({ appointmentId: r.appointmentId, takenAt: iso(r.takenAt), systolic: r.systolic, diastolic: r.diastolic, heartRate: r.heartRate, spo2: r.spo2 }));
}

export async function loadAlerts(ex: Executor, s: Scope): Promise<AlertIn[]> {
  if (s.doseIds.length === 0) return [];
  const rows = await ex.select().from(dosingAlerts).where(and(eq(dosingAlerts.clinicId, s.clinicId), inArray(dosingAlerts.appointmentId, s.doseIds)));
  return rows.map((r) => ({
    id: r.id, appointmentId: r.appointmentId, level: r.level, vital: r.vital, message: r.message, raisedAt: iso(r.raisedAt), acknowledgedAt: isoOrNull(r.acknowledgedAt), action: r.action,
  }));
}

export async function loadObservations(ex: Executor, s: Scope): Promise<ObservationIn[]> {
  if (s.doseIds.length === 0) return [];
  const rows = await ex.select().from(dosingObservations).where(and(eq(dosingObservations.clinicId, s.clinicId), inArray(dosingObservations.appointmentId, s.doseIds)));
  return rows.map((r) => ({
    id: r.id, appointmentId: r.appointmentId, kind: r.kind, level: r.level, eventType: r.eventType, severity: r.severity, actionTaken: r.actionTaken, text: r.text,
    observedAt: iso(r.observedAt),
  }));
}

/** Every revision (the core keeps the latest per dose and counts them). */
export async function loadIntentions(ex: Executor, s: Scope): Promise<IntentionIn[]> {
  if (s.doseIds.length === 0) return [];
  const rows = await ex.select().from(intentions)
    .where(and(eq(intentions.clinicId, s.clinicId), eq(intentions.patientId, s.patientId), inArray(intentions.appointmentId, s.doseIds)));
  return rows.map((r) => ({ id: r.id, appointmentId: r.appointmentId, text: r.text, writtenByKind: r.writtenByKind, createdAt: iso(r.createdAt) }));
}

/** Current (not corrected) responses from `from` to the range's end, oldest first. */
export async function loadResponses(ex: Executor, s: Scope, from: string): Promise<ResponseIn[]> {
  const later = alias(questionnaireResponses, 'later');
  const r = questionnaireResponses;
  const rows = await ex
    .select({ id: r.id, instrumentId: r.instrumentId, total: r.total, severity: r.severity, flags: r.flags, doseEventId: r.doseEventId, offsetHours: r.offsetHours, submittedAt: r.submittedAt })
    .from(r)
    .leftJoin(later, and(eq(later.clinicId, r.clinicId), eq(later.supersedesId, r.id)))
    .where(and(eq(r.clinicId, s.clinicId), eq(r.patientId, s.patientId), isNull(later.id), within(r.submittedAt, { from, to: s.range.to })))
    .orderBy(asc(r.submittedAt), asc(r.id));
  return rows.map((x) => ({
    id: x.id, instrumentId: x.instrumentId, total: x.total, severity: x.severity, flagged: x.flags.length > 0, doseEventId: x.doseEventId, offsetHours: x.offsetHours,
    submittedAt: iso(x.submittedAt),
  }));
}

/** The "themes" field of the signed integration notes of the course: no other part of a note is selected. */
export async function loadSignedThemes(ex: Executor, s: Scope): Promise<NoteThemesIn[]> {
  if (s.appointmentIds.length === 0) return [];
  const n = progressNotes;
  const rows = await ex
    .select({ appointmentId: n.appointmentId, status: n.status, signedAt: n.signedAt, themes: sql<string | null>`${n.structured} ->> 'themes'` })
    .from(n)
    .where(and(eq(n.clinicId, s.clinicId), eq(n.patientId, s.patientId), eq(n.kind, 'integration'), eq(n.status, 'signed'), inArray(n.appointmentId, s.appointmentIds)));
  return rows.map((r) => ({ appointmentId: r.appointmentId, status: r.status, themes: r.themes, signedAt: isoOrNull(r.signedAt) }));
}

/**
 * The course's journal entries: those filed under the course or one of its sessions, and unfiled ones written in its
 * range. Staff (`sharedOnly`) read shared entries only: a private entry's text is never loaded for them.
 */
export async function loadJournal(ex: Executor, s: Scope, sharedOnly: boolean): Promise<JournalIn[]> {
  const j = journalEntries;
  const ofCourse = or(
    eq(j.courseId, s.courseId),
    s.appointmentIds.length ? inArray(j.appointmentId, s.appointmentIds) : undefined,
    and(isNull(j.courseId), within(j.createdAt, s.range)),
  );
  const rows = await ex.select().from(j)
    .where(and(eq(j.clinicId, s.clinicId), eq(j.patientId, s.patientId), ofCourse, sharedOnly ? isNotNull(j.sharedAt) : undefined))
    .orderBy(asc(j.createdAt), asc(j.id));
  return rows.map((r) => ({
    id: r.id, appointmentId: r.appointmentId, prompt: r.prompt, text: r.text, mood: r.mood, sharedAt: isoOrNull(r.sharedAt), createdAt: iso(r.createdAt),
  }));
}

/** Changes to the course's action-plan items (and to unfiled items, made in the course's range). */
export async function loadActionPlanChanges(ex: Executor, s: Scope): Promise<ActionPlanChangeIn[]> {
  const c = actionPlanChanges;
  const i = actionPlanItems;
  const rows = await ex
    .select({ id: c.id, itemId: c.itemId, appointmentId: c.appointmentId, change: c.change, status: c.status, snapshot: c.snapshot, note: c.note, byKind: c.byKind, at: c.at })
    .from(c)
    .innerJoin(i, and(eq(i.clinicId, c.clinicId), eq(i.id, c.itemId)))
    .where(and(eq(c.clinicId, s.clinicId), eq(c.patientId, s.patientId), eq(i.patientId, s.patientId), or(eq(i.courseId, s.courseId), and(isNull(i.courseId), within(c.at, s.range)))))
    .orderBy(asc(c.at), asc(c.id));
  return rows.map((r) => ({ ...r, snapshot: r.snapshot ?? {}, at: iso(r.at) }));
}

export async function loadCheckins(ex: Executor, s: Scope): Promise<CheckinIn[]> {
  if (s.doseIds.length === 0) return [];
  const rows = await ex.select().from(postDoseCheckins)
    .where(and(eq(postDoseCheckins.clinicId, s.clinicId), eq(postDoseCheckins.patientId, s.patientId), inArray(postDoseCheckins.appointmentId, s.doseIds)));
  return rows.map((r) => ({ id: r.id, appointmentId: r.appointmentId, mood: r.mood, sleep: r.sleep, difficult: r.difficult, safety: r.safety, createdAt: iso(r.createdAt) }));
}
