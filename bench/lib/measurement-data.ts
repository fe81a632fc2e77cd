/**
 * Measurement data for the issue #3 scenarios: a set of patients with a long PHQ-9 trajectory each (200 responses by
 * default, the trajectory scenario reads them), doses on their timeline, and the questionnaires every other treated
 * patient has answered (PHQ-9 and GAD-7 around their doses, an intake pair for patients in screening). Every stored
 * score is computed by the core's `scoreResponse`, exactly as the app would have stored it; a few responses were
 * corrected (a second version superseding the first) and a few raised the PHQ-9 item-9 flag, with their safety alert
 * acknowledged. Rows go straight into the tables in batches, like the rest of the benchmark clinic.
 */
import type { InstrumentDefinition } from '../../src/core/instruments/definition';
import { SHIPPED_INSTRUMENTS } from '../../src/core/instruments/library';
import { scoreResponse } from '../../src/core/instruments/score';
import { newId } from '../../src/db/ids';
import { insertRows, type SqlClient } from './sql';
import { rng } from './stats';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface MeasurementOptions {
  clinicId: string;
  /** Staff who record doses and enter questionnaires on a patient's behalf. */
  nurseStaffIds: string[];
  trajectoryPatients: number;
  trajectoryLength: number;
}

export interface MeasurementData {
  /** Patients with `trajectoryLength` current PHQ-9 responses each. */
  trajectoryPatientIds: string[];
  /** Everyone else: the store scenario submits for them (so the trajectories stay as long as they are). */
  storePatientIds: string[];
  /** Current PHQ-9 points per trajectory patient (the same for all). */
  pointsPerTrajectory: number;
  dosesPerTrajectory: number;
}

const def = (id: string): InstrumentDefinition => {
  const d = SHIPPED_INSTRUMENTS.find((x) => x.id === id);
  if (!d) throw new Error(`no shipped instrument ${id}`);
  return d;
};

/** Answers that add up to `total` (scored items 0–3), item 9 of the PHQ-9 set apart; sometimes the difficulty item. */
function answersFor(d: InstrumentDefinition, total: number, random: () => number, item9: number): number[] {
  const scored = d.items.filter((i) => i.scored);
  const values = scored.map(() => 0);
  const item9At = d.id === 'phq-9' ? scored.findIndex((i) => i.id === 'phq9-9') : -1;
  if (item9At >= 0) values[item9At] = item9;
  const free = values.map((_, i) => i).filter((i) => i !== item9At);
  let left = Math.max(0, Math.min(total - item9, free.length * 3));
  while (left > 0) {
    const at = free[Math.floor(random() * free.length)]!;
    if (values[at]! < 3) {
      values[at]!++;
      left--;
    }
  }
  const answers = [...values];
  const optional = d.items.filter((i) => !i.required);
  if (optional.length && random() < 0.7) answers.push(...optional.map(() => Math.min(3, Math.floor(total / 7))));
  return answers;
}

