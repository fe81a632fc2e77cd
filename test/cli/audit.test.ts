/**
 * `tilth audit verify` on PGlite and PostgreSQL: exit 0 on an intact trail; exit 3 naming the first bad event of each
 * broken chain when a row was altered, deleted, reordered or re-hashed (tampered in SQL with the append-only trigger
 * bypassed, as someone with database access could); and the trigger itself refuses UPDATE, DELETE and TRUNCATE.
 * Each kind of tampering hits its own clinic, so one database shows every case and an untouched chain stays intact.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentOf, type AuditEventContent } from '../../src/core/audit-chain';
import type { Database, Executor } from '../../src/db/database';
import { newId } from '../../src/db/ids';
import { appendAuditEvents, sha256Hex, verifyAuditTrail } from '../../src/db/repos/audit';
import { auditEvents } from '../../src/db/schema';
import { createClinic } from '../../src/server/features/clinic/create-clinic';
import { cli, createTarget, expectDbError, runNode, TSX, type Target } from './support';

const clock = () => Temporal.Now.instant();
const CASES = ['intact', 'altered', 'deleted', 'reordered', 'rehashed', 'cut-short'] as const;
type Case = (typeof CASES)[number];
const EVENTS_PER_CLINIC = 6;

let target: Target;
const clinicIds = {} as Record<Case, string>;
/** Event ids by clinic and original seq (1-based). */
const eventIds = {} as Record<Case, string[]>;

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
    const list = events.map((n) => event(clinicIds[c], n));
    eventIds[c] = list.map((e) => e.id);
    // Two appends: the chain continues across calls.
    await appendAuditEvents(database.db, clinicIds[c], list.slice(0, 2));
    await appendAuditEvents(database.db, clinicIds[c], list.slice(2));
  }
});

afterAll(() => target?.close());

describe('audit verify', () => {
  it('reports an intact trail (module and CLI, exit 0)', async () => {
    const report = await verifyAuditTrail((await target.db()).db);
    expect(report).toEqual({ ok: true, clinics: CASES.length, events: CASES.length * EVENTS_PER_CLINIC, problems: [] });
    await target.release();
    const run = await cli(['audit', 'verify'], target.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`audit trail intact: ${CASES.length * EVENTS_PER_CLINIC} events in ${CASES.length} clinics\n`);
  });

  it('the append-only trigger refuses UPDATE, DELETE and TRUNCATE, changing nothing', async () => {
    const database = await target.db();
    const id = clinicIds.intact;
    for (const statement of [
      sql`UPDATE audit_events SET action = 'x' WHERE clinic_id = ${id} AND seq = 1`,
      sql`DELETE FROM audit_events WHERE clinic_id = ${id} AND seq = 6`,
      sql`TRUNCATE audit_events`,
    ]) {
      const err = await expectDbError(database.db.execute(statement));
      expect(err.code).toBe('42501');
      expect(err.message).toMatch(/audit_events is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/);
    }
    expect(await problemsOf(database)).toEqual([]);
  });

  it('names the first altered event', async () => {
    const database = await target.db();
    const id = clinicIds.altered;
    await tamper(database, async (tx) => {
      await tx.execute(sql`UPDATE audit_events SET action = 'patient.list' WHERE clinic_id = ${id} AND seq = 3`);
      await tx.execute(sql`UPDATE audit_events SET detail = '{"n": 99}'::jsonb WHERE clinic_id = ${id} AND seq = 5`);
    });
    expect(problemFor(await problemsOf(database), 'altered')).toEqual([
      `clinic ${id}: audit event #3 (${eventIds.altered[2]}) was altered: its content no longer matches its hash`,
    ]);
  });

  it('names a deleted event', async () => {
    const database = await target.db();
    const id = clinicIds.deleted;
    await tamper(database, (tx) => tx.execute(sql`DELETE FROM audit_events WHERE clinic_id = ${id} AND seq = 2`));
    expect(problemFor(await problemsOf(database), 'deleted')).toEqual([
      `clinic ${id}: audit event #2 is missing (deleted?); the next event found is #3 (${eventIds.deleted[2]})`,
    ]);
  });

  it('names the first event of two swapped rows', async () => {
    const database = await target.db();
    const id = clinicIds.reordered;
    await tamper(database, async (tx) => {
      await tx.execute(sql`UPDATE audit_events SET seq = -3 WHERE clinic_id = ${id} AND seq = 3`);
      await tx.execute(sql`UPDATE audit_events SET seq = 3 WHERE clinic_id = ${id} AND seq = 2`);
      await tx.execute(sql`UPDATE audit_events SET seq = 2 WHERE clinic_id = ${id} AND seq = -3`);
    });
    expect(problemFor(await problemsOf(database), 'reordered')).toEqual([
      `clinic ${id}: audit event #2 (${eventIds.reordered[2]}) does not follow from the event before it (reordered, replaced or re-hashed)`,
    ]);
  });

  it('names an altered event whose content hash was recomputed to match', async () => {
    const database = await target.db();
    const id = clinicIds.rehashed;
    const [row] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.clinicId, id), eq(auditEvents.seq, 4))).orderBy(asc(auditEvents.seq));
    const forged: AuditEventContent = {
      id: row!.id, clinicId: id, occurredAt: row!.occurredAt.toISOString(), actorType: row!.actorType, actorId: row!.actorId, actorRole: row!.actorRole,
      patientId: row!.patientId, action: 'patient.read', resourceType: row!.resourceType, resourceId: row!.resourceId, requestId: row!.requestId,
      outcome: 'denied', detail: row!.detail ?? null,
    };
    await tamper(database, (tx) => tx.execute(sql`UPDATE audit_events SET outcome = 'denied', content_hash = ${sha256Hex(contentOf(forged))} WHERE clinic_id = ${id} AND seq = 4`));
    expect(problemFor(await problemsOf(database), 'rehashed')).toEqual([
      `clinic ${id}: audit event #4 (${eventIds.rehashed[3]}) does not follow from the event before it (reordered, replaced or re-hashed)`,
    ]);
  });

  it('notices events deleted from the end of a chain', async () => {
    const database = await target.db();
    const id = clinicIds['cut-short'];
    await tamper(database, (tx) => tx.execute(sql`DELETE FROM audit_events WHERE clinic_id = ${id} AND seq >= 5`));
    expect(problemFor(await problemsOf(database), 'cut-short')).toEqual([
      `clinic ${id}: the trail ends at #4 but ${EVENTS_PER_CLINIC} events were written (events at the end were deleted)`,
    ]);
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
