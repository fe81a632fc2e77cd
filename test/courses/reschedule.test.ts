/**
 * Rescheduling an appointment of a booked course (issue #4 §3): the proposal lists the minimal dependent moves and
 * changes nothing; with "confirm" every move is applied (history with before, after and why; reminders replaced;
 * dose anchors moved). A move that breaks a course rule the moves cannot mend is refused unless booked as an exception
 * with a written reason; a move onto a taken slot is refused.
 */
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { DEMO, expectError } from '../http/support';
import {
  definitionOf, demoProtocols, doseAnchoredSchedule, doseAnchors, eligiblePatient, getCourse, historyOf, iso, mondayAfter, planAndBook,
  reminderRows, setClock, staffWithHours, violationsOf, weekdays, type AppointmentJson, type CourseJson,
} from './support';

interface Move { appointmentId: string; kind: string; number: number; from: { start: string; end: string; roomId: string }; to: { start: string; end: string; roomId: string } }
interface Outcome { applied: boolean; moves: Move[]; violations: { appointmentId: string; rule: string; message: string }[] }

let t: TestApp;
let nurse: Session;
let protocolId: string;
let therapistId: string;

beforeAll(async () => {
  t = await createTestApp();
  setClock(t, `${mondayAfter(t, 8).toString()}T06:00`);
  protocolId = (await demoProtocols(t)).sublingual;
});
beforeEach(async () => {
  nurse = await t.signIn(DEMO.nurse);
  // Each test's course has a therapist of its own (weekdays 09:00–17:00), so the tests do not crowd each other.
  therapistId = (await staffWithHours(t, t.demoClinicId, 'therapist', weekdays('09:00', '17:00'))).staffId;
});
afterAll(() => t.close());

const find = (c: CourseJson, kind: string, number: number) => c.appointments.find((a) => a.kind === kind && a.number === number && a.status !== 'cancelled')!;
const plus = (isoString: string, duration: Temporal.DurationLike) => iso(Temporal.Instant.from(isoString).add(duration));
const patch = (id: string, body: Record<string, unknown>) => t.call(nurse, { method: 'PATCH', url: `/api/appointments/${id}`, payload: body });
async function bookedCourse(withQuestionnaire = false) {
  const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] });
  const scheduleId = withQuestionnaire ? await doseAnchoredSchedule(t, nurse, p.id, [24]) : undefined;
  return { patient: p, scheduleId, course: await planAndBook(t, nurse, p.id, { protocolId }) };
}
/** The course with the moves applied, as the course rules see it. */
const applied = (course: CourseJson, moves: Move[]): CourseJson => ({
  ...course,
  appointments: course.appointments.map((a): AppointmentJson => {
    const m = moves.find((x) => x.appointmentId === a.id);
    return m ? { ...a, start: iso(Temporal.Instant.from(m.to.start)), end: iso(Temporal.Instant.from(m.to.end)), roomId: m.to.roomId } : a;
  }),
});

