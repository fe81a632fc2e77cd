/**
 * Small bare-driver experiments that attribute cost and test the changes docs/performance.md suggests, without
 * changing the app: the audit append alone (does it scale with concurrency?), the session lookup with and without its
 * rate-limit count, and for the measurement scenarios the trajectory's data prepared / in one narrow statement, and a
 * leaner store (no lookups it does not need, the response and its audit event in one statement instead of a
 * transaction).
 */
import { closedLoopOps, runBare, type LoopOptions, type LoopResult } from './bare';
import type { Dataset } from './dataset';
import type { Scenario } from './scenarios';
import { describeQuery, roleOf, type SqlClient, type TappedQuery } from './sql';
import type { ScenarioTrace } from './trace';

export interface ExperimentResult extends LoopResult {
  key: string;
  title: string;
  statementsPerOp: number;
}

/** The care-team query authorization runs first (as the app sends it). */
const CARE_TEAM_FOR_AUTHORIZATION = `
SELECT c.staff_id, c.role FROM patients p
  LEFT JOIN care_team_members c ON c.clinic_id = p.clinic_id AND c.patient_id = p.id
 WHERE p.clinic_id = $1::uuid AND p.id = $2::uuid`;

/** The session lookup of every signed-in request without the rate-limit count the app folds into it. */
const SESSION_ONLY = `
SELECT s.user_id, s.user_kind, s.csrf_token, s.created_at, s.last_seen_at, u.staff_id, u.patient_id, u.disabled, u.totp_enabled,
       st.role AS staff_role, st.active AS staff_active, coalesce((c.settings->>'requireAdminTotp')::boolean, false) AS require_admin_totp
  FROM sessions s
  JOIN users u ON u.clinic_id = s.clinic_id AND u.id = s.user_id
  JOIN clinics c ON c.id = s.clinic_id
  LEFT JOIN staff_members st ON st.clinic_id = u.clinic_id AND st.id = u.staff_id
 WHERE s.clinic_id = $1::uuid AND s.token_hash = $2`;

/**
 * A trajectory's data in one statement, only the columns the answer shows, aggregated to JSON in the database:
 * current (not corrected) points in order, and the doses.
 */
export const TRAJECTORY_ONE_STATEMENT = `
SELECT
  (SELECT coalesce(json_agg(json_build_object('at', r.submitted_at, 'total', r.total, 'severity', r.severity, 'positive', r.positive,
                                              'responseId', r.id, 'doseId', r.dose_event_id, 'offsetHours', r.offset_hours)
                            ORDER BY r.submitted_at, r.version), '[]'::json)
     FROM questionnaire_responses r
    WHERE r.clinic_id = $1::uuid AND r.patient_id = $2::uuid AND r.instrument_id = $3
      AND NOT EXISTS (SELECT 1 FROM questionnaire_responses l WHERE l.clinic_id = r.clinic_id AND l.supersedes_id = r.id)) AS points,
  (SELECT coalesce(json_agg(json_build_object('id', d.id, 'at', d.dosed_at) ORDER BY d.dosed_at), '[]'::json)
     FROM dose_events d WHERE d.clinic_id = $1::uuid AND d.patient_id = $2::uuid) AS doses`;

export interface ExperimentContext {
  engine: 'postgres' | 'pglite';
  sql: SqlClient;
  dataset: Dataset;
  scenarios: Scenario[];
  traces: ScenarioTrace[];
  loop: Omit<LoopOptions, 'concurrency'>;
  concurrency: number;
  password: string;
}

