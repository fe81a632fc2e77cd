/**
 * iCalendar feeds (issue #4 §5), every one parsed with ical.js: a VTIMEZONE for the clinic's zone, DTSTART/DTEND with
 * TZID at the appointment's clinic-local time, and the instant ical.js computes from the feed's own VTIMEZONE equal
 * to the stored one — across the 2026 daylight-saving changes. Staff feeds show initials unless the clinic allows
 * names; a patient's feed holds only their own appointments; SEQUENCE follows reschedules; a cancelled appointment
 * leaves the feed; rotated, revoked and unknown URLs answer 404; the public URL is rate-limited per IP address.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/ids';
import { insertRoom } from '../../src/db/repos/clinics';
import { appointments } from '../../src/db/schema';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { createOtherClinic, DEMO, expectError } from '../http/support';
import {
  DST_TIMES, dstFixture, feedPathOf, fetchFeed, localWall, ok, setClock, type DstFixture, type DstKey, type ParsedEvent,
} from './support';

let t: TestApp;
let s: Record<'admin' | 'nurse' | 'therapist' | 'p1' | 'p2', Session>;
let fx: DstFixture;
let team: { therapist: string; therapist2: string; prescriber: string };
const AMBIGUOUS: ReadonlySet<DstKey> = new Set<DstKey>(['nov1FirstOneThirty', 'nov1SecondOneThirty']);

beforeAll(async () => {
  t = await createTestApp();
  setClock(t, '2026-03-01T12:00:00Z');
  const [admin, nurse, therapist, therapist2, prescriber] = await t.signInAll(DEMO.admin, DEMO.nurse, DEMO.therapist, DEMO.therapist2, DEMO.prescriber);
  team = { therapist: therapist.user.staffId!, therapist2: therapist2.user.staffId!, prescriber: prescriber.user.staffId! };
  fx = await dstFixture(t, team);
  const [p1, p2] = await t.signInAll(fx.p1.email, fx.p2.email);
  s = { admin, nurse, therapist, p1, p2 };
});
afterAll(() => t.close());

const byUid = (events: ParsedEvent[], id: string) => events.find((e) => e.uid === `${id}@tilth`);

/** Every event's times against the database: the wall time in the clinic's zone, and the instant. */
async function expectTimesMatch(events: ParsedEvent[], zone = 'America/Los_Angeles') {
  const ids = events.map((e) => e.uid.replace(/@tilth$/, ''));
  const rows = await t.database.db.select().from(appointments).where(inArray(appointments.id, ids));
  expect(rows).toHaveLength(events.length);
  for (const row of rows) {
    const e = byUid(events, row.id)!;
    expect(e.startUtc).toBe(row.startsAt.toISOString());
    expect(e.endUtc).toBe(row.endsAt.toISOString());
    if (e.tzid) {
      expect([e.tzid, e.endTzid, e.zone]).toEqual([zone, zone, zone]);
      expect(e.localStart).toBe(localWall(row.startsAt, zone));
      expect(e.localEnd).toBe(localWall(row.endsAt, zone));
    }
  }
}

