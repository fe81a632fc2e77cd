/**
 * The real app, in this process, on the loaded database, with a tap on its driver: every request's statements are
 * recorded (text, parameters, which ran in parallel, time). This gives the round trips per request and where the
 * time goes when unloaded, and the statement templates the bare-driver replay sends.
 */
import type { FastifyInstance } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import type { Database } from '../../src/db/database';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { loadCommonPasswords } from '../../src/server/passwords';
import type { Dataset } from './dataset';
import { headersFor } from './http-load';
import { methodAt, type Scenario, type Who } from './scenarios';
import { describeQuery, roleOf, shapeOf, tapDatabase, type QueryRole, type TappedQuery } from './sql';
import { nowMs } from './stats';

export interface QueryProfile {
  name: string;
  role: QueryRole;
  perRequest: number;
  meanMs: number;
  text: string;
}

export interface ScenarioTrace {
  key: string;
  /** One recorded request per session, for the replay (the overview's for the first patient). */
  templates: TappedQuery[][];
  /** Date.now() when the templates were recorded (timestamps in them are shifted by the replay). */
  recordedAt: number;
  /** The patient each template was recorded for (the replay substitutes its own). */
  tracedPatientIds: (string | undefined)[];
  requests: number;
  statuses: Record<number, number>;
  /** In-process request time (inject, no network), mean and median. */
  meanMs: number;
  p50Ms: number;
  /** Time waiting for the database: per request, the sum over its waves of the slowest statement in the wave. */
  meanDbMs: number;
  queriesPerRequest: number;
  wavesPerRequest: number;
  byQuery: QueryProfile[];
  /** Statement round trips per request by role. */
  byRole: Record<QueryRole, number>;
  /** The distinct statement sequences among the recorded templates, with how many templates had each. */
  shapes: { shape: string; count: number }[];
}

export interface Credentials {
  cookie: string;
  csrfToken: string;
}

