/** Dosing sessions (issue #5): plain functions over a db or transaction handle. */
import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { AuditEventContent } from '../../core/audit-chain';
import { queryPrepared, type Executor } from '../database';
import { isoUtcSql } from '../ids';
import { auditAppendCall } from './audit';
import {
  appointments, consentRecords, doseAdministrations, doseOrders, dosingAlerts, dosingChecklistEntries, dosingObservations, dosingPresence,
  dosingSessionEvents, dosingSessions, vitalReadings,
} from '../schema';

export type DosingSessionRow = typeof dosingSessions.$inferSelect;
export type SessionEventRow = typeof dosingSessionEvents.$inferSelect;
export type ChecklistEntryRow = typeof dosingChecklistEntries.$inferSelect;
export type DoseOrderRow = typeof doseOrders.$inferSelect;
export type AdministrationRow = typeof doseAdministrations.$inferSelect;
export type VitalRow = typeof vitalReadings.$inferSelect;
export type ObservationRow = typeof dosingObservations.$inferSelect;
export type PresenceRow = typeof dosingPresence.$inferSelect;
export type DosingAlertRow = typeof dosingAlerts.$inferSelect;
export type ConsentRow = typeof consentRecords.$inferSelect;

export interface SessionBundle {
  session: DosingSessionRow;
  events: SessionEventRow[];
  checklist: ChecklistEntryRow[];
  orders: DoseOrderRow[];
  administrations: AdministrationRow[];
  vitals: VitalRow[];
  observations: ObservationRow[];
  presence: PresenceRow[];
  alerts: DosingAlertRow[];
}