describe('a staff member’s feed', () => {
  it('carries the VTIMEZONE and clinic-local times with TZID that convert to the stored instants, across both changes', async () => {
    const res = await t.call(s.therapist, { method: 'POST', url: '/api/me/calendar-feed' });
    const created = ok<{ url: string; rotated: boolean }>(res, 201);
    expect(created.url).toMatch(new RegExp(`^http://localhost:3000/api/calendar-feeds/${t.demoClinicId}\\.[A-Za-z0-9_-]{43}\\.ics$`));
    const feed = await fetchFeed(t, new URL(created.url).pathname);
    expect(feed.timezones).toEqual(['America/Los_Angeles']);
    expect(feed.name).toBe('Tilth Demo Clinic: Jordan Lee');
    for (const [key, v] of Object.entries(DST_TIMES) as [DstKey, (typeof DST_TIMES)[DstKey]][]) {
      const e = byUid(feed.events, fx.ids[key]);
      expect(e, key).toBeDefined();
      expect(e!.startUtc, key).toBe(new Date(v.start).toISOString());
      expect(e!.endUtc, key).toBe(new Date(new Date(v.start).getTime() + v.minutes * 60_000).toISOString());
      if (AMBIGUOUS.has(key)) {
        // 01:30 (or its end, 01:00) on 1 November happens twice; a local time would mean the first, so these are in UTC.
        expect(e!.tzid, key).toBeNull();
      } else {
        expect([e!.tzid, e!.zone], key).toEqual(['America/Los_Angeles', 'America/Los_Angeles']);
        expect(e!.localStart, key).toBe(`${v.local}:00`);
      }
      expect(e!.sequence).toBe(0);
      expect(e!.status).toBe('CONFIRMED');
    }
    // Spot checks by hand: 10:00 PST is 18:00Z, 10:00 PDT (after 8 March) is 17:00Z.
    expect(byUid(feed.events, fx.ids.sat7)).toMatchObject({ localStart: '2026-03-07T10:00:00', startUtc: '2026-03-07T18:00:00.000Z' });
    expect(byUid(feed.events, fx.ids.mar9Morning)).toMatchObject({ localStart: '2026-03-09T10:00:00', startUtc: '2026-03-09T17:00:00.000Z' });
    expect(byUid(feed.events, fx.ids.nov1Morning)).toMatchObject({ localStart: '2026-11-01T10:00:00', startUtc: '2026-11-01T18:00:00.000Z' });
    await expectTimesMatch(feed.events);
  });

  it('shows patient initials only by default, and names (for the therapist’s own care team) when the clinic allows', async () => {
    const path = await feedPathOf(t, s.therapist);
    const names = async (id: string) => {
      const p = (await t.call(s.admin, { method: 'GET', url: `/api/patients/${id}` })).json() as { givenName: string; familyName: string };
      return { given: p.givenName, family: p.familyName };
    };
    const p1 = await names(fx.p1.id);
    const p2 = await names(fx.p2.id);
    const body = async () => (await t.app.inject({ method: 'GET', url: path, remoteAddress: '198.51.100.20' })).body;

    const hidden = await body();
    for (const n of [p1.family, p2.family, fx.p1.email, fx.p2.email]) expect(hidden).not.toContain(n);
    const feed = await fetchFeed(t, path);
    expect(byUid(feed.events, fx.ids.mar8Early)!.summary).toBe('Follow-up · P.P.');
    expect(byUid(feed.events, fx.ids.mar8Early)!.location).toBe(`${fx.room.name}, Tilth Demo Clinic`);

    ok(await t.call(s.admin, { method: 'PATCH', url: '/api/clinic', payload: { settings: { showPatientNamesInFeeds: true } } }));
    try {
      const shown = await fetchFeed(t, path);
      expect(byUid(shown.events, fx.ids.mar8Early)!.summary).toBe(`Follow-up · ${p1.given} ${p1.family}`);
      expect(byUid(shown.events, fx.ids.mar8Early)!.description).toContain(`/patients/${fx.p1.id}`);
      // p2 is on therapist2's care team, not Jordan's: still initials in Jordan's feed.
      expect(byUid(shown.events, fx.ids.mar8Morning)!.summary).toBe('Follow-up · P.P.');
      expect(await body()).not.toContain(p2.family);
    } finally {
      ok(await t.call(s.admin, { method: 'PATCH', url: '/api/clinic', payload: { settings: { showPatientNamesInFeeds: false } } }));
    }
    expect(byUid((await fetchFeed(t, path)).events, fx.ids.mar8Early)!.summary).toBe('Follow-up · P.P.');
  });

  it('changes SEQUENCE when an appointment is rescheduled, and drops it when cancelled', async () => {
    const booked = ok<{ id: string }>(await t.call(s.nurse, {
      method: 'POST', url: '/api/appointments',
      payload: { patientId: fx.p1.id, kind: 'follow-up', start: '2026-03-10T17:00:00Z', durationMinutes: 60, roomId: fx.room.id, therapistId: team.therapist },
    }), 201);
    const path = await feedPathOf(t, s.therapist);
    expect(byUid((await fetchFeed(t, path)).events, booked.id)).toMatchObject({ sequence: 0, localStart: '2026-03-10T10:00:00', tzid: 'America/Los_Angeles' });

    const moved = ok<{ applied: boolean }>(await t.call(s.nurse, { method: 'PATCH', url: `/api/appointments/${booked.id}`, payload: { start: '2026-03-10T20:00:00Z', confirm: true } }));
    expect(moved.applied).toBe(true);
    const after = byUid((await fetchFeed(t, path)).events, booked.id)!;
    expect(after).toMatchObject({ sequence: 1, localStart: '2026-03-10T13:00:00', startUtc: '2026-03-10T20:00:00.000Z' });

    ok(await t.call(s.nurse, { method: 'POST', url: `/api/appointments/${booked.id}/cancel`, payload: { reason: 'patient-request' } }));
    expect(byUid((await fetchFeed(t, path)).events, booked.id)).toBeUndefined();
  });
});

