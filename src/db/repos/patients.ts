import { and, asc, desc, eq, exists, inArray, sql, type SQL } from 'drizzle-orm';
import type { CareTeam, PatientScope } from '../../core/authorization';
import type { PatientStatus } from '../../core/patient-status';
import { careTeamMembers, patients, patientStatusHistory, patientWeights, staffMembers } from '../schema';
import { queryPrepared, type Executor } from '../database';

export type PatientRow = typeof patients.$inferSelect;

/** The SQL condition on `patients` that matches `patientListScope` (lists join patients and filter by it). */
export function scopeCondition(scope: PatientScope): SQL | undefined {
  switch (scope.kind) {
    case 'clinic':
      return undefined;
    case 'self':
      return eq(patients.id, scope.patientId);
    case 'care-team':
      return exists(
        sql`(SELECT 1 FROM ${careTeamMembers} WHERE ${careTeamMembers.clinicId} = ${patients.clinicId}
              AND ${careTeamMembers.patientId} = ${patients.id} AND ${careTeamMembers.staffId} = ${scope.staffId})`,
      );
  }
}

export interface PatientListQuery {
  clinicId: string;
  scope: PatientScope;
  query?: string | undefined;
  status?: PatientStatus | undefined;
  limit: number;
  offset: number;
}

/** One page of patients in scope, with the total matching count (computed in the same query). */
export async function listPatients(ex: Executor, q: PatientListQuery) {
  const conditions: (SQL | undefined)[] = [eq(patients.clinicId, q.clinicId), scopeCondition(q.scope)];
  if (q.status) conditions.push(eq(patients.status, q.status));
  const text = q.query?.trim().toLowerCase();
  if (text) {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      sql`(lower(${patients.givenName} || ' ' || ${patients.familyName}) LIKE ${pattern}
           OR lower(coalesce(${patients.preferredName}, '')) LIKE ${pattern})`,
    );
  }
  const rows = await ex
    .select({ patient: patients, total: sql<number>`count(*) OVER ()`.mapWith(Number) })
    .from(patients)
    .where(and(...conditions))
    .orderBy(asc(patients.familyName), asc(patients.givenName), asc(patients.id))
    .limit(q.limit)
    .offset(q.offset);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && q.offset > 0) {
    // Past the last page: the window count is not available, so count separately.
    const [c] = await ex.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(patients).where(and(...conditions));
    total = c?.n ?? 0;
  }
  return { items: rows.map((r) => r.patient), total };
}

export async function findPatient(ex: Executor, clinicId: string, patientId: string): Promise<PatientRow | undefined> {
  const [row] = await ex.select().from(patients).where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId))).limit(1);
  return row;
}

export interface CareTeamMember {
  staffId: string;
  role: 'therapist' | 'prescriber';
  givenName: string;
  familyName: string;
  staffRole: string;
}

export async function loadCareTeamMembers(ex: Executor, clinicId: string, patientIds: string[]): Promise<Map<string, CareTeamMember[]>> {
  const map = new Map<string, CareTeamMember[]>();
  if (patientIds.length === 0) return map;
  const rows = await ex
    .select({
      patientId: careTeamMembers.patientId,
      staffId: careTeamMembers.staffId,
      role: careTeamMembers.role,
      givenName: staffMembers.givenName,
      familyName: staffMembers.familyName,
      staffRole: staffMembers.role,
    })
    .from(careTeamMembers)
    .innerJoin(staffMembers, and(eq(staffMembers.clinicId, careTeamMembers.clinicId), eq(staffMembers.id, careTeamMembers.staffId)))
    .where(and(eq(careTeamMembers.clinicId, clinicId), inArray(careTeamMembers.patientId, patientIds)))
    .orderBy(asc(careTeamMembers.role), asc(staffMembers.familyName));
  for (const { patientId, ...member } of rows) {
    const list = map.get(patientId) ?? [];
    list.push(member);
    map.set(patientId, list);
  }
  return map;
}

