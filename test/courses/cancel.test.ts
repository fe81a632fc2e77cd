/**
 * Cancelling (issue #4 §3): one appointment with a reason (a cancelled dose takes its integration session with it
 * unless kept), the rest of a course, pausing and resuming (the remaining sessions planned again, numbered on). Every
 * change is in the appointment's history; reminders are withdrawn; a cancelled dose's questionnaires go with it.
 */
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { DEMO, expectError } from '../http/support';
import {
  bookCourse, definitionOf, demoProtocols, doseAnchoredSchedule, doseAnchors, eligiblePatient, getCourse, historyOf, iso, local, mondayAfter, planAndBook,
  reminderRows, setClock, staffWithHours, summary, violationsOf, weekdays, type CourseJson,
} from './support';

let t: TestApp;
let nurse: Session;
let protocolId: string;
let therapistId: string;

beforeAll(async () => {
  t = await createTestApp();
  protocolId = (await demoProtocols(t)).sublingual;
});
beforeEach(async () => {
  setClock(t, `${mondayAfter(t, 8).toString()}T06:00`);
  nurse = await t.signIn(DEMO.nurse);
  therapistId = (await staffWithHours(t, t.demoClinicId, 'therapist', weekdays('09:00', '17:00'))).staffId;
});
afterAll(() => t.close());

const find = (c: CourseJson, kind: string, number: number) => c.appointments.find((a) => a.kind === kind && a.number === number && a.status !== 'cancelled')!;
const cancel = (id: string, body: Record<string, unknown>) => t.call(nurse, { method: 'POST', url: `/api/appointments/${id}/cancel`, payload: body });
async function bookedCourse(withQuestionnaire = false) {
  const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] });
  const scheduleId = withQuestionnaire ? await doseAnchoredSchedule(t, nurse, p.id, [24]) : undefined;
  return { patient: p, scheduleId, course: await planAndBook(t, nurse, p.id, { protocolId }) };
}
/** Moves the clock to just after the end of the course's `kind number` and signs the nurse in again. */
async function after(course: CourseJson, kind: string, number: number) {
  t.clock.now = Temporal.Instant.from(find(course, kind, number).end).add({ minutes: 1 });
  nurse = await t.signIn(DEMO.nurse);
}

