/**
 * The three measurements of issue #4 §7, each through the real HTTP routes (`inject`), one request at a time unless
 * said otherwise, every answer checked:
 *
 * - plan + book: `POST /api/patients/:id/courses` then `POST /api/courses/:id/book`, a new eligible patient each time;
 * - reschedule: `PATCH /api/appointments/:id` moving a dose of a course booked above by a day or two (proposal), then
 *   the same with `confirm: true`, which applies the dose's move and its dependents';
 * - batch: `POST /api/patients/:id/courses` for many eligible patients, a few requests in flight at once.
 */
import { Temporal } from 'temporal-polyfill';
import { nowMs } from '../lib/stats';
import type { BenchApp, Session } from './app';
import { ownCpuMs } from './cpu';
import { ZONE } from './clinic';

export interface Stats {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function statsOf(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const pick = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : NaN);
  return { count: sorted.length, mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : NaN, p50: pick(0.5), p95: pick(0.95), p99: pick(0.99), max: sorted.at(-1) ?? NaN };
}

interface AppointmentJson { id: string | null; kind: string; number: number; start: string; end: string; status: string }
interface CourseJson {
  id: string;
  status: string;
  appointments: AppointmentJson[];
  proposal: { failure: { step: string; reason: string; message: string } | null; alternatives: unknown[] } | null;
  violations: unknown[];
}

const tally = (map: Record<string, number>, key: string) => {
  map[key] = (map[key] ?? 0) + 1;
};
const brief = (body: string) => body.replace(/\s+/g, ' ').slice(0, 200);

export interface BookedCourse {
  id: string;
  appointments: AppointmentJson[];
}

export interface PairResult {
  attempted: number;
  warmup: number;
  pair: Stats;
  /** The plan step of the booked pairs (a complete plan). */
  plan: Stats;
  /** Plans that came back without a complete plan (the alternatives were searched too): not part of a pair. */
  planNoPlan: Stats;
  book: Stats;
  /** CPU milliseconds of this process (the app) per request, the same samples as above. */
  cpu: { pair: Stats; plan: Stats; book: Stats };
  /** HTTP requests sent (plans and bookings, warm-up included). */
  requests: number;
  booked: number;
  /** Plans that came back without a complete plan (nothing to book), by reason. */
  noPlan: Record<string, number>;
  /** Requests that did not answer as they should (status, or a booked course that is not what was planned). */
  failures: Record<string, number>;
  examples: string[];
  courses: BookedCourse[];
}

export async function planAndBook(b: BenchApp, session: Session, patients: readonly string[], protocolOf: (i: number) => string, warmup: number, iterations: number): Promise<PairResult> {
  const plan: number[] = [];
  const planNoPlan: number[] = [];
  const book: number[] = [];
  const cpu = { pair: [] as number[], plan: [] as number[], book: [] as number[] };
  let requests = 0;
  const pair: number[] = [];
  const noPlan: Record<string, number> = {};
  const failures: Record<string, number> = {};
  const examples: string[] = [];
  const courses: BookedCourse[] = [];
  const total = Math.min(patients.length, warmup + iterations);
  if (total < warmup + iterations) tally(failures, `only ${patients.length} eligible patients for ${warmup + iterations} iterations`);
  for (let i = 0; i < total; i++) {
    const measured = i >= warmup;
    const c0 = ownCpuMs();
    const t0 = nowMs();
    const created = await b.call(session, { method: 'POST', url: `/api/patients/${patients[i]}/courses`, payload: { protocolId: protocolOf(i) } });
    const t1 = nowMs();
    const c1 = ownCpuMs();
    requests++;
    if (created.statusCode !== 201) {
      tally(failures, `create course: HTTP ${created.statusCode}`);
      if (examples.length < 5) examples.push(`create ${created.statusCode}: ${brief(created.body)}`);
      continue;
    }
    const course = created.json() as CourseJson;
    if (course.proposal?.failure) {
      if (measured) planNoPlan.push(t1 - t0);
      tally(noPlan, `${course.proposal.failure.reason} (${course.proposal.failure.step})`);
      continue;
    }
    const c2 = ownCpuMs();
    const t2 = nowMs();
    const booked = await b.call(session, { method: 'POST', url: `/api/courses/${course.id}/book`, payload: {} });
    const t3 = nowMs();
    const c3 = ownCpuMs();
    requests++;
    if (booked.statusCode !== 200) {
      tally(failures, `book: HTTP ${booked.statusCode}`);
      if (examples.length < 5) examples.push(`book ${booked.statusCode}: ${brief(booked.body)}`);
      continue;
    }
    const result = booked.json() as CourseJson;
    const live = result.appointments.filter((a) => a.status === 'booked');
    if (result.status !== 'booked' || live.length !== 14 || result.violations.length > 0) {
      tally(failures, 'book: answered 200 but the course is not the 14 planned appointments without violations');
      continue;
    }
    if (measured) {
      plan.push(t1 - t0);
      book.push(t3 - t2);
      pair.push(t3 - t2 + (t1 - t0));
      cpu.plan.push(c1 - c0);
      cpu.book.push(c3 - c2);
      cpu.pair.push(c3 - c2 + (c1 - c0));
    }
    courses.push({ id: result.id, appointments: live });
  }
  return { attempted: total, warmup, pair: statsOf(pair), plan: statsOf(plan), planNoPlan: statsOf(planNoPlan), book: statsOf(book), cpu: { pair: statsOf(cpu.pair), plan: statsOf(cpu.plan), book: statsOf(cpu.book) }, requests, booked: courses.length, noPlan, failures, examples, courses };
}