describe('a patient’s feed', () => {
  it('holds only their own appointments, described for them, at the right local times', async () => {
    const path = await feedPathOf(t, s.p1);
    const res = await t.app.inject({ method: 'GET', url: path, remoteAddress: '198.51.100.30' });
    expect(res.body).not.toContain(fx.p2.email);
    const feed = await fetchFeed(t, path);
    expect(feed.timezones).toEqual(['America/Los_Angeles']);
    const own = (Object.keys(fx.ids) as DstKey[]).filter((k) => fx.patientOf(k) === 'p1').map((k) => `${fx.ids[k]}@tilth`);
    expect(feed.events.map((e) => e.uid).sort()).toEqual(own.sort());
    const early = byUid(feed.events, fx.ids.mar8Early)!;
    expect(early.summary).toBe('Follow-up appointment at Tilth Demo Clinic');
    expect(early.location).toContain(fx.room.name);
    expect(early.location).toContain('1450 Harbor Way');
    expect(early.description).toContain('Jordan Lee');
    expect(early.localStart).toBe('2026-03-08T01:30:00');
    await expectTimesMatch(feed.events);
  });
});

describe('feed URLs', () => {
  it('rotates (the old URL stops working), reports its state, and is revoked for good', async () => {
    const first = await feedPathOf(t, s.p2);
    const second = ok<{ url: string; rotated: boolean }>(await t.call(s.p2, { method: 'POST', url: '/api/me/calendar-feed' }), 201);
    expect(second.rotated).toBe(true);
    const secondPath = new URL(second.url).pathname;
    expect(secondPath).not.toBe(first);
    expectError(await t.app.inject({ method: 'GET', url: first }), 404, 'NOT_FOUND');
    await fetchFeed(t, secondPath);
    expect(ok<{ active: boolean }>(await t.call(s.p2, { method: 'GET', url: '/api/me/calendar-feed' })).active).toBe(true);

    expect((await t.call(s.p2, { method: 'DELETE', url: '/api/me/calendar-feed' })).statusCode).toBe(204);
    expectError(await t.app.inject({ method: 'GET', url: secondPath }), 404, 'NOT_FOUND');
    expect(ok<{ active: boolean; createdAt: null }>(await t.call(s.p2, { method: 'GET', url: '/api/me/calendar-feed' }))).toEqual({ active: false, createdAt: null });
    expect((await t.call(s.p2, { method: 'DELETE', url: '/api/me/calendar-feed' })).statusCode).toBe(204);
  });

  it('answers 404 to unknown, malformed and other-clinic URLs, and to a deactivated owner', async () => {
    const token = 'A'.repeat(43);
    for (const url of [
      `/api/calendar-feeds/${t.demoClinicId}.${token}.ics`,
      `/api/calendar-feeds/${t.demoClinicId}.${token}`,
      '/api/calendar-feeds/not-a-feed.ics',
      `/api/calendar-feeds/${newId()}.${token}.ics`,
    ]) {
      expectError(await t.app.inject({ method: 'GET', url }), 404, 'NOT_FOUND');
    }
    const path = await feedPathOf(t, s.p1);
    const [clinicPart, rest] = path.replace('/api/calendar-feeds/', '').split(/\.(.*)/s) as [string, string];
    expect(clinicPart).toBe(t.demoClinicId);
    expectError(await t.app.inject({ method: 'GET', url: `/api/calendar-feeds/${newId()}.${rest}` }), 404, 'NOT_FOUND');

    const nursePath = await feedPathOf(t, s.nurse);
    await fetchFeed(t, nursePath);
    ok(await t.call(s.admin, { method: 'PATCH', url: `/api/staff/${s.nurse.user.staffId}`, payload: { active: false } }));
    try {
      expectError(await t.app.inject({ method: 'GET', url: nursePath }), 404, 'NOT_FOUND');
    } finally {
      ok(await t.call(s.admin, { method: 'PATCH', url: `/api/staff/${s.nurse.user.staffId}`, payload: { active: true } }));
    }
    await fetchFeed(t, nursePath);
  });

  it('limits requests to the public URL per IP address', async () => {
    const path = await feedPathOf(t, s.p1);
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await t.app.inject({ method: 'GET', url: path, remoteAddress: '203.0.113.50' })).statusCode);
    expect(statuses.slice(0, 60).every((x) => x === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect((await t.app.inject({ method: 'GET', url: path, remoteAddress: '203.0.113.51' })).statusCode).toBe(200);
    t.clock.advance({ seconds: 61 });
    expect((await t.app.inject({ method: 'GET', url: path, remoteAddress: '203.0.113.50' })).statusCode).toBe(200);
  });
});

