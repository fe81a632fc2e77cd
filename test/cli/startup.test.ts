/**
 * Start-up refusals that protect the data: a second process on a data folder in use exits at once with a clear
 * message (PGlite does not lock its folder; two writers lose data), a stale lock is taken over, and a bad setting
 * stops the server naming the variable and what it allows.
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/db/data-dir-lock';
import { cli, deadPid, pgliteFromTemplate, runNode, tempDir, TEST_DB, TSX } from './support';

// The data-folder lock guards the embedded database only (with DATABASE_URL there is no data folder), and the
// configuration check opens no database at all: these run once, in the pglite project.
const pgliteOnly = it.skipIf(TEST_DB === 'postgres');

let dir: string;

beforeAll(() => {
  dir = tempDir('tilth-startup-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the data-folder lock', () => {
  pgliteOnly('a server started on a folder another process uses exits at once, non-zero, saying why', async () => {
    const dataDir = join(dir, 'busy');
    const release = lockDataDir(dataDir); // this test process is the first user of the folder
    try {
      const run = await runNode([TSX, 'src/server/main.ts'], { TILTH_DATA_DIR: dataDir, PORT: '39871', LOG_LEVEL: 'silent' }, 20_000);
      expect(run.timedOut).toBe(false);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`The data folder ${dataDir} is in use by another Tilth process (pid ${process.pid})`);
      expect(run.stderr).toContain('Stop that process first');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.ms).toBeLessThan(15_000); // tsx start-up (slow on a busy machine), no waiting for the lock
      expect(readdirSync(dataDir)).toEqual(['tilth.lock']); // it created no database beside ours
    } finally {
      release();
    }
    expect(existsSync(join(dataDir, 'tilth.lock'))).toBe(false);
  }, 60_000);

  pgliteOnly('a CLI command refuses too, naming the process that holds the folder', async () => {
    const dataDir = join(dir, 'db');
    await (await pgliteFromTemplate(dataDir)).close();
    writeFileSync(join(dataDir, 'tilth.lock'), String(process.ppid)); // a live process other than this one
    const run = await cli(['audit', 'verify'], { TILTH_DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`is in use by another Tilth process (pid ${process.ppid})`);
  });

  pgliteOnly('a lock left by a process that no longer runs is taken over, and released afterwards', async () => {
    const dataDir = join(dir, 'db'); // the folder of the test above, its lock now a dead process's
    writeFileSync(join(dataDir, 'tilth.lock'), String(deadPid()));
    const run = await cli(['audit', 'verify'], { TILTH_DATA_DIR: dataDir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('audit trail intact: 0 events in 0 clinics\n');
    expect(existsSync(join(dataDir, 'tilth.lock'))).toBe(false);
  });
});

describe('configuration', () => {
  pgliteOnly('a bad setting stops the server at once, naming each variable and what it allows', async () => {
    const dataDir = join(dir, 'never-created');
    const run = await runNode([TSX, 'src/server/main.ts'], { PORT: 'abc', DATABASE_URL: 'mysql://x', TILTH_DATA_DIR: dataDir }, 20_000);
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Invalid configuration:');
    expect(run.stderr).toContain('PORT="abc": must be a whole number');
    expect(run.stderr).toContain('DATABASE_URL="mysql://x": must be a postgres:// or postgresql:// URL');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.ms).toBeLessThan(15_000); // tsx start-up only
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);

  it('a CLI command stops the same way before touching any database', async () => {
    const dataDir = join(dir, 'never-created-either');
    const run = await cli(['migrate'], { PORT: '70000', TILTH_DATA_DIR: dataDir, LOG_LEVEL: 'loud' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PORT="70000": must be at most 65535');
    expect(run.stderr).toMatch(/LOG_LEVEL="loud": .*debug/);
    expect(run.stderr).toContain('Fix the environment variable(s) named above.');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('an unreachable PostgreSQL is reported plainly; LOG_LEVEL=debug adds the stack trace', async () => {
    const env = { DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/nowhere' };
    const plain = await cli(['audit', 'verify'], env);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe('tilth audit verify failed: cannot use PostgreSQL at 127.0.0.1:1/nowhere: nothing is listening there (ECONNREFUSED). Check DATABASE_URL and that the server runs.\n');
    expect(plain.stderr).not.toContain('secret');
    const debug = await cli(['audit', 'verify'], { ...env, LOG_LEVEL: 'debug' });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
