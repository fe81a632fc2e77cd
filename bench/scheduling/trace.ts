/**
 * Where a request's time goes: a few more plan → book → reschedule rounds after the measurements, each request with a
 * tap on the app's driver (`bench/lib/sql.ts`) counting its statements and the time spent waiting on them; the
 * planner's two halves called directly — loading the planning context (queries and building the interval sets) and
 * the pure search; and a CPU profile of the whole trace (`profile.ts`).
 */
import { Temporal } from 'temporal-polyfill';
import { planCourse } from '../../src/core/scheduling/planner';
import { ProtocolDefinition } from '../../src/core/scheduling/protocol';
import type { Database } from '../../src/db/database';
import { loadCareTeam } from '../../src/db/repos/patients';
import { findProtocol } from '../../src/db/repos/scheduling';
import { HORIZON_DAYS } from '../../src/server/features/courses/plan';
import { loadPlanningContext } from '../../src/server/features/courses/planning-context';
import { tapDatabase, type TappedQuery } from '../lib/sql';
import { nowMs } from '../lib/stats';
import type { BenchApp, Session } from './app';
import { profiled } from './profile';
import { ZONE } from './clinic';

export interface Breakdown {
  label: string;
  wall: number;
  statements: number;
  transactionStatements: number;
  db: number;
}

interface Sample { wall: number; queries: TappedQuery[] }

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};

export interface Trace {
  breakdown: Breakdown[];
  /** Where the sampled CPU time of the traced requests went (V8 profile of this process). */
  profile: { category: string; percent: number }[];
  profiledMs: number;
  /** The planning context's query for every booking in the range (the statement that returns the most rows). */
  bookingsQuery: { text: string; params: unknown[] } | null;
}

const LABELS = {
  context: '— loading the planning context (called directly)',
  search: '— the planner\'s search, `planCourse` (called directly)',
  plan: 'Plan: `POST /api/patients/:id/courses` (complete plan)',
  noPlan: 'Plan without a complete plan (alternatives searched)',
  book: 'Book: `POST /api/courses/:id/book`',
  proposal: 'Reschedule: proposal',
  confirm: 'Reschedule: confirmed',
};

