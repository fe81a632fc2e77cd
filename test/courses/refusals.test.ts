/**
 * Requests the scheduling API must refuse cleanly (a 4xx naming the field or rule, never a 500 and never a half-made
 * change), and what an exception may and may not override: a written reason waives opening hours, working hours and
 * preferences, never a taken or unsuitable room.
 */
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { createOtherClinic, DEMO, expectError, fieldPaths } from '../http/support';
import {
  appointmentRows, bookCourse, createCourse, demoProtocols, eligiblePatient, getCourse, iso, local, mondayAfter, newId, planAndBook, roomsByName, setClock,
  staffWithHours, weekdays, type ConflictJson, type CourseJson,
} from './support';

let t: TestApp;
let nurse: Session;
let protocolId: string;
let therapistId: string;
let rooms: Record<string, { id: string; kind: string }>;

beforeAll(async () => {
  t = await createTestApp();
  setClock(t, `${mondayAfter(t, 8).toString()}T06:00`);
  protocolId = (await demoProtocols(t)).sublingual;
  rooms = await roomsByName(t);
});
beforeEach(async () => {
  nurse = await t.signIn(DEMO.nurse);
  therapistId = (await staffWithHours(t, t.demoClinicId, 'therapist', weekdays('09:00', '17:00'))).staffId;
});
afterAll(() => t.close());

const find = (c: CourseJson, kind: string, number: number) => c.appointments.find((a) => a.kind === kind && a.number === number && a.status !== 'cancelled')!;
const plus = (isoString: string, duration: Temporal.DurationLike) => iso(Temporal.Instant.from(isoString).add(duration));
const single = (body: Record<string, unknown>) => t.call(nurse, { method: 'POST', url: '/api/appointments', payload: { kind: 'follow-up', durationMinutes: 60, ...body } });

describe('planning again', () => {
  it('refuses a therapist who is not an active therapist of the clinic', async () => {
    const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] });
    const course = await createCourse(t, nurse, p.id, { protocolId });
    const other = await createOtherClinic(t);
    for (const stranger of [newId(), nurse.user.staffId!, other.prescriber.staffId]) {
      const res = await t.call(nurse, { method: 'POST', url: `/api/courses/${course.id}/plan`, payload: { therapistId: stranger } });
      expect(fieldPaths(expectError(res, 400, 'VALIDATION_FAILED'))).toEqual(['therapistId']);
    }
    expect(await getCourse(t, nurse, course.id)).toMatchObject({ therapistId, proposal: { failure: null } });
  });
});

describe('exceptions', () => {
  it('books a dose outside working hours as an exception, but never in an unsuitable or unknown room', async () => {
    for (const roomId of [undefined, rooms.fern!.id, newId()]) {
      const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] });
      const planned = await createCourse(t, nurse, p.id, { protocolId });
      const dose1 = find(planned, 'dosing', 1);
      // 07:00, before the therapist starts and the clinic opens; dose 1 ends 09:30, its integration a day later.
      const early = iso(Temporal.Instant.from(dose1.start).toZonedDateTimeISO('America/Los_Angeles').with({ hour: 7, minute: 0 }).toInstant());
      const appointments = [{ kind: 'dosing', number: 1, start: early, ...(roomId ? { roomId } : {}) }];
      const refused = expectError(await bookCourse(t, nurse, planned.id, { appointments }), 409, 'CONFLICT') as unknown as { conflicts: ConflictJson[] };
      expect(refused.conflicts.map((c) => `${c.kind} ${c.number} ${c.rule}`)).toEqual(['dosing 1 closed']);

      const res = await bookCourse(t, nurse, planned.id, { appointments, exceptions: [{ kind: 'dosing', number: 1, reason: 'Patient can only come before work this week.' }] });
      expect(res.statusCode, res.body).toBe(200);
      const booked = find(res.json() as CourseJson, 'dosing', 1);
      expect(local(booked.start).slice(11)).toBe('07:00');
      expect([rooms.cedar!.id, rooms.willow!.id]).toContain(booked.roomId);
      const stopped = await t.call(nurse, { method: 'POST', url: `/api/courses/${planned.id}/cancel`, payload: { reason: 'test over' } });
      expect(stopped.statusCode, stopped.body).toBe(200);
    }
  });

  it('never books an exception onto a taken room, therapist or patient', async () => {
    const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] });
    const planned = await createCourse(t, nurse, p.id, { protocolId });
    const prep1 = find(planned, 'preparation', 1);
    const evening = iso(Temporal.Instant.from(prep1.start).toZonedDateTimeISO('America/Los_Angeles').with({ hour: 18, minute: 30 }).toInstant());
    // Another patient has the therapist that evening (also an exception).
    const other = await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] });
    const taken = await single({ patientId: other.id, start: evening, roomId: rooms.fern!.id, therapistId, exceptionReason: 'Evening session agreed with the therapist.' });
    expect(taken.statusCode, taken.body).toBe(201);
    const res = await bookCourse(t, nurse, planned.id, {
      appointments: [{ kind: 'preparation', number: 1, start: evening }], exceptions: [{ kind: 'preparation', number: 1, reason: 'Evening is all the patient can do.' }],
    });
    const err = expectError(res, 409, 'CONFLICT') as unknown as { conflicts: ConflictJson[] };
    expect(err.conflicts.map((c) => `${c.kind} ${c.number} ${c.rule}`)).toEqual(['preparation 1 therapist-busy']);
    expect(await appointmentRows(t, t.demoClinicId, { courseId: planned.id })).toEqual([]);
  });

  it('moves a dose to a closed time as an exception and still moves what depends on it', async () => {
    const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] });
    const course = await planAndBook(t, nurse, p.id, { protocolId });
    const [dose2, integration2] = [find(course, 'dosing', 2), find(course, 'integration', 2)];
    // 15:30–18:00: past the therapist's hours and the clinic's; the integration next morning would come too soon.
    const late = plus(dose2.start, { hours: 6, minutes: 30 });
    const patch = (body: Record<string, unknown>) => t.call(nurse, { method: 'PATCH', url: `/api/appointments/${dose2.id}`, payload: { start: late, ...body } });
    expect((expectError(await patch({}), 409, 'CONFLICT') as unknown as { rule: string }).rule).toBe('therapist-off');
    const res = await patch({ exceptionReason: 'Only time the patient’s driver is free.', confirm: true });
    expect(res.statusCode, res.body).toBe(200);
    const moves = (res.json() as { moves: { appointmentId: string; to: { start: string } }[] }).moves;
    expect(moves.map((m) => m.appointmentId)).toEqual(expect.arrayContaining([dose2.id, integration2.id]));
    const after = await getCourse(t, nurse, course.id);
    expect(find(after, 'dosing', 2)).toMatchObject({ start: late, exceptionReason: 'Only time the patient’s driver is free.' });
    const hours = Temporal.Instant.from(find(after, 'integration', 2).start).since(Temporal.Instant.from(late)).total('hours');
    expect(hours).toBeGreaterThanOrEqual(24);
    expect(hours).toBeLessThanOrEqual(48);
    expect(after.violations).toEqual([]);
  });
});

