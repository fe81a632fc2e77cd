import { describe, expect, it } from 'vitest';
import { allowedNextStatuses, manualNextStatuses, PATIENT_STATUSES, transitionPatientStatus, type PatientStatus } from './patient-status';

describe('patient status', () => {
  const path: PatientStatus[] = ['referred', 'screening', 'eligible', 'in-course', 'completed', 'discharged'];

  it('follows the care pathway step by step', () => {
    for (let i = 0; i < path.length - 1; i++) {
      const result = transitionPatientStatus(path[i]!, path[i + 1]!);
      expect(result).toEqual({ ok: true, value: { from: path[i], to: path[i + 1], reason: null } });
    }
  });

  it('branches where the pathway branches', () => {
    expect(allowedNextStatuses('screening')).toEqual(expect.arrayContaining(['eligible', 'ineligible']));
    expect(allowedNextStatuses('in-course')).toEqual(expect.arrayContaining(['maintenance', 'completed']));
  });

  it('refuses skipping steps with a message naming the allowed moves', () => {
    const result = transitionPatientStatus('referred', 'in-course');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_TRANSITION');
    expect(result.error.message).toContain('"referred"');
    expect(result.error.message).toContain('screening');
    expect(transitionPatientStatus('ineligible', 'in-course').ok).toBe(false);
    expect(transitionPatientStatus('discharged', 'in-course').ok).toBe(false);
  });

  it('allows withdrawal from every active state, only with a reason', () => {
    for (const from of PATIENT_STATUSES.filter((s) => s !== 'withdrawn' && s !== 'discharged')) {
      expect(transitionPatientStatus(from, 'withdrawn', 'moved away').ok).toBe(true);
      const noReason = transitionPatientStatus(from, 'withdrawn', '  ');
      expect(noReason.ok).toBe(false);
      if (!noReason.ok) expect(noReason.error.fields?.[0]?.path).toBe('reason');
    }
    expect(transitionPatientStatus('withdrawn', 'withdrawn', 'again').ok).toBe(false);
    expect(transitionPatientStatus('discharged', 'withdrawn', 'late').ok).toBe(false);
  });

  it('never allows staying in the same state', () => {
    for (const s of PATIENT_STATUSES) expect(allowedNextStatuses(s)).not.toContain(s);
  });

  it('leaves eligibility outcomes to a prescriber’s decision', () => {
    expect(manualNextStatuses('screening')).toEqual(['withdrawn']);
    expect(manualNextStatuses('eligible')).toEqual(allowedNextStatuses('eligible'));
  });
});
