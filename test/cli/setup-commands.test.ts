/**
 * Setting up a clinic from the command line, on PGlite and PostgreSQL: migrate, create-clinic, create-staff (its
 * set-password link works, and the same link waits in the outbox), seed-demo. Run in-process against a database the
 * CLI opens itself (a data folder, or DATABASE_URL).
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database';
import { verifyAuditTrail } from '../../src/db/repos/audit';
import { SHIPPED_MIGRATIONS } from '../../src/db/migration-status';
import { auditEvents, authTokens, clinics, outbox, staffMembers, users } from '../../src/db/schema';
import { loadConfig } from '../../src/server/config';
import { DEMO_SLUG } from '../../src/server/demo/seed-demo';
import { completePasswordLink } from '../../src/server/password-links';
import { loadCommonPasswords } from '../../src/server/passwords';
import { testDatabaseUrl } from '../helpers/test-db';
import { cli, createTarget, tempDir, TEST_DB, UUID, type Target } from './support';

const PUBLIC_URL = 'https://tilth.riverside.test';
let target: Target;
let env: Record<string, string>;

const CLINIC = ['create-clinic', '--name', 'Riverside KAP', '--slug', 'riverside', '--time-zone', 'America/New_York', '--address-line1', '1 Main St',
  '--address-line2', 'Suite 4', '--city', 'Boston', '--region', 'MA', '--postal-code', '02110', '--country', 'us', '--phone', '+1 617 555 0100',
  '--email', 'Hello@Riverside.test', '--website', 'https://riverside.test'];
const STAFF = ['create-staff', '--clinic', 'riverside', '--email', 'Ada@Riverside.test', '--given-name', 'Ada', '--family-name', 'Lovelace', '--role', 'admin'];

async function count(table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>((await target.db()).db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
  return row!.n;
}

beforeAll(async () => {
  target = await createTarget();
  env = { ...target.env, PUBLIC_URL };
});
afterAll(() => target?.close());

describe('migrate', () => {
  it('migrates a new database, then finds nothing to do', async () => {
    if (TEST_DB === 'pglite') {
      const dir = tempDir('tilth-migrate-');
      try {
        const dataDir = join(dir, 'data');
        const first = await cli(['migrate'], { TILTH_DATA_DIR: dataDir });
        expect(first.code, first.stderr).toBe(0);
        expect(first.stdout).toBe(`Migrations: applied ${SHIPPED_MIGRATIONS} to the embedded database in ${dataDir}; it is now at ${SHIPPED_MIGRATIONS} of ${SHIPPED_MIGRATIONS}.\n`);
        const again = await cli(['migrate'], { TILTH_DATA_DIR: dataDir });
        expect(again.stdout).toBe(`Migrations: the embedded database in ${dataDir} is up to date (${SHIPPED_MIGRATIONS} migrations).\n`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return;
    }
    const name = `tilth_cli_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(testDatabaseUrl());
      url.pathname = `/${name}`;
      const first = await cli(['migrate'], { DATABASE_URL: url.toString() });
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toBe(`Migrations: applied ${SHIPPED_MIGRATIONS} to PostgreSQL (DATABASE_URL); it is now at ${SHIPPED_MIGRATIONS} of ${SHIPPED_MIGRATIONS}.\n`);
      const again = await cli(['migrate'], { DATABASE_URL: url.toString() });
      expect(again.stdout).toBe(`Migrations: PostgreSQL (DATABASE_URL) is up to date (${SHIPPED_MIGRATIONS} migrations).\n`);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe('create-clinic and create-staff', () => {
  let clinicId: string;

  it('refuses bad options naming each one, creating nothing', async () => {
    await target.release();
    const bad = await cli(['create-clinic', '--name', ' ', '--slug', 'River Side', '--time-zone', 'Mars/Olympus', '--address-line1', '1 Main St', '--city', 'Boston',
      '--region', 'MA', '--postal-code', '02110', '--country', 'USA', '--phone', 'call me', '--email', 'nope'], env);
    expect(bad.code).toBe(2);
    for (const flag of ['--name', '--slug', '--time-zone', '--country', '--phone', '--email']) expect(bad.stderr).toContain(`  ${flag} `);
    expect(bad.stderr).toContain('must be an IANA time zone');
    const missing = await cli(['create-clinic', '--name', 'X'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing --slug, --time-zone, --address-line1, --city, --region, --postal-code, --country, --phone, --email.');
    const unknown = await cli(['create-clinic', '--nmae', 'X'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--nmae'");
    expect(await count('clinics')).toBe(0);
  });

  it('create-clinic prints the new clinic’s id and records it in the clinic’s audit trail', async () => {
    await target.release();
    const run = await cli(CLINIC, env);
    expect(run.code, run.stderr).toBe(0);
    clinicId = UUID.exec(run.stdout)![0];
    expect(run.stdout).toContain(`Clinic id: ${clinicId}\n`);
    const { db } = await target.db();
    const [clinic] = await db.select().from(clinics).where(eq(clinics.id, clinicId));
    expect(clinic).toMatchObject({
      name: 'Riverside KAP', slug: 'riverside', timeZone: 'America/New_York', phone: '+1 617 555 0100', email: 'hello@riverside.test', website: 'https://riverside.test',
      address: { line1: '1 Main St', line2: 'Suite 4', city: 'Boston', region: 'MA', postalCode: '02110', country: 'US' },
    });
    const events = await db.select().from(auditEvents).where(eq(auditEvents.clinicId, clinicId));
    expect(events).toMatchObject([{ seq: 1, action: 'clinic.create', actorType: 'system', resourceId: clinicId, detail: { via: 'cli', slug: 'riverside' } }]);

    await target.release();
    const again = await cli(CLINIC, env);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('tilth create-clinic: A clinic with slug "riverside" exists already.\n');
  });

  it('create-staff prints a one-time link that sets the password, and queues the same link by email', async () => {
    await target.release();
    const run = await cli(STAFF, env);
    expect(run.code, run.stderr).toBe(0);
    const link = /https:\/\/\S+/.exec(run.stdout)![0];
    expect(link.startsWith(`${PUBLIC_URL}/set-password?token=${clinicId}.`)).toBe(true);
    expect(run.stdout).toContain('Created admin Ada Lovelace <ada@riverside.test> at Riverside KAP.');
    expect(run.stdout).toContain('expires in 72 hours');
    expect(run.stderr).toBe('');

    const database = await target.db();
    const { db } = database;
    const messages = await db.select().from(outbox).where(eq(outbox.clinicId, clinicId));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ kind: 'set-password', recipient: 'ada@riverside.test', status: 'pending', subject: 'Your Riverside KAP account on Tilth' });
    expect(messages[0]!.bodyText).toContain(link);
    const [staff] = await db.select().from(staffMembers).where(eq(staffMembers.clinicId, clinicId));
    expect(staff).toMatchObject({ givenName: 'Ada', familyName: 'Lovelace', role: 'admin', email: 'ada@riverside.test' });
    const events = await db.select().from(auditEvents).where(eq(auditEvents.clinicId, clinicId)).orderBy(asc(auditEvents.seq));
    expect(events.map((e) => [e.action, e.actorType, e.resourceId])).toEqual([['clinic.create', 'system', clinicId], ['staff.create', 'system', staff!.id]]);
    expect(await verifyAuditTrail(db)).toMatchObject({ ok: true, events: 2 });

    // The token, as the set-password page posts it to POST /api/password-reset/complete.
    const token = new URL(link).searchParams.get('token')!;
    const deps = { database, config: loadConfig({ PUBLIC_URL }), clock: () => Temporal.Now.instant(), commonPasswords: loadCommonPasswords() };
    const done = await completePasswordLink(deps, token, 'violet-harbor-lantern-1987-quartz');
    expect(done).toEqual({ ok: true, value: { clinicId, userId: expect.any(String) } });
    const [user] = await db.select().from(users).where(eq(users.email, 'ada@riverside.test'));
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await db.select().from(authTokens).where(eq(authTokens.clinicId, clinicId))).toMatchObject([{ usedAt: expect.any(Date) }]);
    const reused = await completePasswordLink(deps, token, 'another-harbor-lantern-2026-zinc');
    expect(reused).toMatchObject({ ok: false, error: { code: 'TOKEN_INVALID' } });
  });

  it('create-staff refusals name the problem and change nothing', async () => {
    await target.release();
    const before = { users: await count('users'), outbox: await count('outbox'), audit: await count('audit_events') };
    await target.release();
    const unknownClinic = await cli([...STAFF.slice(0, 1), '--clinic', 'nowhere', ...STAFF.slice(3)], env);
    expect(unknownClinic.code).toBe(1);
    expect(unknownClinic.stderr).toBe('tilth create-staff: There is no clinic with slug "nowhere". Clinics: riverside.\n');
    const duplicate = await cli(STAFF, env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('An account with this email address exists already. (ada@riverside.test)');
    const badRole = await cli([...STAFF.slice(0, -1), 'owner'], env);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role "owner": must be one of admin, prescriber, nurse, therapist');
    const stray = await cli([...STAFF, 'extra'], env);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('extra');
    expect({ users: await count('users'), outbox: await count('outbox'), audit: await count('audit_events') }).toEqual(before);
  });
});

describe('seed-demo', () => {
  it('refuses next to real clinics unless --force, then seeds once (idempotent)', async () => {
    await target.release();
    const refused = await cli(['seed-demo'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('holds 1 other clinic(s)');
    const seeded = await cli(['seed-demo', '--force'], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/^Demo clinic created \(id [0-9a-f-]{36}\)\. Sign in at https:\/\/tilth\.riverside\.test with password "tilth-demo-2026":\n/);
    expect(seeded.stdout).toContain('admin@demo.tilth.test          admin');
    expect(seeded.stdout).toContain('patient1@demo.tilth.test       patient');
    const again = await cli(['seed-demo'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Demo clinic exists already/);
    const [row] = await queryRows<{ n: number }>((await target.db()).db, sql`SELECT count(*)::int AS n FROM clinics WHERE slug = ${DEMO_SLUG}`);
    expect(row!.n).toBe(1);
  });
});

describe('usage', () => {
  it('help, no command and unknown commands', async () => {
    const none = await cli([], {});
    expect(none.code).toBe(0);
    for (const name of ['migrate', 'create-clinic', 'create-staff', 'seed-demo', 'backup FILE', 'restore FILE', 'audit verify']) expect(none.stdout).toContain(`  ${name} `);
    expect((await cli(['help'], {})).stdout).toBe(none.stdout);
    const restoreHelp = await cli(['help', 'restore'], {});
    expect(restoreHelp.code).toBe(0);
    expect(restoreHelp.stdout).toContain('Usage: tilth restore FILE [--force]');
    expect(restoreHelp.stdout).toContain('--force');
    expect((await cli(['audit', 'verify', '--help'], {})).stdout).toContain('Usage: tilth audit verify');
    const unknown = await cli(['frobnicate'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    expect(unknown.stderr).toContain('audit verify');
    expect((await cli(['audit'], {})).code).toBe(2);
    expect((await cli(['help', 'nothing'], {})).code).toBe(2);
    expect((await cli(['backup'], {})).code).toBe(2);
  });
});