export interface RescheduleResult {
  courses: number;
  /** Every proposal call (accepted or refused). */
  proposal: Stats;
  confirm: Stats;
  cpu: { proposal: Stats; confirm: Stats };
  requests: number;
  confirmed: number;
  /** Moves per confirmed reschedule (the dose itself and its dependents). */
  moves: Stats;
  /** Proposals answered 200 / refused (409 by rule) / answered otherwise. */
  proposals: Record<string, number>;
  failures: Record<string, number>;
  examples: string[];
  /** Courses with no future dose to move, or where none of the candidate times was accepted with dependent moves. */
  skipped: number;
  notMoved: number;
}

/** Candidate new starts for a dose, in turn: the same local time 1 or 2 days later, a day and an hour later, 3 days later, 23 hours later. */
const SHIFTS: Temporal.DurationLike[] = [{ days: 1 }, { days: 2 }, { days: 1, hours: 1 }, { days: 3 }, { hours: 23 }];

export async function reschedule(b: BenchApp, session: Session, courses: readonly BookedCourse[], now: Temporal.Instant, warmup: number, limit: number): Promise<RescheduleResult> {
  const proposal: number[] = [];
  const confirm: number[] = [];
  const moves: number[] = [];
  const cpu = { proposal: [] as number[], confirm: [] as number[] };
  let requests = 0;
  const proposals: Record<string, number> = {};
  const failures: Record<string, number> = {};
  const examples: string[] = [];
  let confirmed = 0;
  let skipped = 0;
  let notMoved = 0;
  const list = courses.slice(0, warmup + limit);
  for (const [i, course] of list.entries()) {
    const measured = i >= warmup;
    // Doses 2 to 5 in turn: each has an integration after it and a dose after that.
    const dose = course.appointments.find((a) => a.kind === 'dosing' && a.number === 2 + (i % 4) && Temporal.Instant.compare(Temporal.Instant.from(a.start), now) > 0);
    if (!dose?.id) {
      skipped++;
      continue;
    }
    let done = false;
    for (const shift of SHIFTS) {
      const start = Temporal.Instant.from(dose.start).toZonedDateTimeISO(ZONE).add(shift).toInstant().toString();
      const c0 = ownCpuMs();
      const t0 = nowMs();
      const res = await b.call(session, { method: 'PATCH', url: `/api/appointments/${dose.id}`, payload: { start } });
      const t1 = nowMs();
      const c1 = ownCpuMs();
      requests++;
      if (measured) {
        proposal.push(t1 - t0);
        cpu.proposal.push(c1 - c0);
      }
      if (res.statusCode === 409) {
        const error = (res.json() as { error?: { rule?: string; violations?: { rule: string }[] } }).error;
        tally(proposals, `409 refused: ${error?.rule ?? error?.violations?.map((v) => v.rule).join(', ') ?? 'conflict'}`);
        continue;
      }
      if (res.statusCode !== 200) {
        tally(proposals, `HTTP ${res.statusCode}`);
        tally(failures, `proposal: HTTP ${res.statusCode}`);
        if (examples.length < 5) examples.push(`proposal ${res.statusCode}: ${brief(res.body)}`);
        break;
      }
      const proposed = res.json() as { applied: boolean; moves: unknown[] };
      if (proposed.moves.length < 2) {
        tally(proposals, '200 without dependent moves (tried another time)');
        continue;
      }
      tally(proposals, '200 with dependent moves');
      const c2 = ownCpuMs();
      const t2 = nowMs();
      const applied = await b.call(session, { method: 'PATCH', url: `/api/appointments/${dose.id}`, payload: { start, confirm: true } });
      const t3 = nowMs();
      const c3 = ownCpuMs();
      requests++;
      const body = applied.statusCode === 200 ? (applied.json() as { applied: boolean; moves: unknown[] }) : null;
      if (!body?.applied || body.moves.length !== proposed.moves.length) {
        tally(failures, `confirm: HTTP ${applied.statusCode}${body ? `, applied ${body.applied}, ${body.moves.length} moves (proposed ${proposed.moves.length})` : ''}`);
        if (examples.length < 5) examples.push(`confirm ${applied.statusCode}: ${brief(applied.body)}`);
        done = true;
        break;
      }
      if (measured) {
        confirm.push(t3 - t2);
        cpu.confirm.push(c3 - c2);
        moves.push(body.moves.length);
        confirmed++;
      }
      done = true;
      break;
    }
    if (!done) notMoved++;
  }
  return { courses: Math.max(0, list.length - warmup), proposal: statsOf(proposal), confirm: statsOf(confirm), cpu: { proposal: statsOf(cpu.proposal), confirm: statsOf(cpu.confirm) }, requests, confirmed, moves: statsOf(moves), proposals, failures, examples, skipped, notMoved };
}

