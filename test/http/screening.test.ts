/** Eligibility evaluation (pure) and the screening record with its latest questionnaire facts (issue #3 §4). */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ELIGIBILITY_RULE_SET } from '../../src/core/eligibility/default-rule-set';
import { eligibilityDecisions, screeningRecords } from '../../src/db/schema';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { insertResponse, screeningPatient } from './screening-support';
import { auditRows, DEMO, expectError, fieldPaths } from './support';

let t: TestApp;
let prescriber: Session;
let nurse: Session;
let therapist: Session;
let therapist2: Session;
let admin: Session;
let patient: Session;

beforeAll(async () => {
  t = await createTestApp();
  prescriber = await t.signIn(DEMO.prescriber);
  nurse = await t.signIn(DEMO.nurse);
  therapist = await t.signIn(DEMO.therapist);
  therapist2 = await t.signIn(DEMO.therapist2);
  admin = await t.signIn(DEMO.admin);
  patient = await t.signIn(DEMO.patient1);
});
afterAll(() => t.close());

interface EvaluationJson {
  outcome: string;
  reasons: { rule: string; outcome: string; message: string; source: string; clinicPolicy: boolean }[];
  ruleSetVersion: string;
}

const evaluate = async (payload: unknown, session: Session | null = nurse) => t.call(session, { method: 'POST', url: '/api/eligibility/evaluate', payload: payload as never });
const outcomeOf = async (payload: Record<string, unknown>) => {
  const res = await evaluate({ indications: ['treatment-resistant-depression'], conditions: [], ...payload });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as EvaluationJson;
  return { outcome: body.outcome, rules: body.reasons.map((r) => r.rule) };
};

