/**
 * The audit sealer (src/db/repos/audit-seal.ts) under concurrency: events are appended unchained by many transactions
 * at once and sealed into each clinic's chain while they arrive. What must hold: every committed event is sealed
 * exactly once, in an unbroken chain; an event whose transaction is still open when a later one commits is never
 * skipped (the sealer waits for it, or seals nothing this time); rolled-back events are never sealed; two sealers at
 * once do not seal anything twice.
 *
 * PostgreSQL: real concurrent connections. PGlite (one connection) runs the sequential cases.
 */
import { eq, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventContent } from '../../src/core/audit-chain';
import { openPostgres, type Database } from '../../src/db/database';
import { newId } from '../../src/db/ids';
import { appendAuditEvents, verifyAuditTrail } from '../../src/db/repos/audit';
import { sealAuditTrail } from '../../src/db/repos/audit-seal';
import { loadConfig } from '../../src/server/config';
import { JOBS, startJobs } from '../../src/server/jobs';
import { auditEvents, auditHeads, auditSeals } from '../../src/db/schema';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../helpers/test-db';

let database: TestDatabase;
let clinicId: string;

function event(n: number): AuditEventContent {
  return {
    id: newId(), clinicId, occurredAt: new Date().toISOString(), actorType: 'staff', actorId: newId(), actorRole: 'nurse',
    patientId: newId(), action: 'patient.read', resourceType: 'patient', resourceId: null, requestId: `r${n}`, outcome: 'allowed', detail: null,
  };
}

async function sealedIds(): Promise<string[]> {
  const rows = await database.db
    .select({ id: auditEvents.id })
    .from(auditSeals)
    .innerJoin(auditEvents, sql`${auditEvents.clinicId} = ${auditSeals.clinicId} AND ${auditEvents.seq} = ${auditSeals.eventSeq}`)
    .where(eq(auditSeals.clinicId, clinicId))
    .orderBy(auditSeals.seq);
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 20, seeded: true });
  const [clinic] = await database.db.execute(sql`SELECT id FROM clinics ORDER BY created_at LIMIT 1`).then((r) => (r as unknown as { rows: { id: string }[] }).rows);
  clinicId = clinic!.id;
  await sealAuditTrail(database); // whatever seeding appended
});
afterAll(() => database?.close());

