/**
 * Planning and booking a course through the API (issue #4 §2, §5, §6): a complete plan for an eligible patient that
 * keeps every course rule, booking every appointment or none (a stale plan answers 409 naming each conflicting
 * appointment and rule), reminders and dose anchors written with the booking, exceptions only with a reason, and a
 * plan that cannot be made says what blocked it and offers alternatives.
 */
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { addPatient, DEMO, expectError } from '../http/support';
import {
  appointmentRows, bookCourse, createCourse, definitionOf, demoProtocols, doseAnchoredSchedule, doseAnchors, eligiblePatient, getCourse, historyOf,
  iso, LA, local, mondayAfter, reminderRows, roomsByName, setClock, setStatus, staffWithHours, summary, violationsOf, weekdays, type ConflictJson, type CourseJson,
} from './support';

let t: TestApp;
let nurse: Session, prescriber: Session, therapist: Session, admin: Session;
let protocols: { sublingual: string; im: string };
let ids: { therapist: string; therapist2: string; prescriber: string };

const EXPECTED = ['preparation 1', 'preparation 2', ...[1, 2, 3, 4, 5, 6].flatMap((n) => [`dosing ${n}`, `integration ${n}`])];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "Wednesday, January 20, 2027 at 9:00 AM PST", written independently of the server's formatter. */
function whenPattern(iso: string): RegExp {
  const z = Temporal.Instant.from(iso).toZonedDateTimeISO(LA);
  const abbr = z.offset === '-08:00' ? 'PST' : 'PDT';
  const time = `${z.hour % 12 || 12}:${String(z.minute).padStart(2, '0')}\\s${z.hour < 12 ? 'AM' : 'PM'}`;
  return new RegExp(`${DAYS[z.dayOfWeek - 1]}, ${MONTHS[z.month - 1]} ${z.day}, ${z.year} at ${time} ${abbr}`);
}

beforeAll(async () => {
  t = await createTestApp();
  // Well clear of the demo's booked courses, on a Monday morning before opening.
  setClock(t, `${mondayAfter(t, 8).toString()}T06:00`);
  [nurse, prescriber, therapist, admin] = await t.signInAll(DEMO.nurse, DEMO.prescriber, DEMO.therapist, DEMO.admin);
  protocols = await demoProtocols(t);
  ids = { therapist: therapist.user.staffId!, therapist2: (await t.signIn(DEMO.therapist2)).user.staffId!, prescriber: prescriber.user.staffId! };
});
afterAll(() => t.close());

