/**
 * The dosing session through the API (issue #5), on PGlite and PostgreSQL: check-in, the checklist blocking the dose
 * (a hold-level blood pressure) until a prescriber overrides with a reason, the dose order within limits (and outside
 * them only with a reason), the administration drawn from a stock lot, vitals raising alerts on the board, an early
 * discharge refused with the time remaining, a later one signed, the appointment completed, the integration shown.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/ids';
import { appendIfUnchanged } from '../../src/db/repos/dosing';
import { appointments, auditEvents, dosingAlerts, dosingSessionEvents, dosingSessions, vitalReadings } from '../../src/db/schema';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { DEMO, expectError } from '../http/support';
import { bookedDose, firstLot, sessionUrl, type BookedDose } from './support';

let t: TestApp;
let nurse: Session;
let prescriber: Session;
let therapist: Session;
let therapist2: Session;
let patient: Session;
let dose: BookedDose;

type View = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  t = await createTestApp();
  dose = await bookedDose(t);
  [nurse, prescriber, therapist, therapist2, patient] = await t.signInAll(DEMO.nurse, DEMO.prescriber, DEMO.therapist, DEMO.therapist2, DEMO.patient1);
});
afterAll(async () => {
  await t?.close();
});

const get = async (who: Session = nurse): Promise<View> => {
  const res = await t.call(who, { method: 'GET', url: sessionUrl(dose.appointmentId) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as View;
};
const post = (who: Session, rest: string, payload: Record<string, unknown> = {}) => t.call(who, { method: 'POST', url: sessionUrl(dose.appointmentId, rest), payload });
const put = (who: Session, rest: string, payload: Record<string, unknown>) => t.call(who, { method: 'PUT', url: sessionUrl(dose.appointmentId, rest), payload });
const item = (v: View, id: string) => (v.checklist.items as View[]).find((i) => i.id === id)!;
/** Time passes on the floor; the console keeps each clinician signed in (their screens poll), so sign in afresh. */
const minutesLater = async (n: number) => {
  t.clock.advance({ minutes: n });
  [nurse, prescriber, therapist, therapist2, patient] = await t.signInAll(DEMO.nurse, DEMO.prescriber, DEMO.therapist, DEMO.therapist2, DEMO.patient1);
};

