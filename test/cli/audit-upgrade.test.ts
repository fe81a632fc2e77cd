/**
 * Upgrading a database whose audit trail was chained in the request (migrations up to 0010) to the sealed trail
 * (migration 0011): the existing chains move into audit_seals unchanged, verify intact, continue with sealed events,
 * and tampering with an event written before the upgrade is still named. On the engine this project runs.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventContent } from '../../src/core/audit-chain';
import { MIGRATIONS_FOLDER, migrateDatabase, openPglite, openPostgres, queryRows, type Database } from '../../src/db/database';
import { newId } from '../../src/db/ids';
import { appendAuditEvents, verifyAuditTrail } from '../../src/db/repos/audit';
import { sealAuditTrail } from '../../src/db/repos/audit-seal';
import { createClinic } from '../../src/server/features/clinic/create-clinic';
import { TEST_DB, testDatabaseUrl } from '../helpers/test-db';

const BEFORE_SEALING = 10; // the last migration before 0011_audit_sealer
const PER_CLINIC = 7;
let database: Database;
let dropDatabase = async () => undefined as unknown;
let oldMigrations: string;
const clinicIds: string[] = [];

function event(clinicId: string, n: number): AuditEventContent {
  return {
    id: newId(), clinicId, occurredAt: new Date(Date.now() + n).toISOString(), actorType: 'system', actorId: null, actorRole: null,
    patientId: null, action: 'upgrade.test', resourceType: 'test', resourceId: String(n), requestId: null, outcome: 'allowed', detail: { n },
  };
}

/** The migrations folder as it was before the sealer: the same files, the journal cut after migration 0010. */
function migrationsBeforeSealing(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tilth-migrations-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= BEFORE_SEALING);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

async function emptyDatabase(): Promise<Database> {
  if (TEST_DB === 'pglite') return openPglite(undefined);
  const name = `tilth_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
  dropDatabase = async () => {
    const dropper = new pg.Client({ connectionString: testDatabaseUrl() });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => dropper.end());
  };
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return openPostgres(url.toString());
}

beforeAll(async () => {
  oldMigrations = migrationsBeforeSealing();
  database = await emptyDatabase();
  if (database.kind === 'pglite') await migratePglite(database.db as never, { migrationsFolder: oldMigrations });
  else await migratePg(database.db as never, { migrationsFolder: oldMigrations });
  for (const slug of ['north', 'south']) {
    await database.db.transaction(async (tx) => {
      const created = await createClinic({ clock: () => Temporal.Now.instant() }, tx, {
        name: `Clinic ${slug}`, slug, timeZone: 'America/Denver', address: { line1: '1 Main', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' },
        phone: '+1 303 555 0100', email: `${slug}@upgrade.test`,
      });
      if (!created.ok) throw new Error(created.error.message);
      clinicIds.push(created.value.clinicId);
    });
  }
  // Appended by the old audit_append(), which chains in the request.
  for (const id of clinicIds) for (let n = 1; n <= PER_CLINIC; n++) await appendAuditEvents(database.db, id, [event(id, n)]);
});

afterAll(async () => {
  await database?.close();
  await dropDatabase();
  if (oldMigrations) rmSync(oldMigrations, { recursive: true, force: true });
});

describe('upgrading to the sealed audit trail (migration 0011)', () => {
  it('the chains written before verify intact afterwards, and continue with sealed events', async () => {
    const [before] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE hash IS NOT NULL`);
    expect(before!.n).toBe(2 * PER_CLINIC);
    await migrateDatabase(database);
    expect(await verifyAuditTrail(database.db)).toEqual({ ok: true, clinics: 2, events: 2 * PER_CLINIC, pending: 0, problems: [] });

    for (const id of clinicIds) await appendAuditEvents(database.db, id, [event(id, 100), event(id, 101)]);
    expect(await sealAuditTrail(database)).toMatchObject({ sealed: 4 });
    expect(await verifyAuditTrail(database.db)).toEqual({ ok: true, clinics: 2, events: 2 * PER_CLINIC + 4, pending: 0, problems: [] });
    const positions = await queryRows<{ seq: string }>(database.db, sql`
      SELECT s.seq::text AS seq FROM audit_seals s JOIN audit_events e ON e.clinic_id = s.clinic_id AND e.seq = s.event_seq
       WHERE s.clinic_id = ${clinicIds[0]}::uuid AND e.resource_id IN ('100', '101') ORDER BY s.seq`);
    expect(positions.map((p) => Number(p.seq))).toEqual([PER_CLINIC + 1, PER_CLINIC + 2]);
  });

  it('an event written before the upgrade and altered afterwards is named', async () => {
    const north = clinicIds[0]!;
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`UPDATE audit_events SET outcome = 'denied' WHERE clinic_id = ${north}::uuid AND resource_id = '3'`);
    });
    const report = await verifyAuditTrail(database.db);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.stringMatching(new RegExp(`^clinic ${north}: audit event #3 \\(.+\\) was altered`))]);
  });
});
