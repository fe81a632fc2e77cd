/** Intentions: append-only rows, one per revision; the latest per dosing appointment counts. */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/database';
import { intentions } from '../../../db/schema';

export type IntentionRow = typeof intentions.$inferSelect;

export async function latestIntention(ex: Executor, clinicId: string, appointmentId: string): Promise<IntentionRow | null> {
  const [row] = await ex.select().from(intentions).where(and(eq(intentions.clinicId, clinicId), eq(intentions.appointmentId, appointmentId)))
    .orderBy(desc(intentions.createdAt), desc(intentions.id)).limit(1);
  return row ?? null;
}

export async function intentionHistory(ex: Executor, clinicId: string, appointmentId: string): Promise<IntentionRow[]> {
  return ex.select().from(intentions).where(and(eq(intentions.clinicId, clinicId), eq(intentions.appointmentId, appointmentId)))
    .orderBy(asc(intentions.createdAt), asc(intentions.id));
}

export async function insertIntention(ex: Executor, row: IntentionRow): Promise<void> {
  await ex.insert(intentions).values(row);
}