describe('cancelling one appointment', () => {
  it('cancels a dose with its integration session, withdraws their reminders and questionnaires, and frees the time', async () => {
    const { patient, scheduleId, course } = await bookedCourse(true);
    const [dose3, integration3] = [find(course, 'dosing', 3), find(course, 'integration', 3)];
    expect((await reminderRows(t, dose3.id!)).length).toBe(2);
    expectError(await cancel(dose3.id!, { reason: 'other' }), 400, 'VALIDATION_FAILED');
    expectError(await cancel(dose3.id!, { reason: 'because' }), 400, 'VALIDATION_FAILED');

    const res = await cancel(dose3.id!, { reason: 'clinical-hold', note: 'blood pressure 168/102 at check-in' });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { cancelled: string[] }).cancelled).toEqual([dose3.id, integration3.id]);
    const now = await getCourse(t, nurse, course.id);
    expect(now.appointments.find((a) => a.id === dose3.id)).toMatchObject({ status: 'cancelled', cancelReason: 'clinical-hold: blood pressure 168/102 at check-in' });
    expect(now.appointments.find((a) => a.id === integration3.id)).toMatchObject({ status: 'cancelled', cancelReason: 'clinical-hold: its dose (dosing 3) was cancelled' });
    expect(now.appointments.filter((a) => a.status === 'booked').length).toBe(12);
    for (const id of [dose3.id!, integration3.id!]) {
      expect(await reminderRows(t, id)).toEqual([]);
      const history = await historyOf(t, nurse, id);
      expect(history.map((h) => h.action)).toEqual(['booked', 'cancelled']);
      expect(history[1]).toMatchObject({ before: { status: 'booked' }, after: { status: 'cancelled' }, changedByName: 'Sam Okafor' });
      expect(history[1]!.reason).toMatch(/^clinical-hold: /);
    }
    const anchors = await doseAnchors(t, t.demoClinicId, patient.id, scheduleId);
    expect(anchors.events.map((e) => e.id)).not.toContain(dose3.id);
    expect(anchors.assignments.find((a) => a.doseEventId === dose3.id)?.status ?? 'gone').not.toBe('pending');
    expectError(await cancel(dose3.id!, { reason: 'patient-request' }), 409, 'CONFLICT');

    // The therapist and room are free again at the cancelled dose's time.
    const other = await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] });
    const rebooked = await t.call(nurse, { method: 'POST', url: '/api/appointments', payload: { patientId: other.id, kind: 'follow-up', start: dose3.start, roomId: dose3.roomId, therapistId } });
    expect(rebooked.statusCode, rebooked.body).toBe(201);
  });

  it('keeps the integration session when asked to', async () => {
    const { course } = await bookedCourse();
    const [dose2, integration2] = [find(course, 'dosing', 2), find(course, 'integration', 2)];
    const res = await cancel(dose2.id!, { reason: 'patient-request', integration: 'keep' });
    expect((res.json() as { cancelled: string[] }).cancelled).toEqual([dose2.id]);
    expect((await getCourse(t, nurse, course.id)).appointments.find((a) => a.id === integration2.id)!.status).toBe('booked');
    expect((await reminderRows(t, integration2.id!)).length).toBe(2);
  });

  it('records a missed dose as a no-show and frees its integration session', async () => {
    const { course } = await bookedCourse();
    await after(course, 'dosing', 1);
    const [dose1, integration1] = [find(course, 'dosing', 1), find(course, 'integration', 1)];
    const res = await cancel(dose1.id!, { reason: 'no-show' });
    expect(res.statusCode, res.body).toBe(200);
    const now = await getCourse(t, nurse, course.id);
    expect(now.appointments.find((a) => a.id === dose1.id)).toMatchObject({ status: 'no-show' });
    // The integration session was never held: it is cancelled (its time freed), not a no-show of its own.
    expect(now.appointments.find((a) => a.id === integration1.id)).toMatchObject({ status: 'cancelled' });
    expect(now.appointments.find((a) => a.id === integration1.id)!.cancelReason).toMatch(/its dose \(dosing 1\)/);
  });
});

