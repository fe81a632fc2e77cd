import { describe, expect, it } from 'vitest';
import { checkCosigner, planDecision } from './decision';

describe('planDecision', () => {
  it('records agreement with the rules as final, reason optional', () => {
    expect(planDecision('eligible', 'eligible', null)).toEqual({ ok: true, value: { decision: 'eligible', status: 'final', overrideReason: null } });
    expect(planDecision('ineligible', 'ineligible', '')).toMatchObject({ ok: true, value: { status: 'final' } });
    expect(planDecision('needs-review', 'ineligible', null)).toMatchObject({ ok: true, value: { status: 'final' } });
  });
  it('needs a reason to decide eligible over needs-review', () => {
    expect(planDecision('needs-review', 'eligible', ' ')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'reason' }] } });
    expect(planDecision('needs-review', 'eligible', 'BP controlled on review')).toMatchObject({ ok: true, value: { status: 'final', overrideReason: 'BP controlled on review' } });
  });
  it('needs a reason and a co-signature to decide eligible over ineligible', () => {
    expect(planDecision('ineligible', 'eligible', null).ok).toBe(false);
    expect(planDecision('ineligible', 'eligible', 'Aneurysm ruled out by imaging')).toMatchObject({ ok: true, value: { status: 'awaiting-cosign' } });
  });
  it('needs a reason to decide ineligible when the rules found no exclusion', () => {
    expect(planDecision('eligible', 'ineligible', null).ok).toBe(false);
    expect(planDecision('eligible', 'ineligible', 'Not ready for this treatment now').ok).toBe(true);
  });
  it('refuses a co-signature by the deciding prescriber', () => {
    expect(checkCosigner('p1', 'p1').ok).toBe(false);
    expect(checkCosigner('p1', 'p2').ok).toBe(true);
  });
});
