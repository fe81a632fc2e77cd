/**
 * `npm run bench:dosing`: the dosing-floor targets of issue #5 §9 on PostgreSQL — 20 concurrent sessions recording
 * vitals, the board update delivered to the screens under 1 s (p99) and recording vitals under 20 ms (p99). Prints the
 * figures and writes them into docs/performance.md between the `bench-dosing:` markers.
 *
 * Steps: create a fresh database next to BENCH_DATABASE_URL → migrate → seed the demo clinic → add the bench rooms,
 * therapists, patients, courses and today's dosing appointments (`bench/dosing/setup.ts`) → start the real app on a
 * port, and a second instance B on the same database → bring every session to monitoring through the API → four
 * phases, screens always on A's event stream: compressed load (every session every second, 60× the target) with the
 * nurses on A; the target load itself (one reading a minute per session) on A, then on B (the change crosses
 * instances through the board feed's poll); trace a few sequential requests; compressed load on B; a CPU profile of more compressed load → drop the database (also on Ctrl-C).
 *
 * Options: --quick (short phases, to check the harness; its figures are not the real ones), --no-write (leave
 * docs/performance.md alone). Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_DOSING_SESSIONS (20), BENCH_DOSING_INTERVAL_MS (each session's reading interval in the compressed phases,
 * 1000 = 60× the real one a minute), BENCH_DOSING_SECONDS (length of a compressed phase, 120),
 * BENCH_DOSING_TARGET_SECONDS (length of a phase at the real rate, 300: ≈ 100 readings, so that p99 is not simply the slowest one), BENCH_DOSING_SCREENS (board subscribers, 3).
 * Results are also kept in .tmp/bench/dosing.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { migrateDatabase, openPostgres, type Database } from '../src/db/database';
import { DEMO_PASSWORD, seedDemo } from '../src/server/demo/seed-demo';
import { findingsOf } from './dosing/findings';
import { profiled } from './dosing/profile';
import { call, signIn, type Session } from './dosing/http';
import { runPhase, type PhaseResult } from './dosing/load';
import { consoleSummary, markdown, targetsOf, writeSection, type Results } from './dosing/report';
import { createFloor, startInstance, toMonitoring, vitalsFor, type Instance } from './dosing/setup';
import { traceVitals } from './dosing/trace';
import { describeMachine } from './lib/machine';
import { nowMs } from './lib/stats';
import { ADMIN_URL, REPO_ROOT, adminQuery, cleanups, interrupted, log } from './lib/harness';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const write = !args.has('--no-write') && !quick;
const envInt = (name: string, fallback: number) => (/^\d+$/.test(process.env[name] ?? '') ? Number(process.env[name]) : fallback);
const settings = {
  sessions: Math.max(1, envInt('BENCH_DOSING_SESSIONS', 20)),
  /** The compressed load: each session's reading interval and each phase's length. */
  stressIntervalMs: Math.max(50, envInt('BENCH_DOSING_INTERVAL_MS', 1000)),
  stressSeconds: Math.max(2, envInt('BENCH_DOSING_SECONDS', quick ? 15 : 120)),
  warmupSeconds: quick ? 3 : 10,
  /** The target load itself: one reading a minute per session (quick: every 5 s, to exercise the harness). */
  targetIntervalMs: quick ? 5000 : 60_000,
  targetSeconds: Math.max(2, envInt('BENCH_DOSING_TARGET_SECONDS', quick ? 12 : 300)),
  subscribers: Math.max(1, envInt('BENCH_DOSING_SCREENS', 3)),
  traceRounds: quick ? 6 : 20,
  profileSeconds: quick ? 5 : 20,
};

