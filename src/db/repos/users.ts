import { and, eq } from 'drizzle-orm';
import { users } from '../schema';
import type { Executor } from '../database';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(ex: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row;
}

export async function findUser(ex: Executor, clinicId: string, userId: string): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(and(eq(users.clinicId, clinicId), eq(users.id, userId))).limit(1);
  return row;
}

export async function insertUser(ex: Executor, row: typeof users.$inferInsert): Promise<void> {
  await ex.insert(users).values({ ...row, email: row.email.trim().toLowerCase() });
}

export async function setPassword(ex: Executor, clinicId: string, userId: string, passwordHash: string, at: Date): Promise<void> {
  await ex.update(users).set({ passwordHash, passwordChangedAt: at }).where(and(eq(users.clinicId, clinicId), eq(users.id, userId)));
}

export async function setTotp(ex: Executor, clinicId: string, userId: string, secret: string | null, enabled: boolean): Promise<void> {
  await ex.update(users).set({ totpSecret: secret, totpEnabled: enabled, ...(enabled ? {} : { totpLastStep: null }) }).where(and(eq(users.clinicId, clinicId), eq(users.id, userId)));
}
