/**
 * Subscribable iCalendar feeds (RFC 5545), one secret revocable URL per staff member or patient:
 * `${PUBLIC_URL}/api/calendar-feeds/<clinicId>.<token>.ics`. Only the token's SHA-256 is stored (like sessions).
 *
 * A feed has a VTIMEZONE for the clinic's zone and one VEVENT per appointment from 60 days back on: DTSTART/DTEND in
 * clinic-local time with TZID (in UTC only for the repeated hour of an autumn change, which a local time cannot name),
 * a stable UID, SEQUENCE = how often the appointment changed since it was booked.
 * Cancelled appointments are left out (a subscribing client drops them on its next refresh).
 * Staff feeds name a patient only when the clinic allows it (showPatientNamesInFeeds) and the owner may read that
 * patient; initials otherwise. A patient's feed holds their own appointments only.
 */
import { randomBytes } from 'node:crypto';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import { and, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Actor, StaffRole } from '../../../core/authorization';
import type { Executor } from '../../../db/database';
import { findActiveFeed, type FeedOwner } from '../../../db/repos/availability';
import { settingsOf, staffMembers, users, type ClinicSettings } from '../../../db/schema';
import type { ClinicRow } from '../../../db/repos/clinics';
import { hashToken } from '../../plugins/auth';
import { changeCounts, initials, loadCalendarRows, namedPatients, type CalendarRow } from './appointments';

export const FEED_ROUTE = '/api/calendar-feeds/';
const FEED_PARAM = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{32,100})\.ics$/;
/** How far back a feed reaches; everything ahead is in it. */
export const FEED_DAYS_BACK = 60;
const FEED_MAX_EVENTS = 2000;

export const newFeedToken = (): string => randomBytes(32).toString('base64url');
export const feedUrl = (publicUrl: string, clinicId: string, token: string): string => `${publicUrl}${FEED_ROUTE}${clinicId}.${token}.ics`;

export function parseFeedParam(param: string): { clinicId: string; token: string } | null {
  const m = FEED_PARAM.exec(param);
  return m ? { clinicId: m[1]!, token: m[2]! } : null;
}

export const ownerOf = (actor: Actor): FeedOwner => (actor.kind === 'staff' ? { kind: 'staff', id: actor.staffId } : { kind: 'patient', id: actor.patientId });

export interface ResolvedFeed {
  owner: FeedOwner;
  /** The owner as an actor (for authorization of names, and the audit trail). */
  actor: Actor;
  ownerName: string;
}

/** The live feed named by the URL, whose owner can still sign in; null otherwise (answered as 404). */
export async function resolveFeed(ex: Executor, param: string): Promise<ResolvedFeed | null> {
  const parsed = parseFeedParam(param);
  if (!parsed) return null;
  const feed = await findActiveFeed(ex, parsed.clinicId, hashToken(parsed.token));
  if (!feed) return null;
  const owner: FeedOwner = { kind: feed.ownerKind, id: feed.ownerId };
  if (owner.kind === 'staff') {
    const [row] = await ex
      .select({ userId: users.id, disabled: users.disabled, active: staffMembers.active, role: staffMembers.role, given: staffMembers.givenName, family: staffMembers.familyName })
      .from(staffMembers)
      .innerJoin(users, and(eq(users.clinicId, staffMembers.clinicId), eq(users.staffId, staffMembers.id)))
      .where(and(eq(staffMembers.clinicId, feed.clinicId), eq(staffMembers.id, owner.id)))
      .limit(1);
    if (!row || row.disabled || !row.active) return null;
    return { owner, actor: { kind: 'staff', userId: row.userId, clinicId: feed.clinicId, staffId: owner.id, role: row.role as StaffRole }, ownerName: `${row.given} ${row.family}` };
  }
  const [row] = await ex
    .select({ userId: users.id, disabled: users.disabled })
    .from(users)
    .where(and(eq(users.clinicId, feed.clinicId), eq(users.patientId, owner.id)))
    .limit(1);
  if (!row || row.disabled) return null;
  return { owner, actor: { kind: 'patient', userId: row.userId, clinicId: feed.clinicId, patientId: owner.id }, ownerName: '' };
}

const STAFF_LABEL: Record<string, string> = {
  preparation: 'Preparation',
  dosing: 'Dosing session',
  integration: 'Integration',
  'follow-up': 'Follow-up',
};
const PATIENT_LABEL: Record<string, string> = {
  preparation: 'Preparation session',
  dosing: 'Ketamine session',
  integration: 'Integration session',
  'follow-up': 'Follow-up appointment',
};

const numbered = (row: CalendarRow, label: string) => (row.a.courseId && row.a.kind !== 'follow-up' ? `${label} ${row.a.number}` : label);

function clinicAddress(clinic: ClinicRow): string {
  const a = clinic.address;
  return [a.line1, a.line2, a.city, `${a.region} ${a.postalCode}`].filter(Boolean).join(', ');
}

