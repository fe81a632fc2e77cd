/**
 * Configuration comes from environment variables, parsed and validated once at start-up. A bad value stops start-up
 * with a message naming the variable and what it allows.
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'use true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) =>
  z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

const EnvSchema = z.object({
  PORT: int(1, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  TILTH_DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://tilth.example.org' }).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).default('Tilth <no-reply@tilth.invalid>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  DB_POOL_SIZE: int(1, 200).default(10),
  STATEMENT_TIMEOUT_MS: int(100, 600_000).default(10_000),
  STAFF_IDLE_MINUTES: int(1, 24 * 60).default(30),
  STAFF_MAX_HOURS: int(1, 72).default(12),
  PATIENT_IDLE_MINUTES: int(1, 24 * 60).default(60),
  PATIENT_MAX_HOURS: int(1, 72).default(24),
  SIGNIN_MAX_FAILURES: int(1, 1000).default(5),
  SIGNIN_IP_MAX_FAILURES: int(1, 10_000).default(20),
  SIGNIN_LOCK_MINUTES: int(1, 24 * 60).default(15),
  RATE_LIMIT_PER_MINUTE: int(1, 10_000_000).default(1200),
  BODY_LIMIT_BYTES: int(1024, 50 * 1024 * 1024).default(1024 * 1024),
  OUTBOX_POLL_MS: int(50, 600_000).default(1000),
  PASSWORD_TOKEN_HOURS: int(1, 24 * 14).default(72),
  /**
   * Keys for psychotherapy notes (AES-256-GCM): "id:base64key[,id:base64key…]", 32-byte keys. The first encrypts new
   * notes; the others still decrypt older ones (rotation: put the new key first, keep the old ones after it).
   */
  PSYCHOTHERAPY_NOTE_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/, 'must be id:base64key pairs separated by commas, each key 32 bytes (e.g. k1:$(openssl rand -base64 32))')
    .refine((v) => new Set(v.split(',').map((p) => p.split(':')[0])).size === v.split(',').length, 'key ids must be different')
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  dbPoolSize: number;
  statementTimeoutMs: number;
  sessions: {
    staffIdleMinutes: number;
    staffAbsoluteHours: number;
    patientIdleMinutes: number;
    patientAbsoluteHours: number;
    touchIntervalSeconds: number;
  };
  signIn: { maxFailures: number; ipMaxFailures: number; lockMinutes: number };
  rateLimitPerMinute: number;
  bodyLimitBytes: number;
  outboxPollMs: number;
  passwordTokenHours: number;
  /** Psychotherapy-note keys, newest first; empty when none is configured (notes cannot be written or read). */
  noteKeys: { id: string; key: Buffer }[];
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as shells and .env files commonly leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.TILTH_DATA_DIR,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    dbPoolSize: e.DB_POOL_SIZE,
    statementTimeoutMs: e.STATEMENT_TIMEOUT_MS,
    sessions: {
      staffIdleMinutes: e.STAFF_IDLE_MINUTES,
      staffAbsoluteHours: e.STAFF_MAX_HOURS,
      patientIdleMinutes: e.PATIENT_IDLE_MINUTES,
      patientAbsoluteHours: e.PATIENT_MAX_HOURS,
      touchIntervalSeconds: 60,
    },
    signIn: { maxFailures: e.SIGNIN_MAX_FAILURES, ipMaxFailures: e.SIGNIN_IP_MAX_FAILURES, lockMinutes: e.SIGNIN_LOCK_MINUTES },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    outboxPollMs: e.OUTBOX_POLL_MS,
    passwordTokenHours: e.PASSWORD_TOKEN_HOURS,
    noteKeys: (e.PSYCHOTHERAPY_NOTE_KEYS ?? '').split(',').filter(Boolean).map((pair) => {
      const [id, key] = pair.split(':') as [string, string];
      return { id, key: Buffer.from(key, 'base64') };
    }),
  };
}
