/** CPU time spent by the server process, by PostgreSQL's processes and by this process, between two snapshots. */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function processCpuMs(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
  } catch {
    return 0;
  }
}

function postgresCpuMs(): number {
  let total = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += processCpuMs(entry);
      } catch {
        /* gone */
      }
    }
  } catch {
    /* no /proc */
  }
  return total;
}

/**
 * CPU milliseconds all processes together have used (user, nice, system and steal of /proc/stat's first line).
 * Interrupt time is left out: the kernel's loopback networking for our own traffic is accounted there, to no process.
 */
function machineBusyMs(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [user, nice, system, , , , , steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (steal ?? 0)) * TICK_MS;
  } catch {
    return NaN;
  }
}

export interface CpuSnapshot {
  server: number;
  postgres: number;
  bench: number;
  machine: number;
  at: number;
}

export function cpuSnapshot(serverPid: number | undefined): CpuSnapshot {
  const own = process.cpuUsage();
  return {
    server: serverPid ? processCpuMs(serverPid) : 0, postgres: postgresCpuMs(), bench: (own.user + own.system) / 1000, machine: machineBusyMs(),
    at: performance.now(),
  };
}

/** Cores that processes other than the server, PostgreSQL and this one kept busy between two snapshots. */
export function otherLoad(before: CpuSnapshot, after: CpuSnapshot): number {
  const ours = after.server - before.server + (after.postgres - before.postgres) + (after.bench - before.bench);
  return Math.max(0, (after.machine - before.machine - ours) / (after.at - before.at));
}

export interface CpuUse {
  /** CPU milliseconds per request. */
  serverMsPerRequest: number;
  postgresMsPerRequest: number;
  loadGeneratorMsPerRequest: number;
  /** Cores busy on average over the run (all three together). */
  coresBusy: number;
  /** Cores other processes on the machine kept busy meanwhile (a busy machine spoils the figures). */
  otherCores: number;
}

export function cpuUse(before: CpuSnapshot, after: CpuSnapshot, requests: number): CpuUse {
  const n = Math.max(1, requests);
  const wall = after.at - before.at;
  const server = after.server - before.server;
  const postgres = after.postgres - before.postgres;
  const bench = after.bench - before.bench;
  return {
    serverMsPerRequest: server / n,
    postgresMsPerRequest: postgres / n,
    loadGeneratorMsPerRequest: bench / n,
    coresBusy: (server + postgres + bench) / wall,
    otherCores: otherLoad(before, after),
  };
}
