/**
 * Reminders (issue #4 §5), through the outbox: booking a course queues each appointment's patient reminders 24 h and
 * 2 h before, in the clinic's local time with the zone's name (PST before 8 March 2026, PDT after), with fasting and
 * ride-home instructions for dosing sessions; rescheduling replaces the pending ones, cancelling removes them; and
 * the therapist is told once when a dose has no integration session booked 12 hours after it.
 */
import { and, eq, like } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema';
import { integrationMissingRef, remindMissingIntegrations } from '../../src/server/features/calendar/integration-reminders';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { DEMO } from '../http/support';
import { clockText, eligiblePatient, ok, outboxFor, setClock, sublingualProtocolId, ZONE } from './support';

interface Appointment { id: string; kind: string; number: number; start: string; end: string; status: string }
interface Course { id: string; status: string; appointments: Appointment[]; proposal: { failure: { message: string } | null } | null }

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dateText = (iso: string) => {
  const z = Temporal.Instant.from(iso).toZonedDateTimeISO(ZONE);
  return `${MONTHS[z.month - 1]} ${z.day}, ${z.year}`;
};

let t: TestApp;
let nurse: Session;
let patient: { id: string; email: string };
let course: Course;
let therapistEmail: string;

const find = (kind: string, number: number) => course.appointments.find((a) => a.kind === kind && a.number === number)!;
const reload = async (s: Session) => (course = ok<Course>(await t.call(s, { method: 'GET', url: `/api/courses/${course.id}` })));

beforeAll(async () => {
  t = await createTestApp();
  setClock(t, '2026-02-23T16:00:00Z'); // Monday 23 February 2026, 08:00 PST
  const [n, therapist, prescriber] = await t.signInAll(DEMO.nurse, DEMO.therapist, DEMO.prescriber);
  nurse = n;
  therapistEmail = DEMO.therapist;
  patient = await eligiblePatient(t, { therapistIds: [therapist.user.staffId!], prescriberId: prescriber.user.staffId! });
  const planned = ok<Course>(await t.call(nurse, {
    method: 'POST', url: `/api/patients/${patient.id}/courses`, payload: { protocolId: await sublingualProtocolId(t), startDate: '2026-02-24' },
  }), 201);
  expect(planned.proposal?.failure ?? null).toBeNull();
  course = ok<Course>(await t.call(nurse, { method: 'POST', url: `/api/courses/${planned.id}/book`, payload: {} }));
  expect(course.status).toBe('booked');
  expect(course.appointments).toHaveLength(14);
});
afterAll(() => t.close());

