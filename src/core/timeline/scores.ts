/**
 * Questionnaire points with response and remission markers, computed by the outcome rules of
 * src/core/measurement/outcomes.ts (clinical-facts.md §1.6) so the timeline and the outcomes page never disagree.
 *
 * Each point is judged as if it were the latest: `summarizeOutcome` over the points up to it. The baseline is the
 * treatment-episode baseline, the last score at or before the course's first dose (else the first score); a point is a
 * response when it is at least 50 % below an elevated baseline, a remission when it is below the instrument's
 * remission threshold. `firstResponse` / `firstRemission` mark where each was first reached (the chart's rings).
 */
import { summarizeOutcome, type ScorePoint } from '../measurement/outcomes';
import type { InstrumentInfo, ResponseIn } from './events';

export interface ScoredPoint {
  point: ResponseIn;
  baseline: boolean;
  /** Total minus the baseline's total, for points after the baseline (null for the baseline and earlier). */
  change: number | null;
  response: boolean;
  remission: boolean;
  firstResponse: boolean;
  firstRemission: boolean;
}

/** `responses` are current (not corrected) responses of one patient, any instruments, any order. */
export function scoreMarkers(responses: readonly ResponseIn[], instruments: ReadonlyMap<string, InstrumentInfo>, firstDoseAt: string | null): ScoredPoint[] {
  const byInstrument = new Map<string, ResponseIn[]>();
  for (const r of responses) byInstrument.set(r.instrumentId, [...(byInstrument.get(r.instrumentId) ?? []), r]);
  const out: ScoredPoint[] = [];
  for (const [instrumentId, list] of byInstrument) {
    const sorted = [...list].sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : a.id < b.id ? -1 : 1));
    const rules = instruments.get(instrumentId)?.rules ?? {};
    const points: ScorePoint[] = sorted.map((r) => ({ at: r.submittedAt, total: r.total, severity: r.severity }));
    const whole = summarizeOutcome(points, rules, firstDoseAt);
    sorted.forEach((r, i) => {
      const upTo = summarizeOutcome(points.slice(0, i + 1), rules, firstDoseAt);
      const isBaseline = whole.baseline === points[i];
      const after = whole.baseline !== null && r.submittedAt > whole.baseline.at;
      out.push({
        point: r,
        baseline: isBaseline,
        change: after ? r.total - whole.baseline!.total : null,
        response: after && upTo.response,
        remission: after && upTo.remission,
        firstResponse: whole.firstResponseAt === r.submittedAt && after && upTo.response,
        firstRemission: whole.firstRemissionAt === r.submittedAt && after && upTo.remission,
      });
    });
  }
  return out;
}
