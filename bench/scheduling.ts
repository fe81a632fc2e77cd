/**
 * `npm run bench:scheduling`: the scheduling targets of issue #4 §7 on PostgreSQL — planning and booking one full
 * course, rescheduling a dose with its dependents, and planning 500 new courses in a batch — in a clinic with 20
 * rooms, 40 staff, 2,000 patients and six months of bookings. Prints the figures and writes them into
 * docs/performance.md between the `bench-scheduling:` markers.
 *
 * Steps: create a fresh database next to BENCH_DATABASE_URL → migrate → generate and load the clinic
 * (`bench/scheduling/`) → build the app in-process with a fixed clock → sign in a nurse → the batch of plans (first,
 * so it sees the clinic as loaded; plans hold no time) → plan + book → reschedule those courses → trace a few
 * requests → drop the database (also on Ctrl-C).
 *
 * Options: --quick (a small clinic and few iterations, to check the harness; its figures are not the real ones),
 * --no-write (leave docs/performance.md alone). Environment: BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), BENCH_SCHED_ITERATIONS (plan + book rounds, 100),
 * BENCH_SCHED_BATCH (500), BENCH_SCHED_CONCURRENCY (batch requests in flight, 4).
 * Results are also kept in .tmp/bench/scheduling.json (scheduling-quick.json for --quick).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openPostgres, type Database } from '../src/db/database';
import { describeMachine } from './lib/machine';
import { nowMs } from './lib/stats';
import { startApp, type BenchApp } from './scheduling/app';
import { measurePhase } from './scheduling/cpu';
import { guardDatabase } from './scheduling/guard';
import { NOW } from './scheduling/clinic';
import { BENCH_PASSWORD, loadClinic } from './scheduling/load';
import { consoleSummary, markdown, targetsOf, writeSection, type Results } from './scheduling/report';
import { planAndBook, planBatch, reschedule } from './scheduling/scenarios';
import { explainQuery, traceRequests } from './scheduling/trace';
import { ADMIN_URL, REPO_ROOT, adminQuery, cleanups, interrupted, log } from './lib/harness';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const write = !args.has('--no-write') && !quick;
const envInt = (name: string, fallback: number) => (/^\d+$/.test(process.env[name] ?? '') ? Number(process.env[name]) : fallback);
const settings = {
  patients: quick ? 400 : 2000,
  coursesPerWeek: quick ? 8 : 12,
  warmup: quick ? 3 : 10,
  iterations: envInt('BENCH_SCHED_ITERATIONS', quick ? 12 : 100),
  batch: envInt('BENCH_SCHED_BATCH', quick ? 60 : 500),
  concurrency: Math.max(1, envInt('BENCH_SCHED_CONCURRENCY', 4)),
  traced: quick ? 2 : 5,
};

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const dbName = `tilth_bench_sched_${randomBytes(5).toString('hex')}`;
  try {
    await adminQuery(`CREATE DATABASE ${dbName}`);
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${ADMIN_URL} or refused CREATE DATABASE (${(err as Error).message}). Start it or set BENCH_DATABASE_URL.`);
  }
  // Dropped by the process itself at the end (or on Ctrl-C), and by a watcher if the process is killed outright.
  guardDatabase(ADMIN_URL, dbName, REPO_ROOT);
  const dropDatabase = async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    log(`  dropped database ${dbName}`);
  };
  cleanups.push(dropDatabase);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  // The pool the server would open by default (DB_POOL_SIZE 10, STATEMENT_TIMEOUT_MS 10 s).
  const database: Database = openPostgres(url.toString(), { maxConnections: 10, statementTimeoutMs: 10_000 });
  cleanups.push(() => database.close());
  let app: BenchApp | undefined;
  try {
    log(`Scheduling benchmark${quick ? ' (quick)' : ''}: database ${dbName}`);
    const tm = nowMs();
    await migrateDatabase(database);
    const migrateSeconds = (nowMs() - tm) / 1000;
    log(`  migrated in ${migrateSeconds.toFixed(1)} s; loading the clinic…`);
    const clinic = await loadClinic(database, { patients: settings.patients, coursesPerWeek: settings.coursesPerWeek, batchSize: settings.batch });
    log(`  loaded: ${Object.entries(clinic.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    log(`  generate ${clinic.seconds.generate.toFixed(1)} s, insert ${clinic.seconds.insert.toFixed(1)} s, analyze ${clinic.seconds.analyze.toFixed(1)} s; pools: plan+book ${clinic.pairPool.length}, batch ${clinic.batchPool.length}`);
    if (interrupted()) return;

    app = await startApp(database, () => NOW);
    const started = app;
    cleanups.push(() => started.close());
    const nurse = await app.signIn(clinic.nurseEmail, BENCH_PASSWORD);
    // About a third of courses on the IM protocol (a nurse at every dose), like the existing bookings.
    const protocolOf = (i: number) => (i % 3 === 2 ? clinic.protocolIds.im : clinic.protocolIds.sublingual);

    const pool = database.pool!;
    log(`  batch: ${settings.batch} new courses (plans only), ${settings.concurrency} in flight, on the clinic as loaded…`);
    const { value: batch, cpu: batchCpu } = await measurePhase(pool, async () => {
      const value = await planBatch(started, nurse, clinic.batchPool.slice(0, settings.batch), protocolOf, settings.concurrency);
      return { value, operations: value.courses };
    });
    log(`    ${batch.seconds.toFixed(1)} s, ${batch.complete} complete plans`);
    if (interrupted()) return;
    log(`  plan + book: ${settings.warmup} warm-up + ${settings.iterations} courses, one at a time…`);
    const { value: pair, cpu: pairCpu } = await measurePhase(pool, async () => {
      const value = await planAndBook(started, nurse, clinic.pairPool, protocolOf, settings.warmup, settings.iterations);
      return { value, operations: value.requests };
    });
    log(`    p50 ${pair.pair.p50.toFixed(1)} ms, p95 ${pair.pair.p95.toFixed(1)} ms; ${pair.booked} booked`);
    if (interrupted()) return;
    log(`  reschedule: a dose of each of those courses, proposal then confirmed…`);
    const { value: resched, cpu: reschedCpu } = await measurePhase(pool, async () => {
      const value = await reschedule(started, nurse, pair.courses, NOW, settings.warmup, settings.iterations);
      return { value, operations: value.requests };
    });
    log(`    confirmed p50 ${resched.confirm.p50.toFixed(1)} ms, p95 ${resched.confirm.p95.toFixed(1)} ms; ${resched.confirmed} confirmed`);
    if (interrupted()) return;
    log('  tracing a few more requests…');
    const trace = await traceRequests(app, nurse, database, clinic.clinicId, clinic.pairPool.slice(pair.attempted), clinic.protocolIds.sublingual, NOW, settings.traced);

    const explain = await explainQuery(database, trace.bookingsQuery);
    const machine = describeMachine();
    const pgInfo = await database.pool!.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ('server_version', 'shared_buffers', 'synchronous_commit', 'autovacuum', 'max_connections') ORDER BY name`,
    );
    const pgSettings = Object.fromEntries(pgInfo.rows.map((r) => [r.name, r.setting]));
    const { server_version: version, ...rest } = pgSettings;
    const results: Results = {
      at: new Date().toISOString(),
      quick,
      settings: { patients: settings.patients, coursesPerWeek: settings.coursesPerWeek, warmup: settings.warmup, iterations: settings.iterations, batch: settings.batch, concurrency: settings.concurrency },
      machine: { cpu: machine.cpu, cores: machine.cores, memoryGiB: machine.memoryGiB, os: machine.os, node: machine.node },
      postgres: { version: version ?? 'unknown', settings: rest },
      load: { before: loadBefore, after: loadavg() },
      dataset: { counts: clinic.counts, unplacedCourses: clinic.unplacedCourses, seconds: { migrate: migrateSeconds, ...clinic.seconds } },
      pair: { ...pair, courses: [] },
      reschedule: resched,
      batch,
      trace,
      phaseCpu: { pair: pairCpu, reschedule: reschedCpu, batch: batchCpu },
      explain,
      targets: targetsOf(pair, resched, batch),
    };
    log(consoleSummary(results));
    const dir = join(REPO_ROOT, '.tmp/bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, quick ? 'scheduling-quick.json' : 'scheduling.json'), JSON.stringify(results, null, 2));
    if (write) {
      writeSection(join(REPO_ROOT, 'docs/performance.md'), markdown(results));
      log('  wrote docs/performance.md (section bench-scheduling)');
    } else {
      log(`  docs/performance.md left alone (${quick ? '--quick' : '--no-write'})`);
    }
  } finally {
    if (!interrupted()) {
      cleanups.length = 0;
      await app?.close().catch(() => undefined);
      await database.close().catch(() => undefined);
      await dropDatabase().catch((err) => log(`  could not drop ${dbName}: ${(err as Error).message}`));
    }
  }
}

main().then(
  () => {
    if (!interrupted()) process.exit(0);
  },
  (err) => {
    process.stderr.write(`bench:scheduling failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