/** Runs `fn` over the items with at most `limit` in flight. */
async function inParallel<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  }));
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const dbName = `tilth_bench_dosing_${randomBytes(5).toString('hex')}`;
  try {
    await adminQuery(`CREATE DATABASE ${dbName}`);
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${ADMIN_URL} or refused CREATE DATABASE (${(err as Error).message}). Start it or set BENCH_DATABASE_URL.`);
  }
  const dropDatabase = async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    log(`  dropped database ${dbName}`);
  };
  cleanups.push(dropDatabase);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  // The pool each server instance opens by default (DB_POOL_SIZE 10, STATEMENT_TIMEOUT_MS 10 s).
  const open = () => openPostgres(url.toString(), { maxConnections: 10, statementTimeoutMs: 10_000 });
  const databaseA: Database = open();
  cleanups.push(() => databaseA.close());
  const instances: Instance[] = [];
  let databaseB: Database | undefined;
  try {
    log(`Dosing floor benchmark${quick ? ' (quick)' : ''}: database ${dbName}`);
    const t0 = nowMs();
    await migrateDatabase(databaseA);
    const migrateSeconds = (nowMs() - t0) / 1000;
    const seeded = await seedDemo(databaseA, () => Temporal.Now.instant());
    const seedSeconds = (nowMs() - t0) / 1000 - migrateSeconds;
    const floor = await createFloor(databaseA, seeded.clinicId, settings.sessions);
    const a = await startInstance(databaseA);
    instances.push(a);
    cleanups.push(() => a.close());
    const nurse = await signIn(a.base, 'nurse@demo.tilth.test', DEMO_PASSWORD);
    const prescriber = await signIn(a.base, 'prescriber@demo.tilth.test', DEMO_PASSWORD);
    const screen = await signIn(a.base, 'nurse@demo.tilth.test', DEMO_PASSWORD);
    const nurses: Session[] = [];
    for (let i = 0; i < settings.sessions; i++) nurses.push(await signIn(a.base, 'nurse@demo.tilth.test', DEMO_PASSWORD));
    await inParallel(floor.appointmentIds, 4, async (_, i) => toMonitoring(a.base, floor, i, nurse, prescriber));
    const setupSeconds = (nowMs() - t0) / 1000;
    log(`  migrated ${migrateSeconds.toFixed(1)} s, demo seeded ${seedSeconds.toFixed(1)} s; ${settings.sessions} sessions in monitoring after ${setupSeconds.toFixed(1)} s (app on ${a.base})`);
    if (interrupted()) return;

    const next = floor.appointmentIds.map(() => 2);
    databaseB = open();
    const dbB = databaseB;
    cleanups.push(() => dbB.close());
    const b = await startInstance(databaseB);
    instances.push(b);
    cleanups.push(() => b.close());
    const phases: PhaseResult[] = [];
    const runOne = async (n: number, p: { label: string; writer: Instance; intervalMs: number; seconds: number; warmupSeconds: number }) => {
      log(`  phase ${n}: ${p.label} — ${settings.sessions} nurses every ${p.intervalMs / 1000} s for ${p.seconds} s on ${p.writer.base}, ${settings.subscribers} screens on ${a.base}…`);
      const r = await runPhase({
        ...p, reader: a, appointmentIds: floor.appointmentIds, nurses, screen, subscribers: settings.subscribers, next, drainMs: 3000, stop: () => interrupted(), databaseUrl: url.toString(),
      });
      phases.push(r);
      log(`    ${r.posted} readings: vitals p99 ${r.record.p99.toFixed(1)} ms (server ${r.recordServer.p99.toFixed(1)} ms), board delivery p99 ${r.delivery.p99.toFixed(0)} ms, ${r.undelivered} never shown`);
    };
    const stress = `×${Math.round(60_000 / settings.stressIntervalMs)} load`;
    const target = quick ? `×${Math.round(60_000 / settings.targetIntervalMs)} load` : 'Target load';
    // Order matters for the data: the first compressed phase leaves ≈ stressSeconds readings per session (two hours of
    // readings at one a minute), which is what the target-load phases and the trace then read.
    await runOne(1, { label: `${stress}, one instance`, writer: a, intervalMs: settings.stressIntervalMs, seconds: settings.stressSeconds, warmupSeconds: settings.warmupSeconds });
    if (interrupted()) return;
    await runOne(2, { label: `${target}, one instance`, writer: a, intervalMs: settings.targetIntervalMs, seconds: settings.targetSeconds, warmupSeconds: 0 });
    if (interrupted()) return;
    await runOne(3, { label: `${target}, two instances`, writer: b, intervalMs: settings.targetIntervalMs, seconds: settings.targetSeconds, warmupSeconds: 0 });
    if (interrupted()) return;
    log('  tracing sequential vitals requests and board snapshots…');
    const trace = await traceVitals(a, nurse, floor.clinicId, floor.appointmentIds, next, settings.traceRounds);
    if (interrupted()) return;
    await runOne(4, { label: `${stress}, two instances`, writer: b, intervalMs: settings.stressIntervalMs, seconds: settings.stressSeconds, warmupSeconds: settings.warmupSeconds });
    await b.close();
    if (interrupted()) return;
    log(`  CPU profile of ${settings.profileSeconds} s more of the compressed load on one instance (not counted in the figures above)…`);
    const prof = await profiled(() => runPhase({
      label: 'Profiled', writer: a, reader: a, intervalMs: settings.stressIntervalMs, seconds: settings.profileSeconds, warmupSeconds: 0, appointmentIds: floor.appointmentIds,
      nurses, screen, subscribers: settings.subscribers, next, drainMs: 3000, stop: () => interrupted(), databaseUrl: url.toString(),
    }));

    const machine = describeMachine();
    const pgInfo = await databaseA.pool!.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ('server_version', 'shared_buffers', 'synchronous_commit', 'fsync', 'max_connections') ORDER BY name`,
    );
    const { server_version: version, ...pgSettings } = Object.fromEntries(pgInfo.rows.map((r) => [r.name, r.setting]));
    const results: Results = {
      at: new Date().toISOString(),
      quick,
      machine: { cpu: machine.cpu, cores: machine.cores, memoryGiB: machine.memoryGiB, os: machine.os, node: machine.node },
      postgres: { version: version ?? 'unknown', settings: pgSettings },
      load: { before: loadBefore, after: loadavg() },
      settings: { sessions: settings.sessions, subscribers: settings.subscribers },
      setup: { seconds: setupSeconds, migrateSeconds, seedSeconds },
      phases,
      trace,
      profile: { cpu: prof.cpu, phase: prof.result },
      targets: targetsOf(phases),
      findings: [],
    };
    results.findings = findingsOf(results);
    log(consoleSummary(results));
    const dir = join(REPO_ROOT, '.tmp/bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'dosing.json'), JSON.stringify(results, null, 2));
    if (write) {
      writeSection(join(REPO_ROOT, 'docs/performance.md'), markdown(results));
      log('  wrote docs/performance.md (section bench-dosing)');
    } else {
      log(`  docs/performance.md left alone (${quick ? '--quick' : '--no-write'})`);
    }
  } finally {
    if (!interrupted()) {
      cleanups.length = 0;
      for (const instance of instances.reverse()) await instance.close().catch(() => undefined);
      await databaseB?.close().catch(() => undefined);
      await databaseA.close().catch(() => undefined);
      await dropDatabase().catch((err) => log(`  could not drop ${dbName}: ${(err as Error).message}`));
    }
  }
}

main().then(
  () => {
    if (!interrupted()) process.exit(0);
  },
  (err) => {
    process.stderr.write(`bench:dosing failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
