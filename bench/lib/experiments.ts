/**
 * Small bare-driver experiments that attribute cost and test the changes docs/performance.md suggests, without
 * changing the app: the audit append alone (does it scale with concurrency?) and the session lookup with and without
 * its rate-limit count. (Earlier experiments — the trajectory in one narrow statement, a leaner store — became the
 * app's code; the bare replay of those scenarios now measures them directly.)
 */
import { closedLoopOps, runBare, type LoopOptions, type LoopResult } from './bare';
import type { Dataset } from './dataset';
import type { Scenario } from './scenarios';
import { embedsAudit, roleOf, type SqlClient, type TappedQuery } from './sql';
import type { ScenarioTrace } from './trace';

export interface ExperimentResult extends LoopResult {
  key: string;
  title: string;
  statementsPerOp: number;
}

/** The session lookup of every signed-in request without the rate-limit count the app folds into it. */
const SESSION_ONLY = `
SELECT s.user_id, s.user_kind, s.csrf_token, s.created_at, s.last_seen_at, u.staff_id, u.patient_id, u.disabled, u.totp_enabled,
       st.role AS staff_role, st.active AS staff_active, coalesce((c.settings->>'requireAdminTotp')::boolean, false) AS require_admin_totp
  FROM sessions s
  JOIN users u ON u.clinic_id = s.clinic_id AND u.id = s.user_id
  JOIN clinics c ON c.id = s.clinic_id
  LEFT JOIN staff_members st ON st.clinic_id = u.clinic_id AND st.id = u.staff_id
 WHERE s.clinic_id = $1::uuid AND s.token_hash = $2`;

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

/** The audit append a data statement embeds, as a statement of its own with the same two parameters. */
function auditOf(q: TappedQuery): TappedQuery | undefined {
  const m = /audit_append\(\$(\d+)::uuid, \$(\d+)::jsonb\)/i.exec(q.text);
  if (!m) return undefined;
  return { text: 'SELECT audit_append($1::uuid, $2::jsonb)', params: [q.params[Number(m[1]) - 1], q.params[Number(m[2]) - 1]], wave: q.wave, ms: 0 };
}

export async function runExperiments(x: ExperimentContext): Promise<ExperimentResult[]> {
  const out: ExperimentResult[] = [];
  const find = (key: string) => ({ scenario: x.scenarios.find((s) => s.key === key)!, trace: x.traces.find((t) => t.key === key)! });
  const overview = find('overview');
  const list = find('list');
  const base = { sql: x.sql, password: x.password, ...x.loop };
  const audit = (q: { text: string }) => roleOf(q.text) === 'audit';
  const clinicId = x.dataset.clinicId;

  // The overview appends its audit event inside its data statement: replay that append alone.
  const overviewAudit = {
    ...overview.trace,
    templates: overview.trace.templates.map((t) => t.flatMap((q) => (audit(q) ? [q] : embedsAudit(q.text) ? [auditOf(q)!] : []))),
  };
  for (const [concurrency, label] of [[1, 'one at a time'], [x.concurrency, `${x.concurrency} at once`]] as const) {
    const r = await runBare(overview.scenario, overviewAudit, 'full', { ...base, concurrency });
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

  return out;
}
