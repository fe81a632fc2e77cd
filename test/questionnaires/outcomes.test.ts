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

describe('trajectory after a correction', () => {
  it('shows each point as stored, the corrected version in place of the original, and audits the read', async () => {
    const nurse = await t.signIn(DEMO.nurse);
    const before = (await t.call(nurse, { method: 'GET', url: `/api/patients/${patientId}/trajectory?instrument=phq-9` })).json() as { points: { responseId: string }[] };
    const stored = (await t.call(nurse, { method: 'GET', url: `/api/patients/${patientId}/responses?instrument=phq-9` })).json() as { items: { id: string; total: number; severity: string; submittedAt: string }[] };
    const last = stored.items.find((r) => r.id === before.points[before.points.length - 1]!.responseId)!;
    const corrected = await t.call(nurse, { method: 'POST', url: `/api/responses/${last.id}/corrections`, payload: { answers: [2, 2, 2, 1, 0, 0, 0, 0, 0], reason: 'Read back to the patient' } });
    expect(corrected.statusCode, corrected.body).toBe(201);
    const correctedId = (corrected.json() as { response: { id: string } }).response.id;
    const res = await t.call(nurse, { method: 'GET', url: `/api/patients/${patientId}/trajectory?instrument=phq-9` });
    const body = res.json() as { points: { at: string; total: number; severity: string; positive: boolean | null; responseId: string; doseId: string | null; offsetHours: number | null }[]; doses: { id: string; at: string }[] };
    expect(body.points.map((p) => p.responseId)).toEqual([...before.points.slice(0, -1).map((p) => p.responseId), correctedId]);
    // The corrected version keeps the original's time; timestamps are ISO instants in UTC with milliseconds.
    expect(body.points[body.points.length - 1]).toEqual({ at: new Date(last.submittedAt).toISOString(), total: 7, severity: 'mild', positive: null, responseId: correctedId, doseId: null, offsetHours: null });
    expect(body.doses[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const trail = (await t.call(await t.signIn(DEMO.admin), { method: 'GET', url: `/api/audit-events?patientId=${patientId}&limit=20` })).json() as { items: { action: string; requestId: string | null }[] };
    expect(trail.items.filter((e) => e.action === 'trajectory.read').length).toBeGreaterThanOrEqual(2);
  });
});