export async function findSession(ex: Executor, clinicId: string, appointmentId: string, forUpdate = false): Promise<DosingSessionRow | undefined> {
  const q = ex.select().from(dosingSessions).where(and(eq(dosingSessions.clinicId, clinicId), eq(dosingSessions.appointmentId, appointmentId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** Creates the session row of a dosing appointment when it is first touched (idempotent). */
export async function ensureSession(ex: Executor, row: { clinicId: string; appointmentId: string; patientId: string; courseId: string | null; at: Date }): Promise<void> {
  await ex
    .insert(dosingSessions)
    .values({ clinicId: row.clinicId, appointmentId: row.appointmentId, patientId: row.patientId, courseId: row.courseId, state: 'scheduled', stateChangedAt: row.at, createdAt: row.at, updatedAt: row.at })
    .onConflictDoNothing();
}

/** Every part of a session, one query per table in a fixed order (one connection, no interleaving). */
export async function loadBundle(ex: Executor, clinicId: string, appointmentId: string): Promise<SessionBundle | undefined> {
  const session = await findSession(ex, clinicId, appointmentId);
  if (!session) return undefined;
  const by = <T extends typeof dosingSessionEvents | typeof dosingChecklistEntries | typeof doseOrders | typeof doseAdministrations | typeof vitalReadings | typeof dosingObservations | typeof dosingPresence | typeof dosingAlerts>(t: T) =>
    and(eq(t.clinicId, clinicId), eq(t.appointmentId, appointmentId));
  const events = await ex.select().from(dosingSessionEvents).where(by(dosingSessionEvents)).orderBy(asc(dosingSessionEvents.at), asc(dosingSessionEvents.id));
  const checklist = await ex.select().from(dosingChecklistEntries).where(by(dosingChecklistEntries)).orderBy(asc(dosingChecklistEntries.at), asc(dosingChecklistEntries.id));
  const orders = await ex.select().from(doseOrders).where(by(doseOrders)).orderBy(asc(doseOrders.orderedAt), asc(doseOrders.id));
  const administrations = await ex.select().from(doseAdministrations).where(by(doseAdministrations)).orderBy(asc(doseAdministrations.givenAt), asc(doseAdministrations.id));
  const vitals = await ex.select().from(vitalReadings).where(by(vitalReadings)).orderBy(asc(vitalReadings.takenAt), asc(vitalReadings.id));
  const observations = await ex.select().from(dosingObservations).where(by(dosingObservations)).orderBy(asc(dosingObservations.observedAt), asc(dosingObservations.id));
  const presence = await ex.select().from(dosingPresence).where(by(dosingPresence)).orderBy(asc(dosingPresence.at), asc(dosingPresence.id));
  const alerts = await ex.select().from(dosingAlerts).where(by(dosingAlerts)).orderBy(asc(dosingAlerts.raisedAt), asc(dosingAlerts.id));
  return { session, events, checklist, orders, administrations, vitals, observations, presence, alerts };
}

/** Moves the session on, refusing if someone else changed it since it was read (the version is the guard). */
export async function updateSession(
  ex: Executor,
  clinicId: string,
  appointmentId: string,
  expectedVersion: number,
  patch: Partial<Pick<DosingSessionRow, 'state' | 'stateChangedAt' | 'checkedInAt' | 'dosedAt' | 'dischargedAt' | 'abortReason' | 'setting'>> & { updatedAt: Date },
): Promise<boolean> {
  const rows = await ex
    .update(dosingSessions)
    .set({ ...patch, version: sql`${dosingSessions.version} + 1` })
    .where(and(eq(dosingSessions.clinicId, clinicId), eq(dosingSessions.appointmentId, appointmentId), eq(dosingSessions.version, expectedVersion)))
    .returning({ v: dosingSessions.version });
  return rows.length === 1;
}

/** Bumps the version only (something was added to the session): the board's change signal. */
export async function touchSession(ex: Executor, clinicId: string, appointmentId: string, at: Date): Promise<void> {
  await ex
    .update(dosingSessions)
    .set({ version: sql`${dosingSessions.version} + 1`, updatedAt: at })
    .where(and(eq(dosingSessions.clinicId, clinicId), eq(dosingSessions.appointmentId, appointmentId)));
}

/** Rows a step adds to a session in `appendIfUnchanged` (today: a vital-signs reading and the alerts it raised). */
export interface SessionAppend {
  vitals: typeof vitalReadings.$inferInsert;
  alerts: (typeof dosingAlerts.$inferInsert)[];
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);

/**
 * Adds the rows, bumps the session's version and appends the audit event, in one statement (atomic on its own), only if
 * the session's version is still `version`; false when it is not (nothing is written then).
 */
export async function appendIfUnchanged(
  ex: Executor, at: { clinicId: string; appointmentId: string; version: number; at: Date }, rows: SessionAppend, event: AuditEventContent,
): Promise<boolean> {
  const v = rows.vitals;
  const alerts = rows.alerts.map((a) => ({ id: a.id, reading_id: a.readingId ?? null, level: a.level, vital: a.vital, message: a.message, raised_at: iso(a.raisedAt) }));
  const result = await queryPrepared<{ audit_seq: unknown }>(ex, sql`
    WITH s AS (
      UPDATE dosing_sessions SET version = version + 1, updated_at = ${iso(at.at)}::timestamptz
       WHERE clinic_id = ${at.clinicId}::uuid AND appointment_id = ${at.appointmentId}::uuid AND version = ${at.version}::int
      RETURNING clinic_id, appointment_id),
    v AS (
      INSERT INTO vital_readings (clinic_id, id, appointment_id, patient_id, taken_at, systolic, diastolic, heart_rate, spo2, respiratory_rate, recorded_by, recorded_at)
      SELECT s.clinic_id, ${v.id}::uuid, s.appointment_id, ${v.patientId}::uuid, ${iso(v.takenAt)}::timestamptz, ${v.systolic}::smallint, ${v.diastolic}::smallint,
             ${v.heartRate}::smallint, ${v.spo2}::smallint, ${v.respiratoryRate ?? null}::smallint, ${v.recordedBy}::uuid, ${iso(v.recordedAt)}::timestamptz
        FROM s),
    al AS (
      INSERT INTO dosing_alerts (clinic_id, id, appointment_id, reading_id, level, vital, message, raised_at)
      SELECT s.clinic_id, x.id, s.appointment_id, x.reading_id, x.level, x.vital, x.message, x.raised_at
        FROM s, jsonb_to_recordset(${JSON.stringify(alerts)}::jsonb) AS x(id uuid, reading_id uuid, level text, vital text, message text, raised_at timestamptz))
    SELECT ${auditAppendCall(at.clinicId, [event])} AS audit_seq FROM s`);
  return result.length === 1;
}

export const insertEvent = (ex: Executor, row: typeof dosingSessionEvents.$inferInsert) => ex.insert(dosingSessionEvents).values(row);
export const insertChecklistEntry = (ex: Executor, row: typeof dosingChecklistEntries.$inferInsert) => ex.insert(dosingChecklistEntries).values(row);
export const insertOrder = (ex: Executor, row: typeof doseOrders.$inferInsert) => ex.insert(doseOrders).values(row);
export const insertAdministration = (ex: Executor, row: typeof doseAdministrations.$inferInsert) => ex.insert(doseAdministrations).values(row);
export const insertVitals = (ex: Executor, row: typeof vitalReadings.$inferInsert) => ex.insert(vitalReadings).values(row);
export const insertObservation = (ex: Executor, row: typeof dosingObservations.$inferInsert) => ex.insert(dosingObservations).values(row);
export const insertPresence = (ex: Executor, row: typeof dosingPresence.$inferInsert) => ex.insert(dosingPresence).values(row);

export async function insertAlerts(ex: Executor, rows: (typeof dosingAlerts.$inferInsert)[]): Promise<void> {
  if (rows.length) await ex.insert(dosingAlerts).values(rows);
}

export async function acknowledgeAlert(ex: Executor, clinicId: string, appointmentId: string, alertId: string, by: string, action: string, at: Date): Promise<boolean> {
  const rows = await ex
    .update(dosingAlerts)
    .set({ acknowledgedAt: at, acknowledgedBy: by, action })
    .where(and(eq(dosingAlerts.clinicId, clinicId), eq(dosingAlerts.appointmentId, appointmentId), eq(dosingAlerts.id, alertId), isNull(dosingAlerts.acknowledgedAt)))
    .returning({ id: dosingAlerts.id });
  return rows.length === 1;
}

export async function insertConsent(ex: Executor, row: typeof consentRecords.$inferInsert): Promise<void> {
  await ex.insert(consentRecords).values(row);
}

/** The latest consent for the course, or (course null) the patient's latest consent for dosing outside a course. */
export async function latestConsent(ex: Executor, clinicId: string, patientId: string, courseId: string | null): Promise<ConsentRow | undefined> {
  const rows = await ex
    .select()
    .from(consentRecords)
    .where(and(eq(consentRecords.clinicId, clinicId), eq(consentRecords.patientId, patientId), courseId ? eq(consentRecords.courseId, courseId) : isNull(consentRecords.courseId)))
    .orderBy(sql`${consentRecords.signedAt} desc`)
    .limit(1);
  return rows[0];
}

/** Today's dosing appointments (clinic-local day as an instant range) with their sessions, if started. */
export async function dosingAppointmentsBetween(ex: Executor, clinicId: string, from: Date, to: Date) {
  return ex
    .select({ appointment: appointments, session: dosingSessions })
    .from(appointments)
    .leftJoin(dosingSessions, and(eq(dosingSessions.clinicId, appointments.clinicId), eq(dosingSessions.appointmentId, appointments.id)))
    .where(and(eq(appointments.clinicId, clinicId), eq(appointments.kind, 'dosing'), gte(appointments.startsAt, from), lt(appointments.startsAt, to), inArray(appointments.status, ['booked', 'completed'])))
    .orderBy(asc(appointments.startsAt));
}

/** What the board needs of a session's readings: when each was taken (for the checkpoints) and the latest one. */
export interface VitalsSummary {
  takenAt: number[];
  latest: { takenAt: string; systolic: number; diastolic: number; heartRate: number; spo2: number } | null;
}

/**
 * The readings of several sessions summarised in the database, one row per session: the board is rebuilt after
 * every change, and mapping every reading of the day into objects was most of its cost on a busy floor.
 */
export async function vitalsSummaries(ex: Executor, clinicId: string, appointmentIds: string[]): Promise<Map<string, VitalsSummary>> {
  const out = new Map<string, VitalsSummary>();
  if (appointmentIds.length === 0) return out;
  const rows = await queryPrepared<{ appointment_id: string; taken_at: (string | number)[]; latest: VitalsSummary['latest'] }>(ex, sql`
    SELECT v.appointment_id,
           array_agg((extract(epoch FROM v.taken_at) * 1000)::bigint ORDER BY v.taken_at) AS taken_at,
           (array_agg(json_build_object('takenAt', ${isoUtcSql('v.taken_at')},
                                        'systolic', v.systolic, 'diastolic', v.diastolic, 'heartRate', v.heart_rate, 'spo2', v.spo2)
                      ORDER BY v.taken_at DESC, v.recorded_at DESC, v.id DESC))[1] AS latest
      FROM vital_readings v
     WHERE v.clinic_id = ${clinicId}::uuid AND v.appointment_id = ANY(${sql.param(appointmentIds)}::uuid[])
     GROUP BY v.appointment_id`);
  for (const r of rows) out.set(r.appointment_id, { takenAt: r.taken_at.map(Number), latest: r.latest });
  return out;
}

/** The alerts not yet acknowledged, per session (the board's; acknowledged ones are on the session's record). */
export async function openAlertsOf(ex: Executor, clinicId: string, appointmentIds: string[]): Promise<Map<string, DosingAlertRow[]>> {
  const out = new Map<string, DosingAlertRow[]>();
  if (appointmentIds.length === 0) return out;
  const rows = await ex
    .select()
    .from(dosingAlerts)
    .where(and(eq(dosingAlerts.clinicId, clinicId), inArray(dosingAlerts.appointmentId, appointmentIds), isNull(dosingAlerts.acknowledgedAt)))
    .orderBy(asc(dosingAlerts.raisedAt));
  for (const r of rows) out.set(r.appointmentId, [...(out.get(r.appointmentId) ?? []), r]);
  return out;
}

/** The sessions' parts in bulk (the board): one query per table for all sessions at once. */
type BundlePart = 'orders' | 'administrations' | 'vitals' | 'observations' | 'presence' | 'alerts';
const ALL_PARTS: readonly BundlePart[] = ['orders', 'administrations', 'vitals', 'observations', 'presence', 'alerts'];

/** The parts of several sessions at once (`parts`: only those tables; the others stay empty). */
export async function loadBundles(ex: Executor, clinicId: string, sessions: DosingSessionRow[], parts: readonly BundlePart[] = ALL_PARTS): Promise<Map<string, SessionBundle>> {
  const out = new Map<string, SessionBundle>();
  if (sessions.length === 0) return out;
  const ids = sessions.map((s) => s.appointmentId);
  for (const s of sessions) out.set(s.appointmentId, { session: s, events: [], checklist: [], orders: [], administrations: [], vitals: [], observations: [], presence: [], alerts: [] });
  const push = <K extends keyof Omit<SessionBundle, 'session'>>(key: K, rows: { appointmentId: string }[]) => {
    for (const r of rows) (out.get(r.appointmentId)![key] as unknown[]).push(r);
  };
  if (parts.includes('orders')) push('orders', await ex.select().from(doseOrders).where(and(eq(doseOrders.clinicId, clinicId), inArray(doseOrders.appointmentId, ids))).orderBy(asc(doseOrders.orderedAt)));
  if (parts.includes('administrations')) push('administrations', await ex.select().from(doseAdministrations).where(and(eq(doseAdministrations.clinicId, clinicId), inArray(doseAdministrations.appointmentId, ids))).orderBy(asc(doseAdministrations.givenAt)));
  if (parts.includes('vitals')) push('vitals', await ex.select().from(vitalReadings).where(and(eq(vitalReadings.clinicId, clinicId), inArray(vitalReadings.appointmentId, ids))).orderBy(asc(vitalReadings.takenAt)));
  if (parts.includes('observations')) push('observations', await ex.select().from(dosingObservations).where(and(eq(dosingObservations.clinicId, clinicId), inArray(dosingObservations.appointmentId, ids))).orderBy(asc(dosingObservations.observedAt)));
  if (parts.includes('presence')) push('presence', await ex.select().from(dosingPresence).where(and(eq(dosingPresence.clinicId, clinicId), inArray(dosingPresence.appointmentId, ids))).orderBy(asc(dosingPresence.at), asc(dosingPresence.id)));
  if (parts.includes('alerts')) push('alerts', await ex.select().from(dosingAlerts).where(and(eq(dosingAlerts.clinicId, clinicId), inArray(dosingAlerts.appointmentId, ids))).orderBy(asc(dosingAlerts.raisedAt)));
  return out;
}
