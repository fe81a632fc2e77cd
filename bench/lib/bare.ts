/**
 * The ceiling: the statements the app sent for a request (recorded by the trace), sent again straight through the
 * driver — no HTTP, routing, validation, authorization code, ORM or serialization — in a closed loop at the same
 * concurrency, with a pool of the same size. Parallel statements stay parallel. Per operation the varying values
 * are renewed: the patient id rotates like the HTTP load, timestamps move to now, audit events get fresh ids and
 * content hashes (so the chain stays valid), and new session rows get fresh token hashes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { contentOf, type AuditEventContent } from '../../src/core/audit-chain';
import { newId } from '../../src/db/ids';
import { sha256Hex } from '../../src/db/repos/audit';
import type { BareVariant, Scenario } from './scenarios';
import { embedsAudit, roleOf, withoutAudit, type SqlClient, type TappedQuery } from './sql';
import { cpuSnapshot, otherLoad } from './cpu';
import { nowMs, Samples, sleep, type LatencySummary } from './stats';
import type { ScenarioTrace } from './trace';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A time-ordered id (UUIDv7) made at or after `since` (epoch ms): one the app generated while the request was traced. */
function madeSince(s: string, since: number): boolean {
  return UUID_V7.test(s) && Number.parseInt(s.slice(0, 8) + s.slice(9, 13), 16) >= since;
}
const SHA256_HEX = /^[0-9a-f]{64}$/;

type Step =
  | { kind: 'sql'; wave: TappedQuery[] }
  | { kind: 'txn'; statements: TappedQuery[] }
  | { kind: 'argon2'; hash: string };

/** The statement without its embedded audit append, prepared under its own name. */
function stripAudit(q: TappedQuery): TappedQuery {
  return { ...q, text: withoutAudit(q.text), ...(q.name ? { name: `${q.name}_na` } : {}) };
}

function includes(variant: BareVariant, q: TappedQuery): boolean {
  const role = roleOf(q.text);
  if (variant === 'data') return role === 'data';
  if (variant === 'data+session') return role !== 'audit';
  return true;
}

/**
 * Groups a recorded request into steps: statements sent together stay together, and a transaction's statements run
 * in order on one connection.
 */
function stepsOf(template: TappedQuery[], variant: BareVariant, passwordHash: string | undefined): Step[] {
  const steps: Step[] = [];
  const txnSteps = new Map<number, Extract<Step, { kind: 'txn' }>>();
  let current: TappedQuery[] = [];
  let currentWave = -1;
  const flush = () => {
    if (current.length) steps.push({ kind: 'sql', wave: current });
    current = [];
  };
  for (const q of template) {
    if (q.txn !== undefined) {
      // The whole transaction is kept (its BEGIN and COMMIT are statements too), whatever the variant.
      flush();
      const existing = txnSteps.get(q.txn);
      if (existing) existing.statements.push(q);
      else {
        const step = { kind: 'txn' as const, statements: [q] };
        txnSteps.set(q.txn, step);
        steps.push(step);
      }
      continue;
    }
    if (!includes(variant, q)) continue;
    if (q.wave !== currentWave) flush();
    currentWave = q.wave;
    current.push(variant !== 'full' && variant !== 'full+argon2' && embedsAudit(q.text) ? stripAudit(q) : q);
  }
  flush();
  if (variant === 'full+argon2' && passwordHash) {
    // The app verifies the password right after loading the user by email.
    const at = steps.findIndex((s) => s.kind === 'sql' && s.wave.some((q) => /from "users" where "users"\."email"/i.test(q.text)));
    steps.splice(at < 0 ? steps.length : at + 1, 0, { kind: 'argon2', hash: passwordHash });
  }
  return steps;
}

function renewAuditPayload(json: string, swap: (s: string) => string): string | null {
  let events: unknown;
  try {
    events = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(events) || !events.every((e) => e && typeof e === 'object' && 'contentHash' in e)) return null;
  const at = new Date().toISOString();
  return JSON.stringify(
    (events as (AuditEventContent & { contentHash: string })[]).map((e) => {
      const fresh: AuditEventContent = {
        ...e,
        id: newId(),
        occurredAt: at,
        requestId: randomUUID(),
        patientId: e.patientId ? swap(e.patientId) : e.patientId,
        resourceId: e.resourceId ? swap(e.resourceId) : e.resourceId,
      };
      return { ...fresh, contentHash: sha256Hex(contentOf(fresh)) };
    }),
  );
}

function renewParams(q: TappedQuery, shiftMs: number, swap: (s: string) => string): unknown[] {
  const insert = /^\s*insert/i.test(q.text);
  return q.params.map((p) => {
    if (typeof p !== 'string') return p;
    if (ISO.test(p)) return new Date(Date.parse(p) + shiftMs).toISOString();
    if (insert && SHA256_HEX.test(p)) return randomBytes(32).toString('hex');
    if (p.startsWith('[{')) return renewAuditPayload(p, swap) ?? swap(p);
    return swap(p);
  });
}

