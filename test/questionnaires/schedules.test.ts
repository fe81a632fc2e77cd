import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { addPatient, DEMO, expectError, fieldPaths } from '../http/support';

let t: TestApp;
let patient: Session;
let nurse: Session;
let therapist: Session;
let patientId: string;
let patientEmail: string;

beforeAll(async () => {
  t = await createTestApp();
  [nurse, therapist] = await t.signInAll(DEMO.nurse, DEMO.therapist);
  // A fresh portal patient on the therapist's care team (the demo patients come with a measurement history).
  const fresh = await addPatient(t, t.demoClinicId, { therapistIds: [therapist.user.staffId!], account: true });
  [patientId, patientEmail] = [fresh.id, fresh.email];
  patient = await t.signIn(patientEmail);
});
afterAll(() => t.close());

interface Assignment { id: string; instrument: { id: string }; dueAt: string; offsetHours: number | null; anchor: string | null; available: boolean; overdue: boolean; draftAnswers: (number | null)[] | null }
interface Questionnaires { due: Assignment[]; upcoming: Assignment[]; completed: Assignment[] }
const questionnaires = async (s: Session, id = patientId) => (await t.call(s, { method: 'GET', url: `/api/patients/${id}/questionnaires` })).json() as Questionnaires;

describe('dose-anchored questionnaires', () => {
  it('schedules before, 24 h and 7 days after each recorded dose', async () => {
    const created = await t.call(nurse, { method: 'POST', url: `/api/patients/${patientId}/questionnaire-schedules`, payload: { instrument: 'phq-9', kind: 'dose-anchored' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'dose-anchored', offsetsHours: [0, 24, 168] });
    const dosedAt = t.clock.now.add({ hours: 20 });
    const dose = await t.call(nurse, { method: 'POST', url: `/api/patients/${patientId}/doses`, payload: { dosedAt: dosedAt.toString() } });
    expect(dose.statusCode, dose.body).toBe(201);
    const q = await questionnaires(patient);
    const phq = [...q.due, ...q.upcoming].filter((a) => a.instrument.id === 'phq-9' && a.offsetHours !== null);
    const iso = (hours: number) => new Date(dosedAt.add({ hours }).epochMilliseconds).toISOString();
    expect(phq.map((a) => [a.offsetHours, a.dueAt])).toEqual([[0, iso(0)], [24, iso(24)], [168, iso(168)]]);
    // The before-dose questionnaire opens a day ahead; the after-dose ones later.
    expect(q.due.map((a) => a.offsetHours)).toContain(0);
    expect(q.upcoming.map((a) => a.anchor)).toEqual(expect.arrayContaining(['24 h after the dose', '7 days after the dose']));
  });

  it('resumes a half-answered questionnaire and completes it once', async () => {
    const before = (await questionnaires(patient)).due.find((a) => a.offsetHours === 0)!;
    const draft = await t.call(patient, { method: 'PUT', url: `/api/questionnaire-assignments/${before.id}/draft`, payload: { answers: [1, 2, null, null, null, null, null, null, null] } });
    expect(draft.statusCode, draft.body).toBe(204);
    expect((await questionnaires(patient)).due.find((a) => a.id === before.id)?.draftAnswers).toEqual([1, 2, null, null, null, null, null, null, null]);
    const done = await t.call(patient, { method: 'POST', url: `/api/patients/${patientId}/responses`, payload: { instrument: 'phq-9', answers: [1, 2, 1, 1, 0, 0, 0, 0, 0], assignmentId: before.id } });
    expect(done.statusCode, done.body).toBe(201);
    expect((done.json() as { response: { offsetHours: number; doseId: string } }).response.offsetHours).toBe(0);
    const again = await t.call(patient, { method: 'POST', url: `/api/patients/${patientId}/responses`, payload: { instrument: 'phq-9', answers: [1, 2, 1, 1, 0, 0, 0, 0, 0], assignmentId: before.id } });
    expectError(again, 409, 'CONFLICT');
    const wrong = await t.call(patient, { method: 'POST', url: `/api/patients/${patientId}/responses`, payload: { instrument: 'gad-7', answers: [0, 0, 0, 0, 0, 0, 0], assignmentId: (await questionnaires(patient)).upcoming[0]!.id } });
    expect(fieldPaths(expectError(wrong, 400, 'VALIDATION_FAILED'))).toEqual(['instrument']);
    const completed = (await questionnaires(patient)).completed.find((a) => a.id === before.id) as (Assignment & { completedAt: string | null }) | undefined;
    expect(completed?.completedAt).toBe(new Date(t.clock.now.epochMilliseconds).toISOString());
  });

  it('marks a questionnaire overdue a day after it was due', async () => {
    t.clock.advance({ hours: 24 * 3 });
    patient = await t.signIn(patientEmail);
    const q = await questionnaires(patient);
    expect(q.due.find((a) => a.offsetHours === 24)?.overdue).toBe(true);
  });
});

describe('calendar schedules and the measurement plan', () => {
  it('keeps a weekly questionnaire at the same clinic-local time', async () => {
    nurse = await t.signIn(DEMO.nurse);
    const startsAt = Temporal.ZonedDateTime.from('2030-03-04T09:00[America/Los_Angeles]').toInstant().toString();
    const res = await t.call(nurse, { method: 'POST', url: `/api/patients/${patientId}/questionnaire-schedules`, payload: { instrument: 'gad-7', kind: 'calendar', everyDays: 7, startsAt } });
    expect(res.statusCode, res.body).toBe(201);
    expectError(await t.call(nurse, { method: 'POST', url: `/api/patients/${patientId}/questionnaire-schedules`, payload: { instrument: 'gad-7', kind: 'calendar' } }), 400, 'VALIDATION_FAILED');
  });

  it('ends a "once" order when its questionnaire is done', async () => {
    const created = await t.call(nurse, { method: 'POST', url: `/api/patients/${patientId}/questionnaire-schedules`, payload: { instrument: 'phq-2', kind: 'once' } });
    const scheduleId = (created.json() as { id: string }).id;
    const due = (await questionnaires(nurse)).due.find((a) => (a as Assignment & { scheduleId: string }).scheduleId === scheduleId)!;
    expect((await t.call(nurse, { method: 'POST', url: `/api/patients/${patientId}/responses`, payload: { instrument: 'phq-2', answers: [0, 1], assignmentId: due.id } })).statusCode).toBe(201);
    const orders = (await t.call(nurse, { method: 'GET', url: `/api/patients/${patientId}/questionnaire-schedules` })).json() as { items: { id: string }[] };
    expect(orders.items.map((o) => o.id)).not.toContain(scheduleId);
  });

  it('gives intake questionnaires when a patient enters screening', async () => {
    therapist = await t.signIn(DEMO.therapist);
    const created = await t.call(nurse, { method: 'POST', url: '/api/patients', payload: { givenName: 'Plan', familyName: 'Tester', dateOfBirth: '1980-01-01', sexAssignedAtBirth: 'male', therapistIds: [therapist.user.staffId] } });
    const id = (created.json() as { id: string }).id;
    expect((await questionnaires(nurse, id)).due).toEqual([]);
    expect((await t.call(nurse, { method: 'POST', url: `/api/patients/${id}/status`, payload: { status: 'screening' } })).statusCode).toBe(200);
    expect((await questionnaires(nurse, id)).due.map((a) => a.instrument.id).sort()).toEqual(['gad-7', 'phq-9']);
    // Applying the intake phase again adds nothing while those are still waiting.
    const again = await t.call(nurse, { method: 'POST', url: `/api/patients/${id}/measurement-plan`, payload: { phase: 'intake' } });
    expect(again.json()).toEqual({ created: 0 });
  });

  it('lets an admin or prescriber change the plan, and refuses unknown instruments', async () => {
    const admin = await t.signIn(DEMO.admin);
    const plan = (await t.call(admin, { method: 'GET', url: '/api/measurement-plan' })).json() as { items: unknown[]; isDefault: boolean };
    expect(plan.isDefault).toBe(true);
    expect(plan.items).toHaveLength(6);
    const bad = await t.call(admin, { method: 'PUT', url: '/api/measurement-plan', payload: { items: [{ instrumentId: 'nope', kind: 'intake' }] } });
    expect(fieldPaths(expectError(bad, 400, 'VALIDATION_FAILED'))).toEqual(['items.0.instrumentId']);
    const ok = await t.call(admin, { method: 'PUT', url: '/api/measurement-plan', payload: { items: [{ instrumentId: 'phq-9', kind: 'intake' }] } });
    expect(ok.json()).toMatchObject({ isDefault: false, items: [{ instrumentId: 'phq-9', kind: 'intake' }] });
    expectError(await t.call(therapist, { method: 'PUT', url: '/api/measurement-plan', payload: { items: [] } }), 403, 'FORBIDDEN');
  });
});