/** Traces plan → book → reschedule for patients from the list until `rounds` courses were booked (or the list ends). */
export async function traceRequests(
  b: BenchApp, session: Session, database: Database, clinicId: string, patients: readonly string[], protocolId: string, now: Temporal.Instant, rounds: number,
): Promise<Trace> {
  const tap = tapDatabase(database);
  const samples = new Map<string, Sample[]>();
  const record = async <T>(label: string, fn: () => Promise<T>, keep: (result: T) => string = () => label): Promise<T> => {
    tap.start();
    const t0 = nowMs();
    const result = await fn();
    const wall = nowMs() - t0;
    const queries = tap.stop();
    const as = keep(result);
    samples.set(as, [...(samples.get(as) ?? []), { wall, queries }]);
    return result;
  };
  const definition = ProtocolDefinition.parse((await findProtocol(database.db, clinicId, protocolId))!.definition);
  let booked = 0;
  const { shares, sampledMs } = await profiled(async () => {
    try {
      for (const patientId of patients) {
        if (booked >= rounds) break;
        const therapistId = (await loadCareTeam(database.db, clinicId, patientId))!.therapistIds[0]!;
        const request = { clinicId, patientId, therapistId, protocol: definition, route: definition.routes[0]!, from: now, days: HORIZON_DAYS + 21 };
        const loaded = await record(LABELS.context, () => loadPlanningContext(database.db, request));
        await record(LABELS.search, async () => planCourse(loaded.ctx, { start: loaded.earliestStart, horizonDays: HORIZON_DAYS }));

        const created = await record(LABELS.plan, () => b.call(session, { method: 'POST', url: `/api/patients/${patientId}/courses`, payload: { protocolId } }),
          (res) => (res.statusCode === 201 && !(res.json() as { proposal: { failure: unknown } | null }).proposal?.failure ? LABELS.plan : LABELS.noPlan));
        const course = created.json() as { id: string; proposal: { failure: unknown } | null };
        if (created.statusCode !== 201 || course.proposal?.failure) continue;
        const res = await record(LABELS.book, () => b.call(session, { method: 'POST', url: `/api/courses/${course.id}/book`, payload: {} }));
        if (res.statusCode !== 200) continue;
        booked++;
        const doses = (res.json() as { appointments: { id: string; kind: string; number: number; start: string }[] }).appointments.filter((a) => a.kind === 'dosing' && a.number >= 2 && a.number <= 5);
        const candidates = doses.flatMap((dose) => [{ days: 1 }, { days: 2 }, { days: 1, hours: 1 }].map((shift) => ({ dose, shift })));
        for (const { dose, shift } of candidates) {
          const start = Temporal.Instant.from(dose.start).toZonedDateTimeISO(ZONE).add(shift).toInstant().toString();
          const proposal = await b.call(session, { method: 'PATCH', url: `/api/appointments/${dose.id}`, payload: { start } });
          if (proposal.statusCode !== 200 || (proposal.json() as { moves: unknown[] }).moves.length < 2) continue;
          await record(LABELS.proposal, () => b.call(session, { method: 'PATCH', url: `/api/appointments/${dose.id}`, payload: { start } }));
          await record(LABELS.confirm, () => b.call(session, { method: 'PATCH', url: `/api/appointments/${dose.id}`, payload: { start, confirm: true } }));
          break;
        }
      }
    } finally {
      tap.restore();
    }
  });
  const order = [LABELS.plan, LABELS.context, LABELS.search, LABELS.noPlan, LABELS.book, LABELS.proposal, LABELS.confirm];
  const breakdown = order.filter((label) => samples.has(label)).map((label) => {
    const list = samples.get(label)!;
    return {
      label: `${label} (n = ${list.length})`,
      wall: median(list.map((s) => s.wall)),
      statements: median(list.map((s) => s.queries.length)),
      transactionStatements: median(list.map((s) => s.queries.filter((q) => q.txn !== undefined).length)),
      db: median(list.map((s) => s.queries.reduce((sum, q) => sum + q.ms, 0))),
    };
  });
  const bookings = [...samples.values()].flat().flatMap((x) => x.queries).find((q) => /from "appointments" where .*"appointments"\."ends_at" >/s.test(q.text));
  return { breakdown, profile: shares, profiledMs: sampledMs, bookingsQuery: bookings ? { text: bookings.text, params: bookings.params } : null };
}

export interface Explained {
  plan: string;
  rows: number;
  removedByFilter: number;
  buffers: number;
  executionMs: number;
}

interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Actual Rows': number; 'Rows Removed by Filter'?: number; 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number; Plans?: PlanNode[] }

/** EXPLAIN ANALYZE of a recorded statement with its recorded parameters: the scan that feeds it, rows, time inside PostgreSQL. */
export async function explainQuery(database: Database, query: { text: string; params: unknown[] } | null): Promise<Explained | null> {
  if (!query || !database.pool) return null;
  const { rows } = await database.pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.text}`, query.params);
  const top = rows[0]!['QUERY PLAN'][0];
  let scan = top.Plan;
  while (!scan['Relation Name'] && scan.Plans?.length) scan = scan.Plans[0]!;
  return {
    plan: `${scan['Node Type']}${scan['Index Name'] ? ` using ${scan['Index Name']}` : ''} on ${scan['Relation Name'] ?? '?'}`,
    rows: top.Plan['Actual Rows'],
    removedByFilter: scan['Rows Removed by Filter'] ?? 0,
    buffers: (scan['Shared Hit Blocks'] ?? 0) + (scan['Shared Read Blocks'] ?? 0),
    executionMs: top['Execution Time'],
  };
}
