/**
 * Recording an eligibility decision (issue #3 §4). The prescriber decides; the engine's outcome sets what the
 * decision needs: agreeing needs nothing more; deciding eligible against `needs-review` needs a written reason;
 * deciding eligible against `ineligible` needs a reason and a second prescriber's co-signature; deciding ineligible
 * against an `eligible` evaluation needs a reason (clinical judgement recorded).
 */
import { fail, ok, type Result } from '../errors';
import type { EligibilityOutcome } from './rules';

export type Decision = 'eligible' | 'ineligible';

export interface DecisionPlan {
  decision: Decision;
  status: 'final' | 'awaiting-cosign';
  overrideReason: string | null;
}

export function planDecision(evaluated: EligibilityOutcome, decision: Decision, reason: string | null | undefined): Result<DecisionPlan> {
  const why = reason?.trim() || null;
  const needReason = (message: string) => fail('VALIDATION_FAILED', message, { fields: [{ path: 'reason', message: 'required for this decision' }] });
  if (decision === 'eligible' && evaluated === 'ineligible') {
    if (!why) return needReason('The rules found this patient ineligible: deciding eligible needs a written reason and a second prescriber’s co-signature.');
    return ok({ decision, status: 'awaiting-cosign', overrideReason: why });
  }
  if (decision === 'eligible' && evaluated === 'needs-review' && !why) {
    return needReason('The rules asked for review: write why the patient is eligible (what was reviewed and found acceptable).');
  }
  if (decision === 'ineligible' && evaluated === 'eligible' && !why) {
    return needReason('The rules found no exclusion: write the reason for deciding ineligible.');
  }
  return ok({ decision, status: 'final', overrideReason: why });
}

/** Co-signing: by a prescriber other than the one who decided. */
export function checkCosigner(decidedBy: string, cosigner: string): Result<null> {
  if (decidedBy === cosigner) return fail('CONFLICT', 'A second prescriber must co-sign: the deciding prescriber cannot co-sign their own decision.');
  return ok(null);
}
