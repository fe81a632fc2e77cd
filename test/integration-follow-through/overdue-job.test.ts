/**
 * The overdue-integration job (issue #6 §2), on PGlite and PostgreSQL: each dose whose integration window ended without
 * an integration held gets exactly one message to the course's therapist and one to each active admin, through the
 * outbox, audited as a system event; never for a held integration, a window still open or one that ended more than a
 * week ago; and still exactly one set when the job runs again, or from two app instances at once (on PostgreSQL, two
 * connection pools on one database).
 */
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/db/database';
import { auditEvents, outbox, patients, staffMembers } from '../../src/db/schema';
import { alertOverdueIntegrations, integrationOverdueRef } from '../../src/server/features/follow-through/overdue-job';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { TEST_DB } from '../helpers/test-db';
import { addStaff, DEMO } from '../http/support';
import { courseWith, giveDose, setClock, staffSessions, sublingualProtocol, type Fixture } from './support';

let t: TestApp;
let second: Database | undefined;
let a: Fixture, b: Fixture, c: Fixture, old: Fixture;
let admins: string[];

const run = (database: Database = t.database) => alertOverdueIntegrations(database, t.clock.now, t.deps.config.publicUrl);
const messagesAbout = (doseId: string) => t.database.db.select().from(outbox).where(eq(outbox.ref, integrationOverdueRef(doseId)));
const allOverdueMessages = () => t.database.db.select().from(outbox).where(like(outbox.ref, 'integration-overdue:%'));
const alertEvents = () => t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'integration-overdue.alert'));

beforeAll(async () => {
  t = await createTestApp();
  if (TEST_DB === 'postgres') second = openPostgres(t.database.url!, { maxConnections: 4 });
  setClock(t, '2026-03-10T08:00');
  const s = await staffSessions(t);
  const protocol = await sublingualProtocol(t);
  // A second active admin gets the message too; an inactive one does not.
  const extra = await addStaff(t, t.demoClinicId, 'admin');
  const gone = await addStaff(t, t.demoClinicId, 'admin');
  await t.database.db.update(staffMembers).set({ active: false }).where(and(eq(staffMembers.clinicId, t.demoClinicId), eq(staffMembers.id, gone.staffId)));
  admins = (await t.database.db.select({ email: staffMembers.email }).from(staffMembers)
    .where(and(eq(staffMembers.clinicId, t.demoClinicId), eq(staffMembers.role, 'admin'), eq(staffMembers.active, true)))).map((r) => r.email);
  expect(admins).toEqual(expect.arrayContaining([DEMO.admin, extra.email]));
  expect(admins).not.toContain(gone.email);

  // Therapist's patient: dose 1 with no integration (overdue), dose 2 with its integration held.
  a = await courseWith(t, s.therapist.user.staffId!, protocol, [
    { kind: 'dosing', number: 1, start: '2026-04-06T10:00' },
    { kind: 'dosing', number: 2, start: '2026-04-09T10:00' }, { kind: 'integration', number: 2, start: '2026-04-10T11:00', status: 'completed' },
  ]);
  await giveDose(t, a, 1, '2026-04-06T10:05', '2026-04-06T12:35');
  await giveDose(t, a, 2, '2026-04-09T10:05', '2026-04-09T12:35');
  // Therapist 2's patient: an integration booked inside the window but never recorded as held.
  b = await courseWith(t, s.therapist2.user.staffId!, protocol, [{ kind: 'dosing', number: 1, start: '2026-04-06T13:00' }, { kind: 'integration', number: 1, start: '2026-04-07T14:00' }]);
  await giveDose(t, b, 1, '2026-04-06T13:00', '2026-04-06T15:30');
  // A dose on Friday whose window is still open on Saturday.
  c = await courseWith(t, s.therapist.user.staffId!, protocol, [{ kind: 'dosing', number: 1, start: '2026-04-10T13:00' }]);
  await giveDose(t, c, 1, '2026-04-10T13:00', '2026-04-10T15:30');
  // A window that ended more than a week before the job first runs.
  old = await courseWith(t, s.therapist2.user.staffId!, protocol, [{ kind: 'dosing', number: 1, start: '2026-03-23T10:00' }]);
  await giveDose(t, old, 1, '2026-03-23T10:00', '2026-03-23T12:30');
});
afterAll(async () => {
  await second?.close();
  await t?.close();
});

describe('overdue integrations', () => {
  it('send one message per overdue dose to the course’s therapist and to each active admin, audited as the system', async () => {
    setClock(t, '2026-04-11T12:00');
    expect(await run()).toBe(2);
    const toA = await messagesAbout(a.ids['dosing 1']!);
    expect(toA.map((m) => m.recipient).sort()).toEqual([DEMO.therapist, ...admins].sort());
    const toB = await messagesAbout(b.ids['dosing 1']!);
    expect(toB.map((m) => m.recipient).sort()).toEqual([DEMO.therapist2, ...admins].sort());
    expect(await allOverdueMessages()).toHaveLength(toA.length + toB.length);
    const [patient] = await t.database.db.select().from(patients).where(eq(patients.id, a.patientId));
    for (const m of toA) {
      expect(m).toMatchObject({ kind: 'integration-overdue', status: 'pending', subject: expect.stringMatching(/^Integration overdue: P\.P\., dose 1$/) });
      expect(m.bodyText).toContain(`/patients/${a.patientId}/course`);
      expect(m.bodyText).toMatch(/given on Monday, April 6, 2026 at 10:05 AM PDT/);
      expect(m.bodyText).toMatch(/within 24–48 hours, by Wednesday, April 8, 2026 at 10:00 AM PDT/);
      expect(m.bodyText).not.toContain(patient!.familyName);
    }
    expect(toB[0]!.bodyText).toContain('after the window (or was not recorded as held)');
    const events = await alertEvents();
    expect(events.map((e) => e.resourceId).sort()).toEqual([a.ids['dosing 1'], b.ids['dosing 1']].sort());
    expect(events.every((e) => e.actorType === 'system' && e.actorId === null && e.outcome === 'allowed')).toBe(true);
    expect(events.find((e) => e.resourceId === a.ids['dosing 1'])).toMatchObject({ patientId: a.patientId, detail: { courseId: a.courseId, dose: 1, recipients: admins.length + 1 } });
  });

  it('sends nothing for a held integration, an open window or one that ended more than a week ago', async () => {
    for (const id of [a.ids['dosing 2']!, c.ids['dosing 1']!, old.ids['dosing 1']!]) expect(await messagesAbout(id)).toEqual([]);
  });

  it('sends nothing more when it runs again', async () => {
    const before = (await allOverdueMessages()).length;
    expect(await run()).toBe(0);
    t.clock.advance({ minutes: 10 });
    expect(await run()).toBe(0);
    expect(await allOverdueMessages()).toHaveLength(before);
    expect(await alertEvents()).toHaveLength(2);
  });

  it('sends exactly one set when two app instances run it at once', async () => {
    // Monday: Friday's dose is now overdue too.
    setClock(t, '2026-04-13T09:00');
    const results = await Promise.all([run(t.database), run(second ?? t.database), run(second ?? t.database), run(t.database)]);
    expect(results.reduce((sum, n) => sum + n, 0)).toBe(1);
    expect((await messagesAbout(c.ids['dosing 1']!)).map((m) => m.recipient).sort()).toEqual([DEMO.therapist, ...admins].sort());
    expect((await alertEvents()).filter((e) => e.resourceId === c.ids['dosing 1'])).toHaveLength(1);
    expect(await messagesAbout(a.ids['dosing 1']!)).toHaveLength(admins.length + 1);
  });
});
