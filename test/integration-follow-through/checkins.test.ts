/**
 * The post-dose check-in (issue #6 §2), on PGlite and PostgreSQL: open from discharge, asked for the next morning
 * (08:00 clinic time), closed 72 hours after; the patient answers once (a second answer 409); bad answers are refused
 * naming each field; another patient's dose is 404; a risk answer opens a safety alert in the safety queue (the care
 * team's message, the escalation) and returns the clinic's crisis resources; staff enter one on the patient's behalf,
 * recorded as such; nothing is audited with the free text; the database refuses to change a check-in.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, clinics, outbox, postDoseCheckins, safetyAlerts, settingsOf } from '../../src/db/schema';
import { escalateSafetyAlerts } from '../../src/server/features/safety/escalation';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { DEMO, expectError, fieldPaths } from '../http/support';
import { call, courseWith, giveDose, setClock, staffSessions, sublingualProtocol, type Fixture, type Json } from './support';

let t: TestApp;
let therapistId: string;
let p: Fixture, risk: Fixture, phone: Fixture;
const DIFFICULT = 'A memory of my father’s hospital room came up and stayed.';

const mine = async (who: Session) => (await call(t, who, 'GET', '/api/me/checkins')).items as Json[];
const answer = (appointmentId: string, extra: Record<string, unknown> = {}) => ({ appointmentId, mood: 6, sleep: 'some', difficult: DIFFICULT, safety: 'no', ...extra });

beforeAll(async () => {
  t = await createTestApp();
  setClock(t, '2026-04-01T08:00');
  const s = await staffSessions(t);
  therapistId = s.therapist.user.staffId!;
  const protocol = await sublingualProtocol(t);
  p = await courseWith(t, therapistId, protocol, [{ kind: 'dosing', number: 1, start: '2026-04-06T10:00' }, { kind: 'dosing', number: 2, start: '2026-04-09T10:00' }]);
  await giveDose(t, p, 1, '2026-04-06T10:10', '2026-04-06T12:40');
  risk = await courseWith(t, therapistId, protocol, [{ kind: 'dosing', number: 1, start: '2026-04-06T13:30' }]);
  await giveDose(t, risk, 1, '2026-04-06T13:30', '2026-04-06T16:00');
  phone = await courseWith(t, therapistId, protocol, [{ kind: 'dosing', number: 1, start: '2026-04-02T10:00' }]);
  await giveDose(t, phone, 1, '2026-04-02T10:00', '2026-04-02T12:30');
});
afterAll(async () => {
  await t?.close();
});

describe('the patient’s check-in', () => {
  it('opens at discharge and is asked for from 08:00 the next morning, clinic time', async () => {
    setClock(t, '2026-04-06T19:00');
    const evening = await mine(await t.signIn(p.email));
    expect(evening).toEqual([expect.objectContaining({
      appointmentId: p.ids['dosing 1'], doseNumber: 1, courseId: p.courseId, state: 'open', checkin: null,
      opensAt: '2026-04-06T19:40:00.000Z', promptAt: '2026-04-07T15:00:00.000Z', closesAt: '2026-04-09T19:40:00.000Z',
    })]);
    setClock(t, '2026-04-07T08:30');
    expect((await mine(await t.signIn(p.email))).map((i) => i.state)).toEqual(['due']);
  });

  it('is recorded once: 201 with the answers, then shown as done; a second answer is 409', async () => {
    setClock(t, '2026-04-07T08:30');
    const patient = await t.signIn(p.email);
    const res = await call(t, patient, 'POST', '/api/me/checkins', answer(p.ids['dosing 1']!), 201);
    expect(res.crisisResources).toBeNull();
    expect(res.checkin).toMatchObject({ appointmentId: p.ids['dosing 1'], mood: 6, sleep: 'some', difficult: DIFFICULT, safety: 'no', enteredOnBehalf: false });
    expect(res.checkin).not.toHaveProperty('safetyAlertId');
    expect((await mine(patient))[0]).toMatchObject({ state: 'done', checkin: { id: res.checkin.id, mood: 6 } });
    const again = expectError(await t.call(patient, { method: 'POST', url: '/api/me/checkins', payload: answer(p.ids['dosing 1']!, { mood: 2 }) }), 409, 'CONFLICT');
    expect(again.message).toMatch(/already recorded/);
    const rows = await t.database.db.select().from(postDoseCheckins).where(eq(postDoseCheckins.appointmentId, p.ids['dosing 1']!));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mood: 6, enteredByStaff: null, safetyAlertId: null });
  });

  it('refuses bad answers naming each field, changing nothing', async () => {
    const patient = await t.signIn(risk.email);
    const err = expectError(await t.call(patient, { method: 'POST', url: '/api/me/checkins', payload: { appointmentId: 'nope', mood: 11, sleep: 'great', safety: 'maybe' } }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err).sort()).toEqual(['appointmentId', 'mood', 'safety', 'sleep']);
    expect(fieldPaths(expectError(await t.call(patient, { method: 'POST', url: '/api/me/checkins', payload: answer(risk.ids['dosing 1']!, { mood: 4.5, difficult: 'x'.repeat(4001) }) }), 400, 'VALIDATION_FAILED')).sort())
      .toEqual(['difficult', 'mood']);
    expect(await t.database.db.select().from(postDoseCheckins).where(eq(postDoseCheckins.patientId, risk.patientId))).toEqual([]);
  });

  it('answers 404 for another patient’s dose and 409 for a dose not given yet', async () => {
    const other = await t.signIn(risk.email);
    expectError(await t.call(other, { method: 'POST', url: '/api/me/checkins', payload: answer(p.ids['dosing 2']!) }), 404, 'NOT_FOUND');
    const patient = await t.signIn(p.email);
    expect(expectError(await t.call(patient, { method: 'POST', url: '/api/me/checkins', payload: answer(p.ids['dosing 2']!) }), 409, 'CONFLICT').message).toMatch(/opens once the dose is over/);
    // Staff routes are not the patient's: their own record through them is 404.
    expectError(await t.call(patient, { method: 'GET', url: `/api/patients/${p.patientId}/checkins` }), 404, 'NOT_FOUND');
    expectError(await t.call(patient, { method: 'POST', url: `/api/patients/${p.patientId}/checkins`, payload: answer(p.ids['dosing 2']!) }), 404, 'NOT_FOUND');
  });
});

describe('a risk answer', () => {
  let alertId: string;

  it('opens a safety alert in the queue, tells the care team, and returns the clinic’s crisis resources', async () => {
    setClock(t, '2026-04-07T09:00');
    const patient = await t.signIn(risk.email);
    const res = await call(t, patient, 'POST', '/api/me/checkins', answer(risk.ids['dosing 1']!, { mood: 2, sleep: 'not-at-all', safety: 'passive' }), 201);
    const [clinic] = await t.database.db.select().from(clinics).where(eq(clinics.id, t.demoClinicId));
    expect(res.crisisResources).toBe(settingsOf(clinic).crisisResources);
    const [row] = await t.database.db.select().from(postDoseCheckins).where(eq(postDoseCheckins.appointmentId, risk.ids['dosing 1']!));
    alertId = row!.safetyAlertId!;
    expect(alertId).toBeTruthy();

    const therapist = await t.signIn(DEMO.therapist);
    const queue = await call(t, therapist, 'GET', '/api/safety-alerts?status=open');
    expect(queue.items.find((a: Json) => a.id === alertId)).toMatchObject({
      patientId: risk.patientId, flag: 'checkin-passive-ideation', status: 'open', responseId: null, message: expect.stringMatching(/^Post-dose check-in/),
    });
    const staffView = await call(t, therapist, 'GET', `/api/patients/${risk.patientId}/checkins`);
    expect(staffView).toEqual({ items: [{ id: row!.id, appointmentId: risk.ids['dosing 1'], mood: 2, sleep: 'not-at-all', difficult: DIFFICULT, safety: 'passive', safetyAlertId: alertId, createdAt: '2026-04-07T16:00:00.000Z', enteredOnBehalf: false }] });
    const told = await t.database.db.select().from(outbox).where(and(eq(outbox.kind, 'safety-alert'), eq(outbox.recipient, DEMO.therapist)));
    expect(told.some((m) => m.bodyText.includes('answered a post-dose check-in'))).toBe(true);
    expect(told.every((m) => !m.bodyText.includes(DIFFICULT))).toBe(true);
  });

  it('is escalated like any safety alert when nobody acknowledges it in time', async () => {
    t.clock.advance({ hours: 5 });
    expect(await escalateSafetyAlerts(t.database, () => t.clock.now, t.deps.config.publicUrl)).toBeGreaterThanOrEqual(1);
    const [alert] = await t.database.db.select().from(safetyAlerts).where(eq(safetyAlerts.id, alertId));
    expect(alert!.escalatedAt).not.toBeNull();
  });

  it('shows crisis resources for an active answer too, with its own flag', async () => {
    setClock(t, '2026-04-07T15:00');
    const fresh = await courseWith(t, therapistId, await sublingualProtocol(t), [{ kind: 'dosing', number: 1, start: '2026-04-07T10:00' }]);
    await giveDose(t, fresh, 1, '2026-04-07T10:00', '2026-04-07T12:30');
    const patient = await t.signIn(fresh.email);
    const done = await call(t, patient, 'POST', '/api/me/checkins', answer(fresh.ids['dosing 1']!, { safety: 'active', difficult: null }), 201);
    expect(done.crisisResources).toEqual(expect.any(String));
    expect(done.checkin.difficult).toBeNull();
    const [alert] = await t.database.db.select().from(safetyAlerts).where(and(eq(safetyAlerts.patientId, fresh.patientId)));
    expect(alert).toMatchObject({ flag: 'checkin-active-ideation', status: 'open' });
  });
});

describe('staff entering a check-in on the patient’s behalf', () => {
  it('records it as entered by staff, even after the patient’s 72 hours have passed', async () => {
    setClock(t, '2026-04-07T10:00');
    const patient = await t.signIn(phone.email);
    expect((await mine(patient)).map((i) => i.state)).toEqual(['closed']);
    expect(expectError(await t.call(patient, { method: 'POST', url: '/api/me/checkins', payload: answer(phone.ids['dosing 1']!) }), 409, 'CONFLICT').message).toMatch(/closed/);
    const nurse = await t.signIn(DEMO.nurse);
    const res = await call(t, nurse, 'POST', `/api/patients/${phone.patientId}/checkins`, answer(phone.ids['dosing 1']!, { mood: 7, sleep: 'well' }), 201);
    expect(res).toMatchObject({ checkin: { enteredOnBehalf: true, mood: 7, safetyAlertId: null }, crisisResources: null });
    const [row] = await t.database.db.select().from(postDoseCheckins).where(eq(postDoseCheckins.id, res.checkin.id));
    expect(row!.enteredByStaff).toBe(nurse.user.staffId);
    expect((await mine(await t.signIn(phone.email)))[0]).toMatchObject({ state: 'done', checkin: { enteredOnBehalf: true } });
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'post-dose-checkin.create'), eq(auditEvents.resourceId, res.checkin.id)));
    expect(events).toEqual([expect.objectContaining({ actorType: 'staff', actorId: nurse.user.staffId, patientId: phone.patientId, detail: { appointmentId: phone.ids['dosing 1'], onBehalf: true, safetyAlert: false } })]);
  });

  it('is 404 for the admin, a therapist off the care team, and a dose of another patient', async () => {
    const [admin, therapist2] = await t.signInAll(DEMO.admin, DEMO.therapist2);
    for (const who of [admin, therapist2]) {
      expectError(await t.call(who, { method: 'POST', url: `/api/patients/${p.patientId}/checkins`, payload: answer(p.ids['dosing 1']!) }), 404, 'NOT_FOUND');
      expectError(await t.call(who, { method: 'GET', url: `/api/patients/${p.patientId}/checkins` }), 404, 'NOT_FOUND');
    }
    const nurse = await t.signIn(DEMO.nurse);
    expectError(await t.call(nurse, { method: 'POST', url: `/api/patients/${p.patientId}/checkins`, payload: answer(risk.ids['dosing 1']!) }), 404, 'NOT_FOUND');
    expectError(await t.call(nurse, { method: 'GET', url: '/api/me/checkins' }), 403, 'FORBIDDEN');
  });
});

describe('the record', () => {
  it('never puts the free text in the audit trail', async () => {
    const rows = await t.database.db.select({ detail: auditEvents.detail }).from(auditEvents).where(sql`${auditEvents.action} like 'post-dose-checkin.%'`);
    expect(rows.length).toBeGreaterThan(3);
    expect(JSON.stringify(rows)).not.toContain('father');
  });

  it('is refused any change by the database', async () => {
    await expect(t.database.db.execute(sql`UPDATE post_dose_checkins SET mood = 0`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`DELETE FROM post_dose_checkins`)).rejects.toThrow();
    const rows = await t.database.db.select().from(postDoseCheckins).where(eq(postDoseCheckins.appointmentId, p.ids['dosing 1']!));
    expect(rows[0]!.mood).toBe(6);
  });
});