export async function signInInject(app: FastifyInstance, email: string, password: string): Promise<Credentials> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`in-process sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0]! : setCookie!;
  return { cookie: first.split(';')[0]!, csrfToken: (res.json() as { csrfToken: string }).csrfToken };
}

export interface TraceOptions {
  database: Database;
  dataset: Dataset;
  scenarios: Scenario[];
  password: string;
  sessionsPerRole: { nurse: number; therapist: number };
  requestsPerScenario: number;
}

export async function traceScenarios(o: TraceOptions): Promise<ScenarioTrace[]> {
  const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '10000000' });
  const app = await buildApp({ database: o.database, config, clock: () => Temporal.Now.instant(), commonPasswords: loadCommonPasswords() });
  await app.ready();
  const tap = tapDatabase(o.database);
  try {
    const sessions: Record<Who, Credentials[]> = { nurse: [], therapist: [], anonymous: [{ cookie: '', csrfToken: '' }] };
    for (let i = 0; i < o.sessionsPerRole.nurse; i++) sessions.nurse.push(await signInInject(app, o.dataset.nurse.email, o.password));
    for (let i = 0; i < o.sessionsPerRole.therapist; i++) sessions.therapist.push(await signInInject(app, o.dataset.therapist.email, o.password));

    const call = (s: Scenario, i: number, who: Credentials) => {
      const method = methodAt(s, i);
      const body = s.bodyFor?.(i);
      return app.inject({ method, url: s.path(i), headers: headersFor(method, body, who), ...(body !== undefined ? { payload: body } : {}) });
    };

    const traces: ScenarioTrace[] = [];
    for (const s of o.scenarios) {
      const own = sessions[s.as];
      // Warm up the code paths and the statement plans.
      for (let i = 0; i < 5; i++) await call(s, i, own[0]!);

      const templates: TappedQuery[][] = [];
      const tracedPatientIds: (string | undefined)[] = [];
      const recordedAt = Date.now();
      for (let k = 0; k < Math.max(own.length, s.templates ?? 1); k++) {
        tap.start();
        const res = await call(s, k, own[k % own.length]!);
        const queries = tap.stop();
        if (res.statusCode >= 300) throw new Error(`${s.key}: in-process request answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
        templates.push(queries);
        tracedPatientIds.push(s.patientFor?.(k));
      }

      const n = s.key === 'sign-in' ? Math.max(5, Math.round(o.requestsPerScenario / 10)) : o.requestsPerScenario;
      const statuses: Record<number, number> = {};
      const totals: number[] = [];
      const dbTimes: number[] = [];
      let queryCount = 0;
      let waveCount = 0;
      const byName = new Map<string, { role: QueryRole; count: number; ms: number; text: string }>();
      const byRole: Record<QueryRole, number> = { session: 0, 'rate-limit': 0, audit: 0, data: 0 };
      for (let i = 0; i < n; i++) {
        tap.start();
        const t0 = nowMs();
        const res = await call(s, i + 1, own[i % own.length]!);
        totals.push(nowMs() - t0);
        const queries = tap.stop();
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        queryCount += queries.length;
        const waves = new Map<number, number>();
        for (const q of queries) {
          waves.set(q.wave, Math.max(waves.get(q.wave) ?? 0, q.ms));
          const name = describeQuery(q.text);
          const entry = byName.get(name) ?? { role: roleOf(q.text), count: 0, ms: 0, text: q.text };
          entry.count++;
          entry.ms += q.ms;
          byName.set(name, entry);
          byRole[roleOf(q.text)]++;
        }
        waveCount += waves.size;
        dbTimes.push([...waves.values()].reduce((a, b) => a + b, 0));
      }
      const sorted = [...totals].sort((a, b) => a - b);
      for (const role of Object.keys(byRole) as QueryRole[]) byRole[role] /= n;
      traces.push({
        key: s.key, templates, recordedAt, tracedPatientIds, requests: n, statuses,
        meanMs: totals.reduce((a, b) => a + b, 0) / n, p50Ms: sorted[Math.floor(n / 2)]!,
        meanDbMs: dbTimes.reduce((a, b) => a + b, 0) / n, queriesPerRequest: queryCount / n, wavesPerRequest: waveCount / n,
        byQuery: [...byName.entries()].map(([name, e]) => ({ name, role: e.role, perRequest: e.count / n, meanMs: e.ms / e.count, text: e.text })),
        byRole,
        shapes: [...templates.reduce((m, t) => m.set(shapeOf(t), (m.get(shapeOf(t)) ?? 0) + 1), new Map<string, number>())].map(([shape, count]) => ({ shape, count })),
      });
    }
    return traces;
  } finally {
    tap.restore();
    await app.close();
  }
}

/** EXPLAIN ANALYZE of each distinct data statement of a scenario (its recorded parameters): plan shape and time. */
export async function explainData(database: Database, trace: ScenarioTrace): Promise<{ name: string; plan: string; executionMs: number }[]> {
  const out: { name: string; plan: string; executionMs: number }[] = [];
  const seen = new Set<string>();
  const run = async (text: string, params: unknown[]) => {
    if (database.pool) return (await database.pool.query(text, params)).rows as Record<string, string>[];
    return (await database.pglite!.query(text, params)).rows as Record<string, string>[];
  };
  for (const q of trace.templates[0] ?? []) {
    if (roleOf(q.text) !== 'data' || !/^\s*select/i.test(q.text) || seen.has(q.text)) continue;
    seen.add(q.text);
    const rows = await run(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.text}`, q.params);
    const lines = rows.map((r) => String(Object.values(r)[0]));
    const exec = lines.find((l) => l.startsWith('Execution Time'));
    out.push({
      name: describeQuery(q.text),
      plan: lines.filter((l) => !/^(Planning|Execution) Time/.test(l)).join('\n'),
      executionMs: exec ? Number.parseFloat(exec.replace(/[^0-9.]/g, '')) : NaN,
    });
  }
  return out;
}
