import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { DEMO, expectError, fieldPaths } from '../http/support';

let t: TestApp;
let nurse: Session;
let patient: Session;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  [nurse, patient, admin] = [await t.signIn(DEMO.nurse), await t.signIn(DEMO.patient1), await t.signIn(DEMO.admin)];
});
afterAll(() => t.close());

const score = (s: Session, id: string, payload: unknown) => t.call(s, { method: 'POST', url: `/api/instruments/${id}/score`, payload: payload as object });

describe('instruments', () => {
  it('lists the shipped instruments for any signed-in user, and none to the anonymous', async () => {
    const res = await t.call(patient, { method: 'GET', url: '/api/instruments' });
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { items: { id: string }[] }).items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['phq-9', 'phq-2', 'gad-7', 'pcl-5', 'audit-c']));
    expect(ids).not.toContain('c-ssrs');
    expect((await t.call(null, { method: 'GET', url: '/api/instruments' })).statusCode).toBe(401);
  });

  it('returns a definition with items, codes and licence', async () => {
    const res = await t.call(nurse, { method: 'GET', url: '/api/instruments/phq-9' });
    const def = res.json() as { items: { loinc?: string; scored: boolean }[]; loinc: { panel: string; total: string }; licence: string };
    expect(def.items).toHaveLength(10);
    expect(def.items[8]!.loinc).toBe('44260-8');
    expect(def.items[9]!.scored).toBe(false);
    expect(def.loinc).toEqual({ panel: '44249-1', total: '44261-6' });
    expect(def.licence).toMatch(/No permission required/);
    expectError(await t.call(nurse, { method: 'GET', url: '/api/instruments/c-ssrs' }), 404, 'NOT_FOUND');
  });
});

describe('POST /api/instruments/:id/score', () => {
  it('scores the PHQ-9 with its band and the item-9 flag, storing nothing', async () => {
    const res = await score(patient, 'phq-9', { answers: [2, 2, 2, 2, 2, 1, 1, 1, 1] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ instrument: 'phq-9', total: 14, severity: 'moderate', flags: ['suicidal-ideation'] });
    expect((await score(patient, 'phq-9', { answers: [3, 3, 3, 3, 3, 2, 0, 0, 0, 2] })).json()).toMatchObject({ total: 17, severity: 'moderately-severe', flags: [] });
  });

  it('scores GAD-7 bands, PHQ-2 and AUDIT-C cut-offs', async () => {
    expect((await score(nurse, 'gad-7', { answers: [3, 3, 3, 3, 3, 0, 0] })).json()).toMatchObject({ total: 15, severity: 'severe' });
    expect((await score(nurse, 'phq-2', { answers: [1, 2] })).json()).toMatchObject({ total: 3, positive: true });
    expect((await score(nurse, 'audit-c', { answers: [1, 1, 1], sex: 'female' })).json()).toMatchObject({ total: 3, positive: true });
    expect((await score(nurse, 'audit-c', { answers: [1, 1, 1], sex: 'male' })).json()).toMatchObject({ total: 3, positive: false });
  });

  it('scores the PCL-5 clusters, the DSM-5 rule and the clinic cut-off', async () => {
    const answers = [2, 0, 0, 0, 0, 2, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0];
    expect((await score(nurse, 'pcl-5', { answers })).json()).toMatchObject({ total: 12, positive: false, dsm5Criteria: true, subscales: { B: 2, C: 2, D: 4, E: 4 } });
    const patch = await t.call(admin, { method: 'PATCH', url: '/api/clinic', payload: { settings: { pcl5PositiveThreshold: 31 } } });
    expect(patch.statusCode).toBe(200);
    const at31 = [4, 4, 4, 4, 4, 4, 4, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect((await score(nurse, 'pcl-5', { answers: at31 })).json()).toMatchObject({ total: 31, positive: true });
    await t.call(admin, { method: 'PATCH', url: '/api/clinic', payload: { settings: { pcl5PositiveThreshold: 33 } } });
    expect((await score(nurse, 'pcl-5', { answers: at31 })).json()).toMatchObject({ positive: false });
  });

  it('answers 400 with a field path per problem', async () => {
    expect(fieldPaths(expectError(await score(nurse, 'phq-9', { answers: [0, 1] }), 400, 'VALIDATION_FAILED'))).toEqual(['answers']);
    expect(fieldPaths(expectError(await score(nurse, 'phq-9', { answers: [0, 1, 2, 4, 0, 0, 0, 0, -1] }), 400, 'VALIDATION_FAILED'))).toEqual(['answers.3', 'answers.8']);
    expect(fieldPaths(expectError(await score(nurse, 'audit-c', { answers: [1, 1, 1] }), 400, 'VALIDATION_FAILED'))).toEqual(['sex']);
    expect(fieldPaths(expectError(await score(nurse, 'gad-7', { answers: [0, 0, 0, 0, 0, 0, 'x'] }), 400, 'VALIDATION_FAILED'))).toEqual(['answers.6']);
  });
});

describe('importing a licensed instrument', () => {
  const definition = {
    id: 'clinic-screener', version: '1', title: 'Clinic safety screener', shortTitle: 'Screener', instructions: 'In the past month:',
    source: 'Licensed to the clinic', licence: 'Used under the clinic’s licence',
    answerSets: { yn: [{ value: 0, label: 'No' }, { value: 1, label: 'Yes' }] },
    items: [{ id: 's1', text: 'Question one', answerSet: 'yn' }, { id: 's2', text: 'Question two', answerSet: 'yn' }],
    scoring: { ruleVersion: '1', flags: [{ id: 'suicidal-ideation', item: 's2', minValue: 1, message: 'Assess today.' }] },
  };

  it('lets an admin import a valid definition, which then scores like any other', async () => {
    const res = await t.call(admin, { method: 'POST', url: '/api/instruments', payload: { definition } });
    expect(res.statusCode, res.body).toBe(201);
    expect((await score(nurse, 'clinic-screener', { answers: [0, 1] })).json()).toMatchObject({ total: 1, flags: ['suicidal-ideation'] });
    expectError(await t.call(admin, { method: 'POST', url: '/api/instruments', payload: { definition } }), 409, 'CONFLICT');
  });

  it('refuses a bad file naming what is wrong, and non-admins', async () => {
    const bad = { ...definition, id: 'other', items: [{ id: 's1', text: 'Q', answerSet: 'missing' }] };
    const err = expectError(await t.call(admin, { method: 'POST', url: '/api/instruments', payload: { definition: bad } }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toContain('definition.items.0.answerSet');
    expectError(await t.call(admin, { method: 'POST', url: '/api/instruments', payload: { definition: { ...definition, id: 'phq-9' } } }), 409, 'CONFLICT');
    expectError(await t.call(nurse, { method: 'POST', url: '/api/instruments', payload: { definition: { ...definition, id: 'x2' } } }), 403, 'FORBIDDEN');
  });
});