/** `WITH ins AS (<insert>) <select>`: one statement, its own transaction; the select's placeholders renumbered. */
function combine(insert: TappedQuery, select: TappedQuery): TappedQuery {
  const shift = insert.params.length;
  return {
    text: `WITH ins AS (${insert.text}) ${select.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + shift}`)}`,
    params: [...insert.params, ...select.params],
    wave: insert.wave,
    ms: 0,
  };
}

/**
 * The store as it could be: without the patient lookup (PHQ-9 needs no sex) and the second clinic lookup, and — when
 * no alert opens — the response and its audit event in one statement instead of BEGIN / INSERT / audit / COMMIT.
 */
export function leanStore(template: TappedQuery[]): TappedQuery[] {
  let clinics = 0;
  const kept = template.filter((q) => {
    const name = describeQuery(q.text);
    if (q.txn === undefined && name === 'SELECT patients') return false;
    if (q.txn === undefined && name === 'SELECT clinics') return clinics++ === 0;
    return true;
  });
  const txn = kept.filter((q) => q.txn !== undefined);
  const insert = txn.find((q) => /^\s*insert into "questionnaire_responses"/i.test(q.text));
  const audit = txn.filter((q) => roleOf(q.text) === 'audit');
  const others = txn.filter((q) => q !== insert && !audit.includes(q) && !/^\s*(begin|commit)\s*$/i.test(q.text));
  if (!insert || audit.length !== 1 || others.length > 0) return kept; // an alert opens: the transaction stays
  return [...kept.filter((q) => q.txn === undefined), combine(insert, audit[0]!)];
}

export async function runExperiments(x: ExperimentContext): Promise<ExperimentResult[]> {
  const out: ExperimentResult[] = [];
  const find = (key: string) => ({ scenario: x.scenarios.find((s) => s.key === key)!, trace: x.traces.find((t) => t.key === key)! });
  const overview = find('overview');
  const list = find('list');
  const base = { sql: x.sql, password: x.password, ...x.loop };
  const audit = (q: { text: string }) => roleOf(q.text) === 'audit';
  const clinicId = x.dataset.clinicId;

  for (const [concurrency, label] of [[1, 'one at a time'], [x.concurrency, `${x.concurrency} at once`]] as const) {
    const r = await runBare(overview.scenario, overview.trace, 'full', { ...base, concurrency, only: audit });
    out.push({ ...r, key: `audit-1-c${concurrency}`, title: `audit_append() of the overview (1 event), ${label}` });
  }
  {
    const r = await runBare(list.scenario, list.trace, 'full', { ...base, concurrency: x.concurrency, only: audit });
    out.push({ ...r, key: 'audit-list', title: `audit_append() of the list (1 event naming 50 patients), ${x.concurrency} at once` });
  }

  // The session lookup as the app sends it (counting the rate limit) against the lookup alone.
  {
    const r = await runBare(overview.scenario, overview.trace, 'full', { ...base, concurrency: x.concurrency, only: (q) => roleOf(q.text) === 'session' });
    out.push({ ...r, key: 'session-with-rate-limit', title: 'session lookup + rate-limit count (the app’s one statement)' });
    const sessionStatement = overview.trace.templates.flat().find((q) => roleOf(q.text) === 'session');
    const tokenHashes = [...new Set(overview.trace.templates.map((t) => t.find((q) => roleOf(q.text) === 'session')?.params.find((p) => typeof p === 'string' && /^[0-9a-f]{64}$/.test(p))))];
    if (sessionStatement && tokenHashes.every(Boolean)) {
      const check = await x.sql.query(SESSION_ONLY, [clinicId, tokenHashes[0]]);
      if (check.rows.length !== 1) throw new Error('the session-only lookup did not find the session');
      const s = await closedLoopOps(async (i) => void (await x.sql.query(SESSION_ONLY, [clinicId, tokenHashes[i % tokenHashes.length]], 'x_session_only')), {
        ...x.loop, concurrency: x.concurrency,
      });
      out.push({ ...s, key: 'session-only', title: 'session lookup alone (rate limit counted elsewhere, e.g. in memory)', statementsPerOp: 1 });
    }
  }

  if (x.engine === 'postgres') {
    const trajectory = find('trajectory');
    const r = await runBare(trajectory.scenario, trajectory.trace, 'data', { ...base, concurrency: x.concurrency, prepared: true });
    out.push({ ...r, key: 'trajectory-prepared', title: 'trajectory: data statements as named prepared statements' });
  }
  {
    const ids = x.dataset.measurement.trajectoryPatientIds;
    const check = await x.sql.query<{ points: unknown[]; doses: unknown[] }>(TRAJECTORY_ONE_STATEMENT, [clinicId, ids[0], 'phq-9']);
    if (check.rows[0]?.points.length !== x.dataset.measurement.pointsPerTrajectory) {
      throw new Error(`the one-statement trajectory returned ${check.rows[0]?.points.length} points`);
    }
    const r = await closedLoopOps(
      async (i) => {
        const id = ids[i % ids.length]!;
        await x.sql.query(CARE_TEAM_FOR_AUTHORIZATION, [clinicId, id], 'x_care_team');
        await x.sql.query(TRAJECTORY_ONE_STATEMENT, [clinicId, id, 'phq-9'], 'x_trajectory');
      },
      { ...x.loop, concurrency: x.concurrency },
    );
    out.push({ ...r, key: 'trajectory-one-statement', title: 'trajectory: authorization + narrow points and doses as JSON in one statement (prepared)', statementsPerOp: 2 });
  }
  {
    const store = find('store');
    const lean = { ...store.trace, templates: store.trace.templates.map(leanStore) };
    const r = await runBare(store.scenario, lean, 'full', { ...base, concurrency: x.concurrency });
    out.push({ ...r, key: 'store-lean', title: 'store: no patient / second clinic lookup; response + audit in one statement (no BEGIN/COMMIT) unless an alert opens' });
  }
  return out;
}
