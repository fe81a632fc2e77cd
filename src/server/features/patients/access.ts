/** Authorize → load for one patient: the care team is loaded first (it is not sensitive), then `can` decides. */
import { can, type PatientAction } from '../../../core/authorization';
import { fail, ok, type Result } from '../../../core/errors';
import type { CareTeam } from '../../../core/authorization';
import { loadCareTeam } from '../../../db/repos/patients';
import { audit, type Ctx } from '../../context';

export interface PatientAccess {
  patientId: string;
  careTeam: CareTeam;
}

/**
 * Allows `action` on the patient or answers NOT_FOUND, so a denial looks exactly like a missing record. Denials are
 * audited (a probe for someone else's record is worth seeing in the trail).
 */
export async function authorizePatient(ctx: Ctx, patientId: string, action: PatientAction, auditAction: string): Promise<Result<PatientAccess>> {
  const careTeam = await loadCareTeam(ctx.deps.database.db, ctx.actor.clinicId, patientId);
  return authorizeWithCareTeam(ctx, patientId, careTeam, action, auditAction);
}

/** As `authorizePatient`, with the care team already loaded (null: no such patient) alongside the record that names it. */
export async function authorizeWithCareTeam(
  ctx: Ctx, patientId: string, careTeam: CareTeam | null, action: PatientAction, auditAction: string,
): Promise<Result<PatientAccess>> {
  const allowed = careTeam !== null && can(ctx.actor, action, { type: 'patient', clinicId: ctx.actor.clinicId, patientId, careTeam });
  if (!allowed) {
    await audit(ctx, {
      action: auditAction,
      resourceType: 'patient',
      resourceId: patientId,
      patientId: careTeam ? patientId : null,
      outcome: 'denied',
    });
    return fail('NOT_FOUND', 'No such patient.');
  }
  return ok({ patientId, careTeam });
}

export function patientCan(ctx: Ctx, access: PatientAccess, action: PatientAction): boolean {
  return can(ctx.actor, action, { type: 'patient', clinicId: ctx.actor.clinicId, patientId: access.patientId, careTeam: access.careTeam });
}
