/**
 * Staff availability and patient preferences (issue #4 §2): weekly hours (admin edits anyone's, a staff member their
 * own), time off and extra hours, a patient's days, parts of the day and earliest start (staff who manage the
 * schedule, or the patient themselves) — validated field by field, and read by the planner.
 */
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { addPatient, createOtherClinic, DEMO, expectError, fieldPaths } from '../http/support';
import { eligiblePatient, insertAppointment, newRoom, ok, setClock, sublingualProtocolId, ZONE } from './support';

interface Availability { staffId: string; staffName: string; timeZone: string; weeklyHours: Record<string, [string, string][]>; updatedAt: string | null; exceptions: Exception[] }
interface Exception { id: string; staffId: string; kind: string; start: string; end: string; localStart: string; localEnd: string; timeZoneName: string; note: string | null }
interface Prefs { patientId: string; weekdays: number[]; timesOfDay: string[]; earliestStart: string | null; updatedAt: string | null }
interface Course { id: string; appointments: { kind: string; start: string; end: string; therapistId: string }[]; proposal: { failure: unknown } | null }

let t: TestApp;
let s: Record<'admin' | 'nurse' | 'therapist' | 'therapist2' | 'patient1', Session>;
let ids: { therapist: string; therapist2: string; prescriber: string; nurse: string };

beforeAll(async () => {
  t = await createTestApp();
  setClock(t, '2026-04-06T16:00:00Z'); // Monday 6 April 2026, 09:00 PDT
  const [admin, nurse, therapist, therapist2, patient1, prescriber] = await t.signInAll(DEMO.admin, DEMO.nurse, DEMO.therapist, DEMO.therapist2, DEMO.patient1, DEMO.prescriber);
  s = { admin, nurse, therapist, therapist2, patient1 };
  ids = { therapist: therapist.user.staffId!, therapist2: therapist2.user.staffId!, prescriber: prescriber.user.staffId!, nurse: nurse.user.staffId! };
});
afterAll(() => t.close());

const availability = (who: Session, staffId: string) => t.call(who, { method: 'GET', url: `/api/staff/${staffId}/availability` });
const putHours = (who: Session, staffId: string, weeklyHours: unknown) => t.call(who, { method: 'PUT', url: `/api/staff/${staffId}/availability`, payload: { weeklyHours } as never });
const addException = (who: Session, staffId: string, payload: unknown) => t.call(who, { method: 'POST', url: `/api/staff/${staffId}/availability/exceptions`, payload: payload as never });

