/**
 * The eligibility rules engine: a clinic's versioned rule set evaluated against a screening record. The strictest
 * outcome wins (ineligible > needs-review > eligible) and every reason is listed with its rule id and source.
 * Nothing here decides for a clinician: a prescriber records the decision and may override with a reason.
 */
import { z } from 'zod';
import { CONDITIONS, INDICATIONS } from './vocabulary';

export const OUTCOMES = ['eligible', 'needs-review', 'ineligible'] as const;
export type EligibilityOutcome = (typeof OUTCOMES)[number];
const STRICTNESS: Record<EligibilityOutcome, number> = { eligible: 0, 'needs-review': 1, ineligible: 2 };

const Base = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  outcome: z.enum(['ineligible', 'needs-review']),
  message: z.string().trim().min(1).max(500),
  source: z.string().trim().min(1).max(500),
  /** A clinic policy rather than a published standard (shown as such). */
  clinicPolicy: z.boolean().default(false),
  enabled: z.boolean().default(true),
};

export const EligibilityRule = z.discriminatedUnion('kind', [
  z.object({ ...Base, kind: z.literal('condition'), condition: z.enum(CONDITIONS) }),
  z.object({ ...Base, kind: z.literal('blood-pressure-at-least'), systolic: z.number().int().min(60).max(300), diastolic: z.number().int().min(30).max(200) }),
  z.object({ ...Base, kind: z.literal('audit-c-positive'), female: z.number().int().min(0).max(12), male: z.number().int().min(0).max(12) }),
  z.object({ ...Base, kind: z.literal('phq9-item9-at-least'), min: z.number().int().min(0).max(3) }),
  z.object({ ...Base, kind: z.literal('no-indication') }),
]);
export type EligibilityRule = z.infer<typeof EligibilityRule>;

export const EligibilityRuleSet = z.object({ version: z.string().trim().min(1).max(40), rules: z.array(EligibilityRule) });
export type EligibilityRuleSet = z.infer<typeof EligibilityRuleSet>;

export const ScreeningFacts = z.object({
  indications: z.array(z.enum(INDICATIONS)).default([]),
  conditions: z.array(z.enum(CONDITIONS)).default([]),
  bloodPressure: z.object({ systolic: z.number().int().min(40).max(320), diastolic: z.number().int().min(20).max(220) }).optional(),
  auditC: z.object({ total: z.number().int().min(0).max(12), sex: z.enum(['female', 'male']) }).optional(),
  phq9Item9: z.number().int().min(0).max(3).optional(),
});
export type ScreeningFacts = z.infer<typeof ScreeningFacts>;

export interface EligibilityReason {
  rule: string;
  outcome: 'ineligible' | 'needs-review';
  message: string;
  source: string;
  clinicPolicy: boolean;
}

export interface EligibilityResult {
  outcome: EligibilityOutcome;
  reasons: EligibilityReason[];
  ruleSetVersion: string;
}

function fires(rule: EligibilityRule, facts: ScreeningFacts): boolean {
  switch (rule.kind) {
    case 'condition':
      return facts.conditions.includes(rule.condition);
    case 'blood-pressure-at-least':
      return facts.bloodPressure !== undefined && (facts.bloodPressure.systolic >= rule.systolic || facts.bloodPressure.diastolic >= rule.diastolic);
    case 'audit-c-positive':
      return facts.auditC !== undefined && facts.auditC.total >= (facts.auditC.sex === 'female' ? rule.female : rule.male);
    case 'phq9-item9-at-least':
      return facts.phq9Item9 !== undefined && facts.phq9Item9 >= rule.min;
    case 'no-indication':
      return facts.indications.length === 0;
  }
}

export function evaluateEligibility(facts: ScreeningFacts, ruleSet: EligibilityRuleSet): EligibilityResult {
  const reasons: EligibilityReason[] = ruleSet.rules
    .filter((rule) => rule.enabled && fires(rule, facts))
    .map((rule) => ({ rule: rule.id, outcome: rule.outcome, message: rule.message, source: rule.source, clinicPolicy: rule.clinicPolicy }))
    .sort((a, b) => STRICTNESS[b.outcome] - STRICTNESS[a.outcome]);
  const outcome = reasons.reduce<EligibilityOutcome>((worst, r) => (STRICTNESS[r.outcome] > STRICTNESS[worst] ? r.outcome : worst), 'eligible');
  return { outcome, reasons, ruleSetVersion: ruleSet.version };
}
