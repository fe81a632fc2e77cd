/**
 * Integration follow-through through the API (issue #6 §2), on PGlite and PostgreSQL: each dose of a course shows its
 * integration as held, overdue, booked, booked outside the window, not booked or not due; recording a session as
 * held; across the daylight-saving change in America/Los_Angeles the window ends after the elapsed hours; the clinic's
 * list puts overdue first and shows a therapist only their care-team patients.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentHistory, appointments, auditEvents } from '../../src/db/schema';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { demoProtocols, eligiblePatient, mondayAfter, planAndBook } from '../courses/support';
import { DEMO, expectError } from '../http/support';
import { call, courseWith, giveDose, protocolWithWindow, setClock, staffSessions, statusesOf, sublingualProtocol, type Fixture, type Json } from './support';

let t: TestApp;
let s: Awaited<ReturnType<typeof staffSessions>>;
let therapistId: string, therapist2Id: string;
let a: Fixture, b: Fixture, d: Fixture;

beforeAll(async () => {
  t = await createTestApp();
  setClock(t, '2026-03-20T08:00');
  s = await staffSessions(t);
  therapistId = s.therapist.user.staffId!;
  therapist2Id = s.therapist2.user.staffId!;
  const protocol = await sublingualProtocol(t);
  a = await courseWith(t, therapistId, protocol, [
    { kind: 'dosing', number: 1, start: '2026-03-30T10:00' }, { kind: 'integration', number: 1, start: '2026-03-31T11:00' },
    { kind: 'dosing', number: 2, start: '2026-04-02T10:00' },
    { kind: 'dosing', number: 3, start: '2026-04-06T10:00' }, { kind: 'integration', number: 3, start: '2026-04-08T14:00' },
    { kind: 'dosing', number: 4, start: '2026-04-09T10:00' }, { kind: 'integration', number: 4, start: '2026-04-10T11:00' },
  ]);
  await giveDose(t, a, 1, '2026-03-30T10:05', '2026-03-30T12:35');
  await giveDose(t, a, 2, '2026-04-02T10:05', '2026-04-02T12:35');
  await giveDose(t, a, 3, '2026-04-06T10:05', '2026-04-06T12:40');
  b = await courseWith(t, therapist2Id, protocol, [{ kind: 'dosing', number: 1, start: '2026-04-06T10:00' }, { kind: 'integration', number: 1, start: '2026-04-07T11:00' }]);
  await giveDose(t, b, 1, '2026-04-06T10:00', '2026-04-06T12:30');
  d = await courseWith(t, therapist2Id, protocol, [{ kind: 'dosing', number: 1, start: '2026-04-06T13:00' }]);
  await giveDose(t, d, 1, '2026-04-06T13:00', '2026-04-06T15:30');
  setClock(t, '2026-04-07T09:00');
  s = await staffSessions(t);
});
afterAll(async () => {
  await t?.close();
});

const course = (who: Session, f: Fixture) => call(t, who, 'GET', `/api/courses/${f.courseId}/integration`);

describe('a course’s doses and their integration', () => {
  it('shows overdue (none held, or one booked but not recorded as held), booked outside the window and not due', async () => {
    const c = await course(s.nurse, a);
    expect(c).toMatchObject({ courseId: a.courseId, patientId: a.patientId, timeZone: 'America/Los_Angeles', window: { minHours: 24, maxHours: 48 } });
    expect(statusesOf(c)).toEqual([[1, 'overdue'], [2, 'overdue'], [3, 'booked-outside-window'], [4, 'not-due']]);
    const [one, two, three, four] = c.doses as Json[];
    // Dose 1's session was booked inside the window but never recorded as held, and the window is over: overdue.
    expect(one!.integration).toMatchObject({ id: a.ids['integration 1'], status: 'booked', inWindow: true });
    expect(two).toMatchObject({ given: true, doseAt: '2026-04-02T17:05:00.000Z', windowStart: '2026-04-03T17:00:00.000Z', windowEnd: '2026-04-04T17:00:00.000Z', integration: null });
    expect(three!.integration).toMatchObject({ id: a.ids['integration 3'], inWindow: false });
    expect(four).toMatchObject({ given: false, integration: { id: a.ids['integration 4'], inWindow: true } });
  });

  it('counts an integration as held once recorded, with the appointment completed, its history and the audit', async () => {
    const res = await call(t, s.therapist, 'POST', `/api/appointments/${a.ids['integration 1']}/held`, {});
    expect(res).toEqual({ id: a.ids['integration 1'], status: 'completed' });
    expect(statusesOf(await course(s.admin, a))[0]).toEqual([1, 'held']);
    const [row] = await t.database.db.select().from(appointments).where(eq(appointments.id, a.ids['integration 1']!));
    expect(row!.status).toBe('completed');
    const history = await t.database.db.select().from(appointmentHistory).where(eq(appointmentHistory.appointmentId, a.ids['integration 1']!));
    expect(history).toEqual([expect.objectContaining({ action: 'completed', reason: 'held', changedBy: therapistId })]);
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'appointment.held'), eq(auditEvents.resourceId, a.ids['integration 1']!)));
    expect(events).toHaveLength(1);
    expectError(await t.call(s.therapist, { method: 'POST', url: `/api/appointments/${a.ids['integration 1']}/held`, payload: {} }), 409, 'CONFLICT');
  });

  it('refuses to record a session that has not started, a dosing session, or one the caller may not see', async () => {
    expect(expectError(await t.call(s.nurse, { method: 'POST', url: `/api/appointments/${a.ids['integration 4']}/held`, payload: {} }), 409, 'CONFLICT').message).toMatch(/not started/);
    expect(expectError(await t.call(s.nurse, { method: 'POST', url: `/api/appointments/${a.ids['dosing 4']}/held`, payload: {} }), 409, 'CONFLICT').message).toMatch(/dosing/);
    expectError(await t.call(s.therapist2, { method: 'POST', url: `/api/appointments/${a.ids['integration 3']}/held`, payload: {} }), 404, 'NOT_FOUND');
    const patient = await t.signIn(a.email);
    expectError(await t.call(patient, { method: 'POST', url: `/api/appointments/${a.ids['integration 3']}/held`, payload: {} }), 404, 'NOT_FOUND');
    const [row] = await t.database.db.select().from(appointments).where(eq(appointments.id, a.ids['integration 3']!));
    expect(row!.status).toBe('booked');
  });

  it('shows a booked session inside the window as booked, and none booked as not booked', async () => {
    expect(statusesOf(await course(s.therapist2, b))).toEqual([[1, 'booked']]);
    expect(statusesOf(await course(s.prescriber, d))).toEqual([[1, 'not-booked']]);
  });

  it('answers 404 to a therapist off the care team, the patient and a missing course', async () => {
    expectError(await t.call(s.therapist, { method: 'GET', url: `/api/courses/${b.courseId}/integration` }), 404, 'NOT_FOUND');
    const patient = await t.signIn(a.email);
    expectError(await t.call(patient, { method: 'GET', url: `/api/courses/${a.courseId}/integration` }), 404, 'NOT_FOUND');
    expectError(await t.call(s.nurse, { method: 'GET', url: '/api/courses/0190a1b2-0000-7000-8000-000000000000/integration' }), 404, 'NOT_FOUND');
  });
});

describe('the clinic’s follow-through list', () => {
  it('puts overdue first; admins see every patient, without check-in state', async () => {
    const list = await call(t, s.admin, 'GET', '/api/integration/follow-through');
    const mine = list.items.filter((i: Json) => [a.courseId, b.courseId, d.courseId].includes(i.courseId));
    expect(mine.map((i: Json) => [i.courseId === a.courseId ? 'a' : i.courseId === b.courseId ? 'b' : 'd', i.doseNumber, i.status])).toEqual([
      ['a', 2, 'overdue'], ['d', 1, 'not-booked'], ['a', 3, 'booked-outside-window'], ['b', 1, 'booked'], ['a', 4, 'not-due'], ['a', 1, 'held'],
    ]);
    expect(mine.every((i: Json) => i.checkin === null)).toBe(true);
    expect(list.counts).toMatchObject({ overdue: 1, 'not-booked': 1, 'booked-outside-window': 1, booked: 1, 'not-due': 1, held: 1 });
    expect(mine[0]).toMatchObject({ patientId: a.patientId, therapistId, therapistName: expect.stringContaining(' ') });
    expect(list.from).toBe('2026-03-24T16:00:00.000Z');
  });

  it('shows a therapist only their care-team patients, with whether the check-in was done', async () => {
    const list = await call(t, s.therapist, 'GET', '/api/integration/follow-through');
    expect(list.items.every((i: Json) => i.courseId === a.courseId)).toBe(true);
    expect(list.items.map((i: Json) => [i.doseNumber, i.status, i.checkin])).toEqual([[2, 'overdue', 'closed'], [3, 'booked-outside-window', 'due'], [4, 'not-due', 'not-open'], [1, 'held', 'closed']]);
    const other = await call(t, s.therapist2, 'GET', '/api/integration/follow-through');
    expect(new Set(other.items.map((i: Json) => i.courseId))).toEqual(new Set([b.courseId, d.courseId]));
  });

  it('is for staff: a patient gets 403', async () => {
    const patient = await t.signIn(DEMO.patient1);
    expectError(await t.call(patient, { method: 'GET', url: '/api/integration/follow-through' }), 403, 'FORBIDDEN');
  });
});

describe('across the daylight-saving change (Sunday 8 March 2026)', () => {
  let c: Fixture;
  beforeAll(async () => {
    setClock(t, '2026-03-02T08:00');
    // A 24–72 h window: Friday 6 March 10:00 PST + 72 elapsed hours = Monday 9 March 11:00 PDT (10:00 would be 71 h).
    c = await courseWith(t, therapistId, await protocolWithWindow(t, 24, 72), [
      { kind: 'dosing', number: 1, start: '2026-03-06T10:00' }, { kind: 'integration', number: 1, start: '2026-03-09T10:30' },
    ]);
    await giveDose(t, c, 1, '2026-03-06T10:00', '2026-03-06T12:30');
  });

  it('keeps a session at 10:30 PDT on Monday inside the window, which ends at 11:00 PDT', async () => {
    setClock(t, '2026-03-09T10:45');
    const [dose] = (await course(await t.signIn(DEMO.nurse), c)).doses as Json[];
    expect(dose).toMatchObject({ status: 'booked', windowEnd: '2026-03-09T18:00:00.000Z', integration: { inWindow: true } });
  });

  it('is overdue at 11:05 PDT while not recorded as held, and held once it is', async () => {
    setClock(t, '2026-03-09T11:05');
    const nurse = await t.signIn(DEMO.nurse);
    expect(statusesOf(await course(nurse, c))).toEqual([[1, 'overdue']]);
    await call(t, nurse, 'POST', `/api/appointments/${c.ids['integration 1']}/held`, {});
    expect(statusesOf(await course(nurse, c))).toEqual([[1, 'held']]);
  });
});

describe('a course booked through the planner', () => {
  it('has every dose not due yet, each with its integration session inside the window', async () => {
    setClock(t, `${mondayAfter(t, 6).toString()}T07:00`);
    const [nurse, therapist, prescriber] = await t.signInAll(DEMO.nurse, DEMO.therapist, DEMO.prescriber);
    const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapist.user.staffId!], prescriberId: prescriber.user.staffId! });
    const booked = await planAndBook(t, nurse, p.id, { protocolId: (await demoProtocols(t)).sublingual, therapistId: therapist.user.staffId });
    const c = await call(t, therapist, 'GET', `/api/courses/${booked.id}/integration`);
    expect(c.doses).toHaveLength(6);
    for (const dose of c.doses as Json[]) {
      const integration = booked.appointments.find((x) => x.kind === 'integration' && x.number === dose.doseNumber)!;
      expect(dose).toMatchObject({ status: 'not-due', integration: { id: integration.id, inWindow: true } });
    }
  });
});
