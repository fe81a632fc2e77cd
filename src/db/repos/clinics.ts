import { and, asc, eq } from 'drizzle-orm';
import { clinics, rooms, staffCredentials, staffMembers } from '../schema';
import type { Executor } from '../database';

export type ClinicRow = typeof clinics.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
export type StaffRow = typeof staffMembers.$inferSelect;
export type CredentialRow = typeof staffCredentials.$inferSelect;

export async function findClinic(ex: Executor, clinicId: string): Promise<ClinicRow | undefined> {
  const [row] = await ex.select().from(clinics).where(eq(clinics.id, clinicId)).limit(1);
  return row;
}

export async function findClinicBySlug(ex: Executor, slug: string): Promise<ClinicRow | undefined> {
  const [row] = await ex.select().from(clinics).where(eq(clinics.slug, slug)).limit(1);
  return row;
}

export async function insertClinic(ex: Executor, row: typeof clinics.$inferInsert): Promise<void> {
  await ex.insert(clinics).values(row);
}

export async function updateClinic(ex: Executor, clinicId: string, patch: Partial<typeof clinics.$inferInsert>): Promise<ClinicRow | undefined> {
  const [row] = await ex.update(clinics).set(patch).where(eq(clinics.id, clinicId)).returning();
  return row;
}

export async function listRooms(ex: Executor, clinicId: string): Promise<RoomRow[]> {
  return ex.select().from(rooms).where(eq(rooms.clinicId, clinicId)).orderBy(asc(rooms.name));
}

export async function insertRoom(ex: Executor, row: typeof rooms.$inferInsert): Promise<void> {
  await ex.insert(rooms).values(row);
}

export async function updateRoom(ex: Executor, clinicId: string, roomId: string, patch: Partial<typeof rooms.$inferInsert>): Promise<RoomRow | undefined> {
  const [row] = await ex.update(rooms).set(patch).where(and(eq(rooms.clinicId, clinicId), eq(rooms.id, roomId))).returning();
  return row;
}

export async function listStaff(ex: Executor, clinicId: string): Promise<StaffRow[]> {
  return ex.select().from(staffMembers).where(eq(staffMembers.clinicId, clinicId)).orderBy(asc(staffMembers.familyName), asc(staffMembers.givenName));
}

export async function findStaff(ex: Executor, clinicId: string, staffId: string): Promise<StaffRow | undefined> {
  const [row] = await ex.select().from(staffMembers).where(and(eq(staffMembers.clinicId, clinicId), eq(staffMembers.id, staffId))).limit(1);
  return row;
}

export async function insertStaff(ex: Executor, row: typeof staffMembers.$inferInsert): Promise<void> {
  await ex.insert(staffMembers).values({ ...row, email: row.email.trim().toLowerCase() });
}

export async function updateStaff(ex: Executor, clinicId: string, staffId: string, patch: Partial<typeof staffMembers.$inferInsert>): Promise<StaffRow | undefined> {
  const [row] = await ex.update(staffMembers).set(patch).where(and(eq(staffMembers.clinicId, clinicId), eq(staffMembers.id, staffId))).returning();
  return row;
}

export async function listCredentials(ex: Executor, clinicId: string): Promise<CredentialRow[]> {
  return ex.select().from(staffCredentials).where(eq(staffCredentials.clinicId, clinicId)).orderBy(asc(staffCredentials.expiresOn));
}

export async function insertCredential(ex: Executor, row: typeof staffCredentials.$inferInsert): Promise<void> {
  await ex.insert(staffCredentials).values(row);
}

export async function deleteCredential(ex: Executor, clinicId: string, staffId: string, credentialId: string): Promise<boolean> {
  const rows = await ex
    .delete(staffCredentials)
    .where(and(eq(staffCredentials.clinicId, clinicId), eq(staffCredentials.staffId, staffId), eq(staffCredentials.id, credentialId)))
    .returning({ id: staffCredentials.id });
  return rows.length > 0;
}
