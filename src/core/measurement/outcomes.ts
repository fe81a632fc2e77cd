/**
 * Measurement-based care outcomes (clinical-facts.md §1.6): baseline, change, response (≥ 50 % lower than an
 * elevated baseline), remission (PHQ-9 below 5) and change against the minimal clinically important difference.
 */
export interface ScorePoint {
  at: string; // ISO instant
  total: number;
  severity?: string | null;
}

export interface OutcomeRules {
  /** Remission when the latest total is below this (PHQ-9: 5). */
  remissionBelow?: number;
  /** Response needs a baseline at or above this (an "elevated" index score; PHQ-9: 10). */
  responseBaselineAtLeast?: number;
  /** Minimal clinically important difference of the total. */
  mcid?: number;
}

export const OUTCOME_RULES: Record<string, OutcomeRules> = {
  'phq-9': { remissionBelow: 5, responseBaselineAtLeast: 10, mcid: 5 },
  'gad-7': { responseBaselineAtLeast: 10, mcid: 4 },
  'pcl-5': { responseBaselineAtLeast: 33, mcid: 10 },
};

export interface OutcomeSummary {
  baseline: ScorePoint | null;
  latest: ScorePoint | null;
  change: number | null;
  /** Relative change from baseline (negative = improvement), e.g. -0.5 for a 50 % drop. */
  relativeChange: number | null;
  response: boolean;
  remission: boolean;
  /** Improvement of at least the MCID: 'improved'; a worsening of at least the MCID: 'worse'; otherwise 'no-clear-change'. */
  clinicalChange: 'improved' | 'worse' | 'no-clear-change' | null;
  /** The first point at which response / remission was reached (markers on the chart). */
  firstResponseAt: string | null;
  firstRemissionAt: string | null;
}

/**
 * `points` in time order. The baseline is the last score at or before the first dose when there is one (the
 * treatment-episode baseline), else the first score.
 */
export function summarizeOutcome(points: readonly ScorePoint[], rules: OutcomeRules, firstDoseAt: string | null): OutcomeSummary {
  const empty: OutcomeSummary = {
    baseline: null, latest: null, change: null, relativeChange: null, response: false, remission: false, clinicalChange: null, firstResponseAt: null, firstRemissionAt: null,
  };
  if (points.length === 0) return empty;
  const beforeDose = firstDoseAt ? points.filter((p) => p.at <= firstDoseAt) : [];
  const baseline = beforeDose.length ? beforeDose[beforeDose.length - 1]! : points[0]!;
  const latest = points[points.length - 1]!;
  const after = points.filter((p) => p.at > baseline.at);
  const elevated = rules.responseBaselineAtLeast === undefined || baseline.total >= rules.responseBaselineAtLeast;
  const responds = (p: ScorePoint) => elevated && baseline.total > 0 && p.total <= baseline.total * 0.5;
  const remits = (p: ScorePoint) => rules.remissionBelow !== undefined && p.total < rules.remissionBelow;
  const change = latest === baseline ? null : latest.total - baseline.total;
  return {
    baseline,
    latest,
    change,
    relativeChange: change === null || baseline.total === 0 ? null : change / baseline.total,
    response: latest !== baseline && responds(latest),
    remission: latest !== baseline && remits(latest),
    clinicalChange:
      change === null || rules.mcid === undefined ? null : change <= -rules.mcid ? 'improved' : change >= rules.mcid ? 'worse' : 'no-clear-change',
    firstResponseAt: after.find(responds)?.at ?? null,
    firstRemissionAt: after.find(remits)?.at ?? null,
  };
}