export async function loadMeasurement(sql: SqlClient, o: MeasurementOptions): Promise<{ data: MeasurementData; counts: Record<string, number> }> {
  const random = rng(20_261_125);
  const now = Date.now();
  const phq9 = def('phq-9');
  const gad7 = def('gad-7');
  const patients = (
    await sql.query<{ id: string; status: string; created_at: string | Date }>(
      // The demo's own patients keep the questionnaires the demo gave them.
      `SELECT id, status, created_at FROM patients p WHERE clinic_id = $1
          AND NOT EXISTS (SELECT 1 FROM questionnaire_responses r WHERE r.clinic_id = p.clinic_id AND r.patient_id = p.id)
        ORDER BY id`,
      [o.clinicId],
    )
  ).rows;
  const treated = new Set(['in-course', 'maintenance', 'completed', 'discharged']);
  const trajectory = patients.filter((p) => treated.has(p.status)).slice(0, o.trajectoryPatients);
  if (trajectory.length < o.trajectoryPatients) throw new Error(`only ${trajectory.length} treated patients for ${o.trajectoryPatients} trajectories`);
  const trajectoryIds = new Set(trajectory.map((p) => p.id));

  const responses: Record<string, unknown>[] = [];
  const doses: Record<string, unknown>[] = [];
  const alerts: Record<string, unknown>[] = [];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  const respond = (
    d: InstrumentDefinition, patientId: string, total: number, at: number,
    anchor: { doseId: string; offsetHours: number } | null, flagged: boolean,
  ) => {
    const answers = answersFor(d, total, random, flagged ? 1 + Math.floor(random() * 2) : 0);
    const scored = scoreResponse(d, answers, {});
    if (!scored.ok) throw new Error(`${d.id} ${JSON.stringify(answers)}: ${scored.error.message}`);
    const s = scored.value;
    const byStaff = random() < 0.2;
    const row = {
      clinic_id: o.clinicId, id: newId(), patient_id: patientId, instrument_id: d.id, instrument_version: s.instrumentVersion,
      rule_version: s.ruleVersion, answers, sex: null, total: s.total, severity: s.severity ?? null, positive: s.positive ?? null,
      subscales: s.subscales ?? null, criteria: s.criteria ?? null, flags: s.flags, assignment_id: null,
      dose_event_id: anchor?.doseId ?? null, offset_hours: anchor?.offsetHours ?? null, submitted_at: new Date(at).toISOString(),
      entered_by_kind: byStaff ? 'staff' : 'patient', entered_by: byStaff ? pick(o.nurseStaffIds) : patientId, version: 1,
      supersedes_id: null, correction_reason: null,
    };
    responses.push(row);
    for (const flag of s.flags) {
      const acknowledgedAt = new Date(Math.min(now - 60_000, at + 2 * HOUR_MS)).toISOString();
      alerts.push({
        clinic_id: o.clinicId, id: newId(), patient_id: patientId, response_id: row.id, flag: flag.id, message: flag.message, status: 'acknowledged',
        created_at: row.submitted_at, escalated_at: null, acknowledged_at: acknowledgedAt, acknowledged_by: pick(o.nurseStaffIds),
        action: 'Called the patient; safety plan reviewed', note: null,
      });
    }
    // One response in 200 was corrected: a second version with a reason, same submission time.
    if (random() < 0.005) {
      const corrected = answersFor(d, Math.max(0, s.total - 1), random, 0);
      const c = scoreResponse(d, corrected, {});
      if (!c.ok) throw new Error(c.error.message);
      responses.push({
        ...row, id: newId(), answers: corrected, total: c.value.total, severity: c.value.severity ?? null, positive: c.value.positive ?? null,
        flags: c.value.flags, entered_by_kind: 'staff', entered_by: pick(o.nurseStaffIds), version: 2, supersedes_id: row.id,
        correction_reason: 'Answers were entered on the wrong form',
      });
    }
  };
  const clamp = (n: number, max: number) => Math.max(0, Math.min(max, Math.round(n)));

  // Long trajectories: a PHQ-9 every 3.5 days; doses every three weeks from the 11th response, each with a PHQ-9
  // just before it and one a week after; the score falls from an elevated baseline and then wanders.
  const gap = 3.5 * DAY_MS;
  const firstDoseAt = 10;
  const dosesPerTrajectory = Math.max(1, Math.floor((o.trajectoryLength - firstDoseAt - 3) / 6));
  for (const p of trajectory) {
    const start = now - o.trajectoryLength * gap;
    const baseline = 14 + random() * 10;
    const doseAt = new Map<number, { id: string; at: number }>();
    for (let j = 0; j < dosesPerTrajectory; j++) {
      const k = firstDoseAt + 6 * j;
      const dose = { id: newId(), at: start + k * gap + 50 * 60_000 };
      doseAt.set(k, dose);
      doses.push({
        clinic_id: o.clinicId, id: dose.id, patient_id: p.id, dosed_at: new Date(dose.at).toISOString(), recorded_by: pick(o.nurseStaffIds), note: null,
        created_at: new Date(dose.at + 5 * 60_000).toISOString(),
      });
    }
    for (let k = 0; k < o.trajectoryLength; k++) {
      const treatedFor = Math.max(0, k - firstDoseAt);
      const level = baseline * (0.35 + 0.65 * Math.exp(-treatedFor / 25)) + (random() - 0.5) * 6;
      const before = doseAt.get(k);
      const weekAfter = doseAt.get(k - 2);
      const at = before ? before.at - 50 * 60_000 : weekAfter ? weekAfter.at + 168 * HOUR_MS + 70 * 60_000 : start + k * gap + random() * 6 * HOUR_MS;
      const anchor = before ? { doseId: before.id, offsetHours: 0 } : weekAfter ? { doseId: weekAfter.id, offsetHours: 168 } : null;
      respond(phq9, p.id, clamp(level, 24), at, anchor, random() < 0.01);
    }
  }

  // Everyone else who got as far as screening: an intake PHQ-9 and GAD-7; treated patients a handful more around doses.
  for (const p of patients) {
    if (trajectoryIds.has(p.id) || p.status === 'referred') continue;
    const created = new Date(p.created_at).getTime();
    const intake = created + 15 * DAY_MS + random() * 10 * DAY_MS;
    if (intake >= now) continue;
    const baseline = 8 + random() * 16;
    respond(phq9, p.id, clamp(baseline, 24), intake, null, random() < 0.02);
    respond(gad7, p.id, clamp(baseline * 0.8, 21), intake + 6 * 60_000, null, false);
    if (!treated.has(p.status)) continue;
    const n = 2 + Math.floor(random() * 7);
    for (let j = 0; j < n; j++) {
      const at = intake + (j + 1) * 14 * DAY_MS;
      if (at >= now - DAY_MS) break;
      const dose = { id: newId(), at };
      doses.push({
        clinic_id: o.clinicId, id: dose.id, patient_id: p.id, dosed_at: new Date(at).toISOString(), recorded_by: pick(o.nurseStaffIds), note: null,
        created_at: new Date(at + 5 * 60_000).toISOString(),
      });
      const level = baseline * (0.4 + 0.6 * Math.exp(-j / 3)) + (random() - 0.5) * 4;
      respond(phq9, p.id, clamp(level, 24), at - 50 * 60_000, { doseId: dose.id, offsetHours: 0 }, random() < 0.01);
      respond(gad7, p.id, clamp(level * 0.8, 21), at - 44 * 60_000, { doseId: dose.id, offsetHours: 0 }, false);
      if (at + 168 * HOUR_MS < now) respond(phq9, p.id, clamp(level - 1, 24), at + 168 * HOUR_MS + 70 * 60_000, { doseId: dose.id, offsetHours: 168 }, false);
    }
  }

  await insertRows(sql, 'dose_events', doses, 2000);
  await insertRows(sql, 'questionnaire_responses', responses, 2000);
  await insertRows(sql, 'safety_alerts', alerts, 2000);

  // The stored trajectories must be what the app computes: check one against the core.
  const sample = trajectory[0]!.id;
  const check = (
    await sql.query<{ n: string; bad: string }>(
      `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM questionnaire_responses l WHERE l.clinic_id = r.clinic_id AND l.supersedes_id = r.id)) AS n,
              count(*) FILTER (WHERE r.total <> (SELECT sum(v::int) FROM jsonb_array_elements_text(r.answers) WITH ORDINALITY a(v, i) WHERE i <= 9)) AS bad
         FROM questionnaire_responses r WHERE r.clinic_id = $1 AND r.patient_id = $2 AND r.instrument_id = 'phq-9'`,
      [o.clinicId, sample],
    )
  ).rows[0]!;
  if (Number(check.n) !== o.trajectoryLength || Number(check.bad) !== 0) {
    throw new Error(`trajectory check: ${check.n} current PHQ-9 responses (expected ${o.trajectoryLength}), ${check.bad} with a wrong total`);
  }

  return {
    data: {
      trajectoryPatientIds: trajectory.map((p) => p.id),
      storePatientIds: (await sql.query<{ id: string }>('SELECT id FROM patients WHERE clinic_id = $1 ORDER BY id', [o.clinicId])).rows
        .map((p) => p.id)
        .filter((id) => !trajectoryIds.has(id)),
      pointsPerTrajectory: o.trajectoryLength,
      dosesPerTrajectory,
    },
    counts: { questionnaire_responses: responses.length, dose_events: doses.length, safety_alerts: alerts.length },
  };
}
