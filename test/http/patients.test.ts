import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';

let t: TestApp;
let nurse: Session;
let therapist: Session;

beforeAll(async () => {
  t = await createTestApp();
  nurse = await t.signIn('nurse@demo.tilth.test');
  therapist = await t.signIn('therapist@demo.tilth.test');
});
afterAll(() => t.close());

describe('patients', () => {
  it('lists the whole clinic for a nurse and only the care team for a therapist', async () => {
    const all = await t.call(nurse, { method: 'GET', url: '/api/patients?limit=200' });
    expect(all.statusCode).toBe(200);
    const mine = await t.call(therapist, { method: 'GET', url: '/api/patients?limit=200' });
    const allBody = all.json() as { items: { id: string; careTeam: { staffId: string }[] }[]; total: number };
    const mineBody = mine.json() as typeof allBody;
    expect(allBody.total).toBeGreaterThanOrEqual(12);
    expect(mineBody.total).toBeLessThan(allBody.total);
    for (const p of mineBody.items) expect(p.careTeam.map((m) => m.staffId)).toContain(therapist.user.staffId);
  });

  it('creates a patient and refuses bad input naming each field, changing nothing', async () => {
    const before = (await t.call(nurse, { method: 'GET', url: '/api/patients?limit=1' })).json() as { total: number };
    const bad = await t.call(nurse, { method: 'POST', url: '/api/patients', payload: { givenName: '', familyName: 'X', dateOfBirth: '1990-13-01', sexAssignedAtBirth: 'other' } });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json() as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['givenName', 'dateOfBirth', 'sexAssignedAtBirth']));
    const afterBad = (await t.call(nurse, { method: 'GET', url: '/api/patients?limit=1' })).json() as { total: number };
    expect(afterBad.total).toBe(before.total);

    const created = await t.call(nurse, {
      method: 'POST',
      url: '/api/patients',
      payload: { givenName: 'Test', familyName: 'Person', dateOfBirth: '1990-02-03', sexAssignedAtBirth: 'female', therapistIds: [therapist.user.staffId], weightKg: 70 },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json() as { id: string; status: string; weights: { weightKg: number }[] };
    expect(body.status).toBe('referred');
    expect(body.weights[0]?.weightKg).toBe(70);
  });

  it('refuses an invalid status transition with a clear error', async () => {
    const list = (await t.call(nurse, { method: 'GET', url: '/api/patients?status=referred&limit=1' })).json() as { items: { id: string }[] };
    const id = list.items[0]!.id;
    const res = await t.call(nurse, { method: 'POST', url: `/api/patients/${id}/status`, payload: { status: 'in-course' } });
    expect(res.statusCode).toBe(409);
    expect((res.json() as { error: { code: string; message: string } }).error).toMatchObject({ code: 'INVALID_TRANSITION' });
    const ok = await t.call(nurse, { method: 'POST', url: `/api/patients/${id}/status`, payload: { status: 'screening' } });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as { status: string; allowedNextStatuses: string[] })).toMatchObject({ status: 'screening', allowedNextStatuses: ['withdrawn'] });
    // Eligibility is a prescriber's decision with its reasons, never a plain status change.
    const bypass = await t.call(nurse, { method: 'POST', url: `/api/patients/${id}/status`, payload: { status: 'eligible' } });
    expect(bypass.statusCode).toBe(409);
    expect((bypass.json() as { error: { code: string; message: string } }).error.message).toMatch(/eligibility decision/);
  });
});
