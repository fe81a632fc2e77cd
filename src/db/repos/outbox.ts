import { and, desc, eq, sql } from 'drizzle-orm';
import { outbox } from '../schema';
import { queryRows, type Executor } from '../database';

export type OutboxRow = typeof outbox.$inferSelect;

export async function enqueueMessage(ex: Executor, row: typeof outbox.$inferInsert): Promise<void> {
  await ex.insert(outbox).values(row);
}

/**
 * Claims up to `limit` due messages for `leaseMs`: rows locked by another instance are skipped, and a claimed row
 * is invisible to others until its lease ends (so a crashed sender's messages are retried later).
 */
export async function claimDueMessages(ex: Executor, now: Date, leaseMs: number, limit: number): Promise<OutboxRow[]> {
  const leaseEnd = new Date(now.getTime() + leaseMs);
  const rows = await queryRows<Record<string, unknown>>(ex, sql`
    UPDATE outbox SET locked_until = ${leaseEnd.toISOString()}::timestamptz, attempts = outbox.attempts + 1
    WHERE (clinic_id, id) IN (
      SELECT clinic_id, id FROM outbox
      WHERE status = 'pending' AND next_attempt_at <= ${now.toISOString()}::timestamptz
        AND (locked_until IS NULL OR locked_until <= ${now.toISOString()}::timestamptz)
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING clinic_id, id, kind, recipient, subject, body_text, attempts, max_attempts`);
  return rows.map((r) => ({
    clinicId: String(r.clinic_id),
    id: String(r.id),
    kind: String(r.kind),
    recipient: String(r.recipient),
    subject: String(r.subject),
    bodyText: String(r.body_text),
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
  })) as OutboxRow[];
}

export async function markSent(ex: Executor, clinicId: string, id: string, at: Date): Promise<void> {
  await ex.update(outbox).set({ status: 'sent', sentAt: at, lockedUntil: null, lastError: null }).where(and(eq(outbox.clinicId, clinicId), eq(outbox.id, id)));
}

export async function markAttemptFailed(
  ex: Executor, clinicId: string, id: string, error: string, nextAttemptAt: Date | null,
): Promise<void> {
  await ex
    .update(outbox)
    .set(nextAttemptAt ? { lastError: error, nextAttemptAt, lockedUntil: null } : { lastError: error, status: 'failed', lockedUntil: null })
    .where(and(eq(outbox.clinicId, clinicId), eq(outbox.id, id)));
}

export async function listOutbox(ex: Executor, clinicId: string, status: 'pending' | 'sent' | 'failed' | undefined, limit: number) {
  return ex
    .select({
      id: outbox.id, kind: outbox.kind, recipient: outbox.recipient, subject: outbox.subject, status: outbox.status,
      attempts: outbox.attempts, lastError: outbox.lastError, nextAttemptAt: outbox.nextAttemptAt, createdAt: outbox.createdAt, sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(and(eq(outbox.clinicId, clinicId), status ? eq(outbox.status, status) : undefined))
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

/** An admin sends a failed message again: it becomes pending with a fresh attempt budget. */
export async function retryMessage(ex: Executor, clinicId: string, id: string, now: Date): Promise<boolean> {
  const rows = await ex
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lockedUntil: null })
    .where(and(eq(outbox.clinicId, clinicId), eq(outbox.id, id), eq(outbox.status, 'failed')))
    .returning({ id: outbox.id });
  return rows.length > 0;
}
