/**
 * Everything the patient overview shows, in one round trip (the overview is the most-read page of the app):
 * the patient, the care team with names, the last 20 status changes with who made them, the last 20 weights, and
 * whether the patient has a portal account.
 */
import { sql } from 'drizzle-orm';
import type { AuditEventContent } from '../../core/audit-chain';
import { queryPrepared, type Executor } from '../database';
import { auditAppendCall } from './audit';
import type { patientWeights } from '../schema';
import type { CareTeamMember, PatientRow, StatusHistoryRow } from './patients';

export interface PatientOverviewData {
  patient: PatientRow;
  team: CareTeamMember[];
  history: StatusHistoryRow[];
  weights: (typeof patientWeights.$inferSelect)[] | null;
  portalAccount: boolean;
}

type Json = Record<string, unknown>;
const date = (v: unknown): Date => new Date(String(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** `auditEvents`: the read's audit events, appended in the same statement (one round trip fewer, and fail closed). */
export async function loadPatientOverview(
  ex: Executor, clinicId: string, patientId: string, withWeights: boolean, auditEvents: readonly AuditEventContent[] = [],
): Promise<PatientOverviewData | null> {
  const audited = auditEvents.length ? sql`, ${auditAppendCall(clinicId, auditEvents)} AS audit_seq` : sql``;
  const [row] = await queryPrepared<{ patient: Json; team: Json[]; history: Json[]; weights: Json[] | null; portal_account: boolean }>(ex, sql`
    SELECT to_jsonb(p) AS patient,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('staffId', c.staff_id, 'role', c.role, 'givenName', s.given_name,
                                                   'familyName', s.family_name, 'staffRole', s.role) ORDER BY c.role, s.family_name), '[]'::jsonb)
         FROM care_team_members c JOIN staff_members s ON s.clinic_id = c.clinic_id AND s.id = c.staff_id
        WHERE c.clinic_id = p.clinic_id AND c.patient_id = p.id) AS team,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('fromStatus', h.from_status, 'toStatus', h.to_status, 'reason', h.reason,
                                                   'changedBy', h.changed_by, 'changedAt', h.changed_at, 'byGiven', s.given_name,
                                                   'byFamily', s.family_name) ORDER BY h.changed_at DESC), '[]'::jsonb)
         FROM (SELECT * FROM patient_status_history WHERE clinic_id = p.clinic_id AND patient_id = p.id ORDER BY changed_at DESC LIMIT 20) h
         LEFT JOIN staff_members s ON s.clinic_id = h.clinic_id AND s.id = h.changed_by) AS history,
      CASE WHEN ${withWeights} THEN
        (SELECT coalesce(jsonb_agg(to_jsonb(w) ORDER BY w.measured_on DESC, w.recorded_at DESC), '[]'::jsonb)
           FROM (SELECT * FROM patient_weights WHERE clinic_id = p.clinic_id AND patient_id = p.id
                  ORDER BY measured_on DESC, recorded_at DESC LIMIT 20) w)
      END AS weights,
      EXISTS (SELECT 1 FROM users u WHERE u.clinic_id = p.clinic_id AND u.patient_id = p.id) AS portal_account${audited}
    FROM patients p WHERE p.clinic_id = ${clinicId}::uuid AND p.id = ${patientId}::uuid`);
  if (!row) return null;
  const p = row.patient;
  const patient: PatientRow = {
    clinicId: String(p.clinic_id),
    id: String(p.id),
    givenName: String(p.given_name),
    familyName: String(p.family_name),
    preferredName: str(p.preferred_name),
    dateOfBirth: String(p.date_of_birth),
    sexAssignedAtBirth: p.sex_assigned_at_birth as PatientRow['sexAssignedAtBirth'],
    pronouns: str(p.pronouns),
    email: str(p.email),
    phone: str(p.phone),
    address: (p.address as PatientRow['address']) ?? null,
    emergencyContact: (p.emergency_contact as PatientRow['emergencyContact']) ?? null,
    status: String(p.status),
    statusReason: str(p.status_reason),
    createdAt: date(p.created_at),
    updatedAt: date(p.updated_at),
  };
  return {
    patient,
    team: row.team.map((m) => ({
      staffId: String(m.staffId), role: m.role as CareTeamMember['role'], givenName: String(m.givenName), familyName: String(m.familyName), staffRole: String(m.staffRole),
    })),
    history: row.history.map((h) => ({
      fromStatus: str(h.fromStatus), toStatus: String(h.toStatus), reason: str(h.reason), changedBy: str(h.changedBy), changedAt: date(h.changedAt),
      byGiven: str(h.byGiven), byFamily: str(h.byFamily),
    })),
    weights: row.weights
      ? row.weights.map((w) => ({
          clinicId: String(w.clinic_id), id: String(w.id), patientId: String(w.patient_id), weightKg: String(w.weight_kg), measuredOn: String(w.measured_on),
          recordedBy: str(w.recorded_by), recordedAt: date(w.recorded_at),
        }))
      : null,
    portalAccount: Boolean(row.portal_account),
  };
}
