/**
 * One measured phase: a nurse per session posting vital signs at a fixed rate (each starting at its own offset within
 * the first interval, as nurses do), board screens subscribed to the event stream, and for every reading the time
 * until each screen shows it. A reading's sequence number is encoded in its values (setup.ts `vitalsFor`), so a
 * snapshot's `latestVitals` says which reading a row shows; a screen that shows reading k has shown every earlier one.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type pg from 'pg';
import { nowMs, rng, sleep } from '../lib/stats';
import { call, subscribeBoard, type BoardSnapshotJson, type BoardStream, type Session } from './http';
import { sequenceOf, vitalsFor, type Instance } from './setup';
import { statsOf, type Stats } from './stats';
import { pingPostgres, sampleWaits } from './waits';

export type { Stats } from './stats';

export interface PhaseResult {
  label: string;
  instances: 1 | 2;
  seconds: number;
  warmupSeconds: number;
  intervalMs: number;
  sessions: number;
  subscribers: number;
  /** Measured readings (after the warm-up) and their outcome. */
  posted: number;
  /** Measured readings answered per second over the measured window (the offered rate is sessions / interval). */
  achievedPerSecond: number;
  failures: Record<string, number>;
  /** Client-side: from sending the POST to the end of its response (real HTTP on loopback). */
  record: Stats;
  /** Server-side: Fastify's reply.elapsedTime for the same requests. */
  recordServer: Stats;
  /** From sending the POST to the board message showing the reading, over every (reading, screen) pair. */
  delivery: Stats;
  /** From the POST's response to that message (negative when the message came first: counted as 0). */
  deliveryAfterResponse: Stats;
  /** (reading, screen) pairs never shown by the end of the drain. */
  undelivered: number;
  boardMessages: number;
  eventLoopDelayP99: number;
  poolWaitingMax: number;
  readingsPerSessionAtEnd: number;
  /** `SELECT 1` round trips just before the phase: how busy the machine was. */
  ping: Stats;
  /** Share of sampled active PostgreSQL backends by wait event during the measured window (percent). */
  waits: Record<string, number>;
  meanActiveBackends: number;
  /** CPU time of this Node process (app, screens and load generator) over the measured window, percent of one core. */
  nodeCpuPercent: number;
}

export interface PhaseOptions {
  label: string;
  writer: Instance;
  reader: Instance;
  appointmentIds: string[];
  nurses: Session[];
  screen: Session;
  subscribers: number;
  seconds: number;
  warmupSeconds: number;
  intervalMs: number;
  /** Per session, the next sequence number (continues across phases). */
  next: number[];
  drainMs: number;
  stop: () => boolean;
  /** The bench database, for the wait-event sampler and the ping. */
  databaseUrl: string;
}

interface Sent {
  sentAt: number;
  respondedAt: number | null;
  measured: boolean;
}

