/** Post-dose check-ins: append-only rows, one per dosing appointment (the database refuses a second, and any change). */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/database';
import { postDoseCheckins } from '../../../db/schema';

export type CheckinRow = typeof postDoseCheckins.$inferSelect;

export async function insertCheckin(ex: Executor, row: CheckinRow): Promise<void> {
  await ex.insert(postDoseCheckins).values(row);
}

export async function findCheckinFor(ex: Executor, clinicId: string, appointmentId: string): Promise<CheckinRow | undefined> {
  const [row] = await ex.select().from(postDoseCheckins).where(and(eq(postDoseCheckins.clinicId, clinicId), eq(postDoseCheckins.appointmentId, appointmentId))).limit(1);
  return row;
}

export async function checkinsFor(ex: Executor, clinicId: string, appointmentIds: string[]): Promise<Map<string, CheckinRow>> {
  if (appointmentIds.length === 0) return new Map();
  const rows = await ex.select().from(postDoseCheckins).where(and(eq(postDoseCheckins.clinicId, clinicId), inArray(postDoseCheckins.appointmentId, appointmentIds)));
  return new Map(rows.map((r) => [r.appointmentId, r]));
}

/** The patient's check-ins, newest first. */
export async function listPatientCheckins(ex: Executor, clinicId: string, patientId: string): Promise<CheckinRow[]> {
  return ex.select().from(postDoseCheckins).where(and(eq(postDoseCheckins.clinicId, clinicId), eq(postDoseCheckins.patientId, patientId)))
    .orderBy(desc(postDoseCheckins.createdAt), desc(postDoseCheckins.id));
}
