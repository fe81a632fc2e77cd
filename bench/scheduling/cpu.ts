/**
 * CPU time, which a busy machine disturbs much less than wall time: this process's (the app runs in it), that of the
 * PostgreSQL backends serving the benchmark's database, and how many cores everything else on the machine kept busy
 * meanwhile. Linux only (/proc); elsewhere the PostgreSQL and machine figures come out as NaN.
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';

const TICK_MS = 10; // USER_HZ is 100 on Linux

export const ownCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return NaN;
  }
}

function machineBusyMs(): number {
  try {
    const [user, nice, system, , , , , steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (steal ?? 0)) * TICK_MS;
  } catch {
    return NaN;
  }
}

interface Snapshot {
  own: number;
  backends: Map<number, number>;
  machine: number;
  at: number;
}

export interface PhaseCpu {
  /** CPU milliseconds per operation: this process (the app, plus the harness's small share), and PostgreSQL. */
  nodeMsPerOp: number;
  postgresMsPerOp: number;
  /** Cores the rest of the machine kept busy on average during the phase. */
  otherCores: number;
  seconds: number;
}

async function snapshot(pool: pg.Pool): Promise<Snapshot> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  return { own: ownCpuMs(), backends: new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)])), machine: machineBusyMs(), at: performance.now() };
}

/** Runs `fn` and measures the CPU it took, per operation (`fn` returns how many it did). */
export async function measurePhase<T>(pool: pg.Pool, fn: () => Promise<{ value: T; operations: number }>): Promise<{ value: T; cpu: PhaseCpu }> {
  const before = await snapshot(pool);
  const { value, operations } = await fn();
  const after = await snapshot(pool);
  // Backends that appeared during the phase count from zero; those that ended in it are lost (the pool keeps its
  // connections while busy, so that is at most a handful of idle ones).
  const postgres = [...after.backends].reduce((sum, [pid, ms]) => sum + (ms - (before.backends.get(pid) ?? 0)), 0);
  const own = after.own - before.own;
  const seconds = (after.at - before.at) / 1000;
  const n = Math.max(1, operations);
  return {
    value,
    cpu: { nodeMsPerOp: own / n, postgresMsPerOp: postgres / n, otherCores: Math.max(0, (after.machine - before.machine - own - postgres) / (after.at - before.at)), seconds },
  };
}
