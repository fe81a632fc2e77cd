/** Helpers for the scheduling-administration suite: the test clock, appointments inserted as they are, feeds parsed with ical.js. */
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import { expect } from 'vitest';
import { newId, toDate } from '../../src/db/ids';
import { insertRoom, listRooms } from '../../src/db/repos/clinics';
import { updatePatient } from '../../src/db/repos/patients';
import { insertAppointments, insertHistory, listLatestProtocols } from '../../src/db/repos/scheduling';
import { outbox } from '../../src/db/schema';
import type { Session, TestApp } from '../helpers/test-app';
import { addPatient, unique } from '../http/support';

export const ZONE = 'America/Los_Angeles';

/** Puts the test clock at an instant (sign in again afterwards: sessions end after 30 idle minutes). */
export function setClock(t: TestApp, iso: string): void {
  t.clock.now = Temporal.Instant.from(iso);
}

export async function newRoom(t: TestApp, kind: 'dosing' | 'consult' = 'dosing', name = unique('Room')): Promise<{ id: string; name: string }> {
  const id = newId();
  await insertRoom(t.database.db, {
    clinicId: t.demoClinicId, id, name, kind, equipment: kind === 'dosing' ? ['recliner', 'monitor'] : [], capacity: 1, createdAt: toDate(t.clock.now),
  });
  return { id, name };
}

export const demoRoom = async (t: TestApp, name: string) => (await listRooms(t.database.db, t.demoClinicId)).find((r) => r.name === name)!;

/** A fresh patient ready for a course (status eligible), on the given care team. */
export async function eligiblePatient(t: TestApp, options: { therapistIds: string[]; prescriberId?: string; account?: boolean }) {
  const p = await addPatient(t, t.demoClinicId, options);
  await updatePatient(t.database.db, t.demoClinicId, p.id, { status: 'eligible' });
  return p;
}

export async function sublingualProtocolId(t: TestApp): Promise<string> {
  return (await listLatestProtocols(t.database.db, t.demoClinicId)).find((p) => p.name === 'Sublingual KAP, 6 sessions')!.id;
}

export interface DirectAppointment {
  patientId: string;
  roomId: string;
  therapistId: string;
  start: string;
  minutes: number;
  kind?: 'preparation' | 'dosing' | 'integration' | 'follow-up';
  nurseId?: string | null;
}

/** Inserts a booked appointment as it is (no hours checked), with its "booked" history row. */
export async function insertAppointment(t: TestApp, a: DirectAppointment): Promise<string> {
  const id = newId();
  const start = new Date(a.start);
  const at = toDate(t.clock.now);
  await insertAppointments(t.database.db, [{
    clinicId: t.demoClinicId, id, courseId: null, patientId: a.patientId, kind: a.kind ?? 'follow-up', number: 1, startsAt: start,
    endsAt: new Date(start.getTime() + a.minutes * 60_000), roomId: a.roomId, therapistId: a.therapistId, nurseId: a.nurseId ?? null,
    status: 'booked', exceptionReason: null, cancelReason: null, createdAt: at, updatedAt: at,
  }]);
  await insertHistory(t.database.db, [{ clinicId: t.demoClinicId, id: newId(), appointmentId: id, action: 'booked', before: null, after: null, reason: null, changedBy: null, changedAt: at }]);
  return id;
}

export function ok<T>(res: LightMyRequestResponse, status = 200): T {
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status });
  return res.json() as T;
}

export async function outboxFor(t: TestApp, ref: string) {
  return t.database.db.select().from(outbox).where(and(eq(outbox.clinicId, t.demoClinicId), eq(outbox.ref, ref))).orderBy(outbox.nextAttemptAt);
}

/** The clinic-local wall time of an instant, "YYYY-MM-DDTHH:MM:SS" (as ical.js prints a zoned time). */
export const localWall = (iso: string | Date, zone = ZONE): string =>
  Temporal.Instant.fromEpochMilliseconds(new Date(iso).getTime()).toZonedDateTimeISO(zone).toPlainDateTime().toString({ smallestUnit: 'second' });

/** "9:00 AM PST": how the reminders print a time (Intl en-US), with the zone's name derived from the offset. */
export function clockText(iso: string | Date, zone = ZONE): string {
  const z = Temporal.Instant.fromEpochMilliseconds(new Date(iso).getTime()).toZonedDateTimeISO(zone);
  const hour12 = z.hour % 12 === 0 ? 12 : z.hour % 12;
  const name = zone === ZONE ? (z.offset === '-07:00' ? 'PDT' : 'PST') : z.offset;
  return `${hour12}:${String(z.minute).padStart(2, '0')} ${z.hour < 12 ? 'AM' : 'PM'} ${name}`;
}

export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  location: string;
  sequence: number;
  status: string | null;
  tzid: string | null;
  endTzid: string | null;
  /** The zone ical.js resolved DTSTART in (from the feed's VTIMEZONE). */
  zone: string | null;
  /** Wall time as written, "YYYY-MM-DDTHH:MM:SS". */
  localStart: string;
  localEnd: string;
  /** The instant ical.js computes from the wall time and the feed's own VTIMEZONE. */
  startUtc: string;
  endUtc: string;
}

export interface ParsedFeed {
  timezones: string[];
  name: string | null;
  events: ParsedEvent[];
}

/**
 * Parses a feed with ical.js, resolving zoned times only through the VTIMEZONE components of the feed itself (the
 * time-zone service is emptied first), so the UTC conversion checks the feed's own zone rules.
 */
