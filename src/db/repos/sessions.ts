import { and, eq, lt, sql } from 'drizzle-orm';
import { sessions } from '../schema';
import { queryPrepared, type Executor } from '../database';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(ex: Executor, row: typeof sessions.$inferInsert): Promise<void> {
  await ex.insert(sessions).values(row);
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

export interface SessionLookup {
  /** The request counted against the session's rate-limit key (always present). */
  count: number;
  windowEndsAt: Date;
  /** Null when no such session exists. */
  session: {
    userId: string;
    userKind: 'staff' | 'patient';
    csrfToken: string;
    createdAt: Date;
    lastSeenAt: Date;
    staffId: string | null;
    patientId: string | null;
    disabled: boolean;
    totpEnabled: boolean;
    staffRole: 'admin' | 'prescriber' | 'nurse' | 'therapist' | null;
    staffActive: boolean | null;
    requireAdminTotp: boolean;
  } | null;
}

/**
 * The hot path of every signed-in request in one round trip: count the request against the session's rate-limit key
 * (a fixed window, shared by every instance) and load the session with what authorization needs about its user.
 */
export async function countAndFindSession(
  ex: Executor, clinicId: string, tokenHash: string, rateKey: string, now: Date, windowMs: number,
): Promise<SessionLookup> {
  const windowEnd = new Date(now.getTime() + windowMs).toISOString();
  const at = now.toISOString();
  const [row] = await queryPrepared<Record<string, unknown>>(ex, sql`
    WITH rl AS (
      INSERT INTO rate_limits AS r (key, count, window_ends_at) VALUES (${rateKey}, 1, ${windowEnd}::timestamptz)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN r.window_ends_at <= ${at}::timestamptz THEN 1 ELSE r.count + 1 END,
        window_ends_at = CASE WHEN r.window_ends_at <= ${at}::timestamptz THEN excluded.window_ends_at ELSE r.window_ends_at END
      RETURNING count, window_ends_at
    )
    SELECT rl.count, rl.window_ends_at, s.user_id, s.user_kind, s.csrf_token, s.created_at, s.last_seen_at,
           u.staff_id, u.patient_id, u.disabled, u.totp_enabled, st.role AS staff_role, st.active AS staff_active,
           coalesce((c.settings->>'requireAdminTotp')::boolean, false) AS require_admin_totp
    FROM rl
    LEFT JOIN sessions s ON s.clinic_id = ${clinicId}::uuid AND s.token_hash = ${tokenHash}
    LEFT JOIN users u ON u.clinic_id = s.clinic_id AND u.id = s.user_id
    LEFT JOIN clinics c ON c.id = s.clinic_id
    LEFT JOIN staff_members st ON st.clinic_id = u.clinic_id AND st.id = u.staff_id`);
  const r = row!;
  const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
  return {
    count: Number(r.count),
    windowEndsAt: date(r.window_ends_at),
    session:
      r.user_id === null || r.user_id === undefined
        ? null
        : {
            userId: String(r.user_id),
            userKind: r.user_kind as 'staff' | 'patient',
            csrfToken: String(r.csrf_token),
            createdAt: date(r.created_at),
            lastSeenAt: date(r.last_seen_at),
            staffId: (r.staff_id as string | null) ?? null,
            patientId: (r.patient_id as string | null) ?? null,
            disabled: Boolean(r.disabled),
            totpEnabled: Boolean(r.totp_enabled),
            staffRole: (r.staff_role as 'admin' | 'prescriber' | 'nurse' | 'therapist' | null) ?? null,
            staffActive: r.staff_active === null || r.staff_active === undefined ? null : Boolean(r.staff_active),
            requireAdminTotp: Boolean(r.require_admin_totp),
          },
  };
}
