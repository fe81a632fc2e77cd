/**
 * `tilth audit verify` on PGlite and PostgreSQL: exit 0 on an intact trail; exit 3 naming the first bad event of each
 * broken chain when an event or a seal was altered, deleted, reordered, re-hashed or slipped in (tampered in SQL with
 * the append-only triggers bypassed, as someone with database access could); the triggers themselves refuse UPDATE,
 * DELETE and TRUNCATE. Each kind of tampering hits its own clinic, so one database shows every case and an untouched
 * chain stays intact. Events are appended unchained and sealed by sealAuditTrail (the server's job; the CLI seals first).
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentOf, type AuditEventContent } from '../../src/core/audit-chain';
import type { Database, Executor } from '../../src/db/database';
import { newId } from '../../src/db/ids';
import { appendAuditEvents, sha256Hex, verifyAuditTrail } from '../../src/db/repos/audit';
import { sealAuditTrail } from '../../src/db/repos/audit-seal';
import { auditEvents, auditSeals } from '../../src/db/schema';
import { createClinic } from '../../src/server/features/clinic/create-clinic';
import { cli, createTarget, expectDbError, runNode, TSX, type Target } from './support';

const clock = () => Temporal.Now.instant();
const CASES = ['intact', 'altered', 'deleted', 'reordered', 'rehashed', 'cut-short', 'seal-deleted', 'inserted'] as const;
type Case = (typeof CASES)[number];
const EVENTS_PER_CLINIC = 6;

let target: Target;
const clinicIds = {} as Record<Case, string>;
/** Event ids by clinic and chain position (index 0 is position 1). */
const eventIds = {} as Record<Case, string[]>;
/** The receipt number (audit_events.seq) of a clinic's event at a chain position (1-based). */
async function receipt(database: Database, c: Case, position: number): Promise<number> {
  const [row] = await database.db.select({ seq: auditEvents.seq }).from(auditEvents).where(eq(auditEvents.id, eventIds[c][position - 1]!));
  return row!.seq;
}

function event(clinicId: string, n: number): AuditEventContent {
  return {
    id: newId(), clinicId, occurredAt: new Date(Date.now() + n).toISOString(), actorType: 'staff', actorId: newId(), actorRole: 'nurse',
    patientId: newId(), action: 'patient.read', resourceType: 'patient', resourceId: newId(), requestId: `req-${n}`, outcome: 'allowed',
    detail: { n, note: 'ünïcode ✓' },
  };
}

/** Runs `fn` with the append-only triggers bypassed (SET LOCAL: only this transaction, on one pooled connection). */
async function tamper(database: Database, fn: (tx: Executor) => Promise<unknown>): Promise<void> {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await fn(tx);
  });
}

const problemsOf = async (database: Database) => (await verifyAuditTrail(database.db)).problems;
const problemFor = (problems: string[], c: Case) => problems.filter((p) => p.startsWith(`clinic ${clinicIds[c]}:`));

