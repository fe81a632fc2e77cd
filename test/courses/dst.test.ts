/**
 * Daylight-saving changes through the API (issue #4 §2, §5): a course planned across the spring change in Los Angeles
 * (8 March 2026) and across the autumn change in Berlin (25 October 2026) keeps its local hour, the course rules
 * measure days in the clinic's zone, and reminders show the local time with the zone's name as it is on that day.
 */
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolDefinition } from '../../src/core/scheduling/protocol';
import { newId, toDate } from '../../src/db/ids';
import { insertRoom } from '../../src/db/repos/clinics';
import { insertProtocol } from '../../src/db/repos/scheduling';
import { DEMO_PROTOCOLS } from '../../src/server/demo/seed-scheduling';
import { unwrapOrThrow } from '../../src/core/result-helpers';
import { createClinic } from '../../src/server/features/clinic/create-clinic';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { addStaff, DEMO, unique } from '../http/support';
import {
  bookCourse, createCourse, definitionOf, demoProtocols, eligiblePatient, local, reminderRows, setClock, staffWithHours, summary, violationsOf, weekdays,
  type CourseJson,
} from './support';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const EXPECTED = ['preparation 1', 'preparation 2', ...[1, 2, 3, 4, 5, 6].flatMap((n) => [`dosing ${n}`, `integration ${n}`])];
const offsets = (c: CourseJson, zone: string) => c.appointments.map((a) => Temporal.Instant.from(a.start).toZonedDateTimeISO(zone).offset);

describe('across the spring change in Los Angeles (8 March 2026)', () => {
  it('plans and books every session at 09:00 local, before and after the change, with reminders in PST and PDT', async () => {
    setClock(t, '2026-03-02T06:00'); // a Monday, a week before the change
    const [nurse, therapist] = await t.signInAll(DEMO.nurse, DEMO.therapist);
    const { sublingual } = await demoProtocols(t);
    const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [therapist.user.staffId!] });
    const planned = await createCourse(t, nurse, p.id, { protocolId: sublingual });
    expect(summary(planned.appointments)).toEqual(EXPECTED);
    expect(planned.appointments.map((a) => local(a.start))).toEqual([
      '2026-03-02T09:00', '2026-03-03T09:00', '2026-03-04T09:00', '2026-03-05T09:00',
      // Friday's dose would need its integration at the weekend: Monday instead, after the change.
      '2026-03-09T09:00', '2026-03-10T09:00', '2026-03-11T09:00', '2026-03-12T09:00',
      '2026-03-16T09:00', '2026-03-17T09:00', '2026-03-18T09:00', '2026-03-19T09:00', '2026-03-23T09:00', '2026-03-24T09:00',
    ]);
    const utcHours = planned.appointments.map((a) => Temporal.Instant.from(a.start).toZonedDateTimeISO('UTC').hour);
    expect(utcHours.slice(0, 4)).toEqual([17, 17, 17, 17]); // PST, UTC−8
    expect(new Set(utcHours.slice(4))).toEqual(new Set([16])); // PDT, UTC−7
    expect(violationsOf(await definitionOf(t, t.demoClinicId, sublingual), planned)).toEqual([]);

    const res = await bookCourse(t, nurse, planned.id);
    expect(res.statusCode, res.body).toBe(200);
    const course = res.json() as CourseJson;
    expect(course.violations).toEqual([]);
    const dose1 = course.appointments.find((a) => a.kind === 'dosing' && a.number === 1)!;
    const dose2 = course.appointments.find((a) => a.kind === 'dosing' && a.number === 2)!;
    const first = await reminderRows(t, dose1.id!);
    expect(first.length).toBe(2);
    for (const r of first) expect(r.bodyText).toMatch(/Wednesday, March 4, 2026 at 9:00\sAM PST/);
    const reminders = await reminderRows(t, dose2.id!);
    // 24 hours before Monday 09:00 PDT is Sunday 09:00 PDT (the day of the change is 23 hours long).
    expect(reminders.map((r) => Temporal.Instant.fromEpochMilliseconds(r.nextAttemptAt.getTime()).toZonedDateTimeISO('America/Los_Angeles').toString())).toEqual([
      '2026-03-08T09:00:00-07:00[America/Los_Angeles]', '2026-03-09T07:00:00-07:00[America/Los_Angeles]',
    ]);
    for (const r of reminders) expect(r.bodyText).toMatch(/Monday, March 9, 2026 at 9:00\sAM PDT/);
  });
});

describe('across the autumn change in Berlin (25 October 2026)', () => {
  it('keeps 09:00 local in a clinic in Europe/Berlin, and names the zone in reminders', async () => {
    const zone = 'Europe/Berlin';
    setClock(t, '2026-10-19T06:00', zone); // a Monday, the week before the change
    const slug = unique('berlin');
    const { clinicId } = unwrapOrThrow(await createClinic(t.deps, t.database.db, {
      name: 'Praxis Berlin', slug, timeZone: zone, phone: '+49 30 555 0100', email: `${slug}@berlin.tilth.test`,
      address: { line1: 'Torstraße 1', city: 'Berlin', region: 'BE', postalCode: '10119', country: 'DE' },
    }));
    const at = toDate(t.clock.now);
    await insertRoom(t.database.db, { clinicId, id: newId(), name: 'Linde', kind: 'dosing', equipment: ['recliner'], createdAt: at });
    await insertRoom(t.database.db, { clinicId, id: newId(), name: 'Ahorn', kind: 'consult', equipment: [], createdAt: at });
    const therapist = await staffWithHours(t, clinicId, 'therapist', weekdays('09:00', '17:00'));
    await staffWithHours(t, clinicId, 'prescriber', weekdays('08:00', '18:00'));
    const admin = await addStaff(t, clinicId, 'admin');
    const protocolId = newId();
    const definition = ProtocolDefinition.parse(DEMO_PROTOCOLS[0]);
    await insertProtocol(t.database.db, { clinicId, id: protocolId, version: 1, name: definition.name, definition, active: true, createdBy: admin.staffId, createdAt: at });
    const session = await t.signIn(admin.email);
    const p = await eligiblePatient(t, clinicId, { therapistIds: [therapist.staffId] });

    const planned = await createCourse(t, session, p.id, { protocolId });
    expect(planned.timeZone).toBe(zone);
    expect(summary(planned.appointments)).toEqual(EXPECTED);
    expect(new Set(planned.appointments.map((a) => local(a.start, zone).slice(11)))).toEqual(new Set(['09:00']));
    expect(offsets(planned, zone).slice(0, 4)).toEqual(['+02:00', '+02:00', '+02:00', '+02:00']);
    expect(new Set(offsets(planned, zone).slice(4))).toEqual(new Set(['+01:00']));
    expect(violationsOf(await definitionOf(t, clinicId, protocolId), planned)).toEqual([]);

    const res = await bookCourse(t, session, planned.id);
    expect(res.statusCode, res.body).toBe(200);
    const course = res.json() as CourseJson;
    const [before, after] = [course.appointments[2]!, course.appointments[4]!];
    expect((await reminderRows(t, before.id!))[0]!.bodyText).toMatch(/Wednesday, October 21, 2026 at 9:00\sAM Central European Summer Time/);
    expect((await reminderRows(t, after.id!))[0]!.bodyText).toMatch(/Monday, October 26, 2026 at 9:00\sAM Central European Standard Time/);
  });
});