export function parseFeed(text: string): ParsedFeed {
  const root = new ICAL.Component(ICAL.parse(text));
  expect(root.name).toBe('vcalendar');
  expect(root.getFirstPropertyValue('version')).toBe('2.0');
  ICAL.TimezoneService.reset();
  const timezones: string[] = [];
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tz = new ICAL.Timezone(vtz);
    ICAL.TimezoneService.register(tz, tz.tzid);
    timezones.push(tz.tzid);
  }
  const events = root.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    const dtstart = c.getFirstProperty('dtstart')!;
    const dtend = c.getFirstProperty('dtend')!;
    expect(c.getFirstPropertyValue('dtstamp')?.toString()).toMatch(/Z$/);
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description ?? '',
      location: e.location ?? '',
      sequence: e.sequence,
      status: (c.getFirstPropertyValue('status') as string | null) ?? null,
      tzid: (dtstart.getParameter('tzid') as string | undefined) ?? null,
      endTzid: (dtend.getParameter('tzid') as string | undefined) ?? null,
      zone: e.startDate.zone?.tzid ?? null,
      localStart: e.startDate.toString(),
      localEnd: e.endDate.toString(),
      startUtc: e.startDate.toJSDate().toISOString(),
      endUtc: e.endDate.toJSDate().toISOString(),
    };
  });
  return { timezones, name: (root.getFirstPropertyValue('x-wr-calname') as string | null) ?? null, events };
}

/** Creates (or rotates) the session's feed and returns its path, e.g. /api/calendar-feeds/<clinic>.<token>.ics. */
export async function feedPathOf(t: TestApp, s: Session): Promise<string> {
  const res = await t.call(s, { method: 'POST', url: '/api/me/calendar-feed' });
  const body = ok<{ url: string }>(res, 201);
  return new URL(body.url).pathname;
}

export async function fetchFeed(t: TestApp, path: string, remoteAddress = '198.51.100.7'): Promise<ParsedFeed> {
  const res = await t.app.inject({ method: 'GET', url: path, remoteAddress });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/calendar/);
  return parseFeed(res.body);
}

/**
 * Appointments around the daylight-saving changes of America/Los_Angeles in 2026 (8 March: 02:00 PST → 03:00 PDT, a
 * 23-hour day; 1 November: 02:00 PDT → 01:00 PST, a 25-hour day), all in one fresh room with therapist@ (Jordan Lee):
 * p1 is on his care team (with a portal account), p2 on therapist2@'s.
 */
export const DST_TIMES = {
  sat7: { start: '2026-03-07T18:00:00Z', minutes: 60, local: '2026-03-07T10:00', zone: 'PST' },
  mar8Early: { start: '2026-03-08T09:30:00Z', minutes: 60, local: '2026-03-08T01:30', zone: 'PST' },
  mar8Morning: { start: '2026-03-08T17:00:00Z', minutes: 60, local: '2026-03-08T10:00', zone: 'PDT' },
  mar8Late: { start: '2026-03-09T06:30:00Z', minutes: 30, local: '2026-03-08T23:30', zone: 'PDT' },
  mar9Midnight: { start: '2026-03-09T07:30:00Z', minutes: 30, local: '2026-03-09T00:30', zone: 'PDT' },
  mar9Morning: { start: '2026-03-09T17:00:00Z', minutes: 60, local: '2026-03-09T10:00', zone: 'PDT' },
  oct31: { start: '2026-10-31T07:30:00Z', minutes: 30, local: '2026-10-31T00:30', zone: 'PDT' },
  nov1FirstOneThirty: { start: '2026-11-01T08:30:00Z', minutes: 30, local: '2026-11-01T01:30', zone: 'PDT' },
  nov1SecondOneThirty: { start: '2026-11-01T09:30:00Z', minutes: 30, local: '2026-11-01T01:30', zone: 'PST' },
  nov1Morning: { start: '2026-11-01T18:00:00Z', minutes: 60, local: '2026-11-01T10:00', zone: 'PST' },
  nov1Late: { start: '2026-11-02T07:30:00Z', minutes: 30, local: '2026-11-01T23:30', zone: 'PST' },
  nov2Midnight: { start: '2026-11-02T08:30:00Z', minutes: 30, local: '2026-11-02T00:30', zone: 'PST' },
} as const;
export type DstKey = keyof typeof DST_TIMES;
const P2_KEYS: ReadonlySet<DstKey> = new Set<DstKey>(['mar8Morning', 'mar9Midnight', 'oct31', 'nov1SecondOneThirty', 'nov1Late']);

export interface DstFixture {
  room: { id: string; name: string };
  p1: { id: string; email: string };
  p2: { id: string; email: string };
  ids: Record<DstKey, string>;
  patientOf: (key: DstKey) => 'p1' | 'p2';
}

export async function dstFixture(t: TestApp, team: { therapist: string; therapist2: string; prescriber: string }): Promise<DstFixture> {
  const room = await newRoom(t, 'dosing');
  const p1 = await addPatient(t, t.demoClinicId, { therapistIds: [team.therapist], prescriberId: team.prescriber, account: true });
  const p2 = await addPatient(t, t.demoClinicId, { therapistIds: [team.therapist2], prescriberId: team.prescriber, account: true });
  const patientOf = (key: DstKey) => (P2_KEYS.has(key) ? 'p2' : 'p1') as 'p1' | 'p2';
  const ids = {} as Record<DstKey, string>;
  for (const [key, v] of Object.entries(DST_TIMES) as [DstKey, (typeof DST_TIMES)[DstKey]][]) {
    ids[key] = await insertAppointment(t, { patientId: (patientOf(key) === 'p1' ? p1 : p2).id, roomId: room.id, therapistId: team.therapist, start: v.start, minutes: v.minutes });
  }
  return { room, p1, p2, ids, patientOf };
}