describe('weekly hours', () => {
  it('are read by every staff member, in the clinic’s zone; not by patients, not across clinics', async () => {
    const a = ok<Availability>(await availability(s.nurse, ids.therapist));
    expect(a).toMatchObject({ staffId: ids.therapist, staffName: 'Jordan Lee', timeZone: ZONE, exceptions: [] });
    expect(a.weeklyHours).toEqual(Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [['09:00', '17:00']]])));
    expectError(await availability(s.patient1, ids.therapist), 403, 'FORBIDDEN');
    expectError(await availability(s.nurse, crypto.randomUUID()), 404, 'NOT_FOUND');
    const other = await createOtherClinic(t);
    expectError(await availability(await t.signIn(other.admin.email), ids.therapist), 404, 'NOT_FOUND');
  });

  it('are changed by the staff member themselves or an administrator, and no one else', async () => {
    const mine = ok<Availability>(await putHours(s.therapist2, ids.therapist2, { 4: [['13:00', '18:00'], ['08:00', '12:00']], 6: [['09:00', '13:00']], 7: [] }));
    expect(mine.weeklyHours).toEqual({ 4: [['08:00', '12:00'], ['13:00', '18:00']], 6: [['09:00', '13:00']] });
    expect(mine.updatedAt).toBe('2026-04-06T16:00:00.000Z');
    expectError(await putHours(s.therapist, ids.therapist2, { 1: [['09:00', '17:00']] }), 403, 'FORBIDDEN');
    expectError(await putHours(s.nurse, ids.therapist2, { 1: [['09:00', '17:00']] }), 403, 'FORBIDDEN');
    expectError(await putHours(s.patient1, ids.therapist2, { 1: [['09:00', '17:00']] }), 403, 'FORBIDDEN');
    const byAdmin = ok<Availability>(await putHours(s.admin, ids.therapist2, { 2: [['10:00', '24:00']] }));
    expect(byAdmin.weeklyHours).toEqual({ 2: [['10:00', '24:00']] });
    expect(ok<Availability>(await availability(s.therapist, ids.therapist2)).weeklyHours).toEqual({ 2: [['10:00', '24:00']] });
    expectError(await putHours(s.admin, crypto.randomUUID(), {}), 404, 'NOT_FOUND');
  });

  it('answer 400 naming the day and span that is wrong', async () => {
    const cases: [unknown, string[]][] = [
      [{ 8: [['09:00', '17:00']] }, ['weeklyHours.8']],
      [{ 0: [['09:00', '17:00']] }, ['weeklyHours.0']],
      [{ 1: [['17:00', '09:00']] }, ['weeklyHours.1.0']],
      [{ 1: [['09:00', '09:00']] }, ['weeklyHours.1.0']],
      [{ 1: [['9:00', '17:00']] }, ['weeklyHours.1.0.0']],
      [{ 2: [['09:00', '25:00']] }, ['weeklyHours.2.0.1']],
      [{ 3: [['09:00', '13:00'], ['12:00', '17:00']] }, ['weeklyHours.3']],
      [{ 3: [['09:00']] }, ['weeklyHours.3.0']],
    ];
    for (const [hours, fields] of cases) {
      const err = expectError(await putHours(s.admin, ids.therapist, hours), 400, 'VALIDATION_FAILED');
      expect({ hours, fields: fieldPaths(err) }).toEqual({ hours, fields });
    }
    expect(fieldPaths(expectError(await t.call(s.admin, { method: 'PUT', url: `/api/staff/${ids.therapist}/availability`, payload: {} }), 400, 'VALIDATION_FAILED'))).toEqual(['weeklyHours']);
  });
});

