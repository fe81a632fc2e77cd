/**
 * Migrates a template database once per run, and a second one with the demo clinic seeded into it: a PGlite data
 * folder dumped to a tarball, or a PostgreSQL template database. Each test file then copies one (see test-db.ts)
 * instead of migrating and seeding again (seeding plans real courses: ~2 s a file, ~9 CPU-minutes a run).
 * The seed's instant is handed to the tests, whose clock starts there, so the demo data is exactly as fresh to
 * them as if it had been seeded when the test began.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openPglite, openPostgres, type Database } from '../../src/db/database';
import { seedDemo } from '../../src/server/demo/seed-demo';

export const TEMPLATE_DIR = join(process.cwd(), '.tmp');
export const PGLITE_TEMPLATE = join(TEMPLATE_DIR, 'pglite-template.tar.gz');
export const PGLITE_SEEDED_TEMPLATE = join(TEMPLATE_DIR, 'pglite-seeded-template.tar.gz');

export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

export function templateName(): string {
  return `tilth_template_${process.pid}`;
}

const seed = async (database: Database, seededAt: Temporal.Instant) => {
  await seedDemo(database, () => seededAt);
};

export default async function setup(project: TestProject) {
  const kind = project.config.env?.TEST_DB ?? process.env.TEST_DB;
  const seededAt = Temporal.Now.instant();
  project.provide('seededAt', seededAt.toString());
  if (kind === 'pglite') {
    mkdirSync(TEMPLATE_DIR, { recursive: true });
    const database = await openPglite(undefined);
    await migrateDatabase(database);
    const dump = async (file: string) => writeFileSync(file, Buffer.from(await (await database.pglite!.dumpDataDir('gzip')).arrayBuffer()));
    await dump(PGLITE_TEMPLATE);
    await seed(database, seededAt);
    await dump(PGLITE_SEEDED_TEMPLATE);
    await database.close();
    project.provide('pgliteTemplate', PGLITE_TEMPLATE);
    project.provide('pgliteSeededTemplate', PGLITE_SEEDED_TEMPLATE);
    return;
  }
  const url = testDatabaseUrl();
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${url} (${(err as Error).message}). Start it or set TEST_DATABASE_URL.`);
  }
  const name = templateName();
  const seeded = `${name}_seeded`;
  const urlOf = (db: string) => {
    const u = new URL(url);
    u.pathname = `/${db}`;
    return u.toString();
  };
  await admin.query(`DROP DATABASE IF EXISTS ${seeded}`);
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const database = openPostgres(urlOf(name), { maxConnections: 2 });
  await migrateDatabase(database);
  await database.close();
  await admin.query(`CREATE DATABASE ${seeded} TEMPLATE ${name}`);
  const seededDatabase = openPostgres(urlOf(seeded), { maxConnections: 2 });
  await seed(seededDatabase, seededAt);
  await seededDatabase.close();
  project.provide('postgresTemplate', name);
  project.provide('postgresSeededTemplate', seeded);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${seeded} WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgliteSeededTemplate: string;
    postgresTemplate: string;
    postgresSeededTemplate: string;
    seededAt: string;
  }
}