describe('rescheduling', () => {
  it('proposes the dependent moves without changing anything, then applies them all on confirmation', async () => {
    const { patient, scheduleId, course } = await bookedCourse(true);
    const definition = await definitionOf(t, t.demoClinicId, protocolId);
    const dose2 = find(course, 'dosing', 2);
    const target = plus(dose2.start, { hours: 24 });
    const remindersBefore = await reminderRows(t, dose2.id!);

    const proposal = await patch(dose2.id!, { start: target });
    expect(proposal.statusCode, proposal.body).toBe(200);
    const proposed = proposal.json() as Outcome;
    expect(proposed.applied).toBe(false);
    expect(proposed.violations).toEqual([]);
    expect(proposed.moves[0]).toMatchObject({ appointmentId: dose2.id, kind: 'dosing', number: 2, from: { start: Temporal.Instant.from(dose2.start).toString() } });
    expect(iso(Temporal.Instant.from(proposed.moves[0]!.to.start))).toBe(target);
    // The integration was a day after the old dose time (now the new one): it has to move; nothing before dose 2 does.
    expect(proposed.moves.map((m) => `${m.kind} ${m.number}`)).toContain('integration 2');
    for (const m of proposed.moves) {
      const current = course.appointments.find((a) => a.id === m.appointmentId)!;
      expect(iso(Temporal.Instant.from(m.from.start))).toBe(current.start);
      expect(Temporal.Instant.compare(Temporal.Instant.from(m.to.start), Temporal.Instant.from(dose2.start))).toBeGreaterThan(0);
    }
    expect(violationsOf(definition, applied(course, proposed.moves))).toEqual([]);
    expect(await getCourse(t, nurse, course.id)).toEqual(course);
    expect((await historyOf(t, nurse, dose2.id!)).map((h) => h.action)).toEqual(['booked']);
    expect(await reminderRows(t, dose2.id!)).toEqual(remindersBefore);

    const confirmed = await patch(dose2.id!, { start: target, confirm: true });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual({ ...proposed, applied: true });
    const after = await getCourse(t, nurse, course.id);
    expect(after).toEqual(applied(course, proposed.moves));
    expect(after.violations).toEqual([]);
    expect(violationsOf(definition, after)).toEqual([]);

    for (const m of proposed.moves) {
      const history = await historyOf(t, nurse, m.appointmentId);
      expect(history.map((h) => h.action)).toEqual(['booked', 'rescheduled']);
      expect(history[1]).toMatchObject({
        before: { start: iso(Temporal.Instant.from(m.from.start)), status: 'booked' },
        after: { start: iso(Temporal.Instant.from(m.to.start)), roomId: m.to.roomId, status: 'booked' },
        reason: m.appointmentId === dose2.id ? 'moved by staff' : 'moved with dosing 2 to keep the course rules',
        changedByName: 'Sam Okafor',
      });
      const start = Temporal.Instant.from(m.to.start);
      const reminders = await reminderRows(t, m.appointmentId);
      expect(reminders.map((r) => r.nextAttemptAt.toISOString())).toEqual([iso(start.subtract({ hours: 24 })), iso(start.subtract({ hours: 2 }))]);
      expect(reminders.every((r) => r.status === 'pending')).toBe(true);
    }
    const doses = after.appointments.filter((a) => a.kind === 'dosing');
    const anchors = await doseAnchors(t, t.demoClinicId, patient.id, scheduleId);
    expect(anchors.events.map((e) => [e.id, e.dosedAt.toISOString()])).toEqual(doses.map((d) => [d.id, d.start]));
    expect(anchors.assignments.map((a) => [a.doseEventId, a.dueAt.toISOString()])).toEqual(doses.map((d) => [d.id, plus(d.start, { hours: 24 })]));
  });

  it('moves an integration alone when its dose and the next dose still allow it', async () => {
    const { course } = await bookedCourse();
    const integration = find(course, 'integration', 4);
    const res = await patch(integration.id!, { start: plus(integration.start, { hours: 3 }), confirm: true });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Outcome).moves.map((m) => m.appointmentId)).toEqual([integration.id]);
  });

  it('refuses a move that breaks a course rule the other moves cannot mend, unless booked as an exception with a reason', async () => {
    const { course } = await bookedCourse();
    const definition = await definitionOf(t, t.demoClinicId, protocolId);
    const [integration1, dose2] = [find(course, 'integration', 1), find(course, 'dosing', 2)];
    // Dose 2 on the day of integration 1, right after it: too close to dose 1.
    const early = plus(integration1.end, { minutes: 30 });

    const refused = expectError(await patch(dose2.id!, { start: early, confirm: true }), 409, 'CONFLICT') as unknown as Outcome & { message: string };
    expect(refused.violations.map((v) => [v.appointmentId, v.rule])).toContainEqual([dose2.id, 'dose-spacing']);
    expect(refused.message).toMatch(/exception with a written reason/);
    expect(refused.moves[0]).toMatchObject({ appointmentId: dose2.id });
    expect(await getCourse(t, nurse, course.id)).toEqual(course);
    expectError(await patch(dose2.id!, { start: early, confirm: true, exceptionReason: 'ok' }), 400, 'VALIDATION_FAILED');

    const reason = 'Patient leaves the country next week; prescriber agreed to the shorter gap.';
    const proposal = (await patch(dose2.id!, { start: early, exceptionReason: reason })).json() as Outcome;
    expect(proposal).toMatchObject({ applied: false });
    expect(proposal.violations.map((v) => v.rule)).toContain('dose-spacing');
    const done = await patch(dose2.id!, { start: early, exceptionReason: reason, confirm: true });
    expect(done.statusCode, done.body).toBe(200);
    const after = await getCourse(t, nurse, course.id);
    expect(find(after, 'dosing', 2)).toMatchObject({ start: early, exceptionReason: reason });
    // The exception is visible on the course; every other rule still holds.
    expect(after.violations.map((v) => [v.appointmentId, v.rule])).toEqual(violationsOf(definition, after).map((v) => [v.appointmentId, v.rule]));
    expect(after.violations.every((v) => v.appointmentId === dose2.id && v.rule === 'dose-spacing')).toBe(true);
    expect((await historyOf(t, nurse, dose2.id!))[1]).toMatchObject({ action: 'rescheduled', reason });
  });

  it('refuses a move onto a slot that is taken or closed, saying which rule', async () => {
    const { course } = await bookedCourse();
    const integration3 = find(course, 'integration', 3);
    const dose3 = find(course, 'dosing', 3);
    // The patient is at their own dose 3 then.
    const own = expectError(await patch(integration3.id!, { start: dose3.start }), 409, 'CONFLICT') as unknown as { rule: string };
    expect(own.rule).toBe('patient-busy');
    // Another patient has the therapist an hour after the current integration.
    const other = await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistId] });
    const busyAt = plus(integration3.start, { hours: 2 });
    const single = await t.call(nurse, { method: 'POST', url: '/api/appointments', payload: { patientId: other.id, kind: 'follow-up', start: busyAt, roomId: integration3.roomId, therapistId } });
    expect(single.statusCode, single.body).toBe(201);
    const busy = expectError(await patch(integration3.id!, { start: plus(busyAt, { minutes: 30 }), confirm: true }), 409, 'CONFLICT') as unknown as { rule: string };
    expect(busy.rule).toBe('therapist-busy');
    // Sunday: the clinic is closed.
    const sunday = Temporal.Instant.from(integration3.start).toZonedDateTimeISO('America/Los_Angeles');
    const closedAt = iso(sunday.add({ days: 7 - sunday.dayOfWeek }).toInstant());
    const closed = expectError(await patch(integration3.id!, { start: closedAt, confirm: true }), 409, 'CONFLICT') as unknown as { rule: string; message: string };
    expect(closed.rule).toBe('closed');
    expect(closed.message).toMatch(/exception with a written reason/);
    expect(await getCourse(t, nurse, course.id)).toEqual(course);
    expectError(await patch(integration3.id!, { start: iso(t.clock.now.subtract({ hours: 1 })) }), 400, 'VALIDATION_FAILED');
  });
});
