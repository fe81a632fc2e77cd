/**
 * A fresh, migrated database for one test file, on the engine this project runs (TEST_DB=pglite|postgres):
 * PGlite loads the migrated template tarball into memory; PostgreSQL clones the template database. Either comes
 * plain (migrated) or with the demo clinic seeded once per run (test/helpers/global-setup.ts).
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../src/db/database';

export const TEST_DB: 'pglite' | 'postgres' = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

export interface TestDatabase extends Database {
  /** Connection URL of this test's own database (PostgreSQL only), for a second "app instance". */
  url?: string;
}

/** `seeded`: a copy of the template with the demo clinic already in it (seeded at inject('seededAt')). */
export async function createTestDatabase(options: { maxConnections?: number; seeded?: boolean } = {}): Promise<TestDatabase> {
  if (TEST_DB === 'pglite') {
    const tarball = readFileSync(inject(options.seeded ? 'pgliteSeededTemplate' : 'pgliteTemplate'));
    return openPglite(undefined, { loadDataDir: new Blob([tarball]) });
  }
  const name = `tilth_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject(options.seeded ? 'postgresSeededTemplate' : 'postgresTemplate')}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), { maxConnections: options.maxConnections ?? 10 });
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: testDatabaseUrl() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => dropper.end());
    },
  };
}
