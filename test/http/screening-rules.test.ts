/** The clinic's eligibility rule set: versioned, edited by prescribers and admins, used by every evaluation (issue #3 §4). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ELIGIBILITY_RULE_SET } from '../../src/core/eligibility/default-rule-set';
import type { EligibilityRule } from '../../src/core/eligibility/rules';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { screeningPatient } from './screening-support';
import { auditRows, createOtherClinic, DEMO, expectError, fieldPaths, type OtherClinic } from './support';

let t: TestApp;
let prescriber: Session;
let nurse: Session;
let therapist: Session;
let admin: Session;
let patient: Session;
let other: OtherClinic;

beforeAll(async () => {
  t = await createTestApp();
  prescriber = await t.signIn(DEMO.prescriber);
  nurse = await t.signIn(DEMO.nurse);
  therapist = await t.signIn(DEMO.therapist);
  admin = await t.signIn(DEMO.admin);
  patient = await t.signIn(DEMO.patient1);
  other = await createOtherClinic(t);
});
afterAll(() => t.close());

interface RuleSetJson {
  version: string;
  rules: EligibilityRule[];
  isDefault: boolean;
  savedAt: string | null;
  savedBy: string | null;
  savedByName: string | null;
}

const getRules = (s: Session | null) => t.call(s, { method: 'GET', url: '/api/eligibility/rule-set' });
const putRules = (s: Session | null, rules: unknown) => t.call(s, { method: 'PUT', url: '/api/eligibility/rule-set', payload: { rules } as never });
const evaluate = (s: Session, payload: unknown) => t.call(s, { method: 'POST', url: '/api/eligibility/evaluate', payload: payload as never });

/** The default rules with the clinic hold threshold lowered to 150/95. */
const stricterHold = (): EligibilityRule[] =>
  DEFAULT_ELIGIBILITY_RULE_SET.rules.map((r) =>
    r.kind === 'blood-pressure-at-least' && r.id === 'bp-hold' ? { ...r, systolic: 150, diastolic: 95, message: 'Blood pressure at or above 150/95 (clinic hold threshold)' } : r,
  );

