import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { PatientScope } from '../../core/authorization';
import { careTeamMembers, patients, safetyAlerts, staffMembers } from '../schema';
import { scopeCondition } from './patients';
import type { Executor } from '../database';

export type SafetyAlertRow = typeof safetyAlerts.$inferSelect;

export async function insertSafetyAlerts(ex: Executor, rows: (typeof safetyAlerts.$inferInsert)[]): Promise<void> {
  if (rows.length) await ex.insert(safetyAlerts).values(rows);
}

/** E-mail addresses of the patient's care team members who are still active (whom an alert is sent to). */
export async function activeCareTeamEmails(ex: Executor, clinicId: string, patientId: string): Promise<string[]> {
  const rows = await ex
    .selectDistinct({ email: staffMembers.email })
    .from(careTeamMembers)
    .innerJoin(staffMembers, and(eq(staffMembers.clinicId, careTeamMembers.clinicId), eq(staffMembers.id, careTeamMembers.staffId)))
    .where(and(eq(careTeamMembers.clinicId, clinicId), eq(careTeamMembers.patientId, patientId), eq(staffMembers.active, true)));
  return rows.map((r) => r.email);
}

export async function findSafetyAlert(ex: Executor, clinicId: string, id: string): Promise<SafetyAlertRow | undefined> {
  const [row] = await ex.select().from(safetyAlerts).where(and(eq(safetyAlerts.clinicId, clinicId), eq(safetyAlerts.id, id))).limit(1);
  return row;
}

/** Acknowledges an open alert; false when someone else acknowledged it first. */
export async function acknowledgeSafetyAlert(
  ex: Executor, clinicId: string, id: string, by: string, action: string, note: string | null, at: Date,
): Promise<boolean> {
  const rows = await ex
    .update(safetyAlerts)
    .set({ status: 'acknowledged', acknowledgedAt: at, acknowledgedBy: by, action, note })
    .where(and(eq(safetyAlerts.clinicId, clinicId), eq(safetyAlerts.id, id), eq(safetyAlerts.status, 'open')))
    .returning({ id: safetyAlerts.id });
  return rows.length === 1;
}

export async function listPatientAlerts(ex: Executor, clinicId: string, patientIds: string[], status?: 'open' | 'acknowledged'): Promise<SafetyAlertRow[]> {
  if (patientIds.length === 0) return [];
  return ex
    .select()
    .from(safetyAlerts)
    .where(and(eq(safetyAlerts.clinicId, clinicId), inArray(safetyAlerts.patientId, patientIds), status ? eq(safetyAlerts.status, status) : undefined))
    .orderBy(desc(safetyAlerts.createdAt));
}

/**
 * Marks every open, unescalated alert older than its clinic's escalation time as escalated and returns them. The
 * UPDATE's row locks and its `escalated_at IS NULL` re-check make two instances escalate each alert once.
 */
export async function claimAlertsToEscalate(ex: Executor, now: Date): Promise<SafetyAlertRow[]> {
  const rows = await ex.execute(sql`
    UPDATE safety_alerts a SET escalated_at = ${now.toISOString()}::timestamptz
    FROM clinics c
    WHERE c.id = a.clinic_id AND a.status = 'open' AND a.escalated_at IS NULL
      AND a.created_at <= ${now.toISOString()}::timestamptz
          - make_interval(hours => coalesce((c.settings->>'safetyEscalationHours')::int, 4))
    RETURNING a.clinic_id, a.id, a.patient_id, a.flag, a.created_at`);
  return ((rows as unknown as { rows: Record<string, unknown>[] }).rows).map((r) => ({
    clinicId: String(r.clinic_id),
    id: String(r.id),
    patientId: String(r.patient_id),
    flag: String(r.flag),
    createdAt: new Date(r.created_at as string),
  })) as SafetyAlertRow[];
}


/** Alerts of the patients in `scope`, newest first, with the patient's name. */
export async function listAlertsInScope(
  ex: Executor, clinicId: string, scope: PatientScope, filter: { status?: 'open' | 'acknowledged' | undefined; patientId?: string | undefined }, limit = 200,
) {
  return ex
    .select({ alert: safetyAlerts, givenName: patients.givenName, familyName: patients.familyName, preferredName: patients.preferredName })
    .from(safetyAlerts)
    .innerJoin(patients, and(eq(patients.clinicId, safetyAlerts.clinicId), eq(patients.id, safetyAlerts.patientId)))
    .where(
      and(
        eq(safetyAlerts.clinicId, clinicId),
        scopeCondition(scope),
        filter.status ? eq(safetyAlerts.status, filter.status) : undefined,
        filter.patientId ? eq(safetyAlerts.patientId, filter.patientId) : undefined,
      ),
    )
    .orderBy(desc(safetyAlerts.createdAt))
    .limit(limit);
}

export async function countOpenAlertsInScope(ex: Executor, clinicId: string, scope: PatientScope): Promise<number> {
  const [row] = await ex
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(safetyAlerts)
    .innerJoin(patients, and(eq(patients.clinicId, safetyAlerts.clinicId), eq(patients.id, safetyAlerts.patientId)))
    .where(and(eq(safetyAlerts.clinicId, clinicId), eq(safetyAlerts.status, 'open'), scopeCondition(scope)));
  return row?.n ?? 0;
}
