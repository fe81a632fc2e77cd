/**
 * One way to send SQL to either engine (the bare-driver ceiling and the data loader use it), and a tap on the
 * app's own driver that records every statement it sends (to count round trips and replay them).
 */
import type { Database } from '../../src/db/database';
import { nowMs } from './stats';

export interface SqlClient {
  /** `name` makes it a named prepared statement on PostgreSQL (parsed and planned once per connection). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<{ rows: T[] }>;
  /** Runs `fn` on one connection (PostgreSQL: a checked-out client; PGlite: inside `transaction()`). */
  onOneConnection<T>(fn: (client: SqlClient) => Promise<T>): Promise<T>;
}

export function sqlClientOf(database: Database): SqlClient {
  if (database.pool) {
    const pool = database.pool;
    return {
      query: async (text, params, name) => (name ? pool.query({ name, text, values: params as unknown[] }) : pool.query(text, params as unknown[])) as never,
      async onOneConnection(fn) {
        const client = await pool.connect();
        try {
          return await fn({
            query: async (text, params, name) => (name ? client.query({ name, text, values: params as unknown[] }) : client.query(text, params as unknown[])) as never,
            onOneConnection: (f) => f(this),
          });
        } finally {
          client.release();
        }
      },
    };
  }
  const pglite = database.pglite!;
  const client: SqlClient = {
    query: async (text, params) => pglite.query(text, params as unknown[]) as never,
    onOneConnection: (fn) =>
      pglite.transaction((tx) => fn({ query: async (text, params) => tx.query(text, params as unknown[]) as never, onOneConnection: (f) => f(client) })),
  };
  return client;
}

export interface TappedQuery {
  text: string;
  /** The prepared statement's name, when the app sent it as a named prepared statement. */
  name?: string;
  params: unknown[];
  /** How many of this request's statements had completed when this one was sent: equal values ran in parallel. */
  wave: number;
  /** Set when the statement ran on a connection of its own (a transaction): statements with one value share it. */
  txn?: number;
  ms: number;
}

export interface Tap {
  start(): void;
  stop(): TappedQuery[];
  restore(): void;
}

type QueryFn = (...args: unknown[]) => Promise<unknown>;

/**
 * Wraps the driver object the app's Drizzle instance calls: `pool.query` and the clients `pool.connect()` hands out
 * (transactions), or `pglite.query` and the handle `pglite.transaction()` passes in.
 */
export function tapDatabase(database: Database): Tap {
  let recording: TappedQuery[] | null = null;
  let completed = 0;
  let txnCounter = 0;
  const record = (original: QueryFn, self: unknown, args: unknown[], txn: number | undefined) => {
    const list = recording;
    if (!list) return original.apply(self, args);
    const first = args[0] as string | { text: string; name?: string };
    const entry: TappedQuery = {
      text: typeof first === 'string' ? first : first.text,
      ...(typeof first !== 'string' && first.name ? { name: first.name } : {}),
      params: [...((args[1] as unknown[] | undefined) ?? [])],
      wave: completed,
      ms: 0,
      ...(txn === undefined ? {} : { txn }),
    };
    list.push(entry);
    const started = nowMs();
    const settle = () => {
      entry.ms = nowMs() - started;
      completed++;
    };
    const result = original.apply(self, args);
    result.then(settle, settle);
    return result;
  };
  const restores: (() => void)[] = [];

  if (database.pool) {
    const pool = database.pool as unknown as { query: QueryFn; connect: (...args: unknown[]) => Promise<{ query: QueryFn }> };
    const query = pool.query;
    const connect = pool.connect;
    pool.query = function (this: unknown, ...args: unknown[]) {
      return record(query, pool, args, undefined);
    };
    pool.connect = function (this: unknown, ...args: unknown[]) {
      // pool.query checks a client out with a callback: those statements are recorded at pool.query already.
      if (typeof args[0] === 'function') return connect.apply(pool, args);
      return connect.apply(pool, args).then(tapClient);
    } as typeof connect;
    const tapClient = (client: { query: QueryFn }) => {
      const txn = ++txnCounter;
      const original = client.query;
      client.query = function (this: unknown, ...qargs: unknown[]) {
        return record(original, client, qargs, txn);
      };
      const released = client as unknown as { release: (...a: unknown[]) => void };
      const release = released.release;
      released.release = function (...rargs: unknown[]) {
        client.query = original;
        released.release = release;
        return release.apply(client, rargs);
      };
      return client;
    };
    restores.push(() => {
      pool.query = query;
      pool.connect = connect;
    });
  } else {
    const pglite = database.pglite as unknown as { query: QueryFn; transaction: (fn: (tx: { query: QueryFn }) => Promise<unknown>) => Promise<unknown> };
    const query = pglite.query;
    const transaction = pglite.transaction;
    pglite.query = function (this: unknown, ...args: unknown[]) {
      return record(query, pglite, args, undefined);
    };
    pglite.transaction = function (this: unknown, fn) {
      const txn = ++txnCounter;
      return transaction.call(pglite, (tx) => {
        const original = tx.query;
        tx.query = function (this: unknown, ...qargs: unknown[]) {
          return record(original, tx, qargs, txn);
        };
        return fn(tx);
      });
    };
    restores.push(() => {
      pglite.query = query;
      pglite.transaction = transaction;
    });
  }
  return {
    start() {
      recording = [];
      completed = 0;
    },
    stop() {
      const list = recording ?? [];
      recording = null;
      return list;
    },
    restore() {
      for (const r of restores) r();
    },
  };
}