describe('patient reminders', () => {
  it('are queued 24 h and 2 h before each appointment, in clinic-local time with the zone’s name', async () => {
    const zones = new Set<string>();
    for (const a of course.appointments) {
      const rows = await outboxFor(t, `appointment:${a.id}`);
      const start = Temporal.Instant.from(a.start);
      expect(rows.map((r) => r.nextAttemptAt.toISOString())).toEqual([
        new Date(start.subtract({ hours: 24 }).epochMilliseconds).toISOString(),
        new Date(start.subtract({ hours: 2 }).epochMilliseconds).toISOString(),
      ]);
      for (const r of rows) {
        expect(r).toMatchObject({ kind: 'appointment-reminder', recipient: patient.email, status: 'pending' });
        const when = `${dateText(a.start)} at ${clockText(a.start)}`;
        expect(r.subject).toContain(when);
        expect(r.bodyText).toContain(when);
        expect(r.bodyText).toContain('Tilth Demo Clinic');
        if (a.kind === 'dosing') {
          expect(r.subject).toContain('ketamine session');
          expect(r.bodyText).toContain('do not eat for 2 hours');
          expect(r.bodyText).toContain('do not drink for 30 minutes');
          expect(r.bodyText).toMatch(/ride home/i);
          expect(r.bodyText).toContain('must not drive until the next day');
        } else {
          expect(r.bodyText).not.toMatch(/ride home/i);
        }
      }
      zones.add(clockText(a.start).slice(-3));
    }
    // The course runs across 8 March: reminders before it say PST, after it PDT.
    expect([...zones].sort()).toEqual(['PDT', 'PST']);
  });

  it('are replaced when an appointment is rescheduled (with its dependent moves)', async () => {
    const dose = find('dosing', 6);
    const before = await outboxFor(t, `appointment:${dose.id}`);
    expect(before).toHaveLength(2);
    let applied: { moves: { appointmentId: string }[] } | null = null;
    for (const days of [1, 2, 3, 7]) {
      const start = Temporal.Instant.from(dose.start).toZonedDateTimeISO(ZONE).add({ days }).toInstant().toString();
      const preview = await t.call(nurse, { method: 'PATCH', url: `/api/appointments/${dose.id}`, payload: { start } });
      if (preview.statusCode !== 200 || (preview.json() as { violations: unknown[] }).violations.length) continue;
      applied = ok<{ applied: boolean; moves: { appointmentId: string }[] }>(await t.call(nurse, { method: 'PATCH', url: `/api/appointments/${dose.id}`, payload: { start, confirm: true } }));
      break;
    }
    expect(applied, 'some later day to move dose 6 to').not.toBeNull();
    await reload(nurse);
    const moved = new Set([dose.id, ...applied!.moves.map((m) => m.appointmentId)]);
    for (const id of moved) {
      const a = course.appointments.find((x) => x.id === id)!;
      const rows = await outboxFor(t, `appointment:${id}`);
      const start = Temporal.Instant.from(a.start);
      expect(rows.map((r) => r.nextAttemptAt.getTime())).toEqual([start.subtract({ hours: 24 }).epochMilliseconds, start.subtract({ hours: 2 }).epochMilliseconds]);
      for (const r of rows) expect(r.bodyText).toContain(`${dateText(a.start)} at ${clockText(a.start)}`);
    }
    const after = await outboxFor(t, `appointment:${dose.id}`);
    expect(after.map((r) => r.id).some((id) => before.some((b) => b.id === id))).toBe(false);
    expect(find('dosing', 6).start).not.toBe(dose.start);
  });

  it('are removed when an appointment is cancelled (one already sent stays as it was)', async () => {
    const integration = find('integration', 3);
    const rows = await outboxFor(t, `appointment:${integration.id}`);
    expect(rows).toHaveLength(2);
    await t.database.db.update(outbox).set({ status: 'sent', sentAt: new Date() }).where(and(eq(outbox.clinicId, t.demoClinicId), eq(outbox.id, rows[0]!.id)));
    const others = (await t.database.db.select().from(outbox).where(like(outbox.ref, 'appointment:%'))).length;
    ok(await t.call(nurse, { method: 'POST', url: `/api/appointments/${integration.id}/cancel`, payload: { reason: 'patient-request' } }));
    const left = await outboxFor(t, `appointment:${integration.id}`);
    expect(left.map((r) => [r.id, r.status])).toEqual([[rows[0]!.id, 'sent']]);
    expect((await t.database.db.select().from(outbox).where(like(outbox.ref, 'appointment:%'))).length).toBe(others - 1);
  });
});

describe('the therapist’s integration reminder', () => {
  const run = () => remindMissingIntegrations(t.deps.database, t.clock.now, t.deps.config.publicUrl);

  it('is sent once, 12 hours after a dose whose integration session is not booked', async () => {
    const dose1 = find('dosing', 1);
    const dose2 = find('dosing', 2);
    ok(await t.call(nurse, { method: 'POST', url: `/api/appointments/${find('integration', 2).id}/cancel`, payload: { reason: 'clinical-hold' } }));
    const doseAt = Temporal.Instant.from(dose2.start);

    t.clock.now = doseAt.add({ hours: 11, minutes: 59 });
    await run();
    expect(await outboxFor(t, integrationMissingRef(dose2.id))).toEqual([]);

    // With the clinic's setting at 20 hours, 12 hours are not enough yet.
    const admin = await t.signIn(DEMO.admin);
    ok(await t.call(admin, { method: 'PATCH', url: '/api/clinic', payload: { settings: { integrationReminderHours: 20 } } }));
    t.clock.now = doseAt.add({ hours: 12 });
    await run();
    expect(await outboxFor(t, integrationMissingRef(dose2.id))).toEqual([]);
    ok(await t.call(admin, { method: 'PATCH', url: '/api/clinic', payload: { settings: { integrationReminderHours: 12 } } }));

    // Several instances at once, and again later: one message.
    await Promise.all([run(), run(), run()]);
    t.clock.advance({ minutes: 10 });
    await run();
    const sent = await outboxFor(t, integrationMissingRef(dose2.id));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'integration-missing', recipient: therapistEmail, status: 'pending' });
    expect(sent[0]!.subject).toBe('Integration session not booked: P.P., dose 2');
    expect(sent[0]!.bodyText).toContain(`${dateText(dose2.start)} at ${clockText(dose2.start)}`);
    expect(sent[0]!.bodyText).toContain('12 hours later');
    expect(sent[0]!.bodyText).toContain(`/patients/${patient.id}`);
    expect(sent[0]!.bodyText).not.toContain(patient.email);

    // Dose 1 has its integration session: nothing about it.
    expect(await outboxFor(t, integrationMissingRef(dose1.id))).toEqual([]);
  });
});
