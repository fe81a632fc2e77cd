/**
 * A patient's trajectory on one instrument: every current (not corrected) score in time, the severity bands to shade,
 * the doses to mark, and the outcome summary (baseline, change, response, remission, MCID). The scores and doses are
 * read in one statement that also appends the read's audit event.
 */
import type { AuditEventContent } from '../../../core/audit-chain';
import type { InstrumentDefinition } from '../../../core/instruments/definition';
import { OUTCOME_RULES, summarizeOutcome, type ScorePoint } from '../../../core/measurement/outcomes';
import type { Executor } from '../../../db/database';
import { readTrajectory } from '../../../db/repos/trajectory';

export async function loadTrajectory(ex: Executor, clinicId: string, patientId: string, definition: InstrumentDefinition, auditEvent: AuditEventContent) {
  const { points, doses } = await readTrajectory(ex, clinicId, patientId, definition.id, [auditEvent]);
  const rules = OUTCOME_RULES[definition.id] ?? { mcid: definition.scoring.mcid };
  const scorePoints: ScorePoint[] = points.map((p) => ({ at: p.at, total: p.total, severity: p.severity }));
  const firstDose = doses[0]?.at ?? null;
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
    doses,
    summary: summarizeOutcome(scorePoints, rules, firstDose),
  };
}
