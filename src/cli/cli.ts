/**
 * The `tilth` command line: administration tasks on the database the server uses (PostgreSQL when DATABASE_URL is
 * set, else the embedded database in TILTH_DATA_DIR). `runCli` does everything but exit, so tests run it in-process.
 */
import { parseArgs } from 'node:util';
import { BackupError } from '../db/backup';
import { DataDirLockedError } from '../db/data-dir-lock';
import { sqlState } from '../db/ids';
import { ConfigError } from '../server/config';
import { auditVerifyCommand } from './commands/audit';
import { createClinicCommand, createStaffCommand } from './commands/clinic';
import { backupCommand, migrateCommand, restoreCommand, seedDemoCommand } from './commands/database';
import { instrumentsImportCommand } from './commands/instruments';
import { CliError, createContext, EXIT, now, UsageError, type CliIo, type Command, type Env, type ParsedArgs } from './context';

export { EXIT } from './context';

export const COMMANDS: readonly Command[] = [
  migrateCommand,
  createClinicCommand,
  createStaffCommand,
  seedDemoCommand,
  backupCommand,
  restoreCommand,
  auditVerifyCommand,
  instrumentsImportCommand,
];

const ENVIRONMENT = [
  'The database is the one the server uses: PostgreSQL when DATABASE_URL is set, otherwise the embedded database in',
  'TILTH_DATA_DIR (default ./data), which one process uses at a time. Every other setting the server reads',
  '(PUBLIC_URL, PASSWORD_TOKEN_HOURS, …) applies too; LOG_LEVEL=debug adds stack traces to errors.',
].join('\n');

/** The usage line up to its first option: `backup FILE`, `audit verify`. */
const synopsis = (c: Command): string => c.usage.split(/ \[| --|\n/)[0]!;

export function usageText(): string {
  const width = Math.max(...COMMANDS.map((c) => synopsis(c).length), 'help [COMMAND]'.length) + 2;
  const rows = [
    ...COMMANDS.map((c) => `  ${synopsis(c).padEnd(width)}${c.summary}`),
    `  ${'help [COMMAND]'.padEnd(width)}Show what a command does and its options`,
  ];
  return [
    'Usage: tilth COMMAND [options]        (npm run tilth -- COMMAND [options], or npx tilth COMMAND [options])',
    '',
    'Commands:',
    ...rows,
    '',
    ENVIRONMENT,
    '',
    `Exit status: ${EXIT.ok} done, ${EXIT.error} failed or refused (the message says why), ${EXIT.usage} bad usage, ${EXIT.auditBroken} audit trail broken.`,
    'Run `tilth help COMMAND` for a command’s options.',
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  return `Usage: tilth ${command.usage}\n\n${command.description}\n\n${ENVIRONMENT}\n`;
}

const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

function findCommand(argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  for (const command of COMMANDS) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

function parse(command: Command, rest: string[]): ParsedArgs & { help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { help, ...values } = parsed.values as Record<string, string | boolean | undefined>;
  if (help) return { values, positionals: parsed.positionals, help: true };
  const { min, max } = command.positionals;
  const n = parsed.positionals.length;
  if (n < min) throw new UsageError(`Missing argument: tilth ${command.usage.split('\n')[0]}`);
  if (n > max) throw new UsageError(`Unexpected argument "${parsed.positionals[max]}".`);
  return { values, positionals: parsed.positionals, help: false };
}

export interface RunOptions {
  env?: Env;
  io?: CliIo;
  clock?: () => import('temporal-polyfill').Temporal.Instant;
}

/** Runs one command line; returns the exit status. Never throws. */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const io = options.io ?? processIo;
  const [first] = argv;

  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    const topic = first === 'help' ? argv.slice(1) : [];
    if (topic.length === 0) {
      io.stdout(usageText());
      return EXIT.ok;
    }
    const found = findCommand(topic);
    if (!found || found.rest.length > 0) {
      io.stderr(`There is no command "${topic.join(' ')}".\n\n${usageText()}`);
      return EXIT.usage;
    }
    io.stdout(commandHelp(found.command));
    return EXIT.ok;
  }

  const found = findCommand(argv);
  if (!found) {
    const hint = first === 'audit' ? ' (did you mean `tilth audit verify`?)' : '';
    io.stderr(`Unknown command "${argv.slice(0, first === 'audit' ? 2 : 1).join(' ')}"${hint}.\n\n${usageText()}`);
    return EXIT.usage;
  }
  const { command, rest } = found;
  try {
    const args = parse(command, rest);
    if (args.help) {
      io.stdout(commandHelp(command));
      return EXIT.ok;
    }
    const ctx = createContext(env, io, options.clock ?? now);
    ctx.config(); // every command needs it; a bad variable stops here, before anything is opened
    return await command.run(ctx, args);
  } catch (err) {
    return reportError(command, err, env, io);
  }
}

function reportError(command: Command, err: unknown, env: Env, io: CliIo): number {
  const debug = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
  const trace = debug && err instanceof Error ? `\n${stackChain(err)}` : '';
  if (err instanceof UsageError) {
    io.stderr(`tilth ${command.name}: ${err.message}\nUsage: tilth ${command.usage}\nRun \`tilth help ${command.name}\` for details.\n`);
    return EXIT.usage;
  }
  if (err instanceof ConfigError) {
    io.stderr(`tilth ${command.name}: ${err.message}\nFix the environment variable(s) named above.${trace}\n`);
    return EXIT.error;
  }
  if (err instanceof CliError || err instanceof BackupError || err instanceof DataDirLockedError) {
    io.stderr(`tilth ${command.name}: ${err.message}${trace}\n`);
    return EXIT.error;
  }
  io.stderr(`tilth ${command.name} failed: ${describeUnexpected(err, env)}${trace}\n`);
  return EXIT.error;
}

const CONNECTION_CODES: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening there',
  ENOTFOUND: 'the host name is unknown',
  EAI_AGAIN: 'the host name could not be resolved',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  '28P01': 'the password was refused',
  '28000': 'the server refused this user or host',
  '3D000': 'the database does not exist',
};

/** A message for an error nobody anticipated, without the SQL text and parameters drizzle puts in its own. */
function describeUnexpected(err: unknown, env: Env): string {
  const code = errorCode(err);
  if (code && CONNECTION_CODES[code] && env.DATABASE_URL) {
    return `cannot use PostgreSQL at ${redactUrl(env.DATABASE_URL)}: ${CONNECTION_CODES[code]} (${code}). Check DATABASE_URL and that the server runs.`;
  }
  let e: unknown = err;
  let message = '';
  for (let depth = 0; e && depth < 6; depth++) {
    const m = e instanceof Error ? e.message : String(e);
    if (m && !m.startsWith('Failed query')) {
      message = m;
      break;
    }
    e = (e as { cause?: unknown }).cause;
  }
  const state = sqlState(err);
  return `${message || (err instanceof Error ? err.name : String(err))}${state ? ` (SQLSTATE ${state})` : ''}`;
}

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const inner = (e as { errors?: unknown[] }).errors; // AggregateError (IPv4 and IPv6 both refused)
    if (Array.isArray(inner) && inner.length > 0) e = inner[0];
    else e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

function stackChain(err: Error): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e instanceof Error && depth < 6; depth++) {
    parts.push(depth === 0 ? (e.stack ?? e.message) : `Caused by: ${e.stack ?? e.message}`);
    e = e.cause;
  }
  return parts.join('\n');
}
