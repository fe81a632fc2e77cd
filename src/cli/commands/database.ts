/** migrate, seed-demo, backup and restore. */
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { backupDataDir, restoreDataDir } from '../../db/backup';
import { migrateDatabase, queryRows } from '../../db/database';
import { appliedMigrations, SHIPPED_MIGRATIONS } from '../../db/migration-status';
import { DEMO_PASSWORD, DEMO_SLUG, seedDemo } from '../../server/demo/seed-demo';
import { CliError, EXIT, type CliContext, type Command } from '../context';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply database migrations',
  usage: 'migrate',
  description: [
    'Brings the database up to this version of Tilth: the embedded database in TILTH_DATA_DIR (created if missing), or',
    'PostgreSQL at DATABASE_URL. The server does the same when it starts; run this to migrate ahead of a start, or',
    'from a deployment script. Safe to run again, and from several machines at once (they take turns).',
  ].join('\n'),
  options: {},
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const config = ctx.config();
    const { before, after } = await ctx.withDatabase({ migrate: false }, async (database) => {
      const before = await appliedMigrations(database.db);
      if (before > SHIPPED_MIGRATIONS) {
        throw new CliError(`The database was migrated by a newer Tilth (${before} migrations; this one knows ${SHIPPED_MIGRATIONS}). Upgrade Tilth.`);
      }
      await migrateDatabase(database);
      return { before, after: await appliedMigrations(database.db) };
    });
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${resolve(config.dataDir)}`;
    ctx.io.stdout(
      after === before
        ? `Migrations: ${where} is up to date (${after} migrations).\n`
        : `Migrations: applied ${after - before} to ${where}; it is now at ${after} of ${SHIPPED_MIGRATIONS}.\n`,
    );
    return EXIT.ok;
  },
};

export const seedDemoCommand: Command = {
  name: 'seed-demo',
  summary: 'Create the demo clinic if it is missing (prints its sign-ins)',
  usage: 'seed-demo [--force]',
  description: [
    `Creates the demo clinic (slug "${DEMO_SLUG}") with rooms, staff and patients, unless it exists already, and prints`,
    `its sign-ins. Every demo account has the published password "${DEMO_PASSWORD}", so this is for trying Tilth out:`,
    'it refuses when the database holds other clinics, unless --force.',
  ].join('\n'),
  options: { force: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const config = ctx.config();
    const seeded = await ctx.withDatabase({ migrate: true }, async (database) => {
      const [others] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM clinics WHERE slug <> ${DEMO_SLUG}`);
      const demoExists = (await queryRows(database.db, sql`SELECT 1 FROM clinics WHERE slug = ${DEMO_SLUG}`)).length > 0;
      if (!demoExists && (others?.n ?? 0) > 0 && !args.values.force) {
        throw new CliError(
          `This database holds ${others!.n} other clinic(s). The demo clinic’s accounts share a published password; ` +
            'add it to a real installation only on purpose, with --force.',
        );
      }
      return seedDemo(database, ctx.clock);
    });
    const lines = seeded.signIns.map((s) => `    ${s.email.padEnd(30)} ${s.role}`).join('\n');
    ctx.io.stdout(
      `Demo clinic ${seeded.created ? 'created' : 'exists already'} (id ${seeded.clinicId}). ` +
        `Sign in at ${config.publicUrl} with password "${DEMO_PASSWORD}":\n${lines}\n`,
    );
    return EXIT.ok;
  },
};

function refuseWithPostgres(ctx: CliContext, what: 'backup' | 'restore'): void {
  if (!ctx.config().databaseUrl) return;
  throw new CliError(
    `tilth ${what} works on the embedded database only, and DATABASE_URL is set: use PostgreSQL's own tools, e.g.\n` +
      (what === 'backup'
        ? '  pg_dump --format=custom --file=FILE "$DATABASE_URL"'
        : '  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" FILE') +
      '\n(or your provider’s backups / point-in-time recovery).',
  );
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Back up the embedded database to FILE',
  usage: 'backup FILE [--force]',
  description: [
    'Writes a compressed copy of the embedded database (TILTH_DATA_DIR) to FILE, readable by its owner only: it holds',
    'health records, so store and transfer it accordingly. Stop the server first: the data folder is used by one process',
    'at a time, and backup refuses while the server (or another command) uses it. FILE must not exist, unless --force;',
    'it appears complete or not at all. Rate-limit counters are not kept.',
    'With PostgreSQL (DATABASE_URL) use pg_dump instead; this command refuses.',
  ].join('\n'),
  options: { force: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(ctx, args) {
    refuseWithPostgres(ctx, 'backup');
    const result = await backupDataDir(ctx.config().dataDir, args.positionals[0]!, { overwrite: Boolean(args.values.force) });
    ctx.io.stdout(
      `Backed up ${resolve(ctx.config().dataDir)} to ${result.file} (${mb(result.bytes)}: ${result.clinics} clinic(s), ${result.auditEvents} audit events).\n`,
    );
    return EXIT.ok;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Replace the embedded database with the backup in FILE',
  usage: 'restore FILE [--force]',
  description: [
    'Restores a backup made by `tilth backup` into TILTH_DATA_DIR. Stop the server first: restore refuses while it (or',
    'another command) uses the data folder.',
    'If the data folder already holds a database, restore refuses unless --force: the database is then replaced by the',
    'backup and everything written since the backup is lost (make a backup of it first if you may need it).',
    'The backup is loaded and checked in a new folder beside the data folder first; the data folder is swapped only',
    'when that succeeded, and the previous one is deleted after the swap. A folder that is neither empty nor a database',
    'is never replaced. The data folder must not itself be a mount point: mount volumes one level up.',
    'Rate-limit counters come back empty. With PostgreSQL (DATABASE_URL) use pg_restore instead; this command refuses.',
  ].join('\n'),
  options: { force: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(ctx, args) {
    refuseWithPostgres(ctx, 'restore');
    const dataDir = resolve(ctx.config().dataDir);
    const result = await restoreDataDir(dataDir, args.positionals[0]!, { force: Boolean(args.values.force) });
    ctx.io.stdout(
      `Restored ${resolve(args.positionals[0]!)} into ${dataDir}${result.replaced ? ', replacing the database that was there' : ''} ` +
        `(${result.clinics} clinic(s), ${result.auditEvents} audit events).\n`,
    );
    if (result.migrations < SHIPPED_MIGRATIONS) {
      ctx.io.stdout(`The backup predates this version of Tilth; the server migrates it when it starts (or run \`tilth migrate\`).\n`);
    }
    return EXIT.ok;
  },
};
