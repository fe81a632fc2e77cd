/**
 * The patient portal's education and intentions (issue #6 §1), on PGlite and PostgreSQL: Avery reads the modules and
 * marks them read, staff see it; the admin edits a module (the first edit copies the defaults into the clinic); Avery
 * writes and revises an intention for her next dose, the session console shows the latest and the checklist's
 * "intention recorded" passes; another patient and a therapist off the care team get 404.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODULES } from '../../src/core/education/default-modules';
import { educationModules, intentions, patients } from '../../src/db/schema';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { DEMO, expectError } from '../http/support';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let admin: Session, prescriber: Session, nurse: Session, therapist: Session, therapist2: Session, avery: Session, dan: Session;
let averyId: string;

beforeAll(async () => {
  t = await createTestApp();
  [admin, prescriber, nurse, therapist, therapist2, avery, dan] = await t.signInAll(DEMO.admin, DEMO.prescriber, DEMO.nurse, DEMO.therapist, DEMO.therapist2, DEMO.patient1, DEMO.patient2);
  const [p] = await t.database.db.select({ id: patients.id }).from(patients).where(and(eq(patients.clinicId, t.demoClinicId), eq(patients.givenName, 'Avery')));
  averyId = p!.id;
});
afterAll(async () => {
  await t?.close();
});

const call = async (who: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, status = 200): Promise<Json> => {
  const res = await t.call(who, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Json;
};

describe('education modules', () => {
  it('the demo clinic has the six default modules; a patient sees each unread', async () => {
    const v = await call(avery, 'GET', '/api/education');
    expect(v.modules.map((m: Json) => m.id)).toEqual(DEFAULT_MODULES.map((m) => m.id));
    expect(v.modules.every((m: Json) => m.readAt === null && m.body.length > 200)).toBe(true);
    expect(v.allRead).toBe(false);
    const staff = await call(therapist, 'GET', '/api/education');
    expect(staff.modules).toHaveLength(6);
    expect(staff.modules[0].readAt).toBeUndefined();
  });

  it('the patient marks modules read (idempotent); staff on the care team see it, others 404', async () => {
    const first = await call(avery, 'POST', '/api/education/what-is-kap/read', {});
    t.clock.advance({ minutes: 5 });
    const again = await call(avery, 'POST', '/api/education/what-is-kap/read', {});
    expect(again.readAt).toBe(first.readAt);
    expectError(await t.call(avery, { method: 'POST', url: '/api/education/no-such-module/read', payload: {} }), 404, 'NOT_FOUND');
    expectError(await t.call(nurse, { method: 'POST', url: '/api/education/what-is-kap/read', payload: {} }), 403, 'FORBIDDEN');
    const mine = await call(avery, 'GET', '/api/education');
    expect(mine.modules.find((m: Json) => m.id === 'what-is-kap').readAt).toBe(first.readAt);
    for (const who of [nurse, therapist, prescriber]) {
      const v = await call(who, 'GET', `/api/patients/${averyId}/education`);
      expect(v.modules.find((m: Json) => m.moduleId === 'what-is-kap').readAt).toBe(first.readAt);
      expect(v.modules.find((m: Json) => m.moduleId === 'myths').readAt).toBeNull();
      expect(v.allRead).toBe(false);
    }
    expectError(await t.call(therapist2, { method: 'GET', url: `/api/patients/${averyId}/education` }), 404, 'NOT_FOUND');
    expectError(await t.call(admin, { method: 'GET', url: `/api/patients/${averyId}/education` }), 404, 'NOT_FOUND');
    expectError(await t.call(dan, { method: 'GET', url: `/api/patients/${averyId}/education` }), 404, 'NOT_FOUND');
    for (const m of DEFAULT_MODULES) await call(avery, 'POST', `/api/education/${m.id}/read`, {});
    expect((await call(nurse, 'GET', `/api/patients/${averyId}/education`)).allRead).toBe(true);
    expect((await call(avery, 'GET', '/api/education')).allRead).toBe(true);
  });

  it('the admin or a prescriber edits a module; other roles 403; unknown modules 404', async () => {
    const edited = await call(admin, 'PUT', '/api/education/preparing', { title: 'Getting ready', body: 'Stop eating six hours before. Bring a blanket.' });
    expect(edited).toMatchObject({ id: 'preparing', title: 'Getting ready', updatedBy: admin.user.staffId });
    expect((await call(avery, 'GET', '/api/education')).modules.find((m: Json) => m.id === 'preparing').body).toMatch(/six hours/);
    await call(prescriber, 'PUT', '/api/education/myths', { title: 'Myths and truths', body: 'Some plain words.' });
    expectError(await t.call(nurse, { method: 'PUT', url: '/api/education/myths', payload: { title: 'x', body: 'y' } }), 403, 'FORBIDDEN');
    expectError(await t.call(therapist, { method: 'PUT', url: '/api/education/myths', payload: { title: 'x', body: 'y' } }), 403, 'FORBIDDEN');
    expectError(await t.call(avery, { method: 'PUT', url: '/api/education/myths', payload: { title: 'x', body: 'y' } }), 403, 'FORBIDDEN');
    expectError(await t.call(admin, { method: 'PUT', url: '/api/education/nope', payload: { title: 'x', body: 'y' } }), 404, 'NOT_FOUND');
    expectError(await t.call(admin, { method: 'PUT', url: '/api/education/myths', payload: { title: ' ', body: 'y' } }), 400, 'VALIDATION_FAILED');
  });

  it('a clinic without modules reads the defaults; the first edit copies them all into the clinic', async () => {
    await t.database.db.delete(educationModules).where(eq(educationModules.clinicId, t.demoClinicId));
    const v = await call(nurse, 'GET', '/api/education');
    expect(v.modules).toHaveLength(6);
    expect(v.modules.every((m: Json) => m.updatedAt === null)).toBe(true);
    await call(admin, 'PUT', '/api/education/integration', { title: 'Integration', body: 'Our own words.' });
    const rows = await t.database.db.select().from(educationModules).where(eq(educationModules.clinicId, t.demoClinicId));
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.id === 'integration')!.body).toBe('Our own words.');
    expect(rows.find((r) => r.id === 'what-is-kap')!.updatedBy).toBeNull();
  });
});

describe('intentions', () => {
  let doseId: string;

  it('lists the patient’s recent and next doses, each with its latest intention (the demo wrote some)', async () => {
    const v = await call(avery, 'GET', '/api/me/intentions');
    const doses = v.doses as Json[];
    // The demo: both held doses had an intention, and she has written one for the next dose already.
    const held = doses.filter((d) => d.dosed);
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((d) => d.intention?.writtenBy.kind === 'patient')).toBe(true);
    const upcoming = doses.filter((d) => !d.dosed && Date.parse(d.start) > t.clock.now.epochMilliseconds);
    expect(upcoming[0]!.intention.text).toMatch(/let rest be allowed/);
    const next = upcoming.find((d) => d.intention === null);
    expect(next, JSON.stringify(v)).toBeDefined();
    doseId = next!.appointmentId;
    expectError(await t.call(nurse, { method: 'GET', url: '/api/me/intentions' }), 403, 'FORBIDDEN');
  });

  it('the patient writes and revises; the console shows the latest and the checklist passes', async () => {
    const before = await call(nurse, 'GET', `/api/appointments/${doseId}/session`);
    expect(before.intention).toBeNull();
    expect(before.checklist.items.find((i: Json) => i.id === 'intentionRecorded').status).toBe('missing');
    const first = await call(avery, 'PUT', `/api/appointments/${doseId}/intention`, { text: 'To understand why I freeze at work.' }, 201);
    expect(first.writtenBy).toMatchObject({ kind: 'patient', name: 'Avery Morgan' });
    t.clock.advance({ minutes: 1 });
    await call(avery, 'PUT', `/api/appointments/${doseId}/intention`, { text: 'To be kinder to myself about the past year.' }, 201);
    expectError(await t.call(avery, { method: 'PUT', url: `/api/appointments/${doseId}/intention`, payload: { text: '   ' } }), 400, 'VALIDATION_FAILED');
    for (const who of [therapist, nurse]) {
      const v = await call(who, 'GET', `/api/appointments/${doseId}/session`);
      expect(v.intention).toBe('To be kinder to myself about the past year.');
      expect(v.checklist.items.find((i: Json) => i.id === 'intentionRecorded').status).toBe('pass');
    }
    const history = await call(therapist, 'GET', `/api/appointments/${doseId}/intentions`);
    expect(history.intentions.map((i: Json) => i.text)).toEqual(['To understand why I freeze at work.', 'To be kinder to myself about the past year.']);
    expect(history.latest.text).toMatch(/kinder/);
    expect((await call(avery, 'GET', `/api/appointments/${doseId}/intentions`)).intentions).toHaveLength(2);
    const mine = await call(avery, 'GET', '/api/me/intentions');
    expect((mine.doses as Json[]).find((d) => d.appointmentId === doseId)!.intention.text).toMatch(/kinder/);
  });

  it('a clinician with the dosing right may write one too', async () => {
    const v = await call(therapist, 'PUT', `/api/appointments/${doseId}/intention`, { text: 'To be kinder to myself (as said at preparation).' }, 201);
    expect(v.writtenBy).toMatchObject({ kind: 'staff', id: therapist.user.staffId });
    expect((await call(nurse, 'GET', `/api/appointments/${doseId}/session`)).intention).toMatch(/as said at preparation/);
  });

  it('another patient, a therapist off the care team and the admin get 404', async () => {
    const put = (who: Session) => t.call(who, { method: 'PUT', url: `/api/appointments/${doseId}/intention`, payload: { text: 'Not mine to write.' } });
    const get = (who: Session) => t.call(who, { method: 'GET', url: `/api/appointments/${doseId}/intentions` });
    for (const who of [dan, therapist2, admin]) {
      expectError(await put(who), 404, 'NOT_FOUND');
      expectError(await get(who), 404, 'NOT_FOUND');
    }
    expectError(await t.call(avery, { method: 'PUT', url: '/api/appointments/00000000-0000-4000-8000-000000000000/intention', payload: { text: 'Nowhere.' } }), 404, 'NOT_FOUND');
    const count = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(intentions).where(eq(intentions.appointmentId, doseId));
    expect(count[0]!.n).toBe(3);
  });

  it('intentions are append-only at the database', async () => {
    await expect(t.database.db.update(intentions).set({ text: 'changed' }).where(eq(intentions.appointmentId, doseId))).rejects.toThrow();
    await expect(t.database.db.delete(intentions).where(eq(intentions.appointmentId, doseId))).rejects.toThrow();
  });
});
