/**
 * Periodic work, safe to run on every app instance at once: each job claims its rows atomically or is idempotent.
 * (The outbox dispatcher runs beside these: src/server/outbox/dispatcher.ts.)
 */
import type { Temporal } from 'temporal-polyfill';
import type { Database } from '../db/database';
import { sealAuditTrail } from '../db/repos/audit-seal';
import { deleteSessionsIdleSince } from '../db/repos/sessions';
import { deleteExpiredRateLimits } from '../db/repos/throttle';
import type { Config } from './config';
import { remindMissingIntegrations } from './features/calendar/integration-reminders';
import { alertOverdueIntegrations } from './features/follow-through/overdue-job';
import { extendCalendarSchedules } from './features/questionnaires/schedules';
import { escalateSafetyAlerts } from './features/safety/escalation';

export interface JobDeps {
  database: Database;
  config: Config;
  clock: () => Temporal.Instant;
  log: { warn(obj: object, msg: string): void };
}

interface Job {
  name: string;
  everyMs: number;
  run(deps: JobDeps): Promise<unknown>;
}

export const JOBS: readonly Job[] = [
  {
    // Requests append audit events unchained; this links them into each clinic's hash chain (db/repos/audit-seal.ts).
    name: 'audit-sealer',
    everyMs: 1_000,
    run: (d) => sealAuditTrail(d.database),
  },
  {
    name: 'safety-escalation',
    everyMs: 60_000,
    run: (d) => escalateSafetyAlerts(d.database, d.clock, d.config.publicUrl),
  },
  {
    name: 'calendar-questionnaires',
    everyMs: 60 * 60_000,
    run: (d) => d.database.db.transaction((tx) => extendCalendarSchedules(tx, d.clock())),
  },
  {
    name: 'integration-missing-reminders',
    everyMs: 10 * 60_000,
    run: (d) => remindMissingIntegrations(d.database, d.clock(), d.config.publicUrl),
  },
  {
    name: 'integration-overdue-alerts',
    everyMs: 10 * 60_000,
    run: (d) => alertOverdueIntegrations(d.database, d.clock(), d.config.publicUrl),
  },
  {
    name: 'housekeeping',
    everyMs: 5 * 60_000,
    run: async (d) => {
      const now = d.clock();
      const longestIdle = Math.max(d.config.sessions.staffIdleMinutes, d.config.sessions.patientIdleMinutes);
      await deleteSessionsIdleSince(d.database.db, new Date(now.epochMilliseconds - longestIdle * 60_000));
      await deleteExpiredRateLimits(d.database.db, new Date(now.epochMilliseconds));
    },
  },
];

/** Runs each job once now and then on its interval; `stop` waits for runs in progress. */
export function startJobs(deps: JobDeps, jobs: readonly Job[] = JOBS): { stop(): Promise<void> } {
  const running = new Set<Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  for (const job of jobs) {
    const tick = () => {
      if (stopped) return;
      const run = job.run(deps).catch((err: unknown) => deps.log.warn({ err, job: job.name }, 'job failed'));
      running.add(run);
      void run.finally(() => running.delete(run));
    };
    timers.push(setTimeout(tick, 1_000));
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    timers.push(timer);
  }
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.all(running);
    },
  };
}
