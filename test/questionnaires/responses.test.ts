import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, outbox, questionnaireResponses } from '../../src/db/schema';
import { escalateSafetyAlerts } from '../../src/server/features/safety/escalation';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { DEMO, expectError, fieldPaths } from '../http/support';

let t: TestApp;
let patient: Session;
let therapist: Session;
let therapist2: Session;
let nurse: Session;
let admin: Session;
let patientId: string;

beforeAll(async () => {
  t = await createTestApp();
  [patient, therapist, therapist2, nurse, admin] = await t.signInAll(DEMO.patient1, DEMO.therapist, DEMO.therapist2, DEMO.nurse, DEMO.admin);
  patientId = patient.user.patientId!;
});
afterAll(() => t.close());

const submit = (s: Session, payload: object, id = patientId) => t.call(s, { method: 'POST', url: `/api/patients/${id}/responses`, payload });
const alerts = (s: Session, q = '') => t.call(s, { method: 'GET', url: `/api/safety-alerts${q}` });
type AlertJson = { items: { id: string; patientId: string; status: string; flag: string; message: string | null; acknowledgedBy: string | null }[] };

describe('submitting a questionnaire', () => {
  it('stores the score with versions; a patient cannot submit for another patient', async () => {
    const res = await submit(patient, { instrument: 'gad-7', answers: [1, 1, 1, 1, 1, 1, 1] });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { response: { total: number; severity: string; instrumentVersion: string; ruleVersion: string; onBehalf: boolean }; safetyAlerts: unknown[]; crisisResources: null };
    expect(body.response).toMatchObject({ total: 7, severity: 'mild', instrumentVersion: '1', ruleVersion: '1', onBehalf: false });
    expect(body.safetyAlerts).toEqual([]);
    expect(body.crisisResources).toBeNull();
    // Stored once with its audit event (written together in one statement).
    const id = (res.json() as { response: { id: string } }).response.id;
    expect(await t.database.db.select({ total: questionnaireResponses.total }).from(questionnaireResponses).where(eq(questionnaireResponses.id, id))).toEqual([{ total: 7 }]);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.resourceId, id));
    expect(events.map((e) => [e.action, e.patientId, e.outcome])).toEqual([['questionnaire-response.create', patientId, 'allowed']]);
    const other = (await t.signIn(DEMO.patient2)).user.patientId!;
    expectError(await submit(patient, { instrument: 'gad-7', answers: [0, 0, 0, 0, 0, 0, 0] }, other), 404, 'NOT_FOUND');
  });

  it('refuses bad answers with field paths and stores nothing', async () => {
    const before = await t.database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(questionnaireResponses);
    const err = expectError(await submit(patient, { instrument: 'phq-9', answers: [0, 0, 9, 0, 0, 0, 0, 0, 0] }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toEqual(['answers.2']);
    expect(fieldPaths(expectError(await submit(patient, { instrument: 'nope', answers: [] }), 400, 'VALIDATION_FAILED'))).toEqual(['instrument']);
    const after = await t.database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(questionnaireResponses);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('uses the recorded sex for AUDIT-C when none is given', async () => {
    const res = await submit(patient, { instrument: 'audit-c', answers: [1, 1, 1] });
    expect((res.json() as { response: { positive: boolean } }).response.positive).toBe(true); // patient1 is female: cut-off 3
  });

  it('stores a PCL-5 against the clinic’s own positive cut-off', async () => {
    const at31 = [...Array.from({ length: 15 }, () => 2), 1, 0, 0, 0, 0];
    const nurse = await t.signIn(DEMO.nurse);
    const before = (await submit(nurse, { instrument: 'pcl-5', answers: at31 })).json() as { response: { total: number; positive: boolean } };
    expect(before.response).toMatchObject({ total: 31, positive: false });
    const admin = await t.signIn(DEMO.admin);
    expect((await t.call(admin, { method: 'PATCH', url: '/api/clinic', payload: { settings: { pcl5PositiveThreshold: 31 } } })).statusCode).toBe(200);
    const after = (await submit(nurse, { instrument: 'pcl-5', answers: at31 })).json() as { response: { total: number; positive: boolean } };
    expect(after.response).toMatchObject({ total: 31, positive: true });
    await t.call(admin, { method: 'PATCH', url: '/api/clinic', payload: { settings: { pcl5PositiveThreshold: 33 } } });
  });

  it('never changes a stored response: the database refuses UPDATE and DELETE', async () => {
    await expect(t.database.db.execute(sql`UPDATE questionnaire_responses SET total = 0`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`DELETE FROM questionnaire_responses`)).rejects.toThrow();
  });

  it('lets staff enter answers on the patient’s behalf, recorded as such, and correct them with a reason', async () => {
    const res = await submit(nurse, { instrument: 'phq-9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 0] });
    const { response } = res.json() as { response: { id: string; onBehalf: boolean; enteredByKind: string } };
    expect(response).toMatchObject({ onBehalf: true, enteredByKind: 'staff' });
    expectError(await t.call(nurse, { method: 'POST', url: `/api/responses/${response.id}/corrections`, payload: { answers: [1, 1, 1, 1, 1, 1, 1, 1, 0] } }), 400, 'VALIDATION_FAILED');
    const corrected = await t.call(nurse, { method: 'POST', url: `/api/responses/${response.id}/corrections`, payload: { answers: [2, 1, 1, 1, 1, 1, 1, 1, 0], reason: 'Item 1 was misread over the phone' } });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect((corrected.json() as { response: { version: number; supersedesId: string; total: number } }).response).toMatchObject({ version: 2, supersedesId: response.id, total: 9 });
    expectError(await t.call(nurse, { method: 'POST', url: `/api/responses/${response.id}/corrections`, payload: { answers: [0, 0, 0, 0, 0, 0, 0, 0, 0], reason: 'again' } }), 409, 'CONFLICT');
    expectError(await t.call(patient, { method: 'POST', url: `/api/responses/${response.id}/corrections`, payload: { answers: [0, 0, 0, 0, 0, 0, 0, 0, 0], reason: 'mine' } }), 404, 'NOT_FOUND');
    const list = (await t.call(therapist, { method: 'GET', url: `/api/patients/${patientId}/responses?instrument=phq-9` })).json() as { items: { id: string; current: boolean }[] };
    expect(list.items.find((i) => i.id === response.id)?.current).toBe(false);
  });
});

describe('safety triage', () => {
  let alertId: string;

  it('opens an alert with the response when PHQ-9 item 9 is above zero, and shows crisis resources at once', async () => {
    const res = await submit(patient, { instrument: 'phq-9', answers: [1, 1, 0, 0, 0, 0, 0, 0, 1] });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { safetyAlerts: { id: string; flag: string }[]; crisisResources: string };
    expect(body.safetyAlerts.map((a) => a.flag)).toEqual(['suicidal-ideation']);
    expect(body.crisisResources).toMatch(/988/);
    alertId = body.safetyAlerts[0]!.id;
    const messages = await t.database.db.select().from(outbox).where(eq(outbox.kind, 'safety-alert'));
    expect(messages.map((m) => m.recipient)).toEqual(expect.arrayContaining(['therapist@demo.tilth.test', 'prescriber@demo.tilth.test']));
    expect(messages.every((m) => !m.bodyText.includes('Avery'))).toBe(true);
  });

  it('shows the alert to the care team, the nurse and the admin queue, not to another therapist or the patient', async () => {
    const mine = (await alerts(therapist, '?status=open')).json() as AlertJson;
    expect(mine.items.map((a) => a.id)).toContain(alertId);
    expect(mine.items.find((a) => a.id === alertId)?.message).toMatch(/suicide risk/);
    expect(((await alerts(nurse, '?status=open')).json() as AlertJson).items.map((a) => a.id)).toContain(alertId);
    const adminView = ((await alerts(admin, '?status=open')).json() as AlertJson).items.find((a) => a.id === alertId);
    expect(adminView).toMatchObject({ flag: 'suicidal-ideation', message: null });
    expect(((await alerts(therapist2)).json() as AlertJson).items.map((a) => a.id)).not.toContain(alertId);
    // The badge count agrees with the queue each caller sees.
    const count = async (s: Session) => ((await t.call(s, { method: 'GET', url: '/api/safety-alerts/count' })).json() as { open: number }).open;
    expect(await count(therapist)).toBe(((await alerts(therapist, '?status=open')).json() as AlertJson).items.length);
    expect(await count(therapist2)).toBe(((await alerts(therapist2, '?status=open')).json() as AlertJson).items.length);
    expectError(await alerts(patient), 403, 'FORBIDDEN');
  });

  it('escalates an alert left open past the clinic’s time to the prescriber and admins, once', async () => {
    expect(await escalateSafetyAlerts(t.database, t.deps.clock, 'http://x')).toBe(0);
    t.clock.advance({ hours: 4, minutes: 1 });
    expect(await escalateSafetyAlerts(t.database, t.deps.clock, 'http://x')).toBeGreaterThanOrEqual(1);
    expect(await escalateSafetyAlerts(t.database, t.deps.clock, 'http://x')).toBe(0);
    const messages = await t.database.db.select().from(outbox).where(eq(outbox.kind, 'safety-alert-escalation'));
    expect(messages.map((m) => m.recipient)).toEqual(expect.arrayContaining(['prescriber@demo.tilth.test', 'admin@demo.tilth.test']));
    // Four hours on, every session has ended: sign in again for the rest.
    [patient, therapist, therapist2, nurse, admin] = await t.signInAll(DEMO.patient1, DEMO.therapist, DEMO.therapist2, DEMO.nurse, DEMO.admin);
  });

  it('stays open until acknowledged with a documented action, once', async () => {
    expectError(await t.call(therapist2, { method: 'POST', url: `/api/safety-alerts/${alertId}/acknowledge`, payload: { action: 'contacted-patient', note: 'Called' } }), 404, 'NOT_FOUND');
    expectError(await t.call(admin, { method: 'POST', url: `/api/safety-alerts/${alertId}/acknowledge`, payload: { action: 'contacted-patient', note: 'Called' } }), 404, 'NOT_FOUND');
    expect(fieldPaths(expectError(await t.call(therapist, { method: 'POST', url: `/api/safety-alerts/${alertId}/acknowledge`, payload: { action: 'contacted-patient' } }), 400, 'VALIDATION_FAILED'))).toEqual(['note']);
    const ok = await t.call(therapist, { method: 'POST', url: `/api/safety-alerts/${alertId}/acknowledge`, payload: { action: 'contacted-patient', note: 'Called; safety plan reviewed; no intent' } });
    expect(ok.statusCode, ok.body).toBe(204);
    expectError(await t.call(nurse, { method: 'POST', url: `/api/safety-alerts/${alertId}/acknowledge`, payload: { action: 'other', note: 'Also' } }), 409, 'CONFLICT');
    const acknowledged = ((await alerts(therapist, '?status=acknowledged')).json() as AlertJson).items.find((a) => a.id === alertId);
    expect(acknowledged).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Jordan Lee' });
    const trail = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.clinicId, t.demoClinicId), eq(auditEvents.resourceId, alertId)));
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['safety-alert.open', 'safety-alert.escalate', 'safety-alert.acknowledge']));
  });
});
