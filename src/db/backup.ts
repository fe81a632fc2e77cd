/**
 * Backup and restore of the embedded database (PGlite in TILTH_DATA_DIR). A backup is PGlite's own dump of the data
 * folder: a gzip-compressed tarball (`dumpDataDir('gzip')`), taken while holding the folder lock so that no server
 * writes meanwhile. Restoring loads the tarball into a new folder next to the data folder, checks it, and then swaps
 * the two folders with renames; the old folder is kept until the swap has succeeded.
 *
 * With PostgreSQL (DATABASE_URL) use pg_dump / pg_restore instead: this module is for the embedded database only.
 *
 * Not kept by a backup: UNLOGGED tables (the throw-away rate-limit counters) come back empty, as after any crash.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, lchownSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { lockDataDir } from './data-dir-lock';
import { openPglite, queryRows, type Database } from './database';
import { appliedMigrations, SHIPPED_MIGRATIONS } from './migration-status';

/** A refusal or failure an operator can act on; the message says what to do. */
export class BackupError extends Error {}

const LOCK_NAME = 'tilth.lock';

/** True when `dataDir` holds a PGlite (PostgreSQL) data folder. */
export function dataDirHoldsDatabase(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

export interface DatabaseSummary {
  clinics: number;
  auditEvents: number;
  /** Migrations the database has applied. */
  migrations: number;
}

async function summarize(database: Database): Promise<DatabaseSummary> {
  const migrations = await appliedMigrations(database.db);
  if (migrations === 0) return { clinics: 0, auditEvents: 0, migrations };
  const [row] = await queryRows<{ clinics: number; events: number }>(
    database.db,
    sql`SELECT (SELECT count(*)::int FROM clinics) AS clinics, (SELECT count(*)::int FROM audit_events) AS events`,
  );
  return { clinics: row?.clinics ?? 0, auditEvents: row?.events ?? 0, migrations };
}

export interface BackupResult extends DatabaseSummary {
  file: string;
  bytes: number;
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Writes a backup of the database in `dataDir` to `file` (created with mode 0600: it holds health records).
 * Refuses while another process uses the folder, when there is no database, and when `file` exists (unless
 * `overwrite`). The file appears complete or not at all (written beside it, then renamed).
 */
export async function backupDataDir(dataDir: string, file: string, options: { overwrite?: boolean } = {}): Promise<BackupResult> {
  const dir = resolve(dataDir);
  const target = resolve(file);
  if (!dataDirHoldsDatabase(dir)) {
    throw new BackupError(`There is no database in ${dir} to back up. (Is TILTH_DATA_DIR right?)`);
  }
  if (isInside(target, dir)) {
    throw new BackupError(`The backup file ${target} would be inside the data folder ${dir}; write it somewhere else.`);
  }
  if (!existsSync(dirname(target))) throw new BackupError(`The folder ${dirname(target)} does not exist; create it first.`);
  if (existsSync(target) && !options.overwrite) {
    throw new BackupError(`${target} exists already. Choose another file name, or pass --force to replace it.`);
  }

  const release = lockDataDir(dir);
  let dump: Blob;
  let summary: DatabaseSummary;
  try {
    const database = await openPglite(dir);
    try {
      await database.pglite!.exec('CHECKPOINT');
      summary = await summarize(database);
      dump = await database.pglite!.dumpDataDir('gzip');
    } finally {
      await database.close();
    }
  } finally {
    release();
  }

  const bytes = Buffer.from(await dump.arrayBuffer());
  const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const fd = openSync(partial, 'wx', 0o600);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    inspectBackup(readFileSync(partial), target); // read back what reached the disk
    renameSync(partial, target);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  return { file: target, bytes: bytes.length, ...summary };
}

export interface BackupContents {
  /** PostgreSQL major version of the backup (PG_VERSION). */
  pgVersion: string;
  entries: number;
}

/** Checks that `data` is a gzip tarball of a PostgreSQL data folder (without loading it). */
export function inspectBackup(data: Buffer, name: string): BackupContents {
  if (data.length < 2 || data[0] !== 0x1f || data[1] !== 0x8b) {
    throw new BackupError(`${name} is not a Tilth backup (it is not gzip-compressed).`);
  }
  let tar: Buffer;
  try {
    tar = gunzipSync(data);
  } catch (err) {
    throw new BackupError(`${name} is damaged or incomplete (${(err as Error).message}).`);
  }
  let pgVersion: string | undefined;
  let entries = 0;
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    const field = (start: number, length: number) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const entryName = (prefix ? `${prefix}/` : '') + field(0, 100);
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    if (!Number.isFinite(size) || size < 0) throw new BackupError(`${name} is damaged (bad tar header).`);
    entries += 1;
    if (entryName.replace(/^\/+/, '').replace(/^\.\//, '') === 'PG_VERSION') {
      pgVersion = tar.subarray(offset + 512, offset + 512 + size).toString('utf8').trim();
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  if (!pgVersion) throw new BackupError(`${name} is not a Tilth backup (it holds no database folder).`);
  return { pgVersion, entries };
}

export interface RestoreResult extends DatabaseSummary {
  /** True when a database was there before and has been replaced. */
  replaced: boolean;
}

/**
 * Replaces the database in `dataDir` with the backup in `file`.
 *
 * - Refuses while another process (the server, another CLI) holds the folder lock.
 * - Refuses when `dataDir` already holds a database, unless `force`: restoring throws away everything written since
 *   the backup. A folder that is neither empty nor a database is never replaced (a mistyped TILTH_DATA_DIR).
 * - The backup is loaded into `<dataDir>.restoring-<pid>` beside the data folder and checked (a Tilth database, not
 *   from a newer Tilth) before anything is touched. Then the data folder is renamed to `<dataDir>.replaced-…`, the new
 *   folder renamed into its place, and only then the old folder deleted. A failure before the swap leaves the data
 *   folder as it was.
 * - The data folder must be an ordinary folder, not a mount point (a Docker volume): renames cannot move a mount
 *   point. Mount the volume one level up and point TILTH_DATA_DIR at a folder inside it.
 */
export async function restoreDataDir(dataDir: string, file: string, options: { force?: boolean } = {}): Promise<RestoreResult> {
  // Through a symbolic link, replace the folder it points to (the link keeps working).
  const dir = existsSync(resolve(dataDir)) ? realpathSync(resolve(dataDir)) : resolve(dataDir);
  const source = resolve(file);
  if (!existsSync(source)) throw new BackupError(`The backup file ${source} does not exist.`);
  const data = readFileSync(source);
  inspectBackup(data, source);

  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  if (existsSync(dir) && statSync(dir).dev !== statSync(parent).dev) {
    throw new BackupError(
      `${dir} is a mount point, which restore cannot replace. Mount the volume one level up and set TILTH_DATA_DIR to a folder inside it.`,
    );
  }

  const releaseLock = lockDataDir(dir); // refuses while another process uses the folder
  const newDir = join(parent, `${basename(dir)}.restoring-${process.pid}`);
  let keepNewDir = false;
  try {
    const present = readdirSync(dir).filter((name) => name !== LOCK_NAME);
    const replacing = present.includes('PG_VERSION');
    if (replacing && !options.force) {
      throw new BackupError(
        `${dir} already holds a database. Restoring replaces it and loses everything written since the backup. ` +
          'Back it up first if you may need it (tilth backup FILE), then run restore again with --force.',
      );
    }
    if (!replacing && present.length > 0) {
      throw new BackupError(`${dir} is not empty and does not hold a Tilth database; refusing to replace it. Point TILTH_DATA_DIR at the data folder, or at an empty or new folder.`);
    }

    removeAbandonedRestores(parent, basename(dir));
    mkdirSync(newDir);
    let summary: DatabaseSummary;
    let database: Database;
    try {
      database = await openPglite(newDir, { loadDataDir: new Blob([data]) });
    } catch (err) {
      throw new BackupError(`${source} could not be loaded: ${(err as Error).message}`);
    }
    try {
      summary = await summarize(database);
    } finally {
      await database.close();
    }
    if (summary.migrations === 0) throw new BackupError(`${source} holds a database without Tilth's tables; it is not a Tilth backup.`);
    if (summary.migrations > SHIPPED_MIGRATIONS) {
      throw new BackupError(
        `${source} comes from a newer Tilth (${summary.migrations} migrations; this one knows ${SHIPPED_MIGRATIONS}). Upgrade Tilth, then restore.`,
      );
    }
    // The tarball carries the lock file of the process that made it; the restored folder is ours until we finish.
    writeFileSync(join(newDir, LOCK_NAME), String(process.pid));
    matchOwnerAndMode(newDir, statSync(dir));

    const oldDir = join(parent, `${basename(dir)}.replaced-${process.pid}-${Date.now()}`);
    renameSync(dir, oldDir);
    try {
      renameSync(newDir, dir);
    } catch (err) {
      try {
        renameSync(oldDir, dir);
      } catch {
        keepNewDir = true;
        throw new BackupError(
          `Restore failed half-way (${(err as Error).message}). The previous database is in ${oldDir} and the restored one in ${newDir}; ` +
            `move the one you want to ${dir}.`,
        );
      }
      throw err;
    }
    rmSync(oldDir, { recursive: true, force: true });
    return { ...summary, replaced: replacing };
  } finally {
    if (!keepNewDir) rmSync(newDir, { recursive: true, force: true }); // a no-op after a successful swap
    releaseLock(); // removes <dir>/tilth.lock, which holds our pid (the old folder's lock before the swap, the new one's after)
  }
}

/**
 * Removes `<name>.restoring-<pid>` folders left by a restore that was killed. Called while holding the data folder's
 * lock, so no other restore of this folder is running.
 */
function removeAbandonedRestores(parent: string, name: string): void {
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(`${name}.restoring-`)) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

/**
 * The restored folder gets the permissions of the folder it replaces, and its owner when we run as root (a restore
 * run with sudo must leave a folder the server's own account can still write).
 */
function matchOwnerAndMode(folder: string, like: Stats): void {
  chmodSync(folder, like.mode & 0o7777);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || (like.uid === 0 && like.gid === 0)) return;
  const walk = (path: string) => {
    lchownSync(path, like.uid, like.gid);
    if (lstatSync(path).isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
  };
  walk(folder);
}
