import { and, desc, eq, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { outbox } from '../schema';
import { queryRows, type Executor } from '../database';

export type OutboxRow = typeof outbox.$inferSelect;

export async function enqueueMessage(ex: Executor, row: typeof outbox.$inferInsert): Promise<void> {
  await ex.insert(outbox).values(row);
}

/** Several messages in one statement (a whole course's reminders). */
export async function enqueueMessages(ex: Executor, rows: (typeof outbox.$inferInsert)[]): Promise<void> {
  if (rows.length) await ex.insert(outbox).values(rows);
}

/** A claimed message: the row's content plus the claim (attempt number and lease end) that fences later updates. */
export interface ClaimedMessage {
  clinicId: string;
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  bodyText: string;
  nextAttemptAt: Date;
  /** Counting this claim; together with lockedUntil it identifies the claim (a later claim changes both). */
  attempts: number;
  maxAttempts: number;
  lockedUntil: Date;
}

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Claims up to `limit` due messages for `leaseMs`: rows locked by another instance are skipped, and a claimed row
 * is invisible to others until its lease ends (so a crashed sender's messages are retried later). Each claim counts
 * as an attempt; a message whose attempts are used up is not claimed again (see failAbandonedMessages).
 */
export async function claimDueMessages(ex: Executor, now: Date, leaseMs: number, limit: number): Promise<ClaimedMessage[]> {
  const leaseEnd = new Date(now.getTime() + leaseMs);
  const rows = await queryRows<Record<string, unknown>>(ex, sql`
    UPDATE outbox SET locked_until = ${iso(leaseEnd)}, attempts = outbox.attempts + 1
    WHERE (clinic_id, id) IN (
      SELECT clinic_id, id FROM outbox
      WHERE status = 'pending' AND next_attempt_at <= ${iso(now)}
        AND (locked_until IS NULL OR locked_until <= ${iso(now)})
        AND attempts < max_attempts
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING clinic_id, id, kind, recipient, subject, body_text, next_attempt_at, attempts, max_attempts`);
  return rows
    .map((r) => ({
      clinicId: String(r.clinic_id),
      id: String(r.id),
      kind: String(r.kind),
      recipient: String(r.recipient),
      subject: String(r.subject),
      bodyText: String(r.body_text),
      nextAttemptAt: new Date(r.next_attempt_at as string | Date),
      attempts: Number(r.attempts),
      maxAttempts: Number(r.max_attempts),
      lockedUntil: leaseEnd,
    }))
    .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const stillClaimed = (claim: ClaimedMessage) =>
  and(
    eq(outbox.clinicId, claim.clinicId),
    eq(outbox.id, claim.id),
    eq(outbox.status, 'pending'),
    eq(outbox.attempts, claim.attempts),
    sql`${outbox.lockedUntil} = ${iso(claim.lockedUntil)}`,
  );

/**
 * Right before sending: checks the claim is still this sender's (no other instance took the message over after the
 * lease ran out) and extends the lease from `now`. Returns the renewed claim, or null when the message must be left alone.
 */
export async function renewClaim(ex: Executor, claim: ClaimedMessage, now: Date, leaseMs: number): Promise<ClaimedMessage | null> {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const rows = await ex.update(outbox).set({ lockedUntil }).where(stillClaimed(claim)).returning({ id: outbox.id });
  return rows.length > 0 ? { ...claim, lockedUntil } : null;
}

/** The message went out: recorded even if the claim was lost meanwhile (it did go out), but never twice. */
export async function markSent(ex: Executor, clinicId: string, id: string, at: Date): Promise<void> {
  await ex
    .update(outbox)
    .set({ status: 'sent', sentAt: at, lockedUntil: null, lastError: null })
    .where(and(eq(outbox.clinicId, clinicId), eq(outbox.id, id), ne(outbox.status, 'sent')));
}

/**
 * Records a failed attempt under `claim`: retried at `nextAttemptAt`, or failed for good when null. Does nothing (and
 * returns false) when the claim is stale, so a late report cannot overwrite what another instance did since.
 */
export async function markAttemptFailed(ex: Executor, claim: ClaimedMessage, error: string, nextAttemptAt: Date | null): Promise<boolean> {
  const rows = await ex
    .update(outbox)
    .set(nextAttemptAt ? { lastError: error, nextAttemptAt, lockedUntil: null } : { lastError: error, status: 'failed', lockedUntil: null })
    .where(stillClaimed(claim))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/**
 * Messages whose every attempt was claimed but never finished (the sender died each time, e.g. a message that crashes
 * it) fail once the last lease ends, so they show up for an admin instead of staying pending for ever.
 */
export async function failAbandonedMessages(ex: Executor, now: Date): Promise<number> {
  const rows = await ex
    .update(outbox)
    .set({
      status: 'failed',
      lockedUntil: null,
      lastError: sql`coalesce(${outbox.lastError} || '; ', '') || 'delivery was interrupted (the sender stopped before finishing) on the last attempt'`,
    })
    .where(
      and(
        eq(outbox.status, 'pending'),
        sql`${outbox.attempts} >= ${outbox.maxAttempts}`,
        or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, now)),
      ),
    )
    .returning({ id: outbox.id });
  return rows.length;
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