describe('sealing the audit trail', () => {
  it('seals appended events in receipt order, continues the chain on the next call, and leaves rolled-back events out', async () => {
    const first = [event(1), event(2)];
    await appendAuditEvents(database.db, clinicId, first);
    await database.db
      .transaction(async (tx) => {
        await appendAuditEvents(tx, clinicId, [event(3)]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const second = [event(4)];
    await appendAuditEvents(database.db, clinicId, second);
    const before = await sealedIds();
    expect(await sealAuditTrail(database)).toMatchObject({ sealed: 3 });
    expect(await sealAuditTrail(database)).toMatchObject({ sealed: 0 });
    expect((await sealedIds()).slice(before.length)).toEqual([...first, ...second].map((e) => e.id));
    const [head] = await database.db.select().from(auditHeads).where(eq(auditHeads.clinicId, clinicId));
    expect(head!.lastSeq).toBe(before.length + 3);
    expect(await verifyAuditTrail(database.db)).toMatchObject({ ok: true, pending: 0 });
  });

  it('seals a large backlog in several transactions (batches) with one unbroken chain', async () => {
    const backlog = Array.from({ length: 250 }, (_, i) => event(100 + i));
    await appendAuditEvents(database.db, clinicId, backlog);
    expect(await sealAuditTrail(database, { batchSize: 60 })).toMatchObject({ sealed: 250 });
    expect((await sealedIds()).slice(-250)).toEqual(backlog.map((e) => e.id));
    expect(await verifyAuditTrail(database.db)).toMatchObject({ ok: true, pending: 0 });
  });
});

describe('the server seals on its own', () => {
  it('the audit-sealer job seals what requests appended within about a second', async () => {
    const sealer = JOBS.filter((j) => j.name === 'audit-sealer');
    expect(sealer).toHaveLength(1);
    const appended = [event(1), event(2), event(3)];
    await appendAuditEvents(database.db, clinicId, appended);
    expect(await verifyAuditTrail(database.db)).toMatchObject({ pending: 3 });
    const jobs = startJobs({ database, config: loadConfig({}), clock: () => Temporal.Now.instant(), log: { warn: () => undefined } }, sealer);
    try {
      const deadline = Date.now() + 10_000;
      while ((await verifyAuditTrail(database.db)).pending > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await jobs.stop();
    }
    expect(await verifyAuditTrail(database.db)).toMatchObject({ ok: true, pending: 0 });
    expect((await sealedIds()).slice(-3)).toEqual(appended.map((e) => e.id));
  });
});

describe.skipIf(TEST_DB === 'pglite')('sealing while transactions append (PostgreSQL)', () => {
  let other: Database;
  beforeAll(() => {
    other = openPostgres(database.url!, { maxConnections: 5 });
  });
  afterAll(() => other?.close());

  /** Opens a transaction on the other pool that appends `e` and stays open until the returned function is called. */
  async function openAppend(e: AuditEventContent) {
    let finish!: (commit: boolean) => void;
    const decided = new Promise<boolean>((r) => (finish = r));
    let appended!: () => void;
    const ready = new Promise<void>((r) => (appended = r));
    const done = other.db
      .transaction(async (tx) => {
        await appendAuditEvents(tx, clinicId, [e]);
        appended();
        if (!(await decided)) throw new Error('roll back');
      })
      .catch(() => undefined);
    await ready;
    return { commit: async () => (finish(true), done), rollBack: async () => (finish(false), done) };
  }

  it('does not seal past an event whose transaction is still open, and seals it in receipt order once it commits', async () => {
    const early = event(1);
    const late = event(2);
    const open = await openAppend(early); // receipt r
    await appendAuditEvents(database.db, clinicId, [late]); // receipt r + 1, committed first
    // The open transaction numbered its event below the cutoff: the sealer waits for it, and gives up after maxWaitMs.
    expect(await sealAuditTrail(database, { maxWaitMs: 150 })).toEqual({ sealed: 0, cutoff: null });
    expect(await sealedIds()).not.toContain(late.id);
    // Waiting longer: it commits meanwhile, and both are sealed, the earlier receipt first.
    const sealing = sealAuditTrail(database, { maxWaitMs: 10_000 });
    setTimeout(() => void open.commit(), 100);
    expect(await sealing).toMatchObject({ sealed: 2 });
    expect((await sealedIds()).slice(-2)).toEqual([early.id, late.id]);
    expect(await verifyAuditTrail(database.db)).toMatchObject({ ok: true, pending: 0 });
  });

  it('an open transaction that rolls back leaves nothing to seal and no gap in the chain', async () => {
    const ghost = event(1);
    const open = await openAppend(ghost);
    const sealing = sealAuditTrail(database, { maxWaitMs: 10_000 });
    setTimeout(() => void open.rollBack(), 50);
    await sealing;
    expect(await sealedIds()).not.toContain(ghost.id);
    expect(await verifyAuditTrail(database.db)).toMatchObject({ ok: true, pending: 0 });
  });

  it('400 appends from 20 connections while two sealers run: every event sealed once, one unbroken chain', async () => {
    const events = Array.from({ length: 400 }, (_, i) => event(i));
    let appending = true;
    const sealers = [database, other].map(async (db) => {
      while (appending) await sealAuditTrail(db, { maxWaitMs: 10_000 });
    });
    const queue = [...events];
    await Promise.all(Array.from({ length: 20 }, async (_, w) => {
      for (let e = queue.shift(); e; e = queue.shift()) {
        // Some in short transactions with other work before the append, some on their own.
        if (w % 2) await (w % 4 === 1 ? database : other).db.transaction(async (tx) => {
          await tx.execute(sql`SELECT pg_sleep(0.002)`);
          await appendAuditEvents(tx, clinicId, [e!]);
        });
        else await appendAuditEvents(database.db, clinicId, [e]);
      }
    }));
    appending = false;
    await Promise.all(sealers);
    await sealAuditTrail(database);
    const sealed = await sealedIds();
    const ids = new Set(events.map((e) => e.id));
    const ours = sealed.filter((id) => ids.has(id));
    expect(ours).toHaveLength(400);
    expect(new Set(ours).size).toBe(400);
    // Chain order is receipt order.
    const receipts = await database.db
      .select({ eventSeq: auditSeals.eventSeq })
      .from(auditSeals)
      .where(eq(auditSeals.clinicId, clinicId))
      .orderBy(auditSeals.seq);
    const order = receipts.map((r) => r.eventSeq);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(await verifyAuditTrail(database.db)).toMatchObject({ ok: true, pending: 0, problems: [] });
  }, 60_000);
});
