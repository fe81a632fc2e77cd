/**
 * The audit sealer: links appended events into each clinic's hash chain (audit_seals), in receipt order.
 *
 * Why a sealer: appending with the chain computed in the request (the head row locked until COMMIT) made every
 * audited request of a clinic wait for the previous one's commit — WAL flush included — so a clinic's reads and
 * writes went through one lock in single file. Events are now inserted unchained with a receipt number from one
 * sequence, and this runs every second on every app instance (src/server/jobs.ts), and before `audit verify`.
 *
 * Which events are safe to seal: receipt numbers are handed out before their transactions commit, so an event numbered
 * 41 may still be invisible when 42 is already committed. Sealing 42 first and 41 later would be harmless for the
 * chain (it follows seal order), but then "every event up to N is sealed" would not hold and verification could not
 * tell a late event from one slipped in afterwards. So the sealer reads the sequence (cutoff N), then the transactions
 * in progress, and waits until those have ended: audit_append() takes its transaction id before drawing a number, so
 * any event numbered ≤ N belongs to a transaction that was either finished or in that list. Then everything ≤ N is
 * visible for good and sealed in order; `sealed_through` records N per clinic.
 *
 * Several sealers (instances) at once are safe: each clinic's head row is locked FOR UPDATE while its batch is sealed,
 * and the second sealer finds the range already sealed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { GENESIS_HASH, sealEvents } from '../../core/audit-chain';
import { queryRows, type Database, type Executor } from '../database';
import { sha256Hex } from './audit';

export interface SealOptions {
  /** Give up (seal nothing this time) if transactions numbered below the cutoff are still running after this long. */
  maxWaitMs?: number;
  /** Events sealed per clinic per transaction. */
  batchSize?: number;
}

export interface SealReport {
  /** Events sealed by this call, over all clinics. */
  sealed: number;
  /** Receipt number up to which every event is now sealed; null when waiting timed out and nothing was sealed. */
  cutoff: number | null;
}

/** Seals every event appended before this call started (see the file comment for why that is the safe cutoff). */
export async function sealAuditTrail(database: Database, options: SealOptions = {}): Promise<SealReport> {
  const { maxWaitMs = 5_000, batchSize = 5_000 } = options;
  const db = database.db;
  const [seqRow] = await queryRows<{ cutoff: string }>(db, sql`
    SELECT (CASE WHEN is_called THEN last_value ELSE last_value - 1 END)::text AS cutoff FROM audit_event_seq`);
  const cutoff = Number(seqRow!.cutoff);
  // A later statement, so its snapshot is taken after the sequence was read.
  const [running] = await queryRows<{ xids: string }>(db, sql`
    SELECT coalesce(string_agg(x::text, ','), '') AS xids FROM pg_snapshot_xip(pg_current_snapshot()) AS x`);
  const xids = running!.xids ? running!.xids.split(',') : [];
  if (!(await waitForTransactions(db, xids, maxWaitMs))) return { sealed: 0, cutoff: null };

  const pending = await queryRows<{ clinic_id: string }>(db, sql`
    SELECT c.id AS clinic_id FROM clinics c LEFT JOIN audit_heads h ON h.clinic_id = c.id
     WHERE EXISTS (SELECT 1 FROM audit_events e
                    WHERE e.clinic_id = c.id AND e.seq > coalesce(h.sealed_through, 0) AND e.seq <= ${cutoff})`);
  let sealed = 0;
  for (const { clinic_id: clinicId } of pending) {
    for (;;) {
      const batch = await db.transaction((tx) => sealBatch(tx, clinicId, cutoff, batchSize));
      sealed += batch.sealed;
      if (!batch.more) break;
    }
  }
  return { sealed, cutoff };
}

/** Waits until none of `xids` is still in progress; false if that took longer than `maxWaitMs`. */
async function waitForTransactions(db: Executor, xids: string[], maxWaitMs: number): Promise<boolean> {
  if (xids.length === 0) return true;
  const deadline = Date.now() + maxWaitMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    const [row] = await queryRows<{ running: number }>(db, sql`
      SELECT count(*)::int AS running FROM unnest(${`{${xids.join(',')}}`}::xid8[]) AS x WHERE pg_xact_status(x) = 'in progress'`);
    if (row!.running === 0) return true;
    if (Date.now() >= deadline) return false;
    await sleep(pause);
  }
}

/** Seals the clinic's next events up to `cutoff` (at most `batchSize`) in one transaction. */
async function sealBatch(tx: Executor, clinicId: string, cutoff: number, batchSize: number): Promise<{ sealed: number; more: boolean }> {
  const head = await lockHead(tx, clinicId);
  if (head.sealedThrough >= cutoff) return { sealed: 0, more: false };
  const events = (
    await queryRows<{ receipt: string; content_hash: string }>(tx, sql`
      SELECT e.seq::text AS receipt, e.content_hash FROM audit_events e
       WHERE e.clinic_id = ${clinicId}::uuid AND e.seq > ${head.sealedThrough} AND e.seq <= ${cutoff}
       ORDER BY e.seq LIMIT ${batchSize}`)
  ).map((e) => ({ seq: Number(e.receipt), contentHash: e.content_hash }));
  const more = events.length === batchSize;
  const { seals, cursor } = sealEvents(events, { nextSeq: head.lastSeq + 1, prevHash: head.lastHash }, sha256Hex);
  if (seals.length > 0) {
    const rows = seals.map((s) => ({ seq: s.seq, event_seq: s.eventSeq, prev_hash: s.prevHash, hash: s.hash }));
    await tx.execute(sql`
      INSERT INTO audit_seals (clinic_id, seq, event_seq, prev_hash, hash)
      SELECT ${clinicId}::uuid, x.seq, x.event_seq, x.prev_hash, x.hash
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(seq bigint, event_seq bigint, prev_hash text, hash text)`);
  }
  const through = more ? events[events.length - 1]!.seq : cutoff;
  await tx.execute(sql`
    UPDATE audit_heads SET last_seq = ${cursor.nextSeq - 1}, last_hash = ${cursor.prevHash}, sealed_through = ${through}
     WHERE clinic_id = ${clinicId}::uuid`);
  return { sealed: seals.length, more };
}

interface Head {
  lastSeq: number;
  lastHash: string;
  sealedThrough: number;
}

/** The clinic's chain head, locked for this transaction (created empty on the clinic's first seal). */
async function lockHead(tx: Executor, clinicId: string): Promise<Head> {
  const select = () =>
    queryRows<{ last_seq: string; last_hash: string; sealed_through: string }>(tx, sql`
      SELECT last_seq::text, last_hash, sealed_through::text FROM audit_heads WHERE clinic_id = ${clinicId}::uuid FOR UPDATE`);
  let [row] = await select();
  if (!row) {
    await tx.execute(sql`
      INSERT INTO audit_heads (clinic_id, last_seq, last_hash, sealed_through) VALUES (${clinicId}::uuid, 0, ${GENESIS_HASH}, 0)
      ON CONFLICT (clinic_id) DO NOTHING`);
    [row] = await select();
  }
  return { lastSeq: Number(row!.last_seq), lastHash: row!.last_hash, sealedThrough: Number(row!.sealed_through) };
}
