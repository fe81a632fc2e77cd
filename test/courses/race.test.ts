/**
 * No double booking, ever (issue #4 §4): two app instances (two Fastify apps, each with its own connection pool) on one
 * PostgreSQL database take concurrent requests competing for the same time. Exactly one wins each slot; every other
 * request gets a clean 409 naming the rule; a course is booked whole or not at all.
 *
 * PostgreSQL only: PGlite is one in-process connection (one query at a time, one app instance per data folder), so
 * nothing can race there; the exclusion constraints that decide these races are the same on both and are exercised
 * on PGlite by the other course tests (a stale plan, a taken slot).
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/db/database';
import { newId, toDate } from '../../src/db/ids';
import { insertRoom, insertStaff } from '../../src/db/repos/clinics';
import { staffAvailability } from '../../src/db/schema';
import { buildApp } from '../../src/server/app';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { TEST_DB } from '../helpers/test-db';
import { DEMO } from '../http/support';
import {
  appointmentRows, createCourse, demoProtocols, eligiblePatient, getCourse, iso, mondayAfter, roomsByName, setClock, weekdays, type ConflictJson, type CourseJson,
} from './support';

describe.skipIf(TEST_DB === 'pglite')('no double booking with two app instances on one PostgreSQL database', () => {
  let t: TestApp;
  let second: Database;
  let app2: FastifyInstance;
  let nurse: Session;
  let protocolId: string;
  let rooms: Record<string, { id: string; kind: string }>;

  beforeAll(async () => {
    t = await createTestApp();
    setClock(t, `${mondayAfter(t, 8).toString()}T06:00`);
    second = openPostgres(t.database.url!, { maxConnections: 10 });
    app2 = await buildApp({ ...t.deps, database: second });
    await app2.ready();
    nurse = await t.signIn(DEMO.nurse);
    protocolId = (await demoProtocols(t)).sublingual;
    rooms = await roomsByName(t);
  });
  afterAll(async () => {
    await app2?.close();
    await second?.close();
    await t?.close();
  });

  /** The same session on either instance (sessions live in the shared database). */
  const on = (instance: 1 | 2, options: InjectOptions): Promise<LightMyRequestResponse> =>
    (instance === 1 ? t.app : app2).inject({ ...options, headers: { cookie: nurse.cookie, 'x-csrf-token': nurse.csrfToken } });

  /** `n` therapists working every weekday 08:00–18:00, inserted at once. */
  async function therapists(n: number): Promise<string[]> {
    const ids = Array.from({ length: n }, () => newId());
    const at = toDate(t.clock.now);
    await t.database.db.transaction(async (tx) => {
      for (const id of ids) await insertStaff(tx, { clinicId: t.demoClinicId, id, givenName: 'Race', familyName: id.slice(-6), role: 'therapist', email: `race-${id}@demo.tilth.test`, createdAt: at });
      await tx.insert(staffAvailability).values(ids.map((staffId) => ({ clinicId: t.demoClinicId, staffId, weeklyHours: weekdays('08:00', '18:00'), updatedAt: at })));
    });
    return ids;
  }
  const consultRooms = async (n: number) => {
    const ids = Array.from({ length: n }, () => newId());
    for (const id of ids) await insertRoom(t.database.db, { clinicId: t.demoClinicId, id, name: `Race ${id}`, kind: 'consult', createdAt: toDate(t.clock.now) });
    return ids;
  };
  const patients = async (n: number, therapistIds: string[]) =>
    Promise.all(Array.from({ length: n }, (_, i) => eligiblePatient(t, t.demoClinicId, { therapistIds: [therapistIds[i % therapistIds.length]!] })));

  const single = (instance: 1 | 2, body: Record<string, unknown>) => on(instance, { method: 'POST', url: '/api/appointments', payload: { kind: 'follow-up', durationMinutes: 60, ...body } });
  const conflictOf = (res: LightMyRequestResponse) => (res.json() as { error: { code: string; conflicts?: ConflictJson[] } }).error;

  it('books one of 100 concurrent requests (50 per instance) for the same room and time; the other 99 get a clean 409', async () => {
    const staff = await therapists(100);
    const people = await patients(100, staff);
    const start = iso(Temporal.PlainDate.from(mondayAfter(t, 2)).toPlainDateTime('10:00').toZonedDateTime('America/Los_Angeles').toInstant());
    const roomId = rooms.fern!.id;
    const started = performance.now();
    const results = await Promise.all(people.map((p, i) => single(i % 2 === 0 ? 1 : 2, { patientId: p.id, therapistId: staff[i], start, roomId })));
    const ms = Math.round(performance.now() - started);

    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s >= 500), results.find((r) => r.statusCode >= 500)?.body).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(refused).toHaveLength(99);
    for (const r of refused) {
      const error = conflictOf(r);
      expect(error.code).toBe('CONFLICT');
      expect(error.conflicts?.map((c) => c.rule)).toEqual(['room-busy']);
    }
    const winner = people[results.findIndex((r) => r.statusCode === 201)]!;
    const rows = (await appointmentRows(t, t.demoClinicId, {})).filter((a) => a.roomId === roomId && a.status !== 'cancelled' && a.startsAt.toISOString() === start);
    expect(rows.map((a) => a.patientId)).toEqual([winner.id]);
    console.info(`100 concurrent single bookings on two instances: 1 booked, 99 refused in ${ms} ms`);
  });

  it('answers 409 (never a deadlock error) when concurrent requests contest both the room and the therapist', async () => {
    // Two exclusion constraints at stake: two inserts can wait for each other, and PostgreSQL aborts one (40P01).
    const [therapistId] = await therapists(1);
    const people = await patients(20, [therapistId!]);
    const start = iso(Temporal.PlainDate.from(mondayAfter(t, 3)).toPlainDateTime('14:00').toZonedDateTime('America/Los_Angeles').toInstant());
    const results = await Promise.all(people.map((p, i) => single(i % 2 === 0 ? 1 : 2, { patientId: p.id, therapistId, start, roomId: rooms.fern!.id })));
    expect(results.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 201)) {
      expect(r.statusCode).toBe(409);
      expect(['room-busy', 'therapist-busy']).toContain(conflictOf(r).conflicts?.[0]?.rule);
    }
  });

  it('books a whole course or the single appointment that takes one of its slots, never both and never part of the course', async () => {
    const outcomes = { course: 0, single: 0 };
    for (let round = 0; round < 6; round++) {
      const [therapistId] = await therapists(1);
      const [patient] = await patients(1, [therapistId!]);
      const planned = await createCourse(t, nurse, patient!.id, { protocolId, therapistId });
      // A slot of the plan: a preparation, a dose or an integration session; others want the therapist then.
      const slot = planned.appointments[[0, 6, 13][round % 3]!]!;
      // Odd rounds: each in a room of its own, only the therapist is contested. Even rounds: all in one room, so the
      // singles also race each other on a second exclusion constraint (where PostgreSQL may report a deadlock).
      const roomIds = round % 2 ? await consultRooms(10) : Array<string>(10).fill((await consultRooms(1))[0]!);
      const others = await patients(10, [therapistId!]);
      const courseOn = round % 2 === 0 ? 1 : 2;
      const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const [booked, ...singles] = await Promise.all([
        on(courseOn, { method: 'POST', url: `/api/courses/${planned.id}/book`, payload: {} }),
        ...others.map(async (p, i) => {
          await delay(round * 4);
          return single(i % 2 === 0 ? 1 : 2, { patientId: p.id, therapistId, start: slot.start, roomId: roomIds[i] });
        }),
      ]);
      const all = [booked!, ...singles];
      expect(all.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
      const won = all.filter((r) => r.statusCode === 200 || r.statusCode === 201);
      expect(won, `round ${round}: exactly one request wins the slot`).toHaveLength(1);
      const course = await getCourse(t, nurse, planned.id);
      const courseRows = await appointmentRows(t, t.demoClinicId, { courseId: planned.id });
      if (booked!.statusCode === 200) {
        outcomes.course++;
        expect(course.status).toBe('booked');
        expect(courseRows.filter((a) => a.status === 'booked')).toHaveLength(14);
        for (const s of singles) expect(conflictOf(s).conflicts?.map((c) => c.rule)).toEqual(['therapist-busy']);
      } else {
        outcomes.single++;
        expect(booked!.statusCode, booked!.body).toBe(409);
        expect(conflictOf(booked!).conflicts!.length).toBeGreaterThan(0);
        expect(course.status).toBe('planned');
        expect(courseRows).toEqual([]);
      }
    }
    console.info(`course vs. single appointments, 6 rounds: the course won ${outcomes.course}, a single appointment won ${outcomes.single}`);
  }, 120_000); // PostgreSQL takes a second (deadlock_timeout) to break each deadlock

  it('books one of two identical course plans booked at once on the two instances, the other not at all', async () => {
    const [therapistId] = await therapists(1);
    const [a, b] = await patients(2, [therapistId!, therapistId!]);
    // Planned before either is booked, so both plans want the same times with the same therapist.
    const [first, other] = [await createCourse(t, nurse, a!.id, { protocolId, therapistId }), await createCourse(t, nurse, b!.id, { protocolId, therapistId })];
    expect(other.appointments.map((x) => x.start)).toEqual(first.appointments.map((x) => x.start));
    const results = await Promise.all([on(1, { method: 'POST', url: `/api/courses/${first.id}/book`, payload: {} }), on(2, { method: 'POST', url: `/api/courses/${other.id}/book`, payload: {} })]);
    expect(results.map((r) => r.statusCode).sort(), results.map((r) => r.body.slice(0, 300)).join('\n')).toEqual([200, 409]);
    const loser = [first, other][results.findIndex((r) => r.statusCode === 409)] as CourseJson;
    expect(await appointmentRows(t, t.demoClinicId, { courseId: loser.id })).toEqual([]);
  });
});
