/**
 * Journal rows. Every query names the patient, and the care team's query asks for shared entries in SQL, so a
 * private entry cannot reach staff through a forgotten filter in a route.
 */
import { and, desc, eq, gte, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../../db/database';
import { courses, journalEntries } from '../../../db/schema';

export type EntryRow = typeof journalEntries.$inferSelect;

/** A course the patient is in now (booked, or paused between doses); the newest if there were ever two. */
const CURRENT_COURSE_STATUSES = ['booked', 'paused'] as const;

export async function listOwnEntries(ex: Executor, clinicId: string, patientId: string): Promise<EntryRow[]> {
  return ex.select().from(journalEntries)
    .where(and(eq(journalEntries.clinicId, clinicId), eq(journalEntries.patientId, patientId)))
    .orderBy(desc(journalEntries.createdAt), desc(journalEntries.id));
}

/** The entries the patient shares with the care team, newest first; `since` keeps those written from then on. */
export async function listSharedEntries(ex: Executor, clinicId: string, patientId: string, since: Date | null): Promise<EntryRow[]> {
  return ex.select().from(journalEntries)
    .where(and(
      eq(journalEntries.clinicId, clinicId), eq(journalEntries.patientId, patientId), isNotNull(journalEntries.sharedAt),
      since ? gte(journalEntries.createdAt, since) : undefined,
    ))
    .orderBy(desc(journalEntries.createdAt), desc(journalEntries.id));
}

/** The patient's own entry (locked for a change), or undefined: another patient's entry is as missing as none. */
export async function findOwnEntry(ex: Executor, clinicId: string, patientId: string, id: string, lock = false): Promise<EntryRow | undefined> {
  const q = ex.select().from(journalEntries)
    .where(and(eq(journalEntries.clinicId, clinicId), eq(journalEntries.patientId, patientId), eq(journalEntries.id, id))).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertEntry(ex: Executor, row: EntryRow): Promise<void> {
  await ex.insert(journalEntries).values(row);
}

export async function updateEntry(ex: Executor, row: EntryRow, patch: Partial<Pick<EntryRow, 'text' | 'mood' | 'sharedAt' | 'updatedAt'>>): Promise<EntryRow> {
  const [updated] = await ex.update(journalEntries).set(patch)
    .where(and(eq(journalEntries.clinicId, row.clinicId), eq(journalEntries.patientId, row.patientId), eq(journalEntries.id, row.id))).returning();
  return updated!;
}

export async function deleteEntry(ex: Executor, row: EntryRow): Promise<void> {
  await ex.delete(journalEntries).where(and(eq(journalEntries.clinicId, row.clinicId), eq(journalEntries.patientId, row.patientId), eq(journalEntries.id, row.id)));
}

export async function currentCourseId(ex: Executor, clinicId: string, patientId: string): Promise<string | null> {
  const [row] = await ex.select({ id: courses.id }).from(courses)
    .where(and(eq(courses.clinicId, clinicId), eq(courses.patientId, patientId), inArray(courses.status, [...CURRENT_COURSE_STATUSES])))
    .orderBy(desc(courses.createdAt)).limit(1);
  return row?.id ?? null;
}
