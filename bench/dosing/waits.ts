/**
 * What PostgreSQL's backends on the bench database are doing while the load runs: pg_stat_activity sampled every
 * 50 ms from a connection of its own, counted by wait event (a row lock held by another transaction, the WAL flush at
 * commit, on CPU…). Also the bare round trip of `SELECT 1`, to say how busy the machine is.
 */
import pg from 'pg';
import { nowMs, sleep } from '../lib/stats';
import { statsOf, type Stats } from './stats';

export interface WaitSampler {
  /** Share of sampled non-idle backends in each state, in percent, and the mean number active. */
  stop(): Promise<{ shares: Record<string, number>; meanActive: number; samples: number }>;
}

export async function sampleWaits(url: string, intervalMs = 50): Promise<WaitSampler> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts: Record<string, number> = {};
  let active = 0;
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ what: string; n: number }>(
        `SELECT CASE WHEN state = 'idle in transaction' THEN 'idle in transaction (between statements)'
                     WHEN wait_event IS NULL THEN 'running (CPU)'
                     ELSE wait_event_type || ': ' || wait_event END AS what, count(*)::int AS n
           FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
          GROUP BY 1`,
      );
      samples++;
      for (const r of rows) {
        counts[r.what] = (counts[r.what] ?? 0) + r.n;
        active += r.n;
      }
      await sleep(intervalMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop.catch(() => undefined);
      await client.end();
      const total = Object.values(counts).reduce((a, b) => a + b, 0) || 1;
      const shares = Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, (100 * v) / total]));
      return { shares, meanActive: samples ? active / samples : 0, samples };
    },
  };
}

/** Round trips of `SELECT 1` on one connection (ms). */
export async function pingPostgres(url: string, rounds = 200): Promise<Stats> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const values: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = nowMs();
      await client.query('SELECT 1');
      values.push(nowMs() - t0);
    }
    return statsOf(values);
  } finally {
    await client.end();
  }
}
