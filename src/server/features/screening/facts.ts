/**
 * What eligibility is decided on for one patient: the screening record plus the latest current questionnaire
 * results (PHQ-9 item 9, AUDIT-C with the sex its cut-off depends on), turned into the core's ScreeningFacts.
 */
import type { EligibilityRuleSet, ScreeningFacts } from '../../../core/eligibility/rules';
import type { Condition, Indication } from '../../../core/eligibility/vocabulary';
import type { Executor } from '../../../db/database';
import type { PatientRow } from '../../../db/repos/patients';
import * as repo from '../../../db/repos/screening';

/** Instrument ids as shipped (src/core/instruments/library). */
export const INSTRUMENT = { phq9: 'phq-9', auditC: 'audit-c', gad7: 'gad-7', pcl5: 'pcl-5' } as const;

type Sex = 'female' | 'male';
const binarySex = (value: string | null | undefined): Sex | null => (value === 'female' || value === 'male' ? value : null);

/**
 * When the sex is not known (intersex, unknown, not given when scoring), the rules apply the stricter of the
 * AUDIT-C cut-offs: a positive screen then asks for review rather than passing unseen.
 */
export function stricterAuditCSex(ruleSet: EligibilityRuleSet): Sex {
  const rule = ruleSet.rules.find((r) => r.kind === 'audit-c-positive' && r.enabled);
  if (rule && rule.kind === 'audit-c-positive' && rule.male < rule.female) return 'male';
  return 'female';
}

const summary = (r: repo.ResponseRow) => ({
  responseId: r.id,
  total: r.total,
  severity: r.severity,
  positive: r.positive,
  submittedAt: r.submittedAt.toISOString(),
});

export interface GatheredFacts {
  record: repo.ScreeningRecordRow | undefined;
  facts: ScreeningFacts;
  questionnaires: {
    phq9: (ReturnType<typeof summary> & { item9: number | null }) | null;
    auditC: (ReturnType<typeof summary> & { sex: Sex | null; evaluatedAs: Sex }) | null;
    gad7: ReturnType<typeof summary> | null;
    pcl5: ReturnType<typeof summary> | null;
  };
}

export async function gatherFacts(ex: Executor, patient: PatientRow, ruleSet: EligibilityRuleSet): Promise<GatheredFacts> {
  const record = await repo.findScreeningRecord(ex, patient.clinicId, patient.id);
  const responses = await repo.latestCurrentResponses(ex, patient.clinicId, patient.id, Object.values(INSTRUMENT));
  const latest = new Map(responses.map((r) => [r.instrumentId, r]));

  const phq9 = latest.get(INSTRUMENT.phq9);
  const item9Value = phq9?.answers[8];
  const item9 = typeof item9Value === 'number' && Number.isInteger(item9Value) && item9Value >= 0 && item9Value <= 3 ? item9Value : null;

  const auditC = latest.get(INSTRUMENT.auditC);
  const knownSex = binarySex(auditC?.sex) ?? binarySex(patient.sexAssignedAtBirth);
  const evaluatedAs = knownSex ?? stricterAuditCSex(ruleSet);
  const auditTotal = auditC && Number.isInteger(auditC.total) && auditC.total >= 0 && auditC.total <= 12 ? auditC.total : null;

  const gad7 = latest.get(INSTRUMENT.gad7);
  const pcl5 = latest.get(INSTRUMENT.pcl5);

  const facts: ScreeningFacts = {
    indications: (record?.indications ?? []) as Indication[],
    conditions: (record?.conditions ?? []) as Condition[],
    ...(record?.bpSystolic != null && record.bpDiastolic != null ? { bloodPressure: { systolic: record.bpSystolic, diastolic: record.bpDiastolic } } : {}),
    ...(auditTotal !== null ? { auditC: { total: auditTotal, sex: evaluatedAs } } : {}),
    ...(item9 !== null ? { phq9Item9: item9 } : {}),
  };
  return {
    record,
    facts,
    questionnaires: {
      phq9: phq9 ? { ...summary(phq9), item9 } : null,
      auditC: auditC ? { ...summary(auditC), sex: knownSex, evaluatedAs } : null,
      gad7: gad7 ? summary(gad7) : null,
      pcl5: pcl5 ? summary(pcl5) : null,
    },
  };
}
