/**
 * Migrates a template database once per run: a PGlite data folder dumped to a tarball, or a PostgreSQL template
 * database. Each test file then copies it (see test-db.ts) instead of migrating again.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openPglite, openPostgres } from '../../src/db/database';

export const TEMPLATE_DIR = join(process.cwd(), '.tmp');
export const PGLITE_TEMPLATE = join(TEMPLATE_DIR, 'pglite-template.tar.gz');

export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

export function templateName(): string {
  return `tilth_template_${process.pid}`;
}

export default async function setup(project: TestProject) {
  const kind = project.config.env?.TEST_DB ?? process.env.TEST_DB;
  if (kind === 'pglite') {
    mkdirSync(TEMPLATE_DIR, { recursive: true });
    const database = await openPglite(undefined);
    await migrateDatabase(database);
    const dump = await database.pglite!.dumpDataDir('gzip');
    writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    project.provide('pgliteTemplate', PGLITE_TEMPLATE);
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
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${name}`;
  const database = openPostgres(templateUrl.toString(), { maxConnections: 2 });
  await migrateDatabase(database);
  await database.close();
  project.provide('postgresTemplate', name);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}