describe('POST /api/eligibility/evaluate', () => {
  it('answers eligible with no reasons when nothing fires, naming the rule set version', async () => {
    const res = await evaluate({ indications: ['ptsd'], conditions: [], bloodPressure: { systolic: 118, diastolic: 76 }, auditC: { total: 1, sex: 'male' }, phq9Item9: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ outcome: 'eligible', reasons: [], ruleSetVersion: 'default-1' });
  });

  it('gives every default condition rule its outcome, with message and source', async () => {
    const conditionRules = DEFAULT_ELIGIBILITY_RULE_SET.rules.filter((r) => r.kind === 'condition');
    expect(conditionRules).toHaveLength(16);
    for (const rule of conditionRules) {
      if (rule.kind !== 'condition') continue;
      const res = await evaluate({ indications: ['major-depressive-disorder'], conditions: [rule.condition] });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as EvaluationJson;
      expect({ condition: rule.condition, outcome: body.outcome }).toEqual({ condition: rule.condition, outcome: rule.outcome });
      expect(body.reasons).toEqual([{ rule: rule.id, outcome: rule.outcome, message: rule.message, source: rule.source, clinicPolicy: false }]);
    }
    const suicide = (await evaluate({ indications: ['ptsd'], conditions: ['imminent-suicide-risk'] })).json() as EvaluationJson;
    expect(suicide.reasons[0]!.message).toMatch(/higher level of care/);
  });

  it('applies the blood-pressure marks at their boundaries (140/90 review, 160/100 clinic hold)', async () => {
    expect(await outcomeOf({ bloodPressure: { systolic: 139, diastolic: 89 } })).toEqual({ outcome: 'eligible', rules: [] });
    expect(await outcomeOf({ bloodPressure: { systolic: 140, diastolic: 70 } })).toEqual({ outcome: 'needs-review', rules: ['bp-warn'] });
    expect(await outcomeOf({ bloodPressure: { systolic: 120, diastolic: 90 } })).toEqual({ outcome: 'needs-review', rules: ['bp-warn'] });
    expect(await outcomeOf({ bloodPressure: { systolic: 159, diastolic: 99 } })).toEqual({ outcome: 'needs-review', rules: ['bp-warn'] });
    expect(await outcomeOf({ bloodPressure: { systolic: 160, diastolic: 80 } })).toEqual({ outcome: 'ineligible', rules: ['bp-hold', 'bp-warn'] });
    expect(await outcomeOf({ bloodPressure: { systolic: 150, diastolic: 100 } })).toEqual({ outcome: 'ineligible', rules: ['bp-hold', 'bp-warn'] });
    const hold = (await evaluate({ indications: ['ptsd'], conditions: [], bloodPressure: { systolic: 170, diastolic: 105 } })).json() as EvaluationJson;
    expect(hold.reasons.find((r) => r.rule === 'bp-hold')).toMatchObject({ outcome: 'ineligible', clinicPolicy: true });
    expect(hold.reasons.find((r) => r.rule === 'bp-warn')).toMatchObject({ outcome: 'needs-review', clinicPolicy: false });
  });

  it('asks for review on a positive AUDIT-C (female ≥ 3, male ≥ 4), PHQ-9 item 9 above zero, and no indication', async () => {
    expect(await outcomeOf({ auditC: { total: 2, sex: 'female' } })).toEqual({ outcome: 'eligible', rules: [] });
    expect(await outcomeOf({ auditC: { total: 3, sex: 'female' } })).toEqual({ outcome: 'needs-review', rules: ['audit-c-positive'] });
    expect(await outcomeOf({ auditC: { total: 3, sex: 'male' } })).toEqual({ outcome: 'eligible', rules: [] });
    expect(await outcomeOf({ auditC: { total: 4, sex: 'male' } })).toEqual({ outcome: 'needs-review', rules: ['audit-c-positive'] });
    expect(await outcomeOf({ phq9Item9: 0 })).toEqual({ outcome: 'eligible', rules: [] });
    expect(await outcomeOf({ phq9Item9: 1 })).toEqual({ outcome: 'needs-review', rules: ['phq9-item9'] });
    expect(await outcomeOf({ indications: [] })).toEqual({ outcome: 'needs-review', rules: ['no-indication'] });
  });

  it('lets the strictest outcome win and lists every reason, exclusions first', async () => {
    const res = await evaluate({ indications: [], conditions: ['psychosis-history', 'pregnancy'], phq9Item9: 2 });
    const body = res.json() as EvaluationJson;
    expect(body.outcome).toBe('ineligible');
    expect(body.reasons.map((r) => r.rule)).toEqual(['exclude-pregnancy', 'review-psychosis-history', 'phq9-item9', 'no-indication']);
  });

  it('refuses unknown indication and condition ids, naming each field path', async () => {
    const res = await evaluate({ indications: ['ptsd', 'insomnia'], conditions: ['pregnancy', 'broken-leg'] });
    const error = expectError(res, 400, 'VALIDATION_FAILED');
    expect(fieldPaths(error).sort()).toEqual(['conditions.1', 'indications.1']);
    const bad = await evaluate({ indications: [], conditions: [], bloodPressure: { systolic: 'high' }, auditC: { total: 3 }, phq9Item9: 7 });
    expect(fieldPaths(expectError(bad, 400, 'VALIDATION_FAILED'))).toEqual(expect.arrayContaining(['bloodPressure.systolic', 'bloodPressure.diastolic', 'auditC.sex', 'phq9Item9']));
  });

  it('is for staff only: every staff role may evaluate, a patient is refused, anonymous must sign in', async () => {
    for (const s of [prescriber, nurse, therapist, admin]) expect((await evaluate({ indications: ['ptsd'], conditions: [] }, s)).statusCode).toBe(200);
    expectError(await evaluate({ indications: ['ptsd'], conditions: [] }, patient), 403, 'FORBIDDEN');
    expectError(await evaluate({ indications: ['ptsd'], conditions: [] }, null), 401, 'UNAUTHENTICATED');
  });

  it('stores nothing', async () => {
    const count = async () => {
      const [d] = await t.database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(eligibilityDecisions);
      const [s] = await t.database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(screeningRecords);
      return [d!.n, s!.n];
    };
    const before = await count();
    const res = await evaluate({ indications: ['ptsd'], conditions: ['pregnancy'] });
    expect(res.statusCode).toBe(200);
    expect(await count()).toEqual(before);
  });

  it('lists the vocabulary with labels for any signed-in user', async () => {
    const res = await t.call(patient, { method: 'GET', url: '/api/eligibility/vocabulary' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { indications: { id: string; label: string }[]; conditions: { id: string; label: string }[]; outcomes: string[] };
    expect(body.indications).toHaveLength(6);
    expect(body.conditions).toHaveLength(16);
    expect(body.conditions.find((c) => c.id === 'pregnancy')?.label).toBe('Pregnancy');
    expect(body.outcomes).toEqual(['eligible', 'needs-review', 'ineligible']);
  });
});

interface ScreeningJson {
  patientId: string;
  indications: string[];
  conditions: string[];
  medicalHistory: string | null;
  psychiatricHistory: string | null;
  medications: string | null;
  bloodPressure: { systolic: number; diastolic: number; measuredAt: string | null } | null;
  updatedAt: string | null;
  updatedBy: string | null;
  updatedByName: string | null;
  questionnaires: {
    phq9: { responseId: string; total: number; item9: number | null; submittedAt: string } | null;
    auditC: { responseId: string; total: number; sex: string | null; evaluatedAs: string } | null;
    gad7: { responseId: string; total: number } | null;
    pcl5: { responseId: string; total: number } | null;
  };
  facts: Record<string, unknown>;
  evaluation: EvaluationJson;
  permissions: { editScreening: boolean; decideEligibility: boolean };
}

describe('screening record', () => {
  const teamPatient = (sex?: 'female' | 'male' | 'intersex') =>
    screeningPatient(t, nurse, { therapistIds: [therapist.user.staffId!], prescriberId: prescriber.user.staffId!, ...(sex ? { sex } : {}) });
  const get = (s: Session, id: string) => t.call(s, { method: 'GET', url: `/api/patients/${id}/screening` });
  const put = (s: Session, id: string, payload: unknown) => t.call(s, { method: 'PUT', url: `/api/patients/${id}/screening`, payload: payload as never });

  it('starts empty, evaluated as needing review for want of an indication', async () => {
    const id = await teamPatient();
    const res = await get(therapist, id);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as ScreeningJson;
    expect(body).toMatchObject({
      patientId: id, indications: [], conditions: [], medicalHistory: null, bloodPressure: null, updatedAt: null,
      questionnaires: { phq9: null, auditC: null, gad7: null, pcl5: null },
      facts: { indications: [], conditions: [] },
      evaluation: { outcome: 'needs-review', ruleSetVersion: 'default-1' },
      permissions: { editScreening: true, decideEligibility: false },
    });
    expect(body.evaluation.reasons.map((r) => r.rule)).toEqual(['no-indication']);
  });

  it('round-trips the record, audits the write, and evaluates it live', async () => {
    const id = await teamPatient();
    const measuredAt = new Date(t.clock.now.epochMilliseconds - 3_600_000).toISOString();
    const payload = {
      indications: ['treatment-resistant-depression', 'ptsd'], conditions: ['mania-history'],
      medicalHistory: '  Appendectomy 2010  ', psychiatricHistory: 'One hypomanic episode 2015', medications: 'Sertraline 100 mg',
      bloodPressure: { systolic: 132, diastolic: 84, measuredAt },
    };
    const res = await put(nurse, id, payload);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as ScreeningJson;
    expect(body).toMatchObject({
      indications: payload.indications, conditions: ['mania-history'], medicalHistory: 'Appendectomy 2010', medications: 'Sertraline 100 mg',
      bloodPressure: { systolic: 132, diastolic: 84, measuredAt }, updatedBy: nurse.user.staffId, updatedByName: 'Sam Okafor',
      evaluation: { outcome: 'needs-review', reasons: [expect.objectContaining({ rule: 'review-mania-history' })] },
      facts: { indications: payload.indications, conditions: ['mania-history'], bloodPressure: { systolic: 132, diastolic: 84 } },
    });
    const events = await auditRows(t, { clinicId: t.demoClinicId, requestId: res.headers['x-request-id'] as string });
    expect(events.map((e) => e.action)).toEqual(['screening.update']);
    expect(events[0]).toMatchObject({ patientId: id, resourceType: 'screening-record', outcome: 'allowed' });

    const read = await get(prescriber, id);
    expect(read.json()).toMatchObject({ ...body, permissions: { editScreening: true, decideEligibility: true } });
    const readEvents = await auditRows(t, { clinicId: t.demoClinicId, requestId: read.headers['x-request-id'] as string });
    expect(readEvents.map((e) => e.action)).toEqual(['screening.read']);

    // Omitted notes and blood pressure are kept; null clears; the lists are replaced.
    const second = (await put(therapist, id, { indications: ['ptsd'], conditions: ['pregnancy'], medications: null })).json() as ScreeningJson;
    expect(second).toMatchObject({
      indications: ['ptsd'], conditions: ['pregnancy'], medicalHistory: 'Appendectomy 2010', medications: null,
      bloodPressure: { systolic: 132, diastolic: 84 }, updatedBy: therapist.user.staffId, evaluation: { outcome: 'ineligible' },
    });
    const cleared = (await put(therapist, id, { indications: ['ptsd'], conditions: [], bloodPressure: null })).json() as ScreeningJson;
    expect(cleared.bloodPressure).toBeNull();
    expect(cleared.evaluation.outcome).toBe('eligible');
    const [row] = await t.database.db.select().from(screeningRecords).where(and(eq(screeningRecords.clinicId, t.demoClinicId), eq(screeningRecords.patientId, id)));
    expect(row).toMatchObject({ bpSystolic: null, bpDiastolic: null, conditions: [] });
  });

  it('dates a blood pressure without a time to now, and refuses bad readings naming the field', async () => {
    const id = await teamPatient();
    const res = await put(nurse, id, { indications: ['ptsd'], conditions: [], bloodPressure: { systolic: 165, diastolic: 95 } });
    const body = res.json() as ScreeningJson;
    expect(body.bloodPressure).toEqual({ systolic: 165, diastolic: 95, measuredAt: new Date(t.clock.now.epochMilliseconds).toISOString() });
    expect(body.evaluation.outcome).toBe('ineligible');

    const swapped = await put(nurse, id, { indications: ['ptsd'], conditions: [], bloodPressure: { systolic: 80, diastolic: 120 } });
    expect(fieldPaths(expectError(swapped, 400, 'VALIDATION_FAILED'))).toEqual(['bloodPressure.diastolic']);
    const future = new Date(t.clock.now.epochMilliseconds + 86_400_000).toISOString();
    const later = await put(nurse, id, { indications: ['ptsd'], conditions: [], bloodPressure: { systolic: 120, diastolic: 80, measuredAt: future } });
    expect(fieldPaths(expectError(later, 400, 'VALIDATION_FAILED'))).toEqual(['bloodPressure.measuredAt']);
    const unknown = await put(nurse, id, { indications: ['ptsd', 'hiccups'], conditions: ['pregnancy', 'gout'] });
    expect(fieldPaths(expectError(unknown, 400, 'VALIDATION_FAILED')).sort()).toEqual(['conditions.1', 'indications.1']);
    // The lists are required: an omitted list must not silently clear a recorded contraindication.
    const missing = await put(nurse, id, { bloodPressure: null });
    expect(fieldPaths(expectError(missing, 400, 'VALIDATION_FAILED')).sort()).toEqual(['conditions', 'indications']);
    expect(((await get(nurse, id)).json() as ScreeningJson).bloodPressure?.systolic).toBe(165);
  });

  it('shows the latest current questionnaire results and evaluates PHQ-9 item 9 and AUDIT-C from them', async () => {
    const id = await teamPatient('male');
    const by = nurse.user.staffId!;
    await put(nurse, id, { indications: ['treatment-resistant-depression'], conditions: [] });
    const day = 86_400_000;
    const at = (daysAgo: number) => new Date(t.clock.now.epochMilliseconds - daysAgo * day);
    await insertResponse(t, id, 'phq-9', [3, 3, 3, 3, 3, 3, 3, 3, 2], { enteredBy: by, submittedAt: at(10), severity: 'severe' });
    const phq = await insertResponse(t, id, 'phq-9', [2, 2, 2, 2, 2, 2, 1, 1, 1, 1], { total: 15, enteredBy: by, submittedAt: at(3), severity: 'moderately-severe' });
    await insertResponse(t, id, 'gad-7', [1, 1, 1, 1, 1, 1, 1], { enteredBy: by, submittedAt: at(3), severity: 'mild' });
    const audit = await insertResponse(t, id, 'audit-c', [1, 1, 1], { enteredBy: by, sex: 'male', submittedAt: at(3), positive: false });
    await insertResponse(t, id, 'phq-2', [3, 3], { enteredBy: by, submittedAt: at(1) });

    let body = ((await get(nurse, id)).json()) as ScreeningJson;
    expect(body.questionnaires).toMatchObject({
      phq9: { responseId: phq, total: 15, item9: 1, submittedAt: at(3).toISOString() },
      auditC: { responseId: audit, total: 3, sex: 'male', evaluatedAs: 'male' },
      gad7: { total: 7 }, pcl5: null,
    });
    expect(body.facts).toEqual({ indications: ['treatment-resistant-depression'], conditions: [], phq9Item9: 1, auditC: { total: 3, sex: 'male' } });
    expect(body.evaluation.reasons.map((r) => r.rule)).toEqual(['phq9-item9']);

    // A correction supersedes the newest PHQ-9: item 9 was 0 after all. The AUDIT-C correction makes it positive.
    const corrected = await insertResponse(t, id, 'phq-9', [2, 2, 2, 2, 2, 2, 1, 1, 0], { total: 14, enteredBy: by, supersedesId: phq, submittedAt: at(3) });
    await insertResponse(t, id, 'audit-c', [2, 1, 1], { enteredBy: by, sex: 'male', supersedesId: audit, submittedAt: at(2) });
    await insertResponse(t, id, 'pcl-5', Array.from({ length: 20 }, () => 2), { enteredBy: by, submittedAt: at(1), positive: true });
    body = ((await get(nurse, id)).json()) as ScreeningJson;
    expect(body.questionnaires.phq9).toMatchObject({ responseId: corrected, total: 14, item9: 0 });
    expect(body.questionnaires.auditC).toMatchObject({ total: 4, sex: 'male' });
    expect(body.questionnaires.pcl5).toMatchObject({ total: 40 });
    expect(body.evaluation).toMatchObject({ outcome: 'needs-review', reasons: [expect.objectContaining({ rule: 'audit-c-positive' })] });
    expect(body.evaluation.reasons).toHaveLength(1);
  });

  it('takes the AUDIT-C cut-off from the patient’s sex, or the stricter one when the sex is not known', async () => {
    const female = await teamPatient('female');
    await insertResponse(t, female, 'audit-c', [1, 1, 1], { enteredBy: nurse.user.staffId! });
    const f = (await get(nurse, female)).json() as ScreeningJson;
    expect(f.questionnaires.auditC).toMatchObject({ total: 3, sex: 'female', evaluatedAs: 'female' });
    expect(f.evaluation.reasons.map((r) => r.rule)).toContain('audit-c-positive');

    const intersex = await teamPatient('intersex');
    await insertResponse(t, intersex, 'audit-c', [1, 1, 1], { enteredBy: nurse.user.staffId! });
    const i = (await get(nurse, intersex)).json() as ScreeningJson;
    expect(i.questionnaires.auditC).toMatchObject({ total: 3, sex: null, evaluatedAs: 'female' });
    expect(i.evaluation.reasons.map((r) => r.rule)).toContain('audit-c-positive');
  });

  it('lets the care team and the patient read it, and nobody else', async () => {
    const id = await teamPatient();
    expect((await get(therapist, id)).statusCode).toBe(200);
    expect((await get(nurse, id)).statusCode).toBe(200);
    const offTeam = await get(therapist2, id);
    expectError(offTeam, 404, 'NOT_FOUND');
    expectError(await put(therapist2, id, { indications: [], conditions: [] }), 404, 'NOT_FOUND');
    expectError(await get(admin, id), 404, 'NOT_FOUND');
    expectError(await put(admin, id, { indications: [], conditions: [] }), 404, 'NOT_FOUND');
    const denied = await auditRows(t, { clinicId: t.demoClinicId, requestId: offTeam.headers['x-request-id'] as string });
    expect(denied).toEqual([expect.objectContaining({ action: 'screening.read', outcome: 'denied', patientId: id })]);

    const own = await get(patient, patient.user.patientId!);
    expect(own.statusCode).toBe(200);
    expect((own.json() as ScreeningJson).permissions).toEqual({ editScreening: false, decideEligibility: false });
    expectError(await put(patient, patient.user.patientId!, { indications: [], conditions: [] }), 404, 'NOT_FOUND');
  });
});