describe('planning a course', () => {
  it('lists the clinic’s protocols', async () => {
    const res = await t.call(therapist, { method: 'GET', url: '/api/protocols' });
    expect(res.statusCode, res.body).toBe(200);
    const names = (res.json() as { items: { name: string; definition: { dosingSessions: number } }[] }).items.map((p) => `${p.name} (${p.definition.dosingSessions})`);
    expect(names).toEqual(expect.arrayContaining(['Sublingual KAP, 6 sessions (6)', 'IM KAP, 6 sessions (6)']));
  });

  it('proposes a complete plan for a patient made eligible through the app: 2 preparation, 6 doses, 6 integrations, every rule kept', async () => {
    const created = await t.call(nurse, {
      method: 'POST', url: '/api/patients',
      payload: { givenName: 'Course', familyName: 'Planned', dateOfBirth: '1985-02-02', sexAssignedAtBirth: 'female', email: 'course.planned@example.org', therapistIds: [ids.therapist], prescriberId: ids.prescriber },
    });
    expect(created.statusCode, created.body).toBe(201);
    const patientId = (created.json() as { id: string }).id;
    expectError(await t.call(nurse, { method: 'POST', url: `/api/patients/${patientId}/courses`, payload: { protocolId: protocols.sublingual } }), 409, 'CONFLICT');
    expect((await t.call(nurse, { method: 'POST', url: `/api/patients/${patientId}/status`, payload: { status: 'screening' } })).statusCode).toBe(200);
    expect((await t.call(nurse, { method: 'PUT', url: `/api/patients/${patientId}/screening`, payload: { indications: ['ptsd'], conditions: [] } })).statusCode).toBe(200);
    const decided = await t.call(prescriber, { method: 'POST', url: `/api/patients/${patientId}/eligibility-decisions`, payload: { decision: 'eligible' } });
    expect(decided.statusCode, decided.body).toBe(201);

    const course = await createCourse(t, therapist, patientId, { protocolId: protocols.sublingual });
    expect(course).toMatchObject({ status: 'planned', route: 'sublingual', therapistId: ids.therapist, timeZone: LA, protocol: { id: protocols.sublingual, version: 1 } });
    expect(course.proposal).toMatchObject({ failure: null, alternatives: [] });
    expect(summary(course.appointments)).toEqual(EXPECTED);
    expect(violationsOf(await definitionOf(t, t.demoClinicId, protocols.sublingual), course)).toEqual([]);
    const rooms = await roomsByName(t);
    const dosingRooms = [rooms.cedar!.id, rooms.willow!.id];
    for (const a of course.appointments) {
      expect(a).toMatchObject({ id: null, status: 'proposed', therapistId: ids.therapist, staffIds: [ids.therapist], nurseId: null });
      expect(a.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Temporal.Instant.compare(Temporal.Instant.from(a.start), t.clock.now)).toBeGreaterThanOrEqual(0);
      // therapist@ works Monday to Friday 09:00–17:00 (clinic time).
      const [start, end] = [Temporal.Instant.from(a.start).toZonedDateTimeISO(LA), Temporal.Instant.from(a.end).toZonedDateTimeISO(LA)];
      expect(start.dayOfWeek).toBeLessThanOrEqual(5);
      expect(start.toPlainTime().toString() >= '09:00' && end.toPlainTime().toString() <= '17:00', `${local(a.start)} inside working hours`).toBe(true);
      if (a.kind === 'dosing') expect(dosingRooms).toContain(a.roomId);
    }
    const listed = await t.call(nurse, { method: 'GET', url: `/api/patients/${patientId}/courses` });
    expect((listed.json() as { items: CourseJson[] }).items.map((c) => c.id)).toEqual([course.id]);
    // One open course at a time.
    expectError(await t.call(nurse, { method: 'POST', url: `/api/patients/${patientId}/courses`, payload: { protocolId: protocols.im } }), 409, 'CONFLICT');
  });

  it('books a nurse for every intramuscular dose, and only for the doses', async () => {
    const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [ids.therapist2] });
    const course = await createCourse(t, nurse, p.id, { protocolId: protocols.im });
    expect(summary(course.appointments)).toEqual(EXPECTED);
    for (const a of course.appointments) {
      expect(a.nurseId === null).toBe(a.kind !== 'dosing');
      expect(a.staffIds).toEqual(a.nurseId ? [ids.therapist2, a.nurseId] : [ids.therapist2]);
    }
    expect(violationsOf(await definitionOf(t, t.demoClinicId, protocols.im), course)).toEqual([]);
  });

  it('refuses a patient who is not eligible, naming the status', async () => {
    for (const status of ['referred', 'screening', 'ineligible', 'withdrawn']) {
      const p = await addPatient(t, t.demoClinicId, { therapistIds: [ids.therapist] });
      await setStatus(t, t.demoClinicId, p.id, status);
      const err = expectError(await t.call(nurse, { method: 'POST', url: `/api/patients/${p.id}/courses`, payload: { protocolId: protocols.sublingual } }), 409, 'CONFLICT');
      expect(err.message).toContain(`"${status}"`);
    }
  });

  it('names the blocking step and constraint when no plan exists, and offers another therapist who can', async () => {
    const idle = await staffWithHours(t, t.demoClinicId, 'therapist', {});
    const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [idle.staffId, ids.therapist2] });
    const course = await createCourse(t, nurse, p.id, { protocolId: protocols.sublingual, therapistId: idle.staffId });
    expect(course.appointments).toEqual([]);
    expect(course.proposal!.failure).toMatchObject({ step: 'preparation 1', reason: 'therapist-off' });
    expect(course.proposal!.failure!.message).toMatch(/preparation 1 cannot be placed — the therapist is not working/);
    const alternatives = course.proposal!.alternatives;
    expect(alternatives[0]).toMatchObject({ kind: 'therapist', therapistId: ids.therapist2 }); // the care team's other therapist first
    expect(alternatives.every((a) => a.kind === 'therapist')).toBe(true);
    expectError(await bookCourse(t, nurse, course.id), 409, 'CONFLICT');

    const replanned = await t.call(nurse, { method: 'POST', url: `/api/courses/${course.id}/plan`, payload: { therapistId: ids.therapist2 } });
    expect(replanned.statusCode, replanned.body).toBe(200);
    const again = replanned.json() as CourseJson;
    expect(again).toMatchObject({ therapistId: ids.therapist2, proposal: { failure: null } });
    expect(summary(again.appointments)).toEqual(EXPECTED);
    expect(local(again.appointments[0]!.start)).toBe(local((alternatives[0] as { firstAppointment: string }).firstAppointment));
  });
});