/** Whether "local wall time + TZID" names exactly this instant (it does unless it is the second of a repeated hour). */
function writableWithTzid(z: Temporal.ZonedDateTime): boolean {
  return z.toPlainDateTime().toZonedDateTime(z.timeZoneId, { disambiguation: 'earlier' }).epochMilliseconds === z.epochMilliseconds;
}

export interface RenderedFeed {
  body: string;
  events: number;
  /** Patients shown by name (for the audit trail). */
  namedPatientIds: string[];
}

export async function renderFeed(ex: Executor, clinic: ClinicRow, feed: ResolvedFeed, now: Temporal.Instant, publicUrl: string): Promise<RenderedFeed> {
  const zone = clinic.timeZone;
  const settings: ClinicSettings = settingsOf(clinic);
  const rows = await loadCalendarRows(ex, {
    clinicId: clinic.id,
    startFrom: new Date(now.epochMilliseconds - FEED_DAYS_BACK * 24 * 3600_000),
    ...(feed.owner.kind === 'staff' ? { staffId: feed.owner.id } : { patientId: feed.owner.id }),
    includeCancelled: false,
    limit: FEED_MAX_EVENTS,
  });
  const sequences = await changeCounts(ex, clinic.id, rows.map((r) => r.a.id));
  const named = feed.owner.kind === 'patient'
    ? new Set([feed.owner.id])
    : settings.showPatientNamesInFeeds ? await namedPatients(ex, feed.actor, rows.map((r) => r.a.patientId)) : new Set<string>();

  const calendar = ical({
    name: feed.owner.kind === 'staff' ? `${clinic.name}: ${feed.ownerName}` : `${clinic.name}: my appointments`,
    prodId: { company: 'Tilth', product: 'Tilth', language: 'EN' },
    // A generator without a calendar-wide zone name: the VTIMEZONE comes from the events' zone, and DTSTAMP stays UTC.
    timezone: { name: null, generator: getVtimezoneComponent },
    ttl: 15 * 60,
  });
  calendar.x('X-WR-TIMEZONE', zone);
  const stamp = new Date(now.epochMilliseconds);
  for (const row of rows) {
    const a = row.a;
    const start = Temporal.Instant.fromEpochMilliseconds(a.startsAt.getTime()).toZonedDateTimeISO(zone);
    const end = Temporal.Instant.fromEpochMilliseconds(a.endsAt.getTime()).toZonedDateTimeISO(zone);
    const therapistName = `${row.therapistGiven} ${row.therapistFamily}`;
    const nurseName = row.nurseGiven ? `${row.nurseGiven} ${row.nurseFamily}` : null;
    let summary: string;
    let description: string[];
    let location: string;
    if (feed.owner.kind === 'staff') {
      const isNamed = named.has(a.patientId);
      const who = isNamed ? `${row.patientGiven} ${row.patientFamily}` : initials(row.patientGiven, row.patientFamily);
      summary = `${numbered(row, STAFF_LABEL[a.kind] ?? 'Appointment')} · ${who}`;
      description = [
        `Patient: ${who}`, `Room: ${row.roomName}`, `Therapist: ${therapistName}`, ...(nurseName ? [`Nurse: ${nurseName}`] : []),
        ...(a.status !== 'booked' ? [`Status: ${a.status}`] : []),
        ...(isNamed ? ['', `${publicUrl}/patients/${a.patientId}`] : []),
      ];
      location = `${row.roomName}, ${clinic.name}`;
    } else {
      summary = `${numbered(row, PATIENT_LABEL[a.kind] ?? 'Appointment')} at ${clinic.name}`;
      description = [
        `${PATIENT_LABEL[a.kind] ?? 'Appointment'} with ${therapistName}${nurseName ? ` and ${nurseName}` : ''} in the ${row.roomName}.`,
        ...(a.kind === 'dosing'
          ? ['', 'Before your ketamine session, follow the fasting instructions in your reminder.', 'Arrange a ride home: you must not drive until the next day.']
          : []),
        '', `To change or cancel, call ${clinic.name} at ${clinic.phone}.`,
      ];
      location = `${row.roomName}, ${clinic.name}, ${clinicAddress(clinic)}`;
    }
    // A local time in the repeated hour of an autumn change means its first occurrence (RFC 5545 §3.3.5): an
    // appointment in the second one (or ending there) is written in UTC instead, which is exact.
    const zoned = writableWithTzid(start) && writableWithTzid(end);
    calendar.createEvent({
      id: `${a.id}@tilth`,
      sequence: sequences.get(a.id) ?? 0,
      stamp,
      created: a.createdAt,
      lastModified: a.updatedAt,
      ...(zoned ? { start, end, timezone: zone } : { start: a.startsAt, end: a.endsAt, timezone: null }),
      summary,
      description: description.join('\n'),
      location,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return {
    body: calendar.toString(),
    events: rows.length,
    namedPatientIds: feed.owner.kind === 'staff' ? [...named] : [],
  };
}
