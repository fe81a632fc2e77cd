/**
 * `tilth backup` / `tilth restore` for the embedded database: a restore gives back exactly the data of the backup,
 * swaps the folder only when the backup is good, and refuses what a clinic admin would not want done silently.
 * Mostly through src/db/backup.ts directly (fast); one backup and one restore run the real CLI as child processes.
 */
import { chmodSync, chownSync, existsSync, mkdirSync, statSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { SHIPPED_MIGRATIONS } from '../../src/db/migration-status';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDataDir, BackupError, restoreDataDir } from '../../src/db/backup';
import { DataDirLockedError } from '../../src/db/data-dir-lock';
import { openPglite, type Database } from '../../src/db/database';
import { newId } from '../../src/db/ids';
import { appendAuditEvents, verifyAuditTrail } from '../../src/db/repos/audit';
import { createClinic } from '../../src/server/features/clinic/create-clinic';
import { seedDemo } from '../../src/server/demo/seed-demo';
import { cli, deadPid, pgliteFromTemplate, runNode, snapshot, tempDir, TEST_DB, TSX, unloggedTables } from './support';

const clock = () => Temporal.Now.instant();
// Backup and restore work on the embedded database's data folder; with PostgreSQL the commands refuse (tested at the
// end of this file, in both projects) and pg_dump / pg_restore do the job.
const pgliteOnly = it.skipIf(TEST_DB === 'postgres');

let dir: string;
let dataDir: string;
let atBackup: Record<string, unknown[]>;
let unlogged: string[];

async function withDb<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openPglite(dataDir);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

function auditEvent(clinicId: string, action: string) {
  return {
    id: newId(), clinicId, occurredAt: new Date().toISOString(), actorType: 'system' as const, actorId: null, actorRole: null, patientId: null,
    action, resourceType: 'test', resourceId: null, requestId: null, outcome: 'allowed' as const, detail: { n: Math.random() },
  };
}

/** Data as the state after a backup; UNLOGGED tables (rate-limit counters) come back empty by design. */
const asRestored = (snap: Record<string, unknown[]>) => ({ ...snap, ...Object.fromEntries(unlogged.map((t) => [t, []])) });

/** Changes, adds and deletes rows in many tables, including the append-only audit trail. */
async function mutate(database: Database): Promise<void> {
  const { db } = database;
  await db.execute(sql`UPDATE patients SET given_name = 'Changed', updated_at = now()`);
  await db.execute(sql`DELETE FROM outbox`);
  await db.execute(sql`DELETE FROM staff_credentials`);
  await db.execute(sql`DELETE FROM auth_tokens`);
  await db.execute(sql`INSERT INTO rate_limits (key, count, window_ends_at) VALUES ('after-backup', 1, now() + interval '1 hour')`);
  await db.transaction(async (tx) => {
    const created = await createClinic({ clock }, tx, {
      name: 'After Backup', slug: `after-${Date.now()}`, timeZone: 'Europe/Berlin',
      address: { line1: 'x', city: 'Berlin', region: 'BE', postalCode: '10115', country: 'DE' }, phone: '+49 30 1234567', email: 'a@after.test',
    });
    if (!created.ok) throw new Error(created.error.message);
    await appendAuditEvents(tx, created.value.clinicId, [auditEvent(created.value.clinicId, 'after.backup')]);
  });
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql`DELETE FROM audit_events WHERE seq = 1`);
  });
}

