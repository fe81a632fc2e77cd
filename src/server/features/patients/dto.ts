import type { PatientStatus } from '../../../core/patient-status';
import type { z } from 'zod';
import type { PatientDetail } from './schemas';

export type PatientPermissions = z.infer<typeof PatientDetail>['permissions'];
import type { CareTeamMember, PatientRow, StatusHistoryRow } from '../../../db/repos/patients';
import type { patientWeights } from '../../../db/schema';

export function toSummary(p: PatientRow, team: CareTeamMember[]) {
  return {
    id: p.id,
    givenName: p.givenName,
    familyName: p.familyName,
    preferredName: p.preferredName,
    dateOfBirth: p.dateOfBirth,
    status: p.status as PatientStatus,
    careTeam: team.map((m) => ({ staffId: m.staffId, role: m.role, name: `${m.givenName} ${m.familyName}` })),
  };
}

export function toDetail(
  p: PatientRow,
  team: CareTeamMember[],
  history: StatusHistoryRow[],
  weights: (typeof patientWeights.$inferSelect)[] | null,
  portalAccount: boolean,
  permissions: PatientPermissions,
  allowedNextStatuses: PatientStatus[],
) {
  return {
    ...toSummary(p, team),
    sexAssignedAtBirth: p.sexAssignedAtBirth,
    pronouns: p.pronouns,
    email: p.email,
    phone: p.phone,
    address: p.address ?? null,
    emergencyContact: p.emergencyContact ?? null,
    statusReason: p.statusReason,
    createdAt: p.createdAt.toISOString(),
    ...(weights ? { weights: weights.map((w) => ({ weightKg: Number(w.weightKg), measuredOn: w.measuredOn })) } : {}),
    statusHistory: history.map((h) => ({
      from: h.fromStatus, to: h.toStatus, reason: h.reason, at: h.changedAt.toISOString(), by: h.changedBy,
      byName: h.byGiven ? `${h.byGiven} ${h.byFamily}` : null,
    })),
    portalAccount,
    permissions,
    allowedNextStatuses,
  };
}