describe('stopping a course', () => {
  it('cancels the rest of a course, leaving what was held', async () => {
    const { course } = await bookedCourse();
    await after(course, 'integration', 1);
    expectError(await t.call(nurse, { method: 'POST', url: `/api/courses/${course.id}/cancel`, payload: { reason: '' } }), 400, 'VALIDATION_FAILED');
    const res = await t.call(nurse, { method: 'POST', url: `/api/courses/${course.id}/cancel`, payload: { reason: 'patient moved out of state' } });
    expect(res.statusCode, res.body).toBe(200);
    const stopped = res.json() as CourseJson;
    expect(stopped).toMatchObject({ status: 'cancelled', statusReason: 'patient moved out of state' });
    const held = ['preparation 1', 'preparation 2', 'dosing 1', 'integration 1'];
    expect(summary(stopped.appointments.filter((a) => a.status === 'booked'))).toEqual(held);
    const rest = stopped.appointments.filter((a) => a.status === 'cancelled');
    expect(rest.length).toBe(10);
    for (const a of rest) {
      expect(a.cancelReason).toBe('course cancelled: patient moved out of state');
      expect(await reminderRows(t, a.id!)).toEqual([]);
    }
    expectError(await t.call(nurse, { method: 'POST', url: `/api/courses/${course.id}/resume`, payload: {} }), 409, 'CONFLICT');
    expectError(await bookCourse(t, nurse, course.id), 409, 'CONFLICT');
  });

  it('pauses a course and resumes it: the remaining sessions are planned again, numbered on, ready to book', async () => {
    const { course } = await bookedCourse();
    const definition = await definitionOf(t, t.demoClinicId, protocolId);
    await after(course, 'integration', 2);
    const paused = await t.call(nurse, { method: 'POST', url: `/api/courses/${course.id}/pause`, payload: { reason: 'patient travelling for two weeks' } });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({ status: 'paused', statusReason: 'patient travelling for two weeks' });
    expect(summary((paused.json() as CourseJson).appointments.filter((a) => a.status === 'booked'))).toEqual(['preparation 1', 'preparation 2', 'dosing 1', 'integration 1', 'dosing 2', 'integration 2']);
    expectError(await t.call(nurse, { method: 'POST', url: `/api/courses/${course.id}/pause`, payload: { reason: 'again' } }), 409, 'CONFLICT');

    t.clock.advance({ hours: 24 * 14 });
    nurse = await t.signIn(DEMO.nurse);
    const resumed = await t.call(nurse, { method: 'POST', url: `/api/courses/${course.id}/resume`, payload: {} });
    expect(resumed.statusCode, resumed.body).toBe(200);
    const resumedCourse = resumed.json() as CourseJson;
    expect(resumedCourse).toMatchObject({ status: 'planned', proposal: { failure: null } });
    // The course still shows what was held and cancelled, and the proposal for the rest.
    const planned = { ...resumedCourse, appointments: resumedCourse.appointments.filter((a) => a.status === 'proposed') };
    expect(resumedCourse.appointments.filter((a) => a.status !== 'proposed').length).toBe(14);
    expect(summary(planned.appointments)).toEqual([3, 4, 5, 6].flatMap((n) => [`dosing ${n}`, `integration ${n}`]));
    expect(violationsOf(definition, planned)).toEqual([]);

    const booked = await bookCourse(t, nurse, course.id);
    expect(booked.statusCode, booked.body).toBe(200);
    const all = booked.json() as CourseJson;
    expect(all.status).toBe('booked');
    expect(summary(all.appointments.filter((a) => a.status === 'booked'))).toEqual([
      'preparation 1', 'preparation 2', ...[1, 2, 3, 4, 5, 6].flatMap((n) => [`dosing ${n}`, `integration ${n}`]),
    ]);
    expect(all.appointments.filter((a) => a.status === 'cancelled').length).toBe(8);
    // Only the gap the pause made is outside the protocol (dose 3 more than 14 days after dose 2).
    expect(all.violations.map((v) => v.rule)).toEqual(['dose-spacing']);
    expect(iso(Temporal.Instant.from(find(all, 'dosing', 3).start))).toBe(planned.appointments[0]!.start);
  });

  it('resumes from the requested date in the clinic’s zone, with the preparation session still to hold', async () => {
    const { course } = await bookedCourse();
    await after(course, 'preparation', 1);
    expect((await t.call(nurse, { method: 'POST', url: `/api/courses/${course.id}/pause`, payload: { reason: 'family emergency' } })).statusCode).toBe(200);
    const tuesday = mondayAfter(t, 1).add({ days: 1 });
    const res = await t.call(nurse, { method: 'POST', url: `/api/courses/${course.id}/resume`, payload: { startDate: tuesday.toString() } });
    expect(res.statusCode, res.body).toBe(200);
    const planned = (res.json() as CourseJson).appointments.filter((a) => a.status === 'proposed');
    expect(summary(planned)).toEqual(['preparation 2', ...[1, 2, 3, 4, 5, 6].flatMap((n) => [`dosing ${n}`, `integration ${n}`])]);
    // Not from midnight UTC, which is Monday afternoon in Los Angeles (the therapist works until 17:00).
    expect(local(planned[0]!.start)).toBe(`${tuesday.toString()}T09:00`);
  });
});