describe('follow-ups in a course', () => {
  it('keeps a follow-up attached to the course in the way of a reschedule, as the database would', async () => {
    const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] });
    const course = await planAndBook(t, nurse, p.id, { protocolId });
    const integration3 = find(course, 'integration', 3);
    const at = plus(integration3.start, { hours: 3 });
    const followUp = await single({ patientId: p.id, courseId: course.id, start: at, roomId: rooms.fern!.id, therapistId });
    expect(followUp.statusCode, followUp.body).toBe(201);
    const res = await t.call(nurse, { method: 'PATCH', url: `/api/appointments/${integration3.id}`, payload: { start: at } });
    expect((expectError(res, 409, 'CONFLICT') as unknown as { rule: string }).rule).toBe('patient-busy');
  });
});

describe('single appointments', () => {
  it('names the room when it is taken', async () => {
    const [a, b] = [await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] }), await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] })];
    const otherTherapist = (await staffWithHours(t, t.demoClinicId, 'therapist', weekdays('09:00', '17:00'))).staffId;
    const start = iso(t.clock.now.add({ hours: 24 * 8 + 5 })); // a Tuesday, 11:00
    expect((await single({ patientId: a.id, start, roomId: rooms.fern!.id, therapistId })).statusCode).toBe(201);
    const err = expectError(await single({ patientId: b.id, start: plus(start, { minutes: 30 }), roomId: rooms.fern!.id, therapistId: otherTherapist }), 409, 'CONFLICT') as unknown as { conflicts: ConflictJson[] };
    expect(err.conflicts.map((c) => c.rule)).toEqual(['room-busy']);
  });

  it('keeps its room when moved, if the room is free then', async () => {
    const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] });
    const start = iso(t.clock.now.add({ hours: 24 * 25 + 8 })); // a Friday, 14:00, well after this file's other bookings
    const made = await single({ patientId: p.id, start, roomId: rooms.fern!.id, therapistId });
    expect(made.statusCode, made.body).toBe(201);
    const id = (made.json() as { id: string }).id;
    const res = await t.call(nurse, { method: 'PATCH', url: `/api/appointments/${id}`, payload: { start: plus(start, { minutes: 90 }), confirm: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { moves: { to: { roomId: string } }[] }).moves.map((m) => m.to.roomId)).toEqual([rooms.fern!.id]);
  });

  it('joins an appointment only to the same patient’s course', async () => {
    const [a, b] = [await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] }), await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] })];
    const course = await createCourse(t, nurse, a.id, { protocolId });
    const res = await single({ patientId: b.id, courseId: course.id, start: iso(t.clock.now.add({ hours: 24 * 9 + 6 })), roomId: rooms.fern!.id, therapistId });
    expect(fieldPaths(expectError(res, 400, 'VALIDATION_FAILED'))).toEqual(['courseId']);
    expect(await appointmentRows(t, t.demoClinicId, { patientId: b.id })).toEqual([]);
  });
});
