/**
 * The patient's place in the care pathway (kap-brief.md): referred → screening → eligible | ineligible →
 * in-course → maintenance | completed → discharged, and withdrawn from any state with a reason.
 *
 * Beyond the straight path we allow the few moves a clinic needs in practice, each deliberate:
 * - ineligible → screening: circumstances change (blood pressure controlled, pregnancy ended) and the patient is re-screened;
 * - maintenance → in-course: a booster course; completed → maintenance: maintenance sessions after a course;
 * - discharged | withdrawn → referred: a new referral starts the pathway again.
 */
import { fail, ok, type Result } from './errors';

export const PATIENT_STATUSES = [
  'referred',
  'screening',
  'eligible',
  'ineligible',
  'in-course',
  'maintenance',
  'completed',
  'discharged',
  'withdrawn',
] as const;
export type PatientStatus = (typeof PATIENT_STATUSES)[number];

const NEXT: Record<PatientStatus, readonly PatientStatus[]> = {
  referred: ['screening'],
  screening: ['eligible', 'ineligible'],
  eligible: ['in-course', 'screening'],
  ineligible: ['screening'],
  'in-course': ['maintenance', 'completed'],
  maintenance: ['in-course', 'completed', 'discharged'],
  completed: ['maintenance', 'discharged'],
  discharged: ['referred'],
  withdrawn: ['referred'],
};

/** States from which a patient may be withdrawn (every state that is still part of care). */
const WITHDRAWABLE: ReadonlySet<PatientStatus> = new Set(
  PATIENT_STATUSES.filter((s) => s !== 'withdrawn' && s !== 'discharged'),
);

export function allowedNextStatuses(from: PatientStatus): PatientStatus[] {
  const next = [...NEXT[from]];
  if (WITHDRAWABLE.has(from)) next.push('withdrawn');
  return next;
}

export interface StatusTransition {
  from: PatientStatus;
  to: PatientStatus;
  reason: string | null;
}

export function transitionPatientStatus(from: PatientStatus, to: PatientStatus, reason?: string | null): Result<StatusTransition> {
  const trimmed = reason?.trim() || null;
  if (!allowedNextStatuses(from).includes(to)) {
    const allowed = allowedNextStatuses(from);
    return fail(
      'INVALID_TRANSITION',
      `A patient cannot move from "${from}" to "${to}". From "${from}" the allowed next statuses are: ${allowed.join(', ') || 'none'}.`,
      { fields: [{ path: 'status', message: `not allowed from ${from}` }] },
    );
  }
  if (to === 'withdrawn' && !trimmed) {
    return fail('VALIDATION_FAILED', 'Withdrawing a patient needs a reason.', {
      fields: [{ path: 'reason', message: 'required when withdrawing' }],
    });
  }
  return ok({ from, to, reason: trimmed });
}

/**
 * Moves out of screening into eligible or ineligible are made only by a prescriber's eligibility decision (with its
 * reasons, overrides and co-signature); a plain status change may not make them.
 */
export function isDecisionOnlyTransition(from: PatientStatus, to: PatientStatus): boolean {
  return from === 'screening' && (to === 'eligible' || to === 'ineligible');
}

/** The statuses a plain status change may move to (the decision-only moves left out). */
export function manualNextStatuses(from: PatientStatus): PatientStatus[] {
  return allowedNextStatuses(from).filter((to) => !isDecisionOnlyTransition(from, to));
}
