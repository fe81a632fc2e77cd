/**
 * The clinic's education modules and the patients' reads. A clinic without rows reads the built-in defaults
 * (src/core/education); the first edit copies the whole default set into the clinic's rows, then changes the edited
 * one, so every module of a clinic comes from one place (its rows) from then on. The demo clinic is seeded with the
 * defaults (seedDefaultModules).
 */
import { and, asc, eq } from 'drizzle-orm';
import { DEFAULT_MODULES, type EducationModuleText } from '../../../core/education/default-modules';
import type { Executor } from '../../../db/database';
import { educationModules, educationReads } from '../../../db/schema';

export interface ModuleRow extends EducationModuleText {
  updatedAt: Date | null;
  updatedBy: string | null;
}

export async function clinicModules(ex: Executor, clinicId: string): Promise<ModuleRow[]> {
  const rows = await ex.select().from(educationModules).where(eq(educationModules.clinicId, clinicId)).orderBy(asc(educationModules.position), asc(educationModules.id));
  if (rows.length === 0) return DEFAULT_MODULES.map((m) => ({ ...m, updatedAt: null, updatedBy: null }));
  return rows.map((r) => ({ id: r.id, title: r.title, body: r.body, position: r.position, updatedAt: r.updatedAt, updatedBy: r.updatedBy }));
}

/** Copies the defaults into a clinic that has no modules yet (no-op otherwise). */
export async function seedDefaultModules(ex: Executor, clinicId: string, at: Date): Promise<void> {
  await ex.insert(educationModules).values(DEFAULT_MODULES.map((m) => ({ clinicId, id: m.id, title: m.title, body: m.body, position: m.position, updatedAt: at, updatedBy: null }))).onConflictDoNothing();
}

export async function updateModule(ex: Executor, clinicId: string, id: string, change: { title: string; body: string }, at: Date, by: string): Promise<void> {
  const [any] = await ex.select({ id: educationModules.id }).from(educationModules).where(eq(educationModules.clinicId, clinicId)).limit(1);
  if (!any) await seedDefaultModules(ex, clinicId, at);
  await ex.update(educationModules).set({ title: change.title, body: change.body, updatedAt: at, updatedBy: by })
    .where(and(eq(educationModules.clinicId, clinicId), eq(educationModules.id, id)));
}

/** Puts the clinic's modules in the given order (positions 1…n); the caller checks `ids` are exactly its modules. */
export async function reorderModules(ex: Executor, clinicId: string, ids: readonly string[], at: Date): Promise<void> {
  const [any] = await ex.select({ id: educationModules.id }).from(educationModules).where(eq(educationModules.clinicId, clinicId)).limit(1);
  if (!any) await seedDefaultModules(ex, clinicId, at);
  for (const [i, id] of ids.entries()) {
    await ex.update(educationModules).set({ position: i + 1 }).where(and(eq(educationModules.clinicId, clinicId), eq(educationModules.id, id)));
  }
}

export async function readsOf(ex: Executor, clinicId: string, patientId: string): Promise<Map<string, Date>> {
  const rows = await ex.select({ moduleId: educationReads.moduleId, readAt: educationReads.readAt }).from(educationReads)
    .where(and(eq(educationReads.clinicId, clinicId), eq(educationReads.patientId, patientId)));
  return new Map(rows.map((r) => [r.moduleId, r.readAt]));
}

export async function markRead(ex: Executor, clinicId: string, patientId: string, moduleId: string, at: Date): Promise<Date> {
  await ex.insert(educationReads).values({ clinicId, patientId, moduleId, readAt: at }).onConflictDoNothing();
  const reads = await readsOf(ex, clinicId, patientId);
  return reads.get(moduleId) ?? at;
}

/** True when the patient has read every module of their clinic (the pre-dose checklist's "education read"). */
export async function hasReadAll(ex: Executor, clinicId: string, patientId: string): Promise<boolean> {
  const [modules, reads] = await Promise.all([clinicModules(ex, clinicId), readsOf(ex, clinicId, patientId)]);
  return modules.length > 0 && modules.every((m) => reads.has(m.id));
}
