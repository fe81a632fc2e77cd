import { eq, lt, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { ThrottleCounter } from '../../core/sign-in-throttle';
import { rateLimits, signInThrottle } from '../schema';
import { queryPrepared, type Db, type Executor } from '../database';
import { toDate, toInstant } from '../ids';

const toCounter = (row: typeof signInThrottle.$inferSelect | undefined): ThrottleCounter | null =>
  row && row.failures > 0
    ? { failures: row.failures, windowStartedAt: toInstant(row.windowStartedAt), lockedUntil: row.lockedUntil ? toInstant(row.lockedUntil) : null }
    : null;

/**
 * Reads and rewrites several counters in one transaction with their rows locked (in key order, so two sign-ins
 * never deadlock): concurrent attempts on any instance each see the ones before them. `update` answers the new
 * counters, or null to change nothing.
 */
export async function updateThrottleCounters(
  db: Db, keys: string[], now: Temporal.Instant,
  update: (current: Map<string, ThrottleCounter | null>) => Map<string, ThrottleCounter> | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = new Map<string, ThrottleCounter | null>();
    for (const key of [...new Set(keys)].sort()) {
      await tx.insert(signInThrottle).values({ key, failures: 0, windowStartedAt: toDate(now) }).onConflictDoNothing();
      const [row] = await tx.select().from(signInThrottle).where(eq(signInThrottle.key, key)).for('update');
      current.set(key, toCounter(row));
    }
    for (const [key, c] of update(current) ?? []) {
      await tx
        .update(signInThrottle)
        .set({ failures: c.failures, windowStartedAt: toDate(c.windowStartedAt), lockedUntil: c.lockedUntil ? toDate(c.lockedUntil) : null })
        .where(eq(signInThrottle.key, key));
    }
  });
}

export async function clearThrottleCounter(ex: Executor, key: string): Promise<void> {
  await ex.delete(signInThrottle).where(eq(signInThrottle.key, key));
}

/**
 * Counts one request in a fixed window and returns the count so far and when the window ends. One statement, so
 * concurrent requests on several instances count correctly.
 */
export async function hitRateLimit(ex: Executor, key: string, now: Temporal.Instant, windowMs: number) {
  const nowDate = toDate(now);
  const windowEnd = new Date(now.epochMilliseconds + windowMs);
  const [row] = await queryPrepared<{ count: number; window_ends_at: string | Date }>(ex, sql`
    INSERT INTO rate_limits (key, count, window_ends_at) VALUES (${key}, 1, ${windowEnd.toISOString()}::timestamptz)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_ends_at <= ${nowDate.toISOString()}::timestamptz THEN 1 ELSE rate_limits.count + 1 END,
      window_ends_at = CASE WHEN rate_limits.window_ends_at <= ${nowDate.toISOString()}::timestamptz
                            THEN excluded.window_ends_at ELSE rate_limits.window_ends_at END
    RETURNING count, window_ends_at`);
  return { count: Number(row!.count), windowEndsAt: new Date(row!.window_ends_at) };
}

export async function deleteExpiredRateLimits(ex: Executor, now: Date): Promise<void> {
  await ex.delete(rateLimits).where(lt(rateLimits.windowEndsAt, now));
  await ex.delete(signInThrottle).where(lt(signInThrottle.windowStartedAt, new Date(now.getTime() - 24 * 3600_000)));
}
