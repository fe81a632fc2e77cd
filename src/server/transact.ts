import type { Result } from '../core/errors';
import type { Db, Tx } from '../db/database';

/**
 * Runs `work` in one transaction that commits only when it returns an ok Result: a refused step (a failed Result)
 * rolls back everything done before it, so a 4xx never leaves a half-made change behind.
 */
export async function transact<T>(db: Db, work: (tx: Tx) => Promise<Result<T>>): Promise<Result<T>> {
  let refused: Result<T> | undefined;
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx);
      if (!result.ok) {
        refused = result;
        tx.rollback();
      }
      return result;
    });
  } catch (err) {
    if (refused) return refused;
    throw err;
  }
}
