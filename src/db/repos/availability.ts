/**
 * Scheduling administration (issue #4 §1, §2, §5): protocol versions, staff working hours and their exceptions,
 * patient scheduling preferences, and the secret iCalendar feed URLs (only the token's hash is kept).
 */
import { and, asc, desc, eq, gt, isNull, lt, max, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import {
  appointments, calendarFeeds, courses, patientSchedulingPreferences, protocols, staffAvailability, staffAvailabilityExceptions,
} from '../schema';

export type WeeklyHoursRow = Record<string, [string, string][]>;
export type AvailabilityRow = typeof staffAvailability.$inferSelect;
export type ExceptionRow = typeof staffAvailabilityExceptions.$inferSelect;
export type PreferencesRow = typeof patientSchedulingPreferences.$inferSelect;
export type FeedRow = typeof calendarFeeds.$inferSelect;

// ---- protocols --------------------------------------------------------------------------------------------------

/** Every version of one protocol, newest first, with how many courses use each. */
export async function listProtocolVersions(ex: Executor, clinicId: string, id: string) {
  const [versions, used] = await Promise.all([
    ex
      .select({ version: protocols.version, name: protocols.name, active: protocols.active, createdAt: protocols.createdAt, createdBy: protocols.createdBy })
      .from(protocols)
      .where(and(eq(protocols.clinicId, clinicId), eq(protocols.id, id)))
      .orderBy(desc(protocols.version)),
    ex
      .select({ version: courses.protocolVersion, n: sql<number>`count(*)`.mapWith(Number) })
      .from(courses)
      .where(and(eq(courses.clinicId, clinicId), eq(courses.protocolId, id)))
      .groupBy(courses.protocolVersion),
  ]);
  const counts = new Map(used.map((u) => [u.version, u.n]));
  return versions.map((v) => ({ ...v, courses: counts.get(v.version) ?? 0 }));
}

export async function latestProtocolVersion(ex: Executor, clinicId: string, id: string): Promise<number | null> {
  const [row] = await ex.select({ v: max(protocols.version) }).from(protocols).where(and(eq(protocols.clinicId, clinicId), eq(protocols.id, id)));
  return row?.v ?? null;
}

/** Retires or restores a protocol: every version carries the flag (the newest one is what lists and new courses read). */
export async function setProtocolActive(ex: Executor, clinicId: string, id: string, active: boolean): Promise<number> {
  const rows = await ex.update(protocols).set({ active }).where(and(eq(protocols.clinicId, clinicId), eq(protocols.id, id))).returning({ v: protocols.version });
  return rows.length;
}

// ---- staff availability -----------------------------------------------------------------------------------------

export async function findStaffAvailability(ex: Executor, clinicId: string, staffId: string): Promise<AvailabilityRow | undefined> {
  const [row] = await ex
    .select()
    .from(staffAvailability)
    .where(and(eq(staffAvailability.clinicId, clinicId), eq(staffAvailability.staffId, staffId)))
    .limit(1);
  return row;
}

export async function upsertStaffAvailability(ex: Executor, clinicId: string, staffId: string, weeklyHours: WeeklyHoursRow, at: Date): Promise<AvailabilityRow> {
  const [row] = await ex
    .insert(staffAvailability)
    .values({ clinicId, staffId, weeklyHours, updatedAt: at })
    .onConflictDoUpdate({ target: [staffAvailability.clinicId, staffAvailability.staffId], set: { weeklyHours, updatedAt: at } })
    .returning();
  return row!;
}

/** A staff member's exceptions that overlap [from, to), in time order. */
export async function listExceptions(ex: Executor, clinicId: string, staffId: string, from: Date, to: Date): Promise<ExceptionRow[]> {
  return ex
    .select()
    .from(staffAvailabilityExceptions)
    .where(and(
      eq(staffAvailabilityExceptions.clinicId, clinicId),
      eq(staffAvailabilityExceptions.staffId, staffId),
      lt(staffAvailabilityExceptions.startsAt, to),
      gt(staffAvailabilityExceptions.endsAt, from),
    ))
    .orderBy(asc(staffAvailabilityExceptions.startsAt), asc(staffAvailabilityExceptions.id));
}

export async function insertException(ex: Executor, row: typeof staffAvailabilityExceptions.$inferInsert): Promise<void> {
  await ex.insert(staffAvailabilityExceptions).values(row);
}

export async function deleteException(ex: Executor, clinicId: string, staffId: string, id: string): Promise<ExceptionRow | undefined> {
  const [row] = await ex
    .delete(staffAvailabilityExceptions)
    .where(and(eq(staffAvailabilityExceptions.clinicId, clinicId), eq(staffAvailabilityExceptions.staffId, staffId), eq(staffAvailabilityExceptions.id, id)))
    .returning();
  return row;
}

/** The staff member's booked appointments (as therapist or nurse) that overlap [from, to). */
export async function appointmentsOfStaffBetween(ex: Executor, clinicId: string, staffId: string, from: Date, to: Date) {
  return ex
    .select({ id: appointments.id, kind: appointments.kind, startsAt: appointments.startsAt, endsAt: appointments.endsAt })
    .from(appointments)
    .where(and(
      eq(appointments.clinicId, clinicId),
      or(eq(appointments.therapistId, staffId), eq(appointments.nurseId, staffId)),
      ne(appointments.status, 'cancelled'),
      lt(appointments.startsAt, to),
      gt(appointments.endsAt, from),
    ))
    .orderBy(asc(appointments.startsAt));
}

// ---- patient preferences ----------------------------------------------------------------------------------------

export async function findPreferences(ex: Executor, clinicId: string, patientId: string): Promise<PreferencesRow | undefined> {
  const [row] = await ex
    .select()
    .from(patientSchedulingPreferences)
    .where(and(eq(patientSchedulingPreferences.clinicId, clinicId), eq(patientSchedulingPreferences.patientId, patientId)))
    .limit(1);
  return row;
}

export async function upsertPreferences(
  ex: Executor, clinicId: string, patientId: string, prefs: { weekdays: number[]; timesOfDay: string[]; earliestStart: string | null }, at: Date,
): Promise<PreferencesRow> {
  const [row] = await ex
    .insert(patientSchedulingPreferences)
    .values({ clinicId, patientId, ...prefs, updatedAt: at })
    .onConflictDoUpdate({ target: [patientSchedulingPreferences.clinicId, patientSchedulingPreferences.patientId], set: { ...prefs, updatedAt: at } })
    .returning();
  return row!;
}

// ---- calendar feeds ---------------------------------------------------------------------------------------------

export type FeedOwner = { kind: 'staff' | 'patient'; id: string };

export async function findActiveFeed(ex: Executor, clinicId: string, tokenHash: string): Promise<FeedRow | undefined> {
  const [row] = await ex
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.clinicId, clinicId), eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)))
    .limit(1);
  return row;
}

export async function findOwnerFeed(ex: Executor, clinicId: string, owner: FeedOwner): Promise<FeedRow | undefined> {
  const [row] = await ex
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.clinicId, clinicId), eq(calendarFeeds.ownerKind, owner.kind), eq(calendarFeeds.ownerId, owner.id), isNull(calendarFeeds.revokedAt)))
    .orderBy(desc(calendarFeeds.createdAt))
    .limit(1);
  return row;
}

/** Revokes every live feed of the owner; returns how many. */
export async function revokeFeeds(ex: Executor, clinicId: string, owner: FeedOwner, at: Date): Promise<number> {
  const rows = await ex
    .update(calendarFeeds)
    .set({ revokedAt: at })
    .where(and(eq(calendarFeeds.clinicId, clinicId), eq(calendarFeeds.ownerKind, owner.kind), eq(calendarFeeds.ownerId, owner.id), isNull(calendarFeeds.revokedAt)))
    .returning({ h: calendarFeeds.tokenHash });
  return rows.length;
}

export async function insertFeed(ex: Executor, row: typeof calendarFeeds.$inferInsert): Promise<void> {
  await ex.insert(calendarFeeds).values(row);
}
