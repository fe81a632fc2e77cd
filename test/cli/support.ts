/**
 * Helpers for the CLI tests: a database the CLI can open too (a PGlite data folder on disk, or a PostgreSQL test
 * database with its URL), running the CLI in-process or as a real child process, and whole-database snapshots.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { openPglite, queryRows, type Database, type Executor } from '../../src/db/database';
import { createTestDatabase, TEST_DB } from '../helpers/test-db';

export { TEST_DB };

export const REPO = process.cwd();

export function tempDir(prefix = 'tilth-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A migrated PGlite data folder at `dataDir` (from the run's template tarball, so no initdb); left open. */
export function pgliteFromTemplate(dataDir: string): Promise<Database> {
  return openPglite(dataDir, { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
}

/**
 * The database of this test file, which the CLI under test opens too. On PGlite the folder takes one process and
 * one handle at a time, so `release()` closes the test's handle before a CLI run and `db()` reopens it.
 */
export interface Target {
  kind: 'pglite' | 'postgres';
  /** What the CLI needs to find this database: TILTH_DATA_DIR or DATABASE_URL. */
  env: Record<string, string>;
  dataDir?: string;
  db(): Promise<Database>;
  release(): Promise<void>;
  close(): Promise<void>;
}

export async function createTarget(): Promise<Target> {
  if (TEST_DB === 'postgres') {
    const database = await createTestDatabase();
    return {
      kind: 'postgres',
      env: { DATABASE_URL: database.url! },
      db: async () => database,
      release: async () => undefined,
      close: () => database.close(),
    };
  }
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  let open: Database | null = await pgliteFromTemplate(dataDir);
  return {
    kind: 'pglite',
    env: { TILTH_DATA_DIR: dataDir },
    dataDir,
    db: async () => (open ??= await openPglite(dataDir)),
    release: async () => {
      const was = open;
      open = null;
      await was?.close();
    },
    close: async () => {
      await open?.close();
      open = null;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process (fast), with exactly `env` as its environment. */
export async function cli(argv: string[], env: Record<string, string>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { env, io: { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) } });
  return { code, stdout, stderr };
}

/** The environment of a child process: enough to run node, plus `env` (nothing else leaks in, e.g. DATABASE_URL). */
export function childEnv(env: Record<string, string>): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT'];
  return { ...Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]!])), ...env };
}

/**
 * Runs a real process: `node <args>` in the repository (e.g. node_modules/tsx/dist/cli.mjs src/cli/main.ts …, the
 * same as `npx tsx src/cli/main.ts …` without npx's own start-up). Kills it after `timeoutMs`.
 */
export function runNode(args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<CliRun & { ms: number; timedOut: boolean }> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr, ms: Date.now() - started, timedOut });
    });
  });
}

export const TSX = 'node_modules/tsx/dist/cli.mjs';

/** The pid of a process that has exited (for a stale lock). */
export function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', '']);
  return result.pid!;
}

/** SQLSTATE and message of a database error (drizzle wraps the driver's error in `cause`). */
export function dbError(err: unknown): { code: string | undefined; message: string } {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, message: (e as Error).message };
    e = (e as { cause?: unknown }).cause;
  }
  return { code: undefined, message: String((err as Error)?.message ?? err) };
}

export async function expectDbError(promise: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  try {
    await promise;
  } catch (err) {
    return dbError(err);
  }
  throw new Error('expected the statement to fail');
}

/**
 * Every row of every table in the public schema (and the migration journal), each table ordered by its primary key,
 * as JSON: two snapshots are equal exactly when the data is.
 */
export async function snapshot(ex: Executor): Promise<Record<string, unknown[]>> {
  const tables = await queryRows<{ schema: string; name: string; pk: string[] | null }>(
    ex,
    sql`SELECT n.nspname AS schema, c.relname AS name,
          (SELECT array_agg(a.attname::text ORDER BY k.ord)
             FROM pg_index i
             CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND (n.nspname = 'public' OR (n.nspname = 'drizzle' AND c.relname = '__drizzle_migrations'))
        ORDER BY n.nspname, c.relname`,
  );
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
    const order = t.pk && t.pk.length > 0 ? t.pk.map((c) => `x.${q(c)}`).join(', ') : 'to_jsonb(x)::text';
    const rows = await queryRows<{ r: unknown }>(ex, sql.raw(`SELECT to_jsonb(x) AS r FROM ${q(t.schema)}.${q(t.name)} x ORDER BY ${order}`));
    out[t.schema === 'public' ? t.name : `${t.schema}.${t.name}`] = rows.map((row) => (typeof row.r === 'string' ? JSON.parse(row.r) : row.r));
  }
  return out;
}

/** Names of the UNLOGGED tables in public (their rows do not survive a backup, by design). */
export async function unloggedTables(ex: Executor): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    ex,
    sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relpersistence = 'u' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