/** The care team as authorization needs it: cheap, and loaded before any sensitive data (null: no such patient). */
export async function loadCareTeam(ex: Executor, clinicId: string, patientId: string): Promise<CareTeam | null> {
  const rows = await queryPrepared<{ staff_id: string | null; role: string | null }>(ex, sql`
    SELECT c.staff_id, c.role FROM patients p
      LEFT JOIN care_team_members c ON c.clinic_id = p.clinic_id AND c.patient_id = p.id
     WHERE p.clinic_id = ${clinicId}::uuid AND p.id = ${patientId}::uuid`);
  if (rows.length === 0) return null;
  const therapistIds = rows.filter((r) => r.role === 'therapist').map((r) => r.staff_id!);
  const prescriberId = rows.find((r) => r.role === 'prescriber')?.staff_id ?? null;
  return { therapistIds, prescriberId };
}

export async function insertPatient(ex: Executor, row: typeof patients.$inferInsert): Promise<void> {
  await ex.insert(patients).values(row);
}

export async function updatePatient(ex: Executor, clinicId: string, patientId: string, patch: Partial<typeof patients.$inferInsert>): Promise<PatientRow | undefined> {
  const [row] = await ex.update(patients).set(patch).where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId))).returning();
  return row;
}

/** Moves status only if it is still `from` (a concurrent change makes this return undefined). */
export async function compareAndSetStatus(
  ex: Executor, clinicId: string, patientId: string, from: PatientStatus, to: PatientStatus, reason: string | null, at: Date,
): Promise<PatientRow | undefined> {
  const [row] = await ex
    .update(patients)
    .set({ status: to, statusReason: reason, updatedAt: at })
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId), eq(patients.status, from)))
    .returning();
  return row;
}

export async function insertStatusHistory(ex: Executor, row: typeof patientStatusHistory.$inferInsert): Promise<void> {
  await ex.insert(patientStatusHistory).values(row);
}

/** Status changes, newest first, with the name of the staff member who made each. */
export async function listStatusHistory(ex: Executor, clinicId: string, patientId: string, limit = 20) {
  return ex
    .select({
      fromStatus: patientStatusHistory.fromStatus,
      toStatus: patientStatusHistory.toStatus,
      reason: patientStatusHistory.reason,
      changedBy: patientStatusHistory.changedBy,
      changedAt: patientStatusHistory.changedAt,
      byGiven: staffMembers.givenName,
      byFamily: staffMembers.familyName,
    })
    .from(patientStatusHistory)
    .leftJoin(staffMembers, and(eq(staffMembers.clinicId, patientStatusHistory.clinicId), eq(staffMembers.id, patientStatusHistory.changedBy)))
    .where(and(eq(patientStatusHistory.clinicId, clinicId), eq(patientStatusHistory.patientId, patientId)))
    .orderBy(desc(patientStatusHistory.changedAt))
    .limit(limit);
}
export type StatusHistoryRow = Awaited<ReturnType<typeof listStatusHistory>>[number];

export async function replaceCareTeam(
  ex: Executor, clinicId: string, patientId: string, members: { staffId: string; role: 'therapist' | 'prescriber' }[], at: Date,
): Promise<void> {
  await ex.delete(careTeamMembers).where(and(eq(careTeamMembers.clinicId, clinicId), eq(careTeamMembers.patientId, patientId)));
  if (members.length > 0) {
    await ex.insert(careTeamMembers).values(members.map((m) => ({ clinicId, patientId, staffId: m.staffId, role: m.role, addedAt: at })));
  }
}

export async function insertWeight(ex: Executor, row: typeof patientWeights.$inferInsert): Promise<void> {
  await ex.insert(patientWeights).values(row);
}

export async function listWeights(ex: Executor, clinicId: string, patientId: string, limit = 20) {
  return ex
    .select()
    .from(patientWeights)
    .where(and(eq(patientWeights.clinicId, clinicId), eq(patientWeights.patientId, patientId)))
    .orderBy(desc(patientWeights.measuredOn), desc(patientWeights.recordedAt))
    .limit(limit);
}

