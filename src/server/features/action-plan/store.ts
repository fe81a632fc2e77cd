/** Action-plan rows: items (updated in place) and their changes (append-only: the database refuses UPDATE/DELETE). */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/database';
import { actionPlanChanges, actionPlanItems, patients, staffMembers } from '../../../db/schema';

export type ItemRow = typeof actionPlanItems.$inferSelect;
export type ChangeRow = typeof actionPlanChanges.$inferSelect;

export async function listItems(ex: Executor, clinicId: string, patientId: string): Promise<ItemRow[]> {
  return ex.select().from(actionPlanItems)
    .where(and(eq(actionPlanItems.clinicId, clinicId), eq(actionPlanItems.patientId, patientId)))
    .orderBy(asc(actionPlanItems.createdAt), asc(actionPlanItems.id));
}

export async function listChanges(ex: Executor, clinicId: string, patientId: string): Promise<ChangeRow[]> {
  return ex.select().from(actionPlanChanges)
    .where(and(eq(actionPlanChanges.clinicId, clinicId), eq(actionPlanChanges.patientId, patientId)))
    .orderBy(asc(actionPlanChanges.at), asc(actionPlanChanges.id));
}

/** The patient's item (locked for a change), or undefined: an item of another patient is as missing as none. */
export async function findItem(ex: Executor, clinicId: string, patientId: string, id: string, lock = false): Promise<ItemRow | undefined> {
  const q = ex.select().from(actionPlanItems)
    .where(and(eq(actionPlanItems.clinicId, clinicId), eq(actionPlanItems.patientId, patientId), eq(actionPlanItems.id, id))).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function listItemChanges(ex: Executor, clinicId: string, itemId: string): Promise<ChangeRow[]> {
  return ex.select().from(actionPlanChanges)
    .where(and(eq(actionPlanChanges.clinicId, clinicId), eq(actionPlanChanges.itemId, itemId)))
    .orderBy(asc(actionPlanChanges.at), asc(actionPlanChanges.id));
}

export async function insertItem(ex: Executor, row: ItemRow): Promise<void> {
  await ex.insert(actionPlanItems).values(row);
}

export async function updateItem(ex: Executor, row: ItemRow, patch: Partial<Pick<ItemRow, 'insight' | 'commitment' | 'timeframe' | 'measure' | 'status' | 'updatedAt'>>): Promise<ItemRow> {
  const [updated] = await ex.update(actionPlanItems).set(patch)
    .where(and(eq(actionPlanItems.clinicId, row.clinicId), eq(actionPlanItems.id, row.id))).returning();
  return updated!;
}

export async function insertChange(ex: Executor, row: ChangeRow): Promise<void> {
  await ex.insert(actionPlanChanges).values(row);
}

/** Display names of the staff and patients who wrote the given rows. */
export async function authorNames(ex: Executor, clinicId: string, authors: { kind: 'patient' | 'staff'; id: string }[]): Promise<Map<string, string>> {
  const ids = (kind: 'patient' | 'staff') => [...new Set(authors.filter((a) => a.kind === kind).map((a) => a.id))];
  const staffIds = ids('staff');
  const patientIds = ids('patient');
  const [staff, pats] = await Promise.all([
    staffIds.length ? ex.select({ id: staffMembers.id, g: staffMembers.givenName, f: staffMembers.familyName }).from(staffMembers).where(and(eq(staffMembers.clinicId, clinicId), inArray(staffMembers.id, staffIds))) : [],
    patientIds.length ? ex.select({ id: patients.id, g: patients.givenName, p: patients.preferredName, f: patients.familyName }).from(patients).where(and(eq(patients.clinicId, clinicId), inArray(patients.id, patientIds))) : [],
  ]);
  return new Map([
    ...staff.map((s) => [`staff:${s.id}`, `${s.g} ${s.f}`] as const),
    ...pats.map((p) => [`patient:${p.id}`, `${p.p ?? p.g} ${p.f}`] as const),
  ]);
}
