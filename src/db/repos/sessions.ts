import { and, eq, lt, sql } from 'drizzle-orm';
import { clinics, sessions, staffMembers, users } from '../schema';
import type { Executor } from '../database';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(ex: Executor, row: typeof sessions.$inferInsert): Promise<void> {
  await ex.insert(sessions).values(row);
}

/** The session with what authorization needs about its user, in one query. */
export async function findSessionWithUser(ex: Executor, clinicId: string, tokenHash: string) {
  const [row] = await ex
    .select({
      session: sessions,
      user: {
        id: users.id,
        email: users.email,
        kind: users.kind,
        staffId: users.staffId,
        patientId: users.patientId,
        disabled: users.disabled,
        totpEnabled: users.totpEnabled,
      },
      staffRole: staffMembers.role,
      staffActive: staffMembers.active,
      clinicSettings: clinics.settings,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.clinicId, sessions.clinicId), eq(users.id, sessions.userId)))
    .innerJoin(clinics, eq(clinics.id, sessions.clinicId))
    .leftJoin(staffMembers, and(eq(staffMembers.clinicId, users.clinicId), eq(staffMembers.id, users.staffId)))
    .where(and(eq(sessions.clinicId, clinicId), eq(sessions.tokenHash, tokenHash)))
    .limit(1);
  return row;
}

export async function touchSession(ex: Executor, clinicId: string, tokenHash: string, at: Date): Promise<void> {
  await ex.update(sessions).set({ lastSeenAt: at }).where(and(eq(sessions.clinicId, clinicId), eq(sessions.tokenHash, tokenHash)));
}

export async function deleteSession(ex: Executor, clinicId: string, tokenHash: string): Promise<void> {
  await ex.delete(sessions).where(and(eq(sessions.clinicId, clinicId), eq(sessions.tokenHash, tokenHash)));
}

export async function clearMustEnroll(ex: Executor, clinicId: string, tokenHash: string): Promise<void> {
  await ex.update(sessions).set({ mustEnrollTotp: false }).where(and(eq(sessions.clinicId, clinicId), eq(sessions.tokenHash, tokenHash)));
}

/** Ends every session of a user (after a password change or reset), optionally keeping one. */
export async function deleteUserSessions(ex: Executor, clinicId: string, userId: string, keepTokenHash?: string): Promise<void> {
  await ex
    .delete(sessions)
    .where(
      and(
        eq(sessions.clinicId, clinicId),
        eq(sessions.userId, userId),
        keepTokenHash ? sql`${sessions.tokenHash} <> ${keepTokenHash}` : undefined,
      ),
    );
}

/** Housekeeping: sessions idle longer than the longest idle limit can never be used again. */
export async function deleteSessionsIdleSince(ex: Executor, before: Date): Promise<number> {
  const deleted = await ex.delete(sessions).where(lt(sessions.lastSeenAt, before)).returning({ h: sessions.tokenHash });
  return deleted.length;
}
