/**
 * A patient's trajectory on one instrument: every current (not corrected) score in time, the severity bands to shade,
 * the doses to mark, and the outcome summary (baseline, change, response, remission, MCID).
 */
import type { InstrumentDefinition } from '../../../core/instruments/definition';
import { OUTCOME_RULES, summarizeOutcome, type ScorePoint } from '../../../core/measurement/outcomes';
import type { Executor } from '../../../db/database';
import * as repo from '../../../db/repos/questionnaires';

export async function loadTrajectory(ex: Executor, clinicId: string, patientId: string, definition: InstrumentDefinition) {
  const [rows, doses] = await Promise.all([repo.listResponses(ex, clinicId, patientId, definition.id), repo.listDoses(ex, clinicId, patientId)]);
  const superseded = new Set(rows.map((r) => r.supersedesId).filter((x): x is string => Boolean(x)));
  const current = rows.filter((r) => !superseded.has(r.id));
  const points = current.map((r) => ({
    at: r.submittedAt.toISOString(),
    total: r.total,
    severity: r.severity,
    positive: r.positive,
    responseId: r.id,
    doseId: r.doseEventId,
    offsetHours: r.offsetHours,
  }));
  const rules = OUTCOME_RULES[definition.id] ?? { mcid: definition.scoring.mcid };
  const scorePoints: ScorePoint[] = points.map((p) => ({ at: p.at, total: p.total, severity: p.severity }));
  const firstDose = doses[0]?.dosedAt.toISOString() ?? null;
  const maxTotal = definition.items.reduce((sum, item) => {
    if (!item.scored) return sum;
    const values = (definition.answerSets[item.answerSet] ?? []).map((o) => o.value);
    return sum + Math.max(...values);
  }, 0);
  return {
    instrument: { id: definition.id, title: definition.title, shortTitle: definition.shortTitle, maxTotal },
    bands: definition.scoring.severity?.map((b) => ({ band: b.band, label: b.label, min: b.min, max: b.max })) ?? [],
    mcid: rules.mcid ?? null,
    remissionBelow: rules.remissionBelow ?? null,
    /** Response (a 50 % drop) is judged only from a baseline at least this high. */
    responseBaselineAtLeast: rules.responseBaselineAtLeast ?? null,
    points,
    doses: doses.map((d) => ({ id: d.id, at: d.dosedAt.toISOString() })),
    summary: summarizeOutcome(scorePoints, rules, firstDose),
  };
}
