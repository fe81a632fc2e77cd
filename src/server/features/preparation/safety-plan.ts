/**
 * The emotional safety plan made in preparation (what helps when it gets hard, who to call), with the clinic's crisis
 * resources: the patient keeps it in the portal, and the staff who run the patient's dosing session (prescriber,
 * nurse, the therapists of the care team) read it on the record. It comes from the most recently updated guide that
 * has a safety plan; nothing else of the guide (hopes, fears, notes) is shown. Reads are audited.
 */
import { fail, ok, type Result } from '../../../core/errors';
import { canReadSafetyPlan, hasSafetyPlan, safetyPlanOf, type Contact } from '../../../core/preparation';
import { findClinic } from '../../../db/repos/clinics';
import { loadCareTeam } from '../../../db/repos/patients';
import { settingsOf } from '../../../db/schema';
import { audit, type Ctx } from '../../context';
import { patientGuides } from './store';

export interface SafetyPlanView {
  patientId: string;
  whatHelps: string | null;
  contacts: Contact[];
  /** When the plan was last changed, and in which preparation session (null: no plan made yet). */
  updatedAt: string | null;
  appointmentId: string | null;
  crisisResources: string;
  clinic: { name: string; phone: string };
}

async function planOf(ctx: Ctx, patientId: string): Promise<SafetyPlanView> {
  const db = ctx.deps.database.db;
  const [guides, clinic] = await Promise.all([patientGuides(db, ctx.actor.clinicId, patientId), findClinic(db, ctx.actor.clinicId)]);
  const guide = guides.find((g) => hasSafetyPlan(g.answers)) ?? null;
  const plan = safetyPlanOf(guide?.answers ?? {});
  return {
    patientId, ...plan, updatedAt: guide?.updatedAt.toISOString() ?? null, appointmentId: guide?.appointmentId ?? null,
    crisisResources: settingsOf(clinic).crisisResources, clinic: { name: clinic?.name ?? '', phone: clinic?.phone ?? '' },
  };
}

/** The signed-in patient's own plan; staff are sent to the patient's record (403). */
export async function readOwnSafetyPlan(ctx: Ctx): Promise<Result<SafetyPlanView>> {
  if (ctx.actor.kind !== 'patient') return fail('FORBIDDEN', 'This is the patient’s own safety plan; staff read it on the patient’s record.');
  const view = await planOf(ctx, ctx.actor.patientId);
  await audit(ctx, { action: 'safety-plan.read-own', resourceType: 'safety-plan', resourceId: view.appointmentId, patientId: ctx.actor.patientId });
  return ok(view);
}

/** A patient's plan, for the staff who may run their dosing session; anyone else gets 404 (audited). */
export async function readPatientSafetyPlan(ctx: Ctx, patientId: string): Promise<Result<SafetyPlanView>> {
  const careTeam = await loadCareTeam(ctx.deps.database.db, ctx.actor.clinicId, patientId);
  if (!careTeam || !canReadSafetyPlan(ctx.actor, { clinicId: ctx.actor.clinicId, patientId, careTeam })) {
    await audit(ctx, { action: 'safety-plan.read', resourceType: 'patient', resourceId: patientId, patientId: careTeam ? patientId : null, outcome: 'denied' });
    return fail('NOT_FOUND', 'No such patient.');
  }
  const view = await planOf(ctx, patientId);
  await audit(ctx, { action: 'safety-plan.read', resourceType: 'safety-plan', resourceId: view.appointmentId, patientId });
  return ok(view);
}
