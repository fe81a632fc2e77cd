/** Small helpers shared by the outbox tests: dispatcher deps over a test app, reading rows, a capturing logger. */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database';
import { outbox } from '../../src/db/schema';
import type { DispatcherDeps, Transport } from '../../src/server/outbox/dispatcher';
import type { TestApp } from '../helpers/test-app';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  obj: unknown;
  msg: string | undefined;
}

export function captureLog(): DispatcherDeps['log'] & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: unknown, msg?: string) => void entries.push({ level, obj, msg });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}

export function dispatcherDeps(t: TestApp, transport: Transport, database: Database = t.database): DispatcherDeps & { log: ReturnType<typeof captureLog> } {
  return { database, clock: t.deps.clock, transport, mailFrom: t.deps.config.mailFrom, log: captureLog() };
}

export async function outboxRows(database: Database) {
  return database.db.select().from(outbox).orderBy(outbox.createdAt, outbox.id);
}

export async function outboxRow(database: Database, clinicId: string, id: string) {
  const [row] = await database.db.select().from(outbox).where(and(eq(outbox.clinicId, clinicId), eq(outbox.id, id)));
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
}

export async function clearOutbox(database: Database): Promise<void> {
  await database.db.execute(sql`DELETE FROM outbox`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}