beforeAll(async () => {
  if (TEST_DB === 'postgres') return;
  dir = tempDir('tilth-backup-');
  dataDir = join(dir, 'data');
  const database = await pgliteFromTemplate(dataDir);
  const demo = await seedDemo(database, clock);
  await appendAuditEvents(database.db, demo.clinicId, [auditEvent(demo.clinicId, 'one'), auditEvent(demo.clinicId, 'two')]);
  await database.db.execute(sql`INSERT INTO rate_limits (key, count, window_ends_at) VALUES ('before-backup', 3, now() + interval '1 hour')`);
  await database.close();
  // More rows the way an admin adds them: a clinic, its administrator (user, auth token, outbox message, audit events).
  const env = { TILTH_DATA_DIR: dataDir };
  const clinic = await cli(['create-clinic', '--name', 'Backup Clinic', '--slug', 'backup-clinic', '--time-zone', 'America/Chicago', '--address-line1', '9 Elm St',
    '--city', 'Chicago', '--region', 'IL', '--postal-code', '60601', '--country', 'US', '--phone', '+1 312 555 0100', '--email', 'front@backup.test'], env);
  expect(clinic.code, clinic.stderr).toBe(0);
  const staff = await cli(['create-staff', '--clinic', 'backup-clinic', '--email', 'admin@backup.test', '--given-name', 'Bea', '--family-name', 'Cup', '--role', 'admin'], env);
  expect(staff.code, staff.stderr).toBe(0);
  await withDb(async (d) => {
    atBackup = await snapshot(d.db);
    unlogged = await unloggedTables(d.db);
  });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore (embedded database)', () => {
  pgliteOnly('restores exactly the data of the backup, replacing a changed database only with --force', async () => {
    expect(Object.keys(atBackup)).toEqual(expect.arrayContaining([
      'clinics', 'rooms', 'staff_members', 'staff_credentials', 'users', 'sessions', 'auth_tokens', 'patients', 'patient_status_history',
      'patient_weights', 'care_team_members', 'audit_events', 'audit_heads', 'outbox', 'rate_limits', 'sign_in_throttle', 'drizzle.__drizzle_migrations',
    ]));
    expect(atBackup.patients!.length).toBeGreaterThan(10);
    expect(atBackup.audit_events!.length).toBeGreaterThanOrEqual(4);
    expect(atBackup.outbox!.length).toBe(1);
    expect(atBackup.rate_limits!.length).toBe(1);
    expect(unlogged).toEqual(['rate_limits']);

    const file = join(dir, 'first.tar.gz');
    const made = await backupDataDir(dataDir, file);
    expect(made).toMatchObject({ file, clinics: 2, migrations: SHIPPED_MIGRATIONS });
    expect(made.auditEvents).toBe(atBackup.audit_events!.length);
    expect(readFileSync(file).length).toBe(made.bytes);
    expect(readdirSync(dir).sort()).toEqual(['data', 'first.tar.gz']); // no partial file left

    await withDb(mutate);
    const changed = await withDb((d) => snapshot(d.db));
    expect(changed).not.toEqual(atBackup);

    // A database is there: without --force nothing happens.
    await expect(restoreDataDir(dataDir, file)).rejects.toThrow(/already holds a database.*--force/s);
    expect(await withDb((d) => snapshot(d.db))).toEqual(changed);

    // As an admin may have set it up: the restored folder keeps the mode, and the owner when restore runs as root.
    const root = process.getuid?.() === 0;
    chmodSync(dataDir, 0o700);
    if (root) chownSync(dataDir, 4321, 4321);
    const restored = await restoreDataDir(dataDir, file, { force: true });
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    if (root) {
      expect(statSync(dataDir)).toMatchObject({ uid: 4321, gid: 4321 });
      expect(statSync(join(dataDir, 'base'))).toMatchObject({ uid: 4321, gid: 4321 });
      expect(statSync(join(dataDir, 'PG_VERSION'))).toMatchObject({ uid: 4321, gid: 4321 });
    }
    expect(restored).toMatchObject({ replaced: true, clinics: 2, migrations: SHIPPED_MIGRATIONS });
    await withDb(async (d) => {
      expect(await snapshot(d.db)).toEqual(asRestored(atBackup));
      expect((await verifyAuditTrail(d.db)).ok).toBe(true);
    });
    // The swap left nothing behind: no restoring or replaced folder beside the data folder, no lock inside it.
    expect(readdirSync(dir).sort()).toEqual(['data', 'first.tar.gz']);
    expect(existsSync(join(dataDir, 'tilth.lock'))).toBe(false);
  });

  pgliteOnly('backup and restore through the real CLI (bin/tilth.js and tsx src/cli/main.ts), taking over a stale lock', async () => {
    writeFileSync(join(dataDir, 'tilth.lock'), String(deadPid())); // left by a process that died
    const file = join(dir, 'cli.tar.gz');
    const backup = await runNode(['bin/tilth.js', 'backup', file], { TILTH_DATA_DIR: dataDir });
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up .* to .*cli\.tar\.gz \(\d+\.\d MB: 2 clinic\(s\), \d+ audit events\)/);
    expect(existsSync(join(dataDir, 'tilth.lock'))).toBe(false);

    await withDb(mutate);
    const refused = await cli(['restore', file], { TILTH_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already holds a database');
    expect(refused.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const restore = await runNode([TSX, 'src/cli/main.ts', 'restore', file, '--force'], { TILTH_DATA_DIR: dataDir });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('replacing the database that was there');
    expect(await withDb((d) => snapshot(d.db))).toEqual(asRestored(atBackup));
  }, 90_000); // two child processes (tsx start-up) on a busy machine

  pgliteOnly('refuses while another process holds the data folder, leaving it as it was', async () => {
    const file = join(dir, 'locked.tar.gz');
    // The lock names a live process other than this one (the test runner that started this worker).
    writeFileSync(join(dataDir, 'tilth.lock'), String(process.ppid));
    try {
      await expect(backupDataDir(dataDir, file)).rejects.toThrow(DataDirLockedError);
      await expect(restoreDataDir(dataDir, join(dir, 'first.tar.gz'), { force: true })).rejects.toThrow(/in use by another Tilth process/);
      const viaCli = await cli(['restore', join(dir, 'first.tar.gz'), '--force'], { TILTH_DATA_DIR: dataDir });
      expect(viaCli.code).toBe(1);
      expect(viaCli.stderr).toContain(`in use by another Tilth process (pid ${process.ppid})`);
    } finally {
      rmSync(join(dataDir, 'tilth.lock'));
    }
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith('data.'))).toEqual([]);
    expect(await withDb((d) => snapshot(d.db))).toEqual(asRestored(atBackup));
  });

  pgliteOnly('refuses bad backup files and folders that are not a database, changing nothing', async () => {
    const good = readFileSync(join(dir, 'first.tar.gz'));
    const garbage = join(dir, 'garbage.tar.gz');
    writeFileSync(garbage, 'not a backup');
    await expect(restoreDataDir(dataDir, garbage, { force: true })).rejects.toThrow(/not a Tilth backup/);
    const truncated = join(dir, 'truncated.tar.gz');
    writeFileSync(truncated, good.subarray(0, Math.floor(good.length / 2)));
    await expect(restoreDataDir(dataDir, truncated, { force: true })).rejects.toThrow(/damaged or incomplete/);
    await expect(restoreDataDir(dataDir, join(dir, 'missing.tar.gz'), { force: true })).rejects.toThrow(/does not exist/);

    const notDb = join(dir, 'documents');
    mkdirSync(notDb);
    writeFileSync(join(notDb, 'letter.txt'), 'keep me');
    await expect(restoreDataDir(notDb, join(dir, 'first.tar.gz'), { force: true })).rejects.toThrow(/not empty and does not hold a Tilth database/);
    expect(readdirSync(notDb)).toEqual(['letter.txt']);

    await expect(backupDataDir(notDb, join(dir, 'x.tar.gz'))).rejects.toThrow(/no database/);
    await expect(backupDataDir(dataDir, join(dir, 'first.tar.gz'))).rejects.toThrow(/exists already.*--force/);
    await expect(backupDataDir(dataDir, join(dataDir, 'inside.tar.gz'))).rejects.toThrow(/inside the data folder/);
    await expect(backupDataDir(dataDir, join(dir, 'no', 'such', 'folder.tar.gz'))).rejects.toThrow(BackupError);
    expect(await withDb((d) => snapshot(d.db))).toEqual(asRestored(atBackup));
  });

  pgliteOnly('restores into a new data folder without --force', async () => {
    const fresh = join(dir, 'new-server', 'data');
    const result = await restoreDataDir(fresh, join(dir, 'first.tar.gz'));
    expect(result.replaced).toBe(false);
    const database = await openPglite(fresh);
    try {
      expect(await snapshot(database.db)).toEqual(asRestored(atBackup));
    } finally {
      await database.close();
    }
    expect(readdirSync(join(dir, 'new-server'))).toEqual(['data']);
  });

  it('with DATABASE_URL set, backup and restore refuse and point to pg_dump / pg_restore', async () => {
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/whatever' };
    const backup = await cli(['backup', '/tmp/never-written.tar.gz'], env);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain('pg_dump');
    const restore = await cli(['restore', '/tmp/never-read.tar.gz', '--force'], env);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('pg_restore');
    expect(existsSync('/tmp/never-written.tar.gz')).toBe(false);
  });
});
