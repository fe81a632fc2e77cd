import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { can, patientListScope, STAFF_ROLES, type Actor, type CareTeam, type PatientAction } from './authorization';

const CLINIC = 'clinic-a';
const team: CareTeam = { therapistIds: ['t1'], prescriberId: 'p1' };
const patientRes = (patientId = 'pat-1', clinicId = CLINIC) => ({ type: 'patient' as const, clinicId, patientId, careTeam: team });
const staff = (role: (typeof STAFF_ROLES)[number], staffId = 's1', clinicId = CLINIC): Actor => ({ kind: 'staff', userId: 'u', clinicId, staffId, role });
const patient = (patientId = 'pat-1'): Actor => ({ kind: 'patient', userId: 'u', clinicId: CLINIC, patientId });

describe('can', () => {
  it('lets prescribers and nurses read every patient of their clinic', () => {
    expect(can(staff('prescriber'), 'patient:read-clinical', patientRes())).toBe(true);
    expect(can(staff('nurse'), 'patient:read-clinical', patientRes())).toBe(true);
  });

  it('limits therapists to their care team', () => {
    expect(can(staff('therapist', 't1'), 'patient:read-clinical', patientRes())).toBe(true);
    expect(can(staff('therapist', 't2'), 'patient:read-demographics', patientRes())).toBe(false);
  });

  it('gives admins demographics, not clinical data', () => {
    expect(can(staff('admin'), 'patient:read-demographics', patientRes())).toBe(true);
    expect(can(staff('admin'), 'patient:read-clinical', patientRes())).toBe(false);
    expect(can(staff('admin'), 'patient:record-weight', patientRes())).toBe(false);
    expect(can(staff('admin'), 'audit:read', { type: 'clinic', clinicId: CLINIC })).toBe(true);
    expect(can(staff('nurse'), 'audit:read', { type: 'clinic', clinicId: CLINIC })).toBe(false);
  });

  it('lets a patient read only themselves, and change nothing', () => {
    expect(can(patient('pat-1'), 'patient:read-clinical', patientRes('pat-1'))).toBe(true);
    expect(can(patient('pat-2'), 'patient:read-demographics', patientRes('pat-1'))).toBe(false);
    expect(can(patient('pat-1'), 'patient:update-demographics', patientRes('pat-1'))).toBe(false);
    expect(can(patient('pat-1'), 'patient:list', { type: 'clinic', clinicId: CLINIC })).toBe(false);
  });

  it('never crosses clinics, whatever the role or action', () => {
    const actions: PatientAction[] = ['patient:read-demographics', 'patient:read-clinical', 'patient:update-demographics', 'patient:change-status', 'patient:record-weight', 'patient:manage-care-team', 'patient:invite-portal', 'patient:read-access-log'];
    fc.assert(
      fc.property(fc.constantFrom(...STAFF_ROLES), fc.constantFrom(...actions), (role, action) => {
        expect(can(staff(role, 't1', 'clinic-b'), action, patientRes('pat-1', CLINIC))).toBe(false);
        expect(can({ kind: 'patient', userId: 'u', clinicId: 'clinic-b', patientId: 'pat-1' }, action, patientRes('pat-1', CLINIC))).toBe(false);
      }),
    );
  });

  it('list scopes agree with read permission', () => {
    const patients = [
      { id: 'pat-1', careTeam: { therapistIds: ['t1'], prescriberId: null } },
      { id: 'pat-2', careTeam: { therapistIds: ['t2'], prescriberId: null } },
      { id: 'pat-3', careTeam: { therapistIds: ['t1', 't2'], prescriberId: 'p1' } },
    ];
    const actors: Actor[] = [staff('admin'), staff('nurse'), staff('prescriber'), staff('therapist', 't1'), staff('therapist', 't2'), staff('therapist', 't3'), patient('pat-2')];
    for (const actor of actors) {
      const scope = patientListScope(actor);
      for (const p of patients) {
        const inScope = scope.kind === 'clinic' || (scope.kind === 'self' && scope.patientId === p.id) || (scope.kind === 'care-team' && p.careTeam.therapistIds.includes(scope.staffId));
        expect(inScope).toBe(can(actor, 'patient:read-demographics', { type: 'patient', clinicId: CLINIC, patientId: p.id, careTeam: p.careTeam }));
      }
    }
  });
});
