import { and, eq, isNull, gt } from 'drizzle-orm';
import { authTokens } from '../schema';
import type { Executor } from '../database';

export async function insertAuthToken(ex: Executor, row: typeof authTokens.$inferInsert): Promise<void> {
  await ex.insert(authTokens).values(row);
}

/** Marks an unused, unexpired token used and returns it; undefined when it is unknown, used or expired. */
export async function consumeAuthToken(ex: Executor, clinicId: string, tokenHash: string, now: Date) {
  const [row] = await ex
    .update(authTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(authTokens.clinicId, clinicId),
        eq(authTokens.tokenHash, tokenHash),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, now),
      ),
    )
    .returning();
  return row;
}

export async function findValidAuthToken(ex: Executor, clinicId: string, tokenHash: string, now: Date) {
  const [row] = await ex
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.clinicId, clinicId), eq(authTokens.tokenHash, tokenHash), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
    .limit(1);
  return row;
}