describe('another zone', () => {
  it('writes a Europe/Berlin clinic’s feed in its own zone across its spring change (29 March 2026)', async () => {
    const other = await createOtherClinic(t);
    const roomId = newId();
    await insertRoom(t.database.db, { clinicId: other.clinicId, id: roomId, name: 'Raum 1', kind: 'consult', equipment: [], capacity: 1, createdAt: new Date() });
    const at = new Date();
    const rows = [
      { id: newId(), start: '2026-03-27T09:00:00Z', local: '2026-03-27T10:00:00' }, // CET, UTC+1
      { id: newId(), start: '2026-03-30T08:00:00Z', local: '2026-03-30T10:00:00' }, // CEST, UTC+2
    ];
    await t.database.db.insert(appointments).values(rows.map((r) => ({
      clinicId: other.clinicId, id: r.id, courseId: null, patientId: other.patient.id, kind: 'follow-up' as const, number: 1, startsAt: new Date(r.start),
      endsAt: new Date(new Date(r.start).getTime() + 3600_000), roomId, therapistId: other.prescriber.staffId, status: 'booked' as const, createdAt: at, updatedAt: at,
    })));
    const prescriber = await t.signIn(other.prescriber.email);
    const feed = await fetchFeed(t, await feedPathOf(t, prescriber));
    expect(feed.timezones).toEqual(['Europe/Berlin']);
    expect(feed.events).toHaveLength(2);
    for (const r of rows) expect(byUid(feed.events, r.id)).toMatchObject({ tzid: 'Europe/Berlin', zone: 'Europe/Berlin', localStart: r.local, startUtc: new Date(r.start).toISOString() });
    // Nothing of the demo clinic in it.
    const demoIds = new Set(Object.values(fx.ids).map((id) => `${id}@tilth`));
    expect(feed.events.some((e) => demoIds.has(e.uid))).toBe(false);
    const patientRows = await t.database.db.select().from(appointments).where(and(eq(appointments.clinicId, other.clinicId)));
    expect(patientRows).toHaveLength(2);
  });
});