describe('eligibility rule set', () => {
  it('is the shipped default until the clinic saves one; any staff member may read it', async () => {
    for (const s of [prescriber, nurse, therapist, admin]) {
      const res = await getRules(s);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ ...DEFAULT_ELIGIBILITY_RULE_SET, isDefault: true, savedAt: null, savedBy: null, savedByName: null });
    }
    expectError(await getRules(patient), 403, 'FORBIDDEN');
    expectError(await getRules(null), 401, 'UNAUTHENTICATED');
  });

  it('saves new versions clinic-<n> (admin or prescriber), audited, and evaluations use the newest', async () => {
    for (const s of [nurse, therapist, patient]) expectError(await putRules(s, stricterHold()), 403, 'FORBIDDEN');
    expectError(await putRules(null, stricterHold()), 401, 'UNAUTHENTICATED');

    const first = await putRules(admin, stricterHold());
    expect(first.statusCode, first.body).toBe(200);
    const saved = first.json() as RuleSetJson;
    expect(saved).toMatchObject({ version: 'clinic-1', isDefault: false, savedBy: admin.user.staffId, savedByName: 'Morgan Reyes' });
    expect(saved.rules.find((r) => r.id === 'bp-hold')).toMatchObject({ systolic: 150, diastolic: 95 });
    const events = await auditRows(t, { clinicId: t.demoClinicId, requestId: first.headers['x-request-id'] as string });
    expect(events).toEqual([expect.objectContaining({ action: 'eligibility-rules.update', resourceType: 'eligibility-rule-set', resourceId: 'clinic-1', outcome: 'allowed' })]);
    expect(events[0]!.detail).toMatchObject({ version: 'clinic-1', rules: DEFAULT_ELIGIBILITY_RULE_SET.rules.length });

    const hold = (await evaluate(nurse, { indications: ['ptsd'], conditions: [], bloodPressure: { systolic: 152, diastolic: 80 } })).json();
    expect(hold).toMatchObject({ outcome: 'ineligible', ruleSetVersion: 'clinic-1', reasons: [expect.objectContaining({ rule: 'bp-hold', clinicPolicy: true }), expect.objectContaining({ rule: 'bp-warn' })] });

    // A rule switched off no longer fires; a second save in the same instant still becomes the current one.
    const withoutItem9 = stricterHold().map((r) => (r.id === 'phq9-item9' ? { ...r, enabled: false } : r));
    const second = await putRules(prescriber, withoutItem9);
    expect(second.json()).toMatchObject({ version: 'clinic-2', savedBy: prescriber.user.staffId });
    expect((await getRules(therapist)).json()).toMatchObject({ version: 'clinic-2', isDefault: false });
    expect((await evaluate(nurse, { indications: ['ptsd'], conditions: [], phq9Item9: 2 })).json()).toEqual({ outcome: 'eligible', reasons: [], ruleSetVersion: 'clinic-2' });

    t.clock.advance({ minutes: 1 });
    const third = await putRules(prescriber, DEFAULT_ELIGIBILITY_RULE_SET.rules);
    expect(third.json()).toMatchObject({ version: 'clinic-3' });
    expect((await evaluate(nurse, { indications: ['ptsd'], conditions: [], phq9Item9: 2 })).json()).toMatchObject({ outcome: 'needs-review', ruleSetVersion: 'clinic-3' });
  });

  it('keeps each clinic’s rules to itself', async () => {
    const otherPrescriber = await t.signIn(other.prescriber.email);
    expect((await getRules(otherPrescriber)).json()).toMatchObject({ version: 'default-1', isDefault: true });
  });

  it('refuses invalid rules naming each problem, and saves nothing', async () => {
    const before = ((await getRules(prescriber)).json() as RuleSetJson).version;
    const rules = DEFAULT_ELIGIBILITY_RULE_SET.rules;
    const duplicate = await putRules(prescriber, [...rules, { ...rules[0]! }]);
    expect(fieldPaths(expectError(duplicate, 400, 'VALIDATION_FAILED'))).toEqual([`rules.${rules.length}.id`]);

    const unknownCondition = await putRules(prescriber, [{ id: 'exclude-gout', kind: 'condition', condition: 'gout', outcome: 'ineligible', message: 'Gout', source: 'Clinic policy' }]);
    expect(fieldPaths(expectError(unknownCondition, 400, 'VALIDATION_FAILED'))).toEqual(['rules.0.condition']);

    const badBp = await putRules(prescriber, [{ id: 'bp', kind: 'blood-pressure-at-least', systolic: 500, diastolic: 90, outcome: 'eligible', message: '', source: 'x' }]);
    expect(fieldPaths(expectError(badBp, 400, 'VALIDATION_FAILED')).sort()).toEqual(['rules.0.message', 'rules.0.outcome', 'rules.0.systolic']);

    const unknownKind = await putRules(prescriber, [{ id: 'x', kind: 'star-sign', outcome: 'ineligible', message: 'x', source: 'x' }]);
    expect(fieldPaths(expectError(unknownKind, 400, 'VALIDATION_FAILED'))).toEqual(['rules.0.kind']);

    expect(fieldPaths(expectError(await putRules(prescriber, []), 400, 'VALIDATION_FAILED'))).toEqual(['rules']);
    expect(((await getRules(prescriber)).json() as RuleSetJson).version).toBe(before);
  });

  it('leaves the version a decision used on the decision after the rules change', async () => {
    const id = await screeningPatient(t, nurse, { therapistIds: [therapist.user.staffId!] });
    await t.call(nurse, { method: 'PUT', url: `/api/patients/${id}/screening`, payload: { indications: ['ptsd'], conditions: [] } });
    const decided = await t.call(prescriber, { method: 'POST', url: `/api/patients/${id}/eligibility-decisions`, payload: { decision: 'eligible' } });
    expect(decided.statusCode, decided.body).toBe(201);
    const version = (decided.json() as { ruleSetVersion: string }).ruleSetVersion;
    t.clock.advance({ minutes: 1 });
    const saved = (await putRules(prescriber, stricterHold())).json() as RuleSetJson;
    expect(saved.version).not.toBe(version);
    const list = (await t.call(prescriber, { method: 'GET', url: `/api/patients/${id}/eligibility-decisions` })).json() as { items: { ruleSetVersion: string }[] };
    expect(list.items.map((d) => d.ruleSetVersion)).toEqual([version]);
  });
});
