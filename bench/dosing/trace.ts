/**
 * Where a vitals request's time goes, with nothing else running: a tap on the app's driver (bench/lib/sql.ts) records
 * each statement of a few sequential `POST …/session/vitals` (how many, which, how long PostgreSQL took), and the
 * board snapshot that every change triggers is built directly the same way. Sequential requests are also what the
 * real rate looks like: 20 sessions × one reading a minute almost never overlap.
 */
import { boardSnapshot } from '../../src/server/features/board/snapshot';
import { describeQuery, tapDatabase, type TappedQuery } from '../lib/sql';
import { nowMs } from '../lib/stats';
import { call, type Session } from './http';
import { statsOf, type Stats } from './stats';
import { vitalsFor, type Instance } from './setup';

export interface RequestTrace {
  label: string;
  n: number;
  wall: Stats;
  statements: number;
  inTransaction: number;
  /** Sum of the statements' round trips (they run one after another). */
  dbMs: number;
  /** The statements of one request in order, consecutive repeats folded ("SELECT vital_readings"). */
  sequence: { name: string; count: number; inTransaction: boolean; ms: number }[];
  /** Rows of vital_readings read per request (the session's whole series, loaded twice). */
  vitalsRowsRead: number;
  /** CPU time of this process per request (median): the app's work plus, for HTTP requests, the client's small share. */
  cpuMs: number;
}

export interface Trace {
  vitals: RequestTrace;
  snapshot: RequestTrace;
  readingsPerSession: number;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};

function fold(queries: TappedQuery[]) {
  const out: RequestTrace['sequence'] = [];
  for (const q of queries) {
    const name = describeQuery(q.text);
    const last = out.at(-1);
    const inTransaction = q.txn !== undefined;
    if (last && last.name === name && last.inTransaction === inTransaction) {
      last.count++;
      last.ms += q.ms;
    } else out.push({ name, count: 1, inTransaction, ms: q.ms });
  }
  return out;
}

interface Sample { wall: number; cpu: number; queries: TappedQuery[] }

const cpuMsSince = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

function summarise(label: string, samples: Sample[], vitalsRowsRead: number): RequestTrace {
  const typical = samples[Math.floor(samples.length / 2)]!;
  return {
    label, n: samples.length, wall: statsOf(samples.map((s) => s.wall)),
    statements: median(samples.map((s) => s.queries.length)),
    inTransaction: median(samples.map((s) => s.queries.filter((q) => q.txn !== undefined).length)),
    dbMs: median(samples.map((s) => s.queries.reduce((a, q) => a + q.ms, 0))),
    sequence: fold(typical.queries), vitalsRowsRead, cpuMs: median(samples.map((x) => x.cpu)),
  };
}

export async function traceVitals(a: Instance, nurse: Session, clinicId: string, appointmentIds: string[], next: number[], rounds: number): Promise<Trace> {
  const tap = tapDatabase(a.database);
  const vitals: Sample[] = [];
  const snapshots: Sample[] = [];
  try {
    // Warm the connections and statement caches first.
    for (let r = 0; r < 3; r++) {
      const i = r % appointmentIds.length;
      await call(a.base, nurse, 'POST', `/api/appointments/${appointmentIds[i]!}/session/vitals`, vitalsFor(next[i]!++));
    }
    for (let r = 0; r < rounds; r++) {
      const i = r % appointmentIds.length;
      tap.start();
      const cpu0 = process.cpuUsage();
      const t0 = nowMs();
      const res = await call(a.base, nurse, 'POST', `/api/appointments/${appointmentIds[i]!}/session/vitals`, vitalsFor(next[i]!++));
      const wall = nowMs() - t0;
      const cpu = cpuMsSince(cpu0);
      const queries = tap.stop();
      if (res.status !== 201) throw new Error(`traced vitals POST: ${res.status} ${JSON.stringify(res.body)}`);
      vitals.push({ wall, cpu, queries });
      // Let the board's post-commit work (the feed's signature) finish outside the recorded window.
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    for (let r = 0; r < Math.max(5, Math.floor(rounds / 2)); r++) {
      tap.start();
      const cpu0 = process.cpuUsage();
      const t0 = nowMs();
      // Built and serialised, as the event stream does before writing it to every screen.
      JSON.stringify(await boardSnapshot(a.database.db, clinicId, Date.now()));
      const wall = nowMs() - t0;
      snapshots.push({ wall, cpu: cpuMsSince(cpu0), queries: tap.stop() });
    }
  } finally {
    tap.restore();
  }
  const perSession = Math.round(next.reduce((x, y) => x + y, 0) / next.length);
  return {
    vitals: summarise('POST /api/appointments/:id/session/vitals', vitals, 2 * perSession),
    snapshot: summarise('Board snapshot (built on every change, sent to every screen)', snapshots, perSession * appointmentIds.length),
    readingsPerSession: perSession,
  };
}