describe('a dosing session from check-in to discharge', () => {
  it('starts scheduled, with the checklist showing what is missing', async () => {
    const v = await get();
    expect(v.state).toBe('scheduled');
    expect(v.patient.initials).toMatch(/^[A-Z]{2}$/);
    expect(item(v, 'eligibilityCurrent').status).toBe('pass');
    expect(item(v, 'weightCurrent').status).toBe('pass');
    expect(item(v, 'consentSigned').status).toBe('missing');
    expect(v.checklist.canDose).toBe(false);
  });

  it('refuses steps out of order, naming the state and what is allowed', async () => {
    const early = expectError(await post(nurse, '/pass-checks'), 409, 'INVALID_TRANSITION');
    expect(early.message).toMatch(/"scheduled"/);
    expect(early.message).toMatch(/check-in/);
    const vitals = expectError(await post(nurse, '/vitals', { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98 }), 409, 'INVALID_TRANSITION');
    expect(vitals.message).toMatch(/check the patient in first/);
  });

  it('checks the patient in; bad checklist values are refused naming the field', async () => {
    const res = await post(nurse, '/check-in');
    expect(res.statusCode, res.body).toBe(200);
    expect((await get()).state).toBe('checked-in');
    const bad = expectError(await put(nurse, '/checklist/rideHome', { value: { name: 'Sam' } }), 400, 'VALIDATION_FAILED');
    expect(bad.fields?.map((f) => f.path)).toContain('value.phone');
    expectError(await put(nurse, '/checklist/consentSigned', { value: {} }), 400, 'VALIDATION_FAILED');
    expectError(await put(nurse, '/checklist/nonsense', { value: {} }), 400, 'VALIDATION_FAILED');
  });

  it('blocks dosing on a hold-level blood pressure until a prescriber overrides with a reason', async () => {
    const consent = await t.call(nurse, { method: 'POST', url: `/api/courses/${dose.courseId}/consents`, payload: { documentVersion: 'KAP consent v3', signedAt: t.clock.now.toString() } });
    expect(consent.statusCode, consent.body).toBe(201);
    for (const [id, value] of [
      ['fasting', { confirmed: true }], ['rideHome', { name: 'Sam Rivera', phone: '+1 415 555 0100' }], ['noDrivingAcknowledged', { acknowledged: true }],
      ['intentionRecorded', { text: 'To meet my grief with kindness.' }],
    ] as const) {
      const res = await put(therapist, `/checklist/${id}`, { value });
      expect(res.statusCode, res.body).toBe(200);
    }
    const high = await post(nurse, '/vitals', { systolic: 164, diastolic: 96, heartRate: 78, spo2: 98 });
    expect(high.statusCode, high.body).toBe(201);
    expect(high.json()).toMatchObject({ phase: 'pre-dose', level: 'act' });
    const refused = expectError(await post(nurse, '/pass-checks'), 409, 'INVALID_TRANSITION');
    expect(refused.message).toMatch(/Pre-dose vital signs within limits/);
    expect((refused as View).blocking).toEqual(['vitalsWithinLimits']);

    // A nurse may not override; a prescriber must give a reason.
    expectError(await post(nurse, '/checklist/vitalsWithinLimits/override', { reason: 'Repeat reading was fine' }), 403, 'FORBIDDEN');
    expectError(await post(prescriber, '/checklist/vitalsWithinLimits/override', { reason: '' }), 400, 'VALIDATION_FAILED');
    expectError(await post(prescriber, '/checklist/consentSigned/override', { reason: 'Patient agreed verbally' }), 403, 'FORBIDDEN');
    const override = await post(prescriber, '/checklist/vitalsWithinLimits/override', { reason: 'White-coat rise; home readings 128/82 this week' });
    expect(override.statusCode, override.body).toBe(200);
    const v = await get();
    expect(item(v, 'vitalsWithinLimits')).toMatchObject({ status: 'overridden', override: { reason: 'White-coat rise; home readings 128/82 this week' } });
    const passed = await post(nurse, '/pass-checks');
    expect(passed.statusCode, passed.body).toBe(200);
    expect((await get()).state).toBe('checks-passed');
  });

  it('orders the dose within the protocol’s limits, or outside them only with a prescriber’s reason', async () => {
    expectError(await post(nurse, '/order', { route: 'sublingual', product: 'Ketamine HCl troche 100 mg', doseMg: 200 }), 403, 'FORBIDDEN');
    const tooMuch = expectError(await post(prescriber, '/order', { route: 'sublingual', product: 'Ketamine HCl troche 100 mg', doseMg: 400 }), 409, 'CONFLICT');
    expect((tooMuch as View).breaches.join(' ')).toMatch(/300/);
    const bad = expectError(await post(prescriber, '/order', { route: 'rectal', product: 'x', doseMg: -1 }), 400, 'VALIDATION_FAILED');
    expect(bad.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(['route', 'doseMg']));
    const ordered = await post(prescriber, '/order', { route: 'sublingual', product: 'Ketamine HCl troche 100 mg', doseMg: 200 });
    expect(ordered.statusCode, ordered.body).toBe(201);
    expect(ordered.json()).toMatchObject({ mgPerKg: 2.5, weight: 'current', overridden: false });
    const v = await get();
    expect(v.order).toMatchObject({ route: 'sublingual', routeCode: { code: '37839007' }, doseMg: 200, weightKg: 80, mgPerKg: 2.5 });
  });

  it('gives the dose from a stock lot, drawing it in the ledger', async () => {
    const lot = await firstLot(t, nurse);
    expectError(await post(therapist, '/administrations', { amountMg: 200, lotId: lot.id }), 403, 'FORBIDDEN');
    expectError(await post(nurse, '/administrations', { amountMg: 250, lotId: lot.id }), 400, 'VALIDATION_FAILED');
    const given = await post(nurse, '/administrations', { amountMg: 200, lotId: lot.id });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({ totalMg: 200, complete: true });
    expect((await firstLot(t, nurse)).balanceMg).toBe(lot.balanceMg - 200);
    const v = await get();
    expect(v.state).toBe('dosed');
    expect(v.dosedAt).toBe(new Date(t.clock.now.epochMilliseconds).toISOString());
  });

  it('records vitals after the dose, starts monitoring, raises an alert shown on the board until acknowledged', async () => {
    await minutesLater(15);
    const res = await post(nurse, '/vitals', { systolic: 172, diastolic: 98, heartRate: 88, spo2: 97, respiratoryRate: 14 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ phase: 'post-dose', level: 'warn', alertsRaised: 1 });
    const v = await get();
    expect(v.state).toBe('monitoring');
    expect(v.alerts).toHaveLength(1);
    expect(v.loinc.systolic.code).toBe('8480-6');
    const board = await t.call(nurse, { method: 'GET', url: '/api/board' });
    expect(board.statusCode, board.body).toBe(200);
    const row = (board.json() as View).sessions.find((s: View) => s.appointmentId === dose.appointmentId);
    expect(row).toMatchObject({ state: 'monitoring', minutesSinceDose: 15, patientInitials: v.patient.initials });
    expect(row.openAlerts).toHaveLength(1);
    const ack = await post(nurse, `/alerts/${v.alerts[0].id}/acknowledge`, { action: 'Rechecked in 5 minutes; patient calm, prescriber informed' });
    expect(ack.statusCode, ack.body).toBe(200);
    expectError(await post(nurse, `/alerts/${v.alerts[0].id}/acknowledge`, { action: 'again please' }), 409, 'CONFLICT');
    const after = (await t.call(nurse, { method: 'GET', url: '/api/board' })).json() as View;
    expect(after.sessions.find((s: View) => s.appointmentId === dose.appointmentId).openAlerts).toHaveLength(0);
  });

  it('shows an overdue checkpoint on the board once it is 5 minutes late', async () => {
    await minutesLater(21); // 36 min after the dose: the 30-minute checkpoint fell due 6 minutes ago and is still unrecorded
    const row = ((await t.call(nurse, { method: 'GET', url: '/api/board' })).json() as View).sessions.find((s: View) => s.appointmentId === dose.appointmentId);
    expect(row.overdueCheckpoints.map((c: View) => c.label).join(' ')).toMatch(/30/);
    const res = await post(nurse, '/vitals', { systolic: 150, diastolic: 90, heartRate: 80, spo2: 97 });
    expect(res.statusCode, res.body).toBe(201);
    const again = ((await t.call(nurse, { method: 'GET', url: '/api/board' })).json() as View).sessions.find((s: View) => s.appointmentId === dose.appointmentId);
    expect(again.overdueCheckpoints).toEqual([]);
  });

  it('keeps every reading sent at the same moment from several devices, each audited, with its alerts', async () => {
    const where = (table: typeof vitalReadings | typeof dosingAlerts) => and(eq(table.clinicId, t.demoClinicId), eq(table.appointmentId, dose.appointmentId));
    const count = async () => ({
      readings: (await t.database.db.select({ id: vitalReadings.id }).from(vitalReadings).where(where(vitalReadings))).length,
      alerts: (await t.database.db.select({ id: dosingAlerts.id }).from(dosingAlerts).where(where(dosingAlerts))).length,
      audited: (await t.database.db.select({ id: auditEvents.id }).from(auditEvents).where(and(eq(auditEvents.resourceId, dose.appointmentId), eq(auditEvents.action, 'dosing-session.vitals')))).length,
      version: (await t.database.db.select({ v: dosingSessions.version }).from(dosingSessions).where(and(eq(dosingSessions.clinicId, t.demoClinicId), eq(dosingSessions.appointmentId, dose.appointmentId))))[0]!.v,
    });
    const before = await count();
    // Eight at once, every other one over the act threshold (an alert each).
    const sent = await Promise.all(Array.from({ length: 8 }, (_, i) => post(nurse, '/vitals', { systolic: i % 2 ? 182 : 128, diastolic: 82, heartRate: 74, spo2: 98 })));
    expect(sent.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(sent.map((r) => (r.json() as { id: string }).id)).size).toBe(8);
    const after = await count();
    expect(after).toEqual({ readings: before.readings + 8, alerts: before.alerts + 4, audited: before.audited + 8, version: before.version + 8 });
    for (const a of (await get()).alerts.filter((x: View) => !x.acknowledgedAt)) {
      expect((await post(nurse, `/alerts/${a.id}/acknowledge`, { action: 'Rechecked; settling' })).statusCode).toBe(200);
    }
  });

  it('writes a reading in one statement only while the session is as it was read: a stale version writes nothing', async () => {
    const [row] = await t.database.db.select().from(dosingSessions).where(and(eq(dosingSessions.clinicId, t.demoClinicId), eq(dosingSessions.appointmentId, dose.appointmentId)));
    const at = new Date(t.clock.now.epochMilliseconds);
    const reading = {
      clinicId: t.demoClinicId, id: newId(), appointmentId: dose.appointmentId, patientId: row!.patientId, takenAt: at, systolic: 120, diastolic: 80, heartRate: 70, spo2: 98,
      respiratoryRate: null, recordedBy: nurse.user.staffId!, recordedAt: at,
    };
    const event = { id: newId(), clinicId: t.demoClinicId, occurredAt: at.toISOString(), actorType: 'staff' as const, actorId: nurse.user.staffId!, actorRole: 'nurse', patientId: row!.patientId, action: 'dosing-session.vitals', resourceType: 'dosing-session', resourceId: dose.appointmentId, requestId: null, outcome: 'allowed' as const, detail: null };
    const stale = await appendIfUnchanged(t.database.db, { clinicId: t.demoClinicId, appointmentId: dose.appointmentId, version: row!.version - 1, at }, { vitals: reading, alerts: [] }, event);
    expect(stale).toBe(false);
    expect(await t.database.db.select().from(vitalReadings).where(eq(vitalReadings.id, reading.id))).toEqual([]);
    expect(await t.database.db.select().from(auditEvents).where(eq(auditEvents.id, event.id))).toEqual([]);
    const current = await appendIfUnchanged(t.database.db, { clinicId: t.demoClinicId, appointmentId: dose.appointmentId, version: row!.version, at }, { vitals: reading, alerts: [] }, event);
    expect(current).toBe(true);
    expect(await t.database.db.select({ id: vitalReadings.id }).from(vitalReadings).where(eq(vitalReadings.id, reading.id))).toEqual([{ id: reading.id }]);
    expect(await t.database.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.id, event.id))).toEqual([{ id: event.id }]);
  });

  it('keeps a clinician with the patient: leaving alone needs a hand-over', async () => {
    const therapistId = therapist.user.staffId!;
    const nurseId = nurse.user.staffId!;
    expect((await post(therapist, '/presence', { staffId: therapistId, action: 'enter' })).statusCode).toBe(201);
    const alone = expectError(await post(therapist, '/presence', { staffId: therapistId, action: 'leave' }), 409, 'CONFLICT');
    expect(alone.message).toMatch(/last clinician/);
    expect((await post(nurse, '/presence', { staffId: nurseId, action: 'enter' })).statusCode).toBe(201);
    const handed = await post(therapist, '/presence', { staffId: therapistId, action: 'leave', handoverTo: nurseId });
    expect(handed.statusCode, handed.body).toBe(201);
    const v = await get();
    expect(v.presence.now.map((p: View) => p.staffId)).toEqual([nurseId]);
  });

  it('refuses an early discharge with the reason and the time remaining', async () => {
    const res = await post(nurse, '/discharge');
    const err = expectError(res, 409, 'CONFLICT') as View;
    expect(err.minutesRemaining).toBe(84);
    const ids = (err.unmet as View[]).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['minimum-monitoring', 'sedation', 'dissociation', 'suicide-risk-check', 'ride']));
    expect(err.message).toMatch(/in 84 minutes/);
    expectError(await post(therapist, '/discharge'), 403, 'FORBIDDEN');
    expect((await get()).state).toBe('monitoring');
  });

  it('discharges once every condition is met, completes the appointment and shows the integration session', async () => {
    await minutesLater(90); // 126 minutes after the dose
    for (const body of [
      { kind: 'sedation', level: 0 }, { kind: 'dissociation', level: 0 }, { kind: 'suicide-risk-check', text: 'Denies thoughts of self-harm' }, { kind: 'ride-present', text: 'Sam is here' },
      { kind: 'adverse-event', eventType: 'nausea-vomiting', severity: 'mild', actionTaken: 'Ginger tea; settled' },
    ]) {
      const res = await post(nurse, '/observations', body);
      expect(res.statusCode, res.body).toBe(201);
    }
    const badLevel = expectError(await post(nurse, '/observations', { kind: 'sedation', level: 9 }), 400, 'VALIDATION_FAILED');
    expect(badLevel.fields?.[0]?.path).toBe('level');
    expect((await post(nurse, '/vitals', { systolic: 132, diastolic: 84, heartRate: 72, spo2: 98 })).statusCode).toBe(201);
    const res = await post(nurse, '/discharge');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as View;
    expect(body.state).toBe('discharged');
    expect(body.integration).toMatchObject({ status: 'booked', appointment: { id: dose.integrationId } });
    const [appt] = await t.database.db.select().from(appointments).where(and(eq(appointments.clinicId, t.demoClinicId), eq(appointments.id, dose.appointmentId)));
    expect(appt!.status).toBe('completed');
    const v = await get();
    expect(v.state).toBe('discharged');
    expect(v.events.map((e: View) => e.kind)).toEqual(expect.arrayContaining(['check-in', 'pass-checks', 'order', 'dose', 'start-monitoring', 'ready-for-discharge', 'discharge']));
    expectError(await post(nurse, '/vitals', { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98 }), 409, 'INVALID_TRANSITION');
  });

  it('keeps what happened as written: the database refuses changes to session records', async () => {
    await expect(t.database.db.execute(sql`update dosing_session_events set kind = 'x' where appointment_id = ${dose.appointmentId}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/not allowed/) } });
    await expect(t.database.db.execute(sql`delete from vital_readings where appointment_id = ${dose.appointmentId}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/not allowed/) } });
    await expect(t.database.db.execute(sql`update dosing_alerts set message = 'edited' where appointment_id = ${dose.appointmentId}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/acknowledged/) } });
    const events = await t.database.db.select().from(dosingSessionEvents).where(eq(dosingSessionEvents.appointmentId, dose.appointmentId));
    expect(events.length).toBeGreaterThan(5);
  });

  it('shows the session only to the patient’s clinicians: 404 for another therapist, an admin and the patient', async () => {
    const admin = await t.signIn(DEMO.admin);
    for (const who of [therapist2, admin, patient]) {
      const res = await t.call(who, { method: 'GET', url: sessionUrl(dose.appointmentId) });
      expect(res.statusCode, `${who.user.role}: ${res.body}`).toBe(404);
      expect((await t.call(who, { method: 'POST', url: sessionUrl(dose.appointmentId, '/vitals'), payload: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98 } })).statusCode).toBe(404);
    }
    expect((await t.call(admin, { method: 'GET', url: '/api/board' })).statusCode).toBe(403);
    expect((await t.call(patient, { method: 'GET', url: '/api/board' })).statusCode).toBe(403);
  });
});