describe('exceptions', () => {
  it('adds time off in clinic-local terms and lists the booked appointments inside it', async () => {
    const room = await newRoom(t, 'consult');
    const patient = await addPatient(t, t.demoClinicId, { therapistIds: [ids.therapist] });
    const booked = await insertAppointment(t, { patientId: patient.id, roomId: room.id, therapistId: ids.therapist, start: '2026-04-14T17:00:00Z', minutes: 60 });
    const off = ok<Exception & { overlappingAppointments: { id: string }[] }>(await addException(s.therapist, ids.therapist, {
      kind: 'off', start: '2026-04-14T00:00:00-07:00', end: '2026-04-15T00:00:00-07:00', note: ' Conference ',
    }), 201);
    expect(off).toMatchObject({ kind: 'off', staffId: ids.therapist, start: '2026-04-14T07:00:00.000Z', localStart: '2026-04-14T00:00', localEnd: '2026-04-15T00:00', timeZoneName: 'PDT', note: 'Conference' });
    expect(off.overlappingAppointments.map((a) => a.id)).toEqual([booked]);
    const extra = ok<Exception & { overlappingAppointments: unknown[] }>(await addException(s.admin, ids.therapist, { kind: 'extra', start: '2026-04-18T16:00:00Z', end: '2026-04-18T20:00:00Z' }), 201);
    expect(extra.overlappingAppointments).toEqual([]);

    const listed = ok<Availability>(await availability(s.nurse, ids.therapist)).exceptions.map((e) => e.id);
    expect(listed).toEqual([off.id, extra.id]);
    const ranged = ok<{ items: Exception[] }>(await t.call(s.nurse, { method: 'GET', url: `/api/staff/${ids.therapist}/availability/exceptions?from=2026-04-16&to=2026-04-30` }));
    expect(ranged.items.map((e) => e.id)).toEqual([extra.id]);
    const err = expectError(await t.call(s.nurse, { method: 'GET', url: `/api/staff/${ids.therapist}/availability/exceptions?from=2026-04-30&to=2026-04-01` }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toEqual(['to']);

    expect((await t.call(s.therapist, { method: 'DELETE', url: `/api/staff/${ids.therapist}/availability/exceptions/${extra.id}` })).statusCode).toBe(204);
    expectError(await t.call(s.therapist, { method: 'DELETE', url: `/api/staff/${ids.therapist}/availability/exceptions/${extra.id}` }), 404, 'NOT_FOUND');
    // An exception is removed through its own staff member only.
    expectError(await t.call(s.admin, { method: 'DELETE', url: `/api/staff/${ids.therapist2}/availability/exceptions/${off.id}` }), 404, 'NOT_FOUND');
    expect((await t.call(s.admin, { method: 'DELETE', url: `/api/staff/${ids.therapist}/availability/exceptions/${off.id}` })).statusCode).toBe(204);
  });

  it('are changed by the staff member or an administrator only, and validated', async () => {
    const body = { kind: 'off', start: '2026-05-01T16:00:00Z', end: '2026-05-01T20:00:00Z' };
    expectError(await addException(s.therapist, ids.therapist2, body), 403, 'FORBIDDEN');
    expectError(await addException(s.nurse, ids.therapist2, body), 403, 'FORBIDDEN');
    expectError(await addException(s.patient1, ids.therapist2, body), 403, 'FORBIDDEN');
    const cases: [unknown, string[]][] = [
      [{ ...body, kind: 'holiday' }, ['kind']],
      [{ ...body, start: '2026-05-01T16:00:00' }, ['start']],
      [{ ...body, end: '2026-05-01T16:00:00Z' }, ['end']],
      [{ ...body, end: '2026-04-30T16:00:00Z' }, ['end']],
      [{ ...body, end: '2027-06-01T16:00:00Z' }, ['end']],
      [{ kind: 'off' }, ['start', 'end']],
    ];
    for (const [payload, fields] of cases) {
      const err = expectError(await addException(s.admin, ids.therapist2, payload), 400, 'VALIDATION_FAILED');
      expect({ payload, fields: fieldPaths(err) }).toEqual({ payload, fields });
    }
    ok(await addException(s.admin, ids.therapist2, body), 201);
  });
});

describe('patient preferences', () => {
  it('are read and set by staff who manage the schedule, and by the patient themselves', async () => {
    const patient = await addPatient(t, t.demoClinicId, { therapistIds: [ids.therapist], prescriberId: ids.prescriber, account: true });
    const own = await t.signIn(patient.email);
    const url = `/api/patients/${patient.id}/scheduling-preferences`;
    expect(ok<Prefs>(await t.call(s.therapist, { method: 'GET', url }))).toMatchObject({ patientId: patient.id, weekdays: [], timesOfDay: [], earliestStart: null, updatedAt: null });
    const set = ok<Prefs>(await t.call(own, { method: 'PUT', url, payload: { weekdays: [5, 1, 5], timesOfDay: ['evening', 'morning'], earliestStart: '2026-05-04' } }));
    expect(set).toMatchObject({ weekdays: [1, 5], timesOfDay: ['evening', 'morning'], earliestStart: '2026-05-04', updatedAt: '2026-04-06T16:00:00.000Z' });
    expect(ok<Prefs>(await t.call(own, { method: 'GET', url }))).toMatchObject({ weekdays: [1, 5] });
    expect(ok<Prefs>(await t.call(s.admin, { method: 'PUT', url, payload: { weekdays: [2] } }))).toMatchObject({ weekdays: [2], timesOfDay: [], earliestStart: null });

    expectError(await t.call(s.therapist2, { method: 'GET', url }), 404, 'NOT_FOUND');
    expectError(await t.call(s.therapist2, { method: 'PUT', url, payload: { weekdays: [3] } }), 404, 'NOT_FOUND');
    expectError(await t.call(s.patient1, { method: 'GET', url }), 404, 'NOT_FOUND');
    expectError(await t.call(s.patient1, { method: 'PUT', url, payload: { weekdays: [3] } }), 404, 'NOT_FOUND');
    expectError(await t.call(own, { method: 'PUT', url: `/api/patients/${s.patient1.user.patientId}/scheduling-preferences`, payload: { weekdays: [3] } }), 404, 'NOT_FOUND');
  });

  it('answer 400 naming what is wrong', async () => {
    const url = `/api/patients/${s.patient1.user.patientId}/scheduling-preferences`;
    const cases: [unknown, string[]][] = [
      [{ weekdays: [0] }, ['weekdays.0']],
      [{ weekdays: [1, 8] }, ['weekdays.1']],
      [{ weekdays: [1.5] }, ['weekdays.0']],
      [{ timesOfDay: ['night'] }, ['timesOfDay.0']],
      [{ earliestStart: '2026-13-01' }, ['earliestStart']],
    ];
    for (const [payload, fields] of cases) {
      const err = expectError(await t.call(s.nurse, { method: 'PUT', url, payload: payload as never }), 400, 'VALIDATION_FAILED');
      expect({ payload, fields: fieldPaths(err) }).toEqual({ payload, fields });
    }
  });
});

describe('the planner reads them', () => {
  const local = (iso: string) => Temporal.Instant.from(iso).toZonedDateTimeISO(ZONE);

  it('plans within the patient’s days, parts of the day and earliest start, and around the therapist’s time off', async () => {
    const patient = await eligiblePatient(t, { therapistIds: [ids.therapist], prescriberId: ids.prescriber });
    ok(await t.call(s.nurse, {
      method: 'PUT', url: `/api/patients/${patient.id}/scheduling-preferences`,
      payload: { weekdays: [1, 2, 3, 4, 5], timesOfDay: ['afternoon'], earliestStart: '2026-04-20' },
    }));
    const course = ok<Course>(await t.call(s.nurse, { method: 'POST', url: `/api/patients/${patient.id}/courses`, payload: { protocolId: await sublingualProtocolId(t) } }), 201);
    expect(course.proposal?.failure ?? null).toBeNull();
    expect(course.appointments.length).toBe(14);
    for (const a of course.appointments) {
      const start = local(a.start);
      const end = local(a.end);
      expect(start.dayOfWeek).toBeLessThanOrEqual(5);
      expect(Temporal.PlainDate.compare(start.toPlainDate(), Temporal.PlainDate.from('2026-04-20'))).toBeGreaterThanOrEqual(0);
      expect(start.toPlainTime().toString() >= '12:00').toBe(true);
      expect(end.toPlainTime().toString() <= '17:00').toBe(true);
    }

    // The therapist takes the first planned day off: planned again, nothing of the therapist's falls on it.
    const firstDay = local(course.appointments[0]!.start).toPlainDate();
    const dayStart = firstDay.toZonedDateTime({ timeZone: ZONE });
    ok(await addException(s.therapist, ids.therapist, { kind: 'off', start: dayStart.toString({ timeZoneName: 'never' }), end: dayStart.add({ days: 1 }).toString({ timeZoneName: 'never' }) }), 201);
    const again = ok<Course>(await t.call(s.nurse, { method: 'POST', url: `/api/courses/${course.id}/plan`, payload: {} }));
    expect(again.proposal?.failure ?? null).toBeNull();
    expect(again.appointments.some((a) => local(a.start).toPlainDate().equals(firstDay))).toBe(false);
  });
});
