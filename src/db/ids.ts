import { v7 as uuidv7 } from 'uuid';
import { sql, type SQL } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';

/** Time-ordered ids (UUIDv7) keep new rows together in primary-key indexes. */
export const newId = (): string => uuidv7();

export const toDate = (instant: Temporal.Instant): Date => new Date(instant.epochMilliseconds);
export const toInstant = (date: Date): Temporal.Instant => Temporal.Instant.fromEpochMilliseconds(date.getTime());

/** Drizzle wraps driver errors; the SQLSTATE is on the cause. */
export function sqlState(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function constraintName(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const name = (e as { constraint?: unknown }).constraint;
    if (typeof name === 'string') return name;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * SQL for a timestamptz column as ISO 8601 text in UTC with milliseconds, exactly as `Date.prototype.toISOString`
 * writes it, whatever the session's time zone (for JSON built in PostgreSQL). `column` is trusted SQL, never input.
 */
export const isoUtcSql = (column: string): SQL => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