export interface BatchResult {
  courses: number;
  concurrency: number;
  seconds: number;
  complete: number;
  /** No complete plan, by the planner's reason and step. */
  incomplete: Record<string, number>;
  /** Incomplete plans that came with at least one alternative (another therapist or a later start). */
  withAlternatives: number;
  failures: Record<string, number>;
  examples: string[];
  latency: Stats;
  latencyComplete: Stats;
  latencyIncomplete: Stats;
}

export async function planBatch(b: BenchApp, session: Session, patients: readonly string[], protocolOf: (i: number) => string, concurrency: number): Promise<BatchResult> {
  const latency: number[] = [];
  const latencyComplete: number[] = [];
  const latencyIncomplete: number[] = [];
  const incomplete: Record<string, number> = {};
  const failures: Record<string, number> = {};
  const examples: string[] = [];
  let complete = 0;
  let withAlternatives = 0;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < patients.length; i = next++) {
      const t0 = nowMs();
      const res = await b.call(session, { method: 'POST', url: `/api/patients/${patients[i]}/courses`, payload: { protocolId: protocolOf(i) } });
      const ms = nowMs() - t0;
      latency.push(ms);
      if (res.statusCode !== 201) {
        tally(failures, `HTTP ${res.statusCode}`);
        if (examples.length < 5) examples.push(`${res.statusCode}: ${brief(res.body)}`);
        continue;
      }
      const course = res.json() as CourseJson;
      const failure = course.proposal?.failure;
      if (!failure && course.appointments.length === 14) {
        complete++;
        latencyComplete.push(ms);
      } else {
        tally(incomplete, failure ? `${failure.reason} (${failure.step.replace(/ \d+$/, '')})` : `${course.appointments.length} of 14 appointments`);
        if (course.proposal?.alternatives.length) withAlternatives++;
        latencyIncomplete.push(ms);
      }
    }
  };
  const t0 = nowMs();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (nowMs() - t0) / 1000;
  return {
    courses: patients.length, concurrency, seconds, complete, incomplete, withAlternatives, failures, examples,
    latency: statsOf(latency), latencyComplete: statsOf(latencyComplete), latencyIncomplete: statsOf(latencyIncomplete),
  };
}
