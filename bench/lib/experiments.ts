/**
 * Small bare-driver experiments that attribute the cost of the overview and test the changes docs/performance.md
 * suggests, without changing the app: the audit append alone (does it scale with concurrency?), the session lookup
 * without the rate-limit write, the data statements as prepared statements, and the overview's data in one statement.
 */
import { closedLoopOps, runBare, type LoopOptions, type LoopResult } from './bare';
import type { Dataset } from './dataset';
import type { Scenario } from './scenarios';
import { roleOf, type SqlClient } from './sql';
import type { ScenarioTrace } from './trace';

export interface ExperimentResult extends LoopResult {
  key: string;
  title: string;
  statementsPerOp: number;
}

/** The overview's data (patient, care team, status history, weights, portal account) in one round trip. */
export const OVERVIEW_ONE_STATEMENT = `
SELECT to_jsonb(p) AS patient,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('staffId', c.staff_id, 'role', c.role, 'givenName', s.given_name,
                                               'familyName', s.family_name, 'staffRole', s.role) ORDER BY c.role, s.family_name), '[]'::jsonb)
     FROM care_team_members c JOIN staff_members s ON s.clinic_id = c.clinic_id AND s.id = c.staff_id
    WHERE c.clinic_id = p.clinic_id AND c.patient_id = p.id) AS team,
  (SELECT coalesce(jsonb_agg(to_jsonb(h) ORDER BY h.changed_at DESC), '[]'::jsonb)
     FROM (SELECT * FROM patient_status_history WHERE clinic_id = p.clinic_id AND patient_id = p.id ORDER BY changed_at DESC LIMIT 20) h) AS history,
  (SELECT coalesce(jsonb_agg(to_jsonb(w) ORDER BY w.measured_on DESC, w.recorded_at DESC), '[]'::jsonb)
     FROM (SELECT * FROM patient_weights WHERE clinic_id = p.clinic_id AND patient_id = p.id
            ORDER BY measured_on DESC, recorded_at DESC LIMIT 20) w) AS weights,
  EXISTS (SELECT 1 FROM users u WHERE u.clinic_id = p.clinic_id AND u.patient_id = p.id) AS portal_account
FROM patients p WHERE p.clinic_id = $1 AND p.id = $2`;

const CARE_TEAM_FOR_AUTHORIZATION = `
SELECT 1, c.staff_id, c.role FROM patients p
  LEFT JOIN care_team_members c ON c.clinic_id = p.clinic_id AND c.patient_id = p.id
 WHERE p.clinic_id = $1 AND p.id = $2`;

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

export async function runExperiments(x: ExperimentContext): Promise<ExperimentResult[]> {
  const out: ExperimentResult[] = [];
  const overview = x.scenarios.find((s) => s.key === 'overview')!;
  const overviewTrace = x.traces.find((t) => t.key === 'overview')!;
  const list = x.scenarios.find((s) => s.key === 'list')!;
  const listTrace = x.traces.find((t) => t.key === 'list')!;
  const base = { sql: x.sql, password: x.password, ...x.loop };
  const audit = (q: { text: string }) => roleOf(q.text) === 'audit';

  for (const [concurrency, label] of [[1, 'one at a time'], [x.concurrency, `${x.concurrency} at once`]] as const) {
    const r = await runBare(overview, overviewTrace, 'full', { ...base, concurrency, only: audit });
    out.push({ ...r, key: `audit-1-c${concurrency}`, title: `audit_append() of the overview (1 event), ${label}` });
  }
  {
    const r = await runBare(list, listTrace, 'full', { ...base, concurrency: x.concurrency, only: audit });
    out.push({ ...r, key: 'audit-50', title: `audit_append() of the list (50 events), ${x.concurrency} at once` });
  }
  {
    const r = await runBare(overview, overviewTrace, 'data+session', { ...base, concurrency: x.concurrency, only: (q) => roleOf(q.text) !== 'rate-limit' });
    out.push({ ...r, key: 'overview-no-rate-limit', title: 'overview: data + session lookup, without the rate-limit write' });
  }
  if (x.engine === 'postgres') {
    const r = await runBare(overview, overviewTrace, 'data', { ...base, concurrency: x.concurrency, prepared: true });
    out.push({ ...r, key: 'overview-prepared', title: 'overview: data statements as named prepared statements' });
  }
  {
    const ids = x.dataset.patientIds;
    const clinicId = x.dataset.clinicId;
    const check = await x.sql.query<{ patient: { id: string }; team: unknown[] }>(OVERVIEW_ONE_STATEMENT, [clinicId, ids[0]]);
    if (check.rows.length !== 1 || check.rows[0]!.patient.id !== ids[0] || !Array.isArray(check.rows[0]!.team)) {
      throw new Error('the one-statement overview did not return the patient');
    }
    const r = await closedLoopOps(
      async (i) => {
        const id = ids[i % ids.length]!;
        await x.sql.query(CARE_TEAM_FOR_AUTHORIZATION, [clinicId, id]);
        await x.sql.query(OVERVIEW_ONE_STATEMENT, [clinicId, id]);
      },
      { ...x.loop, concurrency: x.concurrency },
    );
    out.push({ ...r, key: 'overview-one-statement', title: 'overview: authorization query + all data in one statement', statementsPerOp: 2 });
  }
  return out;
}
