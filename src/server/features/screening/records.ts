/** A patient's screening record with the latest questionnaire results and its live evaluation. */
import { evaluateEligibility } from '../../../core/eligibility/rules';
import { fail, ok, type Result } from '../../../core/errors';
import { toDate } from '../../../db/ids';
import { findPatient } from '../../../db/repos/patients';
import * as repo from '../../../db/repos/screening';
import { audit, type Ctx } from '../../context';
import { authorizePatient, patientCan, type PatientAccess } from '../patients/access';
import { gatherFacts } from './facts';
import { loadRuleSet } from './rule-sets';
import type { ScreeningInput } from './schemas';

async function screeningView(ctx: Ctx, access: PatientAccess) {
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const patient = await findPatient(db, clinicId, access.patientId);
  if (!patient) throw new Error('patient vanished after authorization');
  const { ruleSet } = await loadRuleSet(db, clinicId);
  const gathered = await gatherFacts(db, patient, ruleSet);
  const { record } = gathered;
  const names = await repo.staffNames(db, clinicId, [record?.updatedBy]);
  return {
    patientId: patient.id,
    indications: record?.indications ?? [],
    conditions: record?.conditions ?? [],
    medicalHistory: record?.medicalHistory ?? null,
    psychiatricHistory: record?.psychiatricHistory ?? null,
    medications: record?.medications ?? null,
    bloodPressure:
      record?.bpSystolic != null && record.bpDiastolic != null
        ? { systolic: record.bpSystolic, diastolic: record.bpDiastolic, measuredAt: record.bpMeasuredAt?.toISOString() ?? null }
        : null,
    updatedAt: record?.updatedAt.toISOString() ?? null,
    updatedBy: record?.updatedBy ?? null,
    updatedByName: record?.updatedBy ? names.get(record.updatedBy) ?? null : null,
    questionnaires: gathered.questionnaires,
    facts: gathered.facts,
    evaluation: evaluateEligibility(gathered.facts, ruleSet),
    permissions: {
      editScreening: patientCan(ctx, access, 'patient:edit-screening'),
      decideEligibility: patientCan(ctx, access, 'patient:decide-eligibility'),
    },
  };
}

export async function getScreening(ctx: Ctx, patientId: string) {
  const access = await authorizePatient(ctx, patientId, 'patient:read-clinical', 'screening.read');
  if (!access.ok) return access;
  await audit(ctx, { action: 'screening.read', resourceType: 'screening-record', resourceId: patientId, patientId });
  return ok(await screeningView(ctx, access.value));
}

const clean = (text: string | null | undefined) => (text === undefined ? undefined : text?.trim() || null);

/**
 * Replaces the indications and conditions (both required: an omitted list must not silently clear a
 * contraindication). The notes and the blood pressure are replaced when given, cleared when null, kept when omitted.
 */
export async function putScreening(ctx: Ctx, patientId: string, input: ScreeningInput): Promise<Result<Awaited<ReturnType<typeof screeningView>>>> {
  const access = await authorizePatient(ctx, patientId, 'patient:edit-screening', 'screening.update');
  if (!access.ok) return access;
  const now = ctx.deps.clock();
  const at = toDate(now);
  const bp = input.bloodPressure;
  if (bp?.measuredAt && Date.parse(bp.measuredAt) > now.epochMilliseconds + 5 * 60_000) {
    return fail('VALIDATION_FAILED', 'A blood pressure cannot be measured in the future.', { fields: [{ path: 'bloodPressure.measuredAt', message: 'in the future' }] });
  }
  const { clinicId } = ctx.actor;
  const updatedBy = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;
  const notes = { medicalHistory: clean(input.medicalHistory), psychiatricHistory: clean(input.psychiatricHistory), medications: clean(input.medications) };
  const bpColumns =
    bp === undefined
      ? {}
      : bp === null
        ? { bpSystolic: null, bpDiastolic: null, bpMeasuredAt: null }
        : { bpSystolic: bp.systolic, bpDiastolic: bp.diastolic, bpMeasuredAt: bp.measuredAt ? new Date(bp.measuredAt) : at };
  const given = Object.fromEntries(Object.entries(notes).filter(([, v]) => v !== undefined));
  const update = { indications: [...new Set(input.indications)], conditions: [...new Set(input.conditions)], ...given, ...bpColumns, updatedAt: at, updatedBy };
  const changed = ['indications', 'conditions', ...Object.keys(given), ...(bp === undefined ? [] : ['bloodPressure'])];
  await ctx.deps.database.db.transaction(async (tx) => {
    await repo.upsertScreeningRecord(tx, { clinicId, patientId, ...update }, update);
    await audit(ctx, { action: 'screening.update', resourceType: 'screening-record', resourceId: patientId, patientId, detail: { fields: changed } }, tx);
  });
  return ok(await screeningView(ctx, access.value));
}
