import { describe, expect, it } from 'vitest';
import { DEFAULT_ELIGIBILITY_RULE_SET as RULES } from './default-rule-set';
import { evaluateEligibility, ScreeningFacts } from './rules';
import { CONDITIONS } from './vocabulary';

const facts = (f: Partial<ScreeningFacts>) => ScreeningFacts.parse({ indications: ['treatment-resistant-depression'], ...f });

describe('evaluateEligibility (default rule set)', () => {
  it('is eligible with an indication and nothing against', () => {
    expect(evaluateEligibility(facts({ bloodPressure: { systolic: 128, diastolic: 82 } }), RULES)).toEqual({ outcome: 'eligible', reasons: [], ruleSetVersion: 'default-1' });
  });

  it.each(['aneurysmal-vascular-disease', 'arteriovenous-malformation', 'intracerebral-hemorrhage-history', 'ketamine-hypersensitivity', 'raised-intracranial-pressure', 'pregnancy', 'imminent-suicide-risk'] as const)(
    '%s makes a patient ineligible', (condition) => {
      const r = evaluateEligibility(facts({ conditions: [condition] }), RULES);
      expect(r.outcome).toBe('ineligible');
      expect(r.reasons[0]?.rule).toBe(`exclude-${condition}`);
    },
  );

  it('refers imminent suicide risk to a higher level of care', () => {
    expect(evaluateEligibility(facts({ conditions: ['imminent-suicide-risk'] }), RULES).reasons[0]?.message).toMatch(/higher level of care/);
  });

  it('marks the blood-pressure hold as clinic policy, at its exact boundary', () => {
    const at = evaluateEligibility(facts({ bloodPressure: { systolic: 160, diastolic: 80 } }), RULES);
    expect(at.outcome).toBe('ineligible');
    expect(at.reasons.find((r) => r.rule === 'bp-hold')?.clinicPolicy).toBe(true);
    expect(evaluateEligibility(facts({ bloodPressure: { systolic: 120, diastolic: 100 } }), RULES).outcome).toBe('ineligible');
    expect(evaluateEligibility(facts({ bloodPressure: { systolic: 159, diastolic: 99 } }), RULES).outcome).toBe('needs-review');
    expect(evaluateEligibility(facts({ bloodPressure: { systolic: 140, diastolic: 70 } }), RULES).outcome).toBe('needs-review');
    expect(evaluateEligibility(facts({ bloodPressure: { systolic: 139, diastolic: 89 } }), RULES).outcome).toBe('eligible');
  });

  it.each(['psychosis-history', 'mania-history', 'substance-use-disorder-active', 'substance-use-disorder-history', 'unstable-cardiovascular-disease', 'severe-hepatic-impairment', 'interstitial-cystitis', 'breastfeeding', 'uncontrolled-hypertension'] as const)(
    '%s needs review', (condition) => {
      expect(evaluateEligibility(facts({ conditions: [condition] }), RULES).outcome).toBe('needs-review');
    },
  );

  it('reviews a positive AUDIT-C by sex, PHQ-9 item 9 above zero, and a missing indication', () => {
    expect(evaluateEligibility(facts({ auditC: { total: 3, sex: 'female' } }), RULES).outcome).toBe('needs-review');
    expect(evaluateEligibility(facts({ auditC: { total: 3, sex: 'male' } }), RULES).outcome).toBe('eligible');
    expect(evaluateEligibility(facts({ phq9Item9: 1 }), RULES).outcome).toBe('needs-review');
    expect(evaluateEligibility(facts({ phq9Item9: 0 }), RULES).outcome).toBe('eligible');
    expect(evaluateEligibility(facts({ indications: [] }), RULES).reasons.map((r) => r.rule)).toEqual(['no-indication']);
  });

  it('lets the strictest outcome win and lists every reason, strictest first', () => {
    const r = evaluateEligibility(facts({ conditions: ['psychosis-history', 'pregnancy'], phq9Item9: 2 }), RULES);
    expect(r.outcome).toBe('ineligible');
    expect(r.reasons.map((x) => x.rule)).toEqual(['exclude-pregnancy', 'review-psychosis-history', 'phq9-item9']);
  });

  it('covers every condition in the vocabulary', () => {
    for (const c of CONDITIONS) expect(evaluateEligibility(facts({ conditions: [c] }), RULES).outcome).not.toBe('eligible');
  });

  it('ignores disabled rules', () => {
    const custom = { ...RULES, version: 'custom-1', rules: RULES.rules.map((r) => (r.id === 'review-breastfeeding' ? { ...r, enabled: false } : r)) };
    expect(evaluateEligibility(facts({ conditions: ['breastfeeding'] }), custom)).toEqual({ outcome: 'eligible', reasons: [], ruleSetVersion: 'custom-1' });
  });
});