export interface LoopResult extends LatencySummary {
  concurrency: number;
  errors: number;
  firstError?: string;
  /** Cores other processes kept busy during the measured window. */
  otherCores: number;
  /** CPU milliseconds per operation: this process (driver; PGlite's engine too) plus PostgreSQL's processes. */
  cpuMsPerOp: number;
}

export interface BareResult extends LoopResult {
  variant: BareVariant;
  statementsPerOp: number;
}

export interface LoopOptions {
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
  /** Called after the warm-up, before measuring (the run raises the priority of new database backends here). */
  beforeMeasure?: () => Promise<void>;
}

export interface BareOptions extends LoopOptions {
  sql: SqlClient;
  /** For the sign-in's argon2 step: the stored hash and the password the app verifies against it. */
  passwordHash?: string;
  password: string;
  /** Keep only these statements (experiments), instead of the variant's. */
  only?: (q: TappedQuery) => boolean;
  /** Send the statements as named prepared statements (PostgreSQL). */
  prepared?: boolean;
}

/** `concurrency` workers each running `op(i)` back to back: a warm-up, then a measured window. */
export async function closedLoopOps(op: (i: number) => Promise<void>, o: LoopOptions): Promise<LoopResult> {
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  let measuring = false;
  const samples = new Samples();
  let stopAt = 0;
  const worker = async () => {
    while (nowMs() < stopAt) {
      const t0 = nowMs();
      try {
        await op(next++);
        if (measuring) samples.add(nowMs() - t0);
      } catch (err) {
        errors += measuring ? 1 : 0;
        firstError ??= err instanceof Error ? err.message : String(err);
        await sleep(1);
      }
    }
  };
  const phase = async (seconds: number) => {
    stopAt = nowMs() + seconds * 1000;
    await Promise.all(Array.from({ length: o.concurrency }, worker));
  };
  await phase(o.warmupSeconds);
  await o.beforeMeasure?.();
  measuring = true;
  const before = cpuSnapshot(undefined);
  const t0 = nowMs();
  await phase(o.seconds);
  const elapsed = (nowMs() - t0) / 1000;
  const after = cpuSnapshot(undefined);
  const summary = samples.summary(elapsed);
  return {
    ...summary, concurrency: o.concurrency, errors, otherCores: otherLoad(before, after),
    cpuMsPerOp: (after.bench - before.bench + (after.postgres - before.postgres)) / Math.max(1, summary.count),
    ...(firstError ? { firstError } : {}),
  };
}

const statementName = (text: string) => `b_${sha256Hex(text).slice(0, 16)}`;

export async function runBare(scenario: Scenario, trace: ScenarioTrace, variant: BareVariant, o: BareOptions): Promise<BareResult> {
  const plans = trace.templates.map((t) => stepsOf(o.only ? t.filter(o.only) : t, variant, o.passwordHash));
  // Statements the app prepared are prepared here too (same name); `prepared` prepares every statement.
  const send = (c: SqlClient, q: TappedQuery, params: unknown[]) => {
    const name = o.prepared ? (q.name ?? statementName(q.text)) : q.name;
    return name ? c.query(q.text, params, name) : c.query(q.text, params);
  };
  const op = async (i: number) => {
    const plan = plans[i % plans.length]!;
    const traced = trace.tracedPatientIds[i % plans.length];
    const patient = scenario.patientFor?.(i);
    const swapPatient = traced && patient ? (s: string) => (s === traced ? patient : s.includes(traced) ? s.split(traced).join(patient) : s) : (s: string) => s;
    // Ids the app generated for new rows (the response, its alert, outbox messages) are made anew for every operation,
    // the same new id wherever the old one appears (the audit event names the response it created).
    const fresh = new Map<string, string>();
    const swap = (s: string) => {
      const swapped = swapPatient(s);
      if (!madeSince(swapped, trace.recordedAt)) return swapped;
      let id = fresh.get(swapped);
      if (!id) fresh.set(swapped, (id = newId()));
      return id;
    };
    const shiftMs = Date.now() - trace.recordedAt;
    for (const step of plan) {
      if (step.kind === 'argon2') await verify(step.hash, o.password);
      else if (step.kind === 'txn') {
        await o.sql.onOneConnection(async (c) => {
          for (const q of step.statements) await send(c, q, renewParams(q, shiftMs, swap));
        });
      } else await Promise.all(step.wave.map((q) => send(o.sql, q, renewParams(q, shiftMs, swap))));
    }
  };
  const result = await closedLoopOps(op, o);
  return {
    ...result, variant,
    // The mean over the recorded requests (the store's differ: one in fifty opens a safety alert).
    statementsPerOp: plans.reduce((sum, plan) => sum + plan.reduce((a, s) => a + (s.kind === 'sql' ? s.wave.length : s.kind === 'txn' ? s.statements.length : 0), 0), 0) / plans.length,
  };
}