export async function runPhase(o: PhaseOptions): Promise<PhaseResult> {
  const index = new Map(o.appointmentIds.map((id, i) => [id, i]));
  const sent: Map<number, Sent>[] = o.appointmentIds.map(() => new Map());
  const delivery: number[] = [];
  const afterResponse: number[] = [];
  const shown: number[][] = [];
  const onSnapshot = (screen: number) => (at: number, snapshot: BoardSnapshotJson) => {
    for (const row of snapshot.sessions) {
      const i = index.get(row.appointmentId);
      if (i === undefined || !row.latestVitals) continue;
      const k = sequenceOf(row.latestVitals);
      for (let j = shown[screen]![i]! + 1; j <= k; j++) {
        const s = sent[i]!.get(j);
        if (!s?.measured) continue;
        delivery.push(at - s.sentAt);
        afterResponse.push(Math.max(0, at - (s.respondedAt ?? at)));
      }
      if (k > shown[screen]![i]!) shown[screen]![i] = k;
    }
  };
  const ping = await pingPostgres(o.databaseUrl);
  const streams: BoardStream[] = [];
  for (let n = 0; n < o.subscribers; n++) {
    shown.push(o.next.map((k) => k - 1));
    streams.push(await subscribeBoard(o.reader.base, o.screen, onSnapshot(n)));
  }
  await Promise.all(streams.map((s) => s.ready));

  const record: number[] = [];
  const server: number[] = [];
  const failures: Record<string, number> = {};
  let posted = 0;
  let lastResponse = 0;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const pool = o.writer.database.pool as pg.Pool | undefined;
  let poolWaitingMax = 0;
  const poolWatch = setInterval(() => {
    poolWaitingMax = Math.max(poolWaitingMax, pool?.waitingCount ?? 0);
  }, 20);
  const random = rng(o.label.length * 7919 + o.appointmentIds.length);
  const t0 = nowMs() + 50;
  const measureFrom = t0 + o.warmupSeconds * 1000;
  const end = t0 + o.seconds * 1000;
  // Server-side times: every vitals POST the writer answers during the measured window (after the warm-up).
  o.writer.vitalsSink = null;
  let sampler: ReturnType<typeof sampleWaits> | undefined;
  let cpuFrom: { usage: NodeJS.CpuUsage; at: number } | undefined;
  const startSink = () => {
    o.writer.vitalsSink = server;
    loop.enable();
    cpuFrom = { usage: process.cpuUsage(), at: nowMs() };
    sampler = sampleWaits(o.databaseUrl);
  };

  const nurse = async (i: number) => {
    const start = t0 + random() * o.intervalMs;
    for (let n = 0; ; n++) {
      const due = start + n * o.intervalMs;
      if (due >= end || o.stop()) return;
      const wait = due - nowMs();
      if (wait > 0) await sleep(wait);
      const k = o.next[i]!++;
      const s: Sent = { sentAt: nowMs(), respondedAt: null, measured: false };
      s.measured = s.sentAt >= measureFrom;
      sent[i]!.set(k, s);
      try {
        const r = await call(o.writer.base, o.nurses[i]!, 'POST', `/api/appointments/${o.appointmentIds[i]!}/session/vitals`, vitalsFor(k));
        s.respondedAt = nowMs();
        if (r.status !== 201) {
          sent[i]!.delete(k);
          if (s.measured) failures[`HTTP ${r.status}: ${JSON.stringify(r.body).slice(0, 120)}`] = (failures[`HTTP ${r.status}: ${JSON.stringify(r.body).slice(0, 120)}`] ?? 0) + 1;
          continue;
        }
        if (!s.measured) continue;
        posted++;
        lastResponse = Math.max(lastResponse, s.respondedAt);
        record.push(r.ms);
      } catch (err) {
        sent[i]!.delete(k);
        if (s.measured) failures[(err as Error).message] = (failures[(err as Error).message] ?? 0) + 1;
      }
    }
  };
  const sinkTimer = setTimeout(startSink, Math.max(0, measureFrom - nowMs()));
  await Promise.all(o.appointmentIds.map((_, i) => nurse(i)));
  clearTimeout(sinkTimer);
  loop.disable();
  clearInterval(poolWatch);
  o.writer.vitalsSink = null;
  const cpu = cpuFrom ? process.cpuUsage(cpuFrom.usage) : null;
  const nodeCpuPercent = cpu && cpuFrom ? (100 * (cpu.user + cpu.system) / 1000) / (nowMs() - cpuFrom.at) : NaN;
  const waited = sampler ? await (await sampler).stop() : { shares: {}, meanActive: NaN };
  const drainUntil = nowMs() + o.drainMs;
  const pending = () => o.appointmentIds.some((_, i) => shown.some((s) => s[i]! < o.next[i]! - 1));
  while (pending() && nowMs() < drainUntil) await sleep(20);
  let undelivered = 0;
  for (const s of shown) o.appointmentIds.forEach((_, i) => {
    for (const [k, x] of sent[i]!) if (x.measured && k > s[i]!) undelivered++;
  });
  const boardMessages = streams.reduce((n, s) => n + s.messages, 0);
  await Promise.all(streams.map((s) => s.close()));
  return {
    label: o.label, instances: o.writer === o.reader ? 1 : 2, seconds: o.seconds, warmupSeconds: o.warmupSeconds, intervalMs: o.intervalMs, sessions: o.appointmentIds.length,
    subscribers: o.subscribers, posted, achievedPerSecond: posted / Math.max(0.001, (Math.max(lastResponse, end) - measureFrom) / 1000), failures, record: statsOf(record), recordServer: statsOf(server), delivery: statsOf(delivery), deliveryAfterResponse: statsOf(afterResponse),
    undelivered, boardMessages, eventLoopDelayP99: loop.count ? loop.percentile(99) / 1e6 : NaN, poolWaitingMax, readingsPerSessionAtEnd: Math.round(o.next.reduce((a, b) => a + b, 0) / o.next.length),
    ping, waits: waited.shares, meanActiveBackends: waited.meanActive, nodeCpuPercent,
  };
}