/** One recorded request as a line: waves in order (→), statements sent together (‖), a transaction's statements in [ ]. */
export function shapeOf(queries: TappedQuery[]): string {
  const steps: string[] = [];
  let txn: { id: number; names: string[] } | undefined;
  let wave = -1;
  const flushTxn = () => {
    if (txn) steps.push(`[${txn.names.join(' → ')}]`);
    txn = undefined;
  };
  for (const q of queries) {
    const name = describeQuery(q.text);
    if (q.txn !== undefined) {
      if (txn?.id !== q.txn) {
        flushTxn();
        txn = { id: q.txn, names: [] };
      }
      txn.names.push(name);
      continue;
    }
    flushTxn();
    if (q.wave === wave && steps.length) steps[steps.length - 1] += ` ‖ ${name}`;
    else steps.push(name);
    wave = q.wave;
  }
  flushTxn();
  return steps.join(' → ');
}

/**
 * What a statement is for: the figures attribute time to these. 'session' is the session lookup, which also counts the
 * request against its session's rate limit (one statement since the server combined them); 'rate-limit' is a counter
 * written on its own (by IP address, before there is a session: the sign-in).
 */
export type QueryRole = 'session' | 'rate-limit' | 'audit' | 'data';

export function roleOf(text: string): QueryRole {
  const t = text.toLowerCase();
  // A statement that reads or writes data and appends its audit event in the same statement is data (see embedsAudit).
  if (/^\s*select\s+audit_append\b|insert into "?audit_events"?/.test(t)) return 'audit';
  // Signed-in requests count their rate limit in the statement that loads the session: that one is the session's.
  if (/\brate_limits\b/.test(t) && /\bjoin sessions\b|\bfrom "?sessions"?/.test(t)) return 'session';
  if (/\brate_limits\b/.test(t)) return 'rate-limit';
  if (/^\s*(select|update|delete)\b[\s\S]*\bfrom "?sessions"?|^\s*update "?sessions"?/.test(t)) return 'session';
  return 'data';
}

const AUDIT_CALL = /audit_append\((\$\d+)::uuid, (\$\d+)::jsonb\)/gi;

/** A data statement that also appends its request's audit event (the app folds the append into its hot reads and writes). */
export function embedsAudit(text: string): boolean {
  return roleOf(text) === 'data' && /\baudit_append\b/i.test(text);
}

/**
 * The same statement without its audit append, for the bare replay's variants that leave audit out: the call becomes a
 * constant that still names (and types) its two parameters, so the parameter list stays as recorded.
 */
export function withoutAudit(text: string): string {
  return text.replace(AUDIT_CALL, (_, clinic: string, events: string) => `((${clinic}::uuid IS NULL) AND (${events}::jsonb IS NULL))`);
}

/** A short human name for a statement: verb and tables. */
export function describeQuery(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (/^select audit_append/i.test(t)) return 'audit_append()';
  if (embedsAudit(t)) return `${describeQuery(t.replace(AUDIT_CALL, ''))} + audit_append()`;
  if (/^with rl as \(\s*insert into rate_limits/i.test(t)) return 'INSERT rate_limits + SELECT sessions + users + clinics + staff_members';
  const verb = (t.match(/^(\w+)/)?.[1] ?? '?').toUpperCase();
  const tables = new Set<string>();
  for (const m of t.matchAll(/\b(?:from|join|into|update)\s+"?([a-z_]+)"?/gi)) {
    if (!/^(set|select|lateral|only)$/i.test(m[1]!)) tables.add(m[1]!);
  }
  return `${verb} ${[...tables].join(' + ')}`.trim();
}

/** Inserts rows given as JSON objects keyed by column name (missing columns are NULL), in batches. */
export async function insertRows(sql: SqlClient, table: string, rows: Record<string, unknown>[], batch = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    await sql.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [
      JSON.stringify(rows.slice(i, i + batch)),
    ]);
  }
}
