import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { and, eq } from 'drizzle-orm';
import { patients } from '../../src/db/schema';
import { addPatient, DEMO, expectError } from '../http/support';

let t: TestApp;
let patientId: string;
let patientEmail: string;

beforeAll(async () => {
  t = await createTestApp();
  // A fresh patient on therapist@'s care team, in a course (the demo patients come with their own history).
  const therapistId = (await t.signIn(DEMO.therapist)).user.staffId!;
  const fresh = await addPatient(t, t.demoClinicId, { therapistIds: [therapistId], account: true });
  [patientId, patientEmail] = [fresh.id, fresh.email];
  await t.database.db.update(patients).set({ status: 'in-course' }).where(and(eq(patients.clinicId, t.demoClinicId), eq(patients.id, patientId)));
  // Baseline PHQ-9 of 20, a dose, then 9 (a response) and 4 (remission), a day apart each.
  const phq = (total: number) => Array.from({ length: 9 }, (_, i) => Math.max(0, Math.min(3, total - i * 3)));
  const nurseAfter = async (hours: number): Promise<Session> => {
    t.clock.advance({ hours });
    return t.signIn(DEMO.nurse);
  };
  let nurse = await t.signIn(DEMO.nurse);
  expect((await t.call(nurse, { method: 'POST', url: `/api/patients/${patientId}/responses`, payload: { instrument: 'phq-9', answers: phq(20) } })).statusCode).toBe(201);
  nurse = await nurseAfter(24);
  await t.call(nurse, { method: 'POST', url: `/api/patients/${patientId}/doses`, payload: { dosedAt: t.clock.now.toString() } });
  for (const total of [9, 4]) {
    nurse = await nurseAfter(24);
    expect((await t.call(nurse, { method: 'POST', url: `/api/patients/${patientId}/responses`, payload: { instrument: 'phq-9', answers: phq(total) } })).statusCode).toBe(201);
  }
});
afterAll(() => t.close());

describe('trajectory', () => {
  it('gives the points, bands, doses, baseline, response and remission', async () => {
    const therapist = await t.signIn(DEMO.therapist);
    const res = await t.call(therapist, { method: 'GET', url: `/api/patients/${patientId}/trajectory?instrument=phq-9` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      points: { total: number }[]; bands: { band: string }[]; doses: unknown[]; mcid: number; remissionBelow: number;
      summary: { baseline: { total: number }; change: number; response: boolean; remission: boolean; clinicalChange: string; firstResponseAt: string | null };
    };
    expect(body.points.map((p) => p.total)).toEqual([20, 9, 4]);
    expect(body.bands.map((b) => b.band)).toEqual(['minimal', 'mild', 'moderate', 'moderately-severe', 'severe']);
    expect(body.doses).toHaveLength(1);
    expect(body).toMatchObject({ mcid: 5, remissionBelow: 5 });
    expect(body.summary).toMatchObject({ baseline: { total: 20 }, change: -16, response: true, remission: true, clinicalChange: 'improved' });
    expect(body.summary.firstResponseAt).not.toBeNull();
  });

  it('is clinical data: admins and other therapists get 404', async () => {
    expectError(await t.call(await t.signIn(DEMO.admin), { method: 'GET', url: `/api/patients/${patientId}/trajectory` }), 404, 'NOT_FOUND');
    expectError(await t.call(await t.signIn(DEMO.therapist2), { method: 'GET', url: `/api/patients/${patientId}/trajectory` }), 404, 'NOT_FOUND');
    expect((await t.call(await t.signIn(patientEmail), { method: 'GET', url: `/api/patients/${patientId}/trajectory` })).statusCode).toBe(200);
  });
});

describe('clinic outcomes view', () => {
  it('lists active patients with latest scores and change since baseline', async () => {
    const res = await t.call(await t.signIn(DEMO.prescriber), { method: 'GET', url: '/api/outcomes' });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: { patientId: string; status: string; scores: Record<string, { latest: number; baseline: number; response: boolean; remission: boolean }> }[] }).items;
    const row = items.find((i) => i.patientId === patientId)!;
    expect(row.scores['phq-9']).toMatchObject({ latest: 4, baseline: 20, response: true, remission: true });
    expect(items.every((i) => ['screening', 'eligible', 'in-course', 'maintenance'].includes(i.status))).toBe(true);
  });

  it('shows a therapist only their care team, and refuses admins and patients', async () => {
    const mine = (await t.call(await t.signIn(DEMO.therapist2), { method: 'GET', url: '/api/outcomes' })).json() as { items: { patientId: string }[] };
    expect(mine.items.map((i) => i.patientId)).not.toContain(patientId);
    expectError(await t.call(await t.signIn(DEMO.admin), { method: 'GET', url: '/api/outcomes' }), 403, 'FORBIDDEN');
    expectError(await t.call(await t.signIn(DEMO.patient1), { method: 'GET', url: '/api/outcomes' }), 403, 'FORBIDDEN');
  });
});
