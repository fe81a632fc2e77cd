/**
 * Calendar views (issue #4 §5): day and week views in the clinic's zone (America/Los_Angeles) across the 2026
 * daylight-saving changes — a 23- or 25-hour day is still one day and its appointments are listed at their local
 * times — per room and per staff member, patient names only for those who may read the patient, today's sessions by
 * room, and the signed-in user's own upcoming appointments.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, appointments } from '../../src/db/schema';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { DEMO, expectError, fieldPaths } from '../http/support';
import { DST_TIMES, dstFixture, insertAppointment, ok, setClock, type DstFixture, type DstKey } from './support';

interface Item {
  id: string; kind: string; status: string; start: string; end: string; localDate: string; localStart: string; localEnd: string; timeZoneName: string;
  roomId: string; roomName: string; therapistId: string; therapistName: string; patient: { id: string | null; display: string; named: boolean };
}
interface View { view: string; date: string; timeZone: string; start: string; end: string; days: { date: string; start: string; end: string; hours: number }[]; items: Item[] }

let t: TestApp;
let s: Record<'admin' | 'nurse' | 'therapist' | 'therapist2' | 'p1' | 'p2', Session>;
let fx: DstFixture;
let team: { therapist: string; therapist2: string; prescriber: string };

beforeAll(async () => {
  t = await createTestApp();
  setClock(t, '2026-03-08T20:00:00Z'); // Sunday 8 March 2026, 13:00 PDT
  const [admin, nurse, therapist, therapist2, prescriber] = await t.signInAll(DEMO.admin, DEMO.nurse, DEMO.therapist, DEMO.therapist2, DEMO.prescriber);
  team = { therapist: therapist.user.staffId!, therapist2: therapist2.user.staffId!, prescriber: prescriber.user.staffId! };
  fx = await dstFixture(t, team);
  const [p1, p2] = await t.signInAll(fx.p1.email, fx.p2.email);
  s = { admin, nurse, therapist, therapist2, p1, p2 };
});
afterAll(() => t.close());

const view = async (who: Session, query: string) => ok<View>(await t.call(who, { method: 'GET', url: `/api/calendar?${query}` }));
const keysOf = (items: Item[]) => items.map((i) => (Object.keys(fx.ids) as DstKey[]).find((k) => fx.ids[k] === i.id) ?? i.id);
const inRoom = (q: string) => `${q}&roomId=${fx.room.id}`;

describe('day views in the clinic’s zone', () => {
  it('lists 8 March 2026 (spring forward, 23 hours) as one day, each appointment at its local time', async () => {
    const v = await view(s.admin, inRoom('view=day&date=2026-03-08'));
    expect(v.timeZone).toBe('America/Los_Angeles');
    expect(v.days).toEqual([{ date: '2026-03-08', start: '2026-03-08T08:00:00Z', end: '2026-03-09T07:00:00Z', hours: 23 }]);
    expect([v.start, v.end]).toEqual(['2026-03-08T08:00:00Z', '2026-03-09T07:00:00Z']);
    expect(keysOf(v.items)).toEqual(['mar8Early', 'mar8Morning', 'mar8Late']);
    for (const item of v.items) {
      const key = keysOf([item])[0] as DstKey;
      expect(item).toMatchObject({
        localDate: '2026-03-08', localStart: DST_TIMES[key].local, timeZoneName: DST_TIMES[key].zone,
        start: new Date(DST_TIMES[key].start).toISOString(), roomName: fx.room.name, therapistName: 'Jordan Lee', status: 'booked', kind: 'follow-up',
      });
    }
    // 01:30 PST + 60 minutes ends at 03:30 PDT: the skipped hour is not counted.
    expect(v.items[0]!.localEnd).toBe('2026-03-08T03:30');
  });

  it('lists 1 November 2026 (fall back, 25 hours) as one day, with 01:30 twice (PDT, then PST)', async () => {
    const v = await view(s.admin, inRoom('view=day&date=2026-11-01'));
    expect(v.days).toEqual([{ date: '2026-11-01', start: '2026-11-01T07:00:00Z', end: '2026-11-02T08:00:00Z', hours: 25 }]);
    expect(keysOf(v.items)).toEqual(['nov1FirstOneThirty', 'nov1SecondOneThirty', 'nov1Morning', 'nov1Late']);
    expect(v.items.map((i) => [i.localStart, i.timeZoneName])).toEqual([
      ['2026-11-01T01:30', 'PDT'], ['2026-11-01T01:30', 'PST'], ['2026-11-01T10:00', 'PST'], ['2026-11-01T23:30', 'PST'],
    ]);
    // The first 01:30 (PDT) ends 30 minutes later at 01:00 PST.
    expect(v.items[0]!.localEnd).toBe('2026-11-01T01:00');
  });

  it('keeps the next days to themselves: 9 March and 2 November hold only their own appointments', async () => {
    const mar9 = await view(s.admin, inRoom('view=day&date=2026-03-09'));
    expect(mar9.days[0]!.hours).toBe(24);
    expect(keysOf(mar9.items)).toEqual(['mar9Midnight', 'mar9Morning']);
    expect(mar9.items.map((i) => i.localStart)).toEqual(['2026-03-09T00:30', '2026-03-09T10:00']);
    const nov2 = await view(s.admin, inRoom('view=day&date=2026-11-02'));
    expect(keysOf(nov2.items)).toEqual(['nov2Midnight']);
    expect(nov2.items[0]!.localStart).toBe('2026-11-02T00:30');
  });
});

describe('week views (Monday to Sunday)', () => {
  it('ends the week of 2–8 March on the 23-hour Sunday', async () => {
    const v = await view(s.admin, inRoom('view=week&date=2026-03-08'));
    expect(v.days.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(v.days.map((d) => d.hours)).toEqual([24, 24, 24, 24, 24, 24, 23]);
    expect(v.start).toBe('2026-03-02T08:00:00Z');
    expect(v.end).toBe('2026-03-09T07:00:00Z');
    expect(keysOf(v.items)).toEqual(['sat7', 'mar8Early', 'mar8Morning', 'mar8Late']);
  });

  it('starts the week of 9 March on Monday whichever day is asked for', async () => {
    for (const date of ['2026-03-09', '2026-03-11', '2026-03-15']) {
      const v = await view(s.admin, inRoom(`view=week&date=${date}`));
      expect(v.days[0]!.date).toBe('2026-03-09');
      expect(v.days[6]!.date).toBe('2026-03-15');
      expect(keysOf(v.items)).toEqual(['mar9Midnight', 'mar9Morning']);
    }
  });

  it('spans 169 hours in the week that ends on 1 November', async () => {
    const v = await view(s.admin, inRoom('view=week&date=2026-11-01'));
    expect(v.days[0]!.date).toBe('2026-10-26');
    expect(v.days.reduce((sum, d) => sum + d.hours, 0)).toBe(169);
    expect(keysOf(v.items)).toEqual(['oct31', 'nov1FirstOneThirty', 'nov1SecondOneThirty', 'nov1Morning', 'nov1Late']);
    expect(v.items[0]).toMatchObject({ localDate: '2026-10-31', localStart: '2026-10-31T00:30', timeZoneName: 'PDT' });
  });
});

describe('filters and who sees what', () => {
  it('filters by staff member (as therapist or nurse) and answers the whole clinic without a filter', async () => {
    const mine = await view(s.nurse, `view=day&date=2026-03-09&staffId=${team.therapist}`);
    expect(keysOf(mine.items)).toEqual(['mar9Midnight', 'mar9Morning']);
    const other = await view(s.nurse, `view=day&date=2026-03-09&staffId=${team.therapist2}`);
    expect(other.items).toEqual([]);
    const clinic = await view(s.nurse, 'view=day&date=2026-03-08');
    expect(keysOf(clinic.items)).toEqual(expect.arrayContaining(['mar8Early', 'mar8Morning', 'mar8Late']));
  });

  it('names a patient only for staff who may read them: therapists their care team, initials otherwise', async () => {
    const patientOf = async (who: Session) => (await view(who, inRoom('view=day&date=2026-03-08'))).items.map((i) => i.patient);
    const p1Name = (await t.call(s.admin, { method: 'GET', url: `/api/patients/${fx.p1.id}` })).json() as { givenName: string; familyName: string };
    const p1Full = `${p1Name.givenName} ${p1Name.familyName}`;
    const [early, morning] = await patientOf(s.therapist); // p1 (his team), p2 (therapist2's)
    expect(early).toEqual({ id: fx.p1.id, display: p1Full, named: true });
    expect(morning).toEqual({ id: null, display: 'P.P.', named: false });
    const asTherapist2 = await patientOf(s.therapist2);
    expect(asTherapist2[0]).toEqual({ id: null, display: 'P.P.', named: false });
    expect(asTherapist2[1]).toMatchObject({ id: fx.p2.id, named: true });
    for (const who of [s.admin, s.nurse]) expect((await patientOf(who)).every((p) => p.named && p.id)).toBe(true);
    const body = (await t.call(s.therapist, { method: 'GET', url: `/api/calendar?${inRoom('view=day&date=2026-03-08')}` })).body;
    expect(body).not.toContain(fx.p2.id);
  });

  it('audits calendar reads with the patients shown by name', async () => {
    const res = await t.call(s.therapist, { method: 'GET', url: `/api/calendar?${inRoom('view=day&date=2026-03-08')}` });
    expect(res.statusCode).toBe(200);
    const rows = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.clinicId, t.demoClinicId), eq(auditEvents.requestId, res.headers['x-request-id'] as string)));
    expect(rows.map((r) => r.action)).toEqual(['calendar.read']);
    expect(JSON.stringify(rows[0])).toContain(fx.p1.id);
    expect(JSON.stringify(rows[0])).not.toContain(fx.p2.id);
  });

  it('leaves cancelled appointments out unless asked for', async () => {
    const id = await insertAppointment(t, { patientId: fx.p1.id, roomId: fx.room.id, therapistId: team.therapist, start: '2026-03-10T17:00:00Z', minutes: 60 });
    await t.database.db.update(appointments).set({ status: 'cancelled', cancelReason: 'patient-request' }).where(and(eq(appointments.clinicId, t.demoClinicId), eq(appointments.id, id)));
    expect((await view(s.admin, inRoom('view=day&date=2026-03-10'))).items).toEqual([]);
    const withCancelled = await view(s.admin, inRoom('view=day&date=2026-03-10&includeCancelled=true'));
    expect(withCancelled.items.map((i) => [i.id, i.status])).toEqual([[id, 'cancelled']]);
  });

  it('refuses patients, and names what is wrong with a query', async () => {
    expectError(await t.call(s.p1, { method: 'GET', url: '/api/calendar' }), 403, 'FORBIDDEN');
    expectError(await t.call(s.p1, { method: 'GET', url: '/api/calendar/today' }), 403, 'FORBIDDEN');
    expectError(await t.call(null, { method: 'GET', url: '/api/calendar' }), 401, 'UNAUTHENTICATED');
    expect(fieldPaths(expectError(await t.call(s.admin, { method: 'GET', url: '/api/calendar?view=month' }), 400, 'VALIDATION_FAILED'))).toEqual(['view']);
    expect(fieldPaths(expectError(await t.call(s.admin, { method: 'GET', url: '/api/calendar?date=2026-02-30' }), 400, 'VALIDATION_FAILED'))).toEqual(['date']);
    expect(fieldPaths(expectError(await t.call(s.admin, { method: 'GET', url: '/api/calendar?staffId=nope' }), 400, 'VALIDATION_FAILED'))).toEqual(['staffId']);
    const both = expectError(await t.call(s.admin, { method: 'GET', url: `/api/calendar?staffId=${team.therapist}&roomId=${fx.room.id}` }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(both)).toEqual(['roomId']);
    expectError(await t.call(s.admin, { method: 'GET', url: `/api/calendar?roomId=${fx.p1.id}` }), 404, 'NOT_FOUND');
    expectError(await t.call(s.admin, { method: 'GET', url: `/api/calendar?staffId=${fx.p1.id}` }), 404, 'NOT_FOUND');
  });
});

describe('today by room', () => {
  it('shows the clinic-local today (the 23-hour 8 March) with every active room and its sessions', async () => {
    const today = ok<{ date: string; day: { hours: number }; rooms: { id: string; name: string; items: Item[] }[] }>(await t.call(s.therapist, { method: 'GET', url: '/api/calendar/today' }));
    expect(today.date).toBe('2026-03-08');
    expect(today.day.hours).toBe(23);
    const names = today.rooms.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['Cedar Room', 'Willow Room', 'Fern Room', fx.room.name]));
    const room = today.rooms.find((r) => r.id === fx.room.id)!;
    expect(keysOf(room.items)).toEqual(['mar8Early', 'mar8Morning', 'mar8Late']);
    expect(room.items.map((i) => i.localStart)).toEqual(['2026-03-08T01:30', '2026-03-08T10:00', '2026-03-08T23:30']);
  });
});

describe('my appointments', () => {
  it('gives a patient their own upcoming appointments only, at clinic-local times', async () => {
    const mine = ok<{ timeZone: string; items: Item[] }>(await t.call(s.p1, { method: 'GET', url: '/api/me/appointments' }));
    expect(mine.timeZone).toBe('America/Los_Angeles');
    expect(keysOf(mine.items)).toEqual(['mar8Late', 'mar9Morning', 'nov1FirstOneThirty', 'nov1Morning', 'nov2Midnight']);
    expect(mine.items.every((i) => i.patient.id === fx.p1.id && i.patient.named)).toBe(true);
    expect(mine.items.map((i) => i.localStart)).toEqual(['2026-03-08T23:30', '2026-03-09T10:00', '2026-11-01T01:30', '2026-11-01T10:00', '2026-11-02T00:30']);
    const body = (await t.call(s.p1, { method: 'GET', url: '/api/me/appointments' })).body;
    expect(body).not.toContain(fx.p2.id);
    const limited = ok<{ items: Item[] }>(await t.call(s.p1, { method: 'GET', url: '/api/me/appointments?limit=2' }));
    expect(keysOf(limited.items)).toEqual(['mar8Late', 'mar9Morning']);
  });

  it('gives a staff member the appointments they work in, patients named by the same rule', async () => {
    const mine = ok<{ items: Item[] }>(await t.call(s.therapist, { method: 'GET', url: '/api/me/appointments?limit=200' }));
    const keys = keysOf(mine.items);
    expect(keys).toEqual(expect.arrayContaining(['mar8Late', 'mar9Midnight', 'mar9Morning', 'nov1SecondOneThirty']));
    expect(keys).not.toContain('mar8Morning'); // over already
    expect(mine.items.every((i) => i.therapistId === team.therapist)).toBe(true);
    expect(mine.items.find((i) => i.id === fx.ids.mar9Midnight)!.patient).toEqual({ id: null, display: 'P.P.', named: false });
    const theirs = ok<{ items: Item[] }>(await t.call(s.therapist2, { method: 'GET', url: '/api/me/appointments' }));
    expect(keysOf(theirs.items).filter((k) => k in fx.ids)).toEqual([]);
  });
});