beforeAll(async () => {
  target = await createTarget();
  const database = await target.db();
  const lists = {} as Record<Case, AuditEventContent[]>;
  for (const c of CASES) {
    const events = Array.from({ length: EVENTS_PER_CLINIC }, (_, i) => i + 1);
    await database.db.transaction(async (tx) => {
      const created = await createClinic({ clock }, tx, {
        name: `Clinic ${c}`, slug: c, timeZone: 'America/Denver', address: { line1: '1 Main', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' },
        phone: '+1 303 555 0100', email: `${c}@audit.test`,
      });
      if (!created.ok) throw new Error(created.error.message);
      clinicIds[c] = created.value.clinicId;
    });
    lists[c] = events.map((n) => event(clinicIds[c], n));
    eventIds[c] = lists[c].map((e) => e.id);
  }
  // Two appends per clinic, each followed by a seal: the chains continue across both.
  for (const c of CASES) await appendAuditEvents(database.db, clinicIds[c], lists[c].slice(0, 2));
  expect(await sealAuditTrail(database)).toMatchObject({ sealed: CASES.length * 2 });
  for (const c of CASES) await appendAuditEvents(database.db, clinicIds[c], lists[c].slice(2));
  expect(await sealAuditTrail(database)).toMatchObject({ sealed: CASES.length * (EVENTS_PER_CLINIC - 2) });
});

afterAll(() => target?.close());

describe('audit verify', () => {
  it('reports an intact trail (module and CLI, exit 0)', async () => {
    const report = await verifyAuditTrail((await target.db()).db);
    expect(report).toEqual({ ok: true, clinics: CASES.length, events: CASES.length * EVENTS_PER_CLINIC, pending: 0, problems: [] });
    await target.release();
    const run = await cli(['audit', 'verify'], target.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`audit trail intact: ${CASES.length * EVENTS_PER_CLINIC} events in ${CASES.length} clinics\n`);
  });

  it('the append-only triggers refuse UPDATE, DELETE and TRUNCATE of events and seals, changing nothing', async () => {
    const database = await target.db();
    const id = clinicIds.intact;
    const first = await receipt(database, 'intact', 1);
    for (const [table, statement] of [
      ['audit_events', sql`UPDATE audit_events SET action = 'x' WHERE clinic_id = ${id} AND seq = ${first}`],
      ['audit_events', sql`DELETE FROM audit_events WHERE clinic_id = ${id} AND seq = ${first}`],
      ['audit_events', sql`TRUNCATE audit_events CASCADE`],
      ['audit_seals', sql`UPDATE audit_seals SET hash = 'x' WHERE clinic_id = ${id} AND seq = 1`],
      ['audit_seals', sql`DELETE FROM audit_seals WHERE clinic_id = ${id} AND seq = 6`],
      ['audit_seals', sql`TRUNCATE audit_seals`],
    ] as const) {
      const err = await expectDbError(database.db.execute(statement));
      expect(err.code).toBe('42501');
      expect(err.message).toMatch(new RegExp(`${table} is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed`));
    }
    expect(await problemsOf(database)).toEqual([]);
  });

  it('names the first altered event', async () => {
    const database = await target.db();
    const id = clinicIds.altered;
    const [third, fifth] = [await receipt(database, 'altered', 3), await receipt(database, 'altered', 5)];
    await tamper(database, async (tx) => {
      await tx.execute(sql`UPDATE audit_events SET action = 'patient.list' WHERE clinic_id = ${id} AND seq = ${third}`);
      await tx.execute(sql`UPDATE audit_events SET detail = '{"n": 99}'::jsonb WHERE clinic_id = ${id} AND seq = ${fifth}`);
    });
    expect(problemFor(await problemsOf(database), 'altered')).toEqual([
      `clinic ${id}: audit event #3 (${eventIds.altered[2]}) was altered: its content no longer matches its hash`,
    ]);
  });

  it('names a deleted event', async () => {
    const database = await target.db();
    const id = clinicIds.deleted;
    const second = await receipt(database, 'deleted', 2);
    await tamper(database, (tx) => tx.execute(sql`DELETE FROM audit_events WHERE clinic_id = ${id} AND seq = ${second}`));
    expect(problemFor(await problemsOf(database), 'deleted')).toEqual([
      `clinic ${id}: audit event #2 (receipt ${second}) is missing (deleted?)`,
    ]);
  });

  it('names the first event of two swapped rows', async () => {
    const database = await target.db();
    const id = clinicIds.reordered;
    const [second, third] = [await receipt(database, 'reordered', 2), await receipt(database, 'reordered', 3)];
    await tamper(database, async (tx) => {
      await tx.execute(sql`UPDATE audit_events SET seq = -3 WHERE clinic_id = ${id} AND seq = ${third}`);
      await tx.execute(sql`UPDATE audit_events SET seq = ${third} WHERE clinic_id = ${id} AND seq = ${second}`);
      await tx.execute(sql`UPDATE audit_events SET seq = ${second} WHERE clinic_id = ${id} AND seq = -3`);
    });
    expect(problemFor(await problemsOf(database), 'reordered')).toEqual([
      `clinic ${id}: audit event #2 (${eventIds.reordered[2]}) does not follow from the event before it (reordered, replaced or re-hashed)`,
    ]);
  });

  it('names an altered event whose content hash was recomputed to match', async () => {
    const database = await target.db();
    const id = clinicIds.rehashed;
    const fourth = await receipt(database, 'rehashed', 4);
    const [row] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.clinicId, id), eq(auditEvents.seq, fourth))).orderBy(asc(auditEvents.seq));
    const forged: AuditEventContent = {
      id: row!.id, clinicId: id, occurredAt: row!.occurredAt.toISOString(), actorType: row!.actorType, actorId: row!.actorId, actorRole: row!.actorRole,
      patientId: row!.patientId, action: 'patient.read', resourceType: row!.resourceType, resourceId: row!.resourceId, requestId: row!.requestId,
      outcome: 'denied', detail: row!.detail ?? null,
    };
    await tamper(database, (tx) => tx.execute(sql`UPDATE audit_events SET outcome = 'denied', content_hash = ${sha256Hex(contentOf(forged))} WHERE clinic_id = ${id} AND seq = ${fourth}`));
    expect(problemFor(await problemsOf(database), 'rehashed')).toEqual([
      `clinic ${id}: audit event #4 (${eventIds.rehashed[3]}) does not follow from the event before it (reordered, replaced or re-hashed)`,
    ]);
  });

  it('notices events deleted from the end of a chain with their seals', async () => {
    const database = await target.db();
    const id = clinicIds['cut-short'];
    const fifth = await receipt(database, 'cut-short', 5);
    await tamper(database, async (tx) => {
      await tx.execute(sql`DELETE FROM audit_seals WHERE clinic_id = ${id} AND seq >= 5`);
      await tx.execute(sql`DELETE FROM audit_events WHERE clinic_id = ${id} AND seq >= ${fifth}`);
    });
    expect(problemFor(await problemsOf(database), 'cut-short')).toEqual([
      `clinic ${id}: the trail ends at #4 but ${EVENTS_PER_CLINIC} events were sealed (events at the end were deleted)`,
    ]);
  });

  it('names a position whose seal was deleted', async () => {
    const database = await target.db();
    const id = clinicIds['seal-deleted'];
    await tamper(database, (tx) => tx.execute(sql`DELETE FROM audit_seals WHERE clinic_id = ${id} AND seq = 2`));
    expect(problemFor(await problemsOf(database), 'seal-deleted')).toEqual([
      `clinic ${id}: the seal of audit event #2 is missing (deleted?); the next seal found is #3`,
    ]);
  });

  it('names an event slipped into the sealed part of the trail afterwards', async () => {
    const database = await target.db();
    const id = clinicIds.inserted;
    const forged = event(id, 99);
    // Receipt 0 is never handed out (the sequence starts at 1) and lies below everything sealed.
    const free = 0;
    await database.db.insert(auditEvents).values({
      clinicId: id, seq: free, id: forged.id, occurredAt: new Date(forged.occurredAt), actorType: 'staff', actorId: forged.actorId, actorRole: 'nurse',
      patientId: forged.patientId, action: forged.action, resourceType: forged.resourceType, resourceId: forged.resourceId, requestId: forged.requestId,
      outcome: 'allowed', detail: forged.detail, contentHash: sha256Hex(contentOf(forged)),
    });
    expect(problemFor(await problemsOf(database), 'inserted')).toEqual([
      `clinic ${id}: audit event ${forged.id} (receipt ${free}) is not in the sealed chain although it falls within it (inserted afterwards?)`,
    ]);
  });

  it('counts events not sealed yet as pending, not as a problem; sealing takes them in', async () => {
    const database = await target.db();
    const before = await verifyAuditTrail(database.db);
    await appendAuditEvents(database.db, clinicIds.intact, [event(clinicIds.intact, 7), event(clinicIds.intact, 8)]);
    const waiting = await verifyAuditTrail(database.db);
    expect(waiting).toMatchObject({ pending: 2, events: before.events });
    expect(problemFor(waiting.problems, 'intact')).toEqual([]);
    expect(await sealAuditTrail(database)).toMatchObject({ sealed: 2 });
    const after = await verifyAuditTrail(database.db);
    expect(after).toMatchObject({ pending: 0, events: before.events + 2 });
    expect(problemFor(after.problems, 'intact')).toEqual([]);
    const [last] = await database.db.select().from(auditSeals).where(eq(auditSeals.clinicId, clinicIds.intact)).orderBy(desc(auditSeals.seq)).limit(1);
    expect(last!.seq).toBe(EVENTS_PER_CLINIC + 2);
  });

  it('the real CLI exits 3 naming the first bad event of each broken chain, and not the intact one', async () => {
    const database = await target.db();
    const problems = await problemsOf(database);
    expect(problems).toHaveLength(CASES.length - 1);
    expect(problemFor(problems, 'intact')).toEqual([]);
    await target.release();
    // PGlite: TILTH_DATA_DIR of this file's data folder; PostgreSQL: DATABASE_URL of this file's test database.
    const run = await runNode([TSX, 'src/cli/main.ts', 'audit', 'verify'], target.env);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`audit trail BROKEN: ${CASES.length - 1} broken chain(s) among ${CASES.length} clinics`);
    for (const c of CASES.filter((x) => x !== 'intact')) {
      const expected = problemFor(problems, c)[0]!.replace(`clinic ${clinicIds[c]}`, `clinic "${c}" (${clinicIds[c]})`);
      expect(run.stderr).toContain(expected);
    }
    expect(run.stderr).not.toContain(clinicIds.intact);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000); // a child process (tsx start-up)
});