describe('booking a course', () => {
  it('books every appointment, moves the patient into the course, queues reminders and anchors the dose questionnaires', async () => {
    const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [ids.therapist], prescriberId: ids.prescriber });
    const scheduleId = await doseAnchoredSchedule(t, nurse, p.id, [24]);
    const planned = await createCourse(t, nurse, p.id, { protocolId: protocols.sublingual });
    const res = await bookCourse(t, admin, planned.id); // scheduling is administrative
    expect(res.statusCode, res.body).toBe(200);
    const course = res.json() as CourseJson;
    expect(course).toMatchObject({ status: 'booked', proposal: null, violations: [] });
    expect(summary(course.appointments)).toEqual(EXPECTED);
    expect(course.appointments.map((a) => [a.start, a.end, a.roomId])).toEqual(planned.appointments.map((a) => [a.start, a.end, a.roomId]));
    expect(course.appointments.every((a) => a.status === 'booked' && a.id && a.courseId === course.id)).toBe(true);
    expect(await getCourse(t, therapist, course.id)).toEqual(course);
    expect((await appointmentRows(t, t.demoClinicId, { courseId: course.id })).length).toBe(14);
    const patient = (await t.call(nurse, { method: 'GET', url: `/api/patients/${p.id}` })).json() as { status: string };
    expect(patient.status).toBe('in-course');

    for (const a of course.appointments) {
      const reminders = await reminderRows(t, a.id!);
      const start = Temporal.Instant.from(a.start);
      // 24 h and 2 h before, except what would already be past (the first session is this morning).
      const due = [start.subtract({ hours: 24 }), start.subtract({ hours: 2 })].filter((x) => Temporal.Instant.compare(x, t.clock.now) > 0);
      expect(due.length).toBe(a === course.appointments[0] ? 1 : 2);
      expect(reminders.map((r) => r.nextAttemptAt.toISOString())).toEqual(due.map(iso));
      for (const r of reminders) {
        expect(r).toMatchObject({ kind: 'appointment-reminder', recipient: p.email, status: 'pending' });
        expect(r.bodyText).toMatch(whenPattern(a.start));
        expect(r.subject).toMatch(whenPattern(a.start));
        if (a.kind === 'dosing') {
          expect(r.bodyText).toMatch(/do not eat for 2 hours, and do not drink for 30 minutes/);
          expect(r.bodyText).toMatch(/Arrange a ride home: you must not drive until the next day/);
        } else expect(r.bodyText).not.toMatch(/ride home|do not eat/);
      }
      expect((await historyOf(t, nurse, a.id!)).map((h) => [h.action, h.changedByName])).toEqual([['booked', 'Morgan Reyes']]);
    }

    const doses = course.appointments.filter((a) => a.kind === 'dosing');
    const anchors = await doseAnchors(t, t.demoClinicId, p.id, scheduleId);
    expect(anchors.events.map((e) => [e.id, e.dosedAt.toISOString()])).toEqual(doses.map((d) => [d.id, d.start]));
    expect(anchors.assignments.map((a) => [a.doseEventId, a.dueAt.toISOString()])).toEqual(
      doses.map((d) => [d.id, iso(Temporal.Instant.from(d.start).add({ hours: 24 }))]),
    );
    expectError(await bookCourse(t, nurse, course.id), 409, 'CONFLICT');
  });

  it('refuses a plan gone stale, naming each conflicting appointment and rule, and books nothing at all', async () => {
    const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [ids.therapist] });
    const planned = await createCourse(t, nurse, p.id, { protocolId: protocols.sublingual });
    const taken = [planned.appointments.find((a) => a.kind === 'dosing' && a.number === 3)!, planned.appointments.find((a) => a.kind === 'integration' && a.number === 5)!];
    // Meanwhile, other patients are booked with the same therapist at two of the plan's times.
    for (const a of taken) {
      const other = await eligiblePatient(t, t.demoClinicId, { therapistIds: [ids.therapist] });
      const single = await t.call(nurse, { method: 'POST', url: '/api/appointments', payload: { patientId: other.id, kind: 'follow-up', start: a.start, durationMinutes: 60, roomId: a.roomId, therapistId: ids.therapist } });
      expect(single.statusCode, single.body).toBe(201);
    }
    const outboxBefore = (await t.database.db.select().from(outbox)).length;
    const res = await bookCourse(t, nurse, planned.id);
    const err = expectError(res, 409, 'CONFLICT') as unknown as { conflicts: ConflictJson[]; message: string };
    expect(err.conflicts.map((c) => `${c.kind} ${c.number} ${c.rule}`)).toEqual(['dosing 3 therapist-busy', 'integration 5 therapist-busy']);
    expect(err.conflicts.map((c) => c.start)).toEqual(taken.map((a) => a.start));
    expect(err.message).toMatch(/^2 appointment\(s\) of the plan cannot be booked/);
    // All or nothing: no appointment, no reminder, no dose anchor, no status change.
    expect(await appointmentRows(t, t.demoClinicId, { courseId: planned.id })).toEqual([]);
    expect((await t.database.db.select().from(outbox)).length).toBe(outboxBefore);
    expect((await doseAnchors(t, t.demoClinicId, p.id)).events).toEqual([]);
    expect(await getCourse(t, nurse, planned.id)).toMatchObject({ status: 'planned' });
    expect(((await t.call(nurse, { method: 'GET', url: `/api/patients/${p.id}` })).json() as { status: string }).status).toBe('eligible');

    // Planning again works around the new bookings.
    const replanned = await t.call(nurse, { method: 'POST', url: `/api/courses/${planned.id}/plan`, payload: {} });
    expect(replanned.statusCode, replanned.body).toBe(200);
    const fresh = replanned.json() as CourseJson;
    for (const a of taken) expect(fresh.appointments.some((x) => x.start === a.start)).toBe(false);
    expect((await bookCourse(t, nurse, planned.id)).statusCode).toBe(200);
  });

  it('books a rule-breaking appointment only as an exception with a written reason, visible on the course', async () => {
    const own = await staffWithHours(t, t.demoClinicId, 'therapist', weekdays('09:00', '17:00'));
    const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [own.staffId] });
    const planned = await createCourse(t, nurse, p.id, { protocolId: protocols.sublingual });
    const dose2 = planned.appointments.find((a) => a.kind === 'dosing' && a.number === 2)!;
    const dose3 = planned.appointments.find((a) => a.kind === 'dosing' && a.number === 3)!;
    // Integration 2 on the day of dose 3, after it: outside its 24–48 h window and after the next dose.
    const late = Temporal.Instant.from(dose3.end).add({ minutes: 30 }).toString();
    expect(Temporal.Instant.from(late).since(Temporal.Instant.from(dose2.start)).total('hours')).toBeGreaterThan(48);
    const adjust = { appointments: [{ kind: 'integration', number: 2, start: late }] };

    const refused = expectError(await bookCourse(t, nurse, planned.id, adjust), 409, 'CONFLICT') as unknown as { conflicts: ConflictJson[] };
    expect(refused.conflicts.map((c) => `${c.kind} ${c.number} ${c.rule}`)).toEqual(['integration 2 integration-window', 'integration 2 integration-before-next-dose']);
    expect(refused.conflicts[0]!.message).toMatch(/bookable as an exception with a written reason/);
    expect(await appointmentRows(t, t.demoClinicId, { courseId: planned.id })).toEqual([]);
    expectError(await bookCourse(t, nurse, planned.id, { ...adjust, exceptions: [{ kind: 'integration', number: 2, reason: 'no' }] }), 400, 'VALIDATION_FAILED');
    expectError(await bookCourse(t, nurse, planned.id, { exceptions: [{ kind: 'integration', number: 9, reason: 'not in the plan at all' }] }), 400, 'VALIDATION_FAILED');

    const reason = 'Patient travels for work on Tuesday; agreed with Dr Shah.';
    const booked = await bookCourse(t, nurse, planned.id, { ...adjust, exceptions: [{ kind: 'integration', number: 2, reason }] });
    expect(booked.statusCode, booked.body).toBe(200);
    const course = booked.json() as CourseJson;
    const integration2 = course.appointments.find((a) => a.kind === 'integration' && a.number === 2)!;
    expect(integration2).toMatchObject({ start: new Date(late).toISOString(), exceptionReason: reason, status: 'booked' });
    expect(course.appointments.filter((a) => a.exceptionReason).length).toBe(1);
    expect(course.violations.map((v) => [v.appointmentId, v.rule])).toEqual([[integration2.id, 'integration-window'], [integration2.id, 'integration-before-next-dose']]);
    expect((await historyOf(t, nurse, integration2.id!))[0]).toMatchObject({ action: 'booked', reason });
  });
});
