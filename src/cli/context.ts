/** What every CLI command gets: the environment, output, a clock, the configuration and the database. */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { Temporal } from 'temporal-polyfill';
import type { AuditEventContent } from '../core/audit-chain';
import { dataDirHoldsDatabase } from '../db/backup';
import { sealAuditTrail } from '../db/repos/audit-seal';
import type { Database } from '../db/database';
import { newId } from '../db/ids';
import { appliedMigrations } from '../db/migration-status';
import { openConfiguredDatabase } from '../server/bootstrap';
import { loadConfig, type Config } from '../server/config';

export type Env = Record<string, string | undefined>;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Bad usage (unknown option, missing or invalid value): exit status 2, with a pointer to the command's help. */
export class UsageError extends Error {}

/** A refusal or failure the operator can act on: exit status 1, the message only (no stack trace). */
export class CliError extends Error {}

export const EXIT = { ok: 0, error: 1, usage: 2, auditBroken: 3 } as const;

export interface CliContext {
  env: Env;
  io: CliIo;
  clock: () => Temporal.Instant;
  /** Loads (once) and returns the configuration; a bad variable throws ConfigError. */
  config(): Config;
  /**
   * Opens the configured database, runs `fn`, and closes it (and releases the data-folder lock) whatever happens.
   * `existing`: refuse, instead of creating an empty embedded database, when there is none yet (read-only commands).
   */
  withDatabase<T>(options: { migrate: boolean; existing?: boolean }, fn: (database: Database) => Promise<T>): Promise<T>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface Command {
  /** One or two words: `migrate`, `audit verify`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage line(s) after `tilth `. */
  usage: string;
  /** Paragraphs shown by `tilth help <command>`. */
  description: string;
  options: NonNullable<ParseArgsConfig['options']>;
  positionals: { min: number; max: number };
  run(ctx: CliContext, args: ParsedArgs): Promise<number>;
}

export function createContext(env: Env, io: CliIo, clock: () => Temporal.Instant): CliContext {
  let config: Config | undefined;
  const ctx: CliContext = {
    env,
    io,
    clock,
    config: () => (config ??= loadConfig(env)),
    async withDatabase(options, fn) {
      const cfg = ctx.config();
      if (!cfg.databaseUrl && options.existing && !dataDirHoldsDatabase(resolve(cfg.dataDir))) {
        throw new CliError(
          `There is no database in ${resolve(cfg.dataDir)} (TILTH_DATA_DIR${env.TILTH_DATA_DIR ? '' : ', default ./data'}). ` +
            'Set TILTH_DATA_DIR to the server’s data folder, or set DATABASE_URL.',
        );
      }
      const opened = await openConfiguredDatabase(cfg, { migrate: options.migrate });
      try {
        if (options.existing && !options.migrate && (await appliedMigrations(opened.database.db)) === 0) {
          throw new CliError('The database has no Tilth tables yet. Run `tilth migrate` (or start the server) first.');
        }
        const result = await fn(opened.database);
        // Commands that write (they migrate first) seal the audit events they appended, as the server does every
        // second: an embedded database is often used by the CLI alone, with no server running to seal them.
        if (options.migrate) await sealAuditTrail(opened.database);
        return result;
      } finally {
        await opened.close();
      }
    },
  };
  return ctx;
}

/** An audit event for something done from the command line (no signed-in person: actor type "system"). */
export function cliAuditEvent(
  ctx: CliContext,
  clinicId: string,
  input: { action: string; resourceType: string; resourceId: string | null; detail?: Record<string, unknown> },
): AuditEventContent {
  return {
    id: newId(),
    clinicId,
    occurredAt: new Date(ctx.clock().epochMilliseconds).toISOString(),
    actorType: 'system',
    actorId: null,
    actorRole: null,
    patientId: null,
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId,
    requestId: null,
    outcome: 'allowed',
    detail: { via: 'cli', osUser: osUser(ctx.env), ...input.detail },
  };
}

/** Who ran the command, for the audit trail (the account that ran sudo, when it was sudo). */
function osUser(env: Env): string | null {
  if (env.SUDO_USER) return env.SUDO_USER;
  try {
    return userInfo().username;
  } catch {
    return env.USER || env.LOGNAME || null;
  }
}

export const now = (): Temporal.Instant => Temporal.Now.instant();
