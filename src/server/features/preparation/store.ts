/** Preparation guides: one row per preparation appointment, answers updated in place (each change audited). */
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/database';
import { preparationGuides } from '../../../db/schema';

export type GuideRow = typeof preparationGuides.$inferSelect;

/** The guide of a preparation appointment; `lock` holds its row until the transaction ends (one writer at a time). */
export async function findGuide(ex: Executor, clinicId: string, appointmentId: string, lock = false): Promise<GuideRow | null> {
  const q = ex.select().from(preparationGuides)
    .where(and(eq(preparationGuides.clinicId, clinicId), eq(preparationGuides.appointmentId, appointmentId))).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function saveGuide(ex: Executor, row: GuideRow): Promise<void> {
  await ex.insert(preparationGuides).values(row).onConflictDoUpdate({
    target: [preparationGuides.clinicId, preparationGuides.appointmentId],
    set: { answers: row.answers, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
  });
}

/** A patient's guides, most recently updated first (a patient has a handful: one per preparation session). */
export async function patientGuides(ex: Executor, clinicId: string, patientId: string): Promise<GuideRow[]> {
  return ex.select().from(preparationGuides)
    .where(and(eq(preparationGuides.clinicId, clinicId), eq(preparationGuides.patientId, patientId)))
    .orderBy(desc(preparationGuides.updatedAt), desc(preparationGuides.appointmentId));
}
