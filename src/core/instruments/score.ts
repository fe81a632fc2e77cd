/** Scoring any instrument definition: one pure function, validated input, every derived value with its rule version. */
import { fail, ok, type FieldProblem, type Result } from '../errors';
import type { InstrumentDefinition } from './definition';

export type Sex = 'female' | 'male';

export interface ScoreOptions {
  sex?: Sex | undefined;
  /** Clinic override of a `total-at-least` positive cut-off (e.g. PCL-5 31–33). */
  positiveThreshold?: number | undefined;
}

export interface RaisedFlag {
  id: string;
  item: string;
  value: number;
  message: string;
}

export interface Score {
  instrument: string;
  instrumentVersion: string;
  ruleVersion: string;
  total: number;
  severity?: string;
  positive?: boolean;
  subscales?: Record<string, number>;
  criteria?: { id: string; met: boolean };
  flags: RaisedFlag[];
}

function optionValues(def: InstrumentDefinition, answerSet: string): number[] {
  return (def.answerSets[answerSet] ?? []).map((o) => o.value);
}

export function validateAnswers(def: InstrumentDefinition, answers: readonly unknown[], options: ScoreOptions): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const required = def.items.filter((i) => i.required).length;
  if (answers.length < required || answers.length > def.items.length) {
    const expected = required === def.items.length ? `${required}` : `${required} to ${def.items.length}`;
    problems.push({ path: 'answers', message: `expected ${expected} answers in item order, got ${answers.length}` });
  }
  answers.slice(0, def.items.length).forEach((value, index) => {
    const allowed = optionValues(def, def.items[index]!.answerSet);
    if (typeof value !== 'number' || !allowed.includes(value)) {
      problems.push({ path: `answers.${index}`, message: `must be one of ${allowed.join(', ')}` });
    }
  });
  if (def.requiresSex && options.sex !== 'female' && options.sex !== 'male') {
    problems.push({ path: 'sex', message: `${def.shortTitle} scoring needs sex ("female" or "male")` });
  }
  return problems;
}

export function scoreResponse(def: InstrumentDefinition, answers: readonly unknown[], options: ScoreOptions = {}): Result<Score> {
  const problems = validateAnswers(def, answers, options);
  if (problems.length) return fail('VALIDATION_FAILED', `These answers do not fit ${def.shortTitle}.`, { fields: problems });
  const values = answers as number[];
  const contribution = new Map<string, number>();
  const raw = new Map<string, number>();
  def.items.forEach((item, index) => {
    const value = values[index];
    if (value === undefined) return;
    raw.set(item.id, value);
    if (!item.scored) return;
    const range = optionValues(def, item.answerSet);
    contribution.set(item.id, item.reverse ? Math.min(...range) + Math.max(...range) - value : value);
  });
  const total = [...contribution.values()].reduce((a, b) => a + b, 0);
  const { scoring } = def;
  const score: Score = { instrument: def.id, instrumentVersion: def.version, ruleVersion: scoring.ruleVersion, total, flags: [] };

  if (scoring.severity) {
    const band = scoring.severity.find((b) => total >= b.min && total <= b.max);
    if (band) score.severity = band.band;
  }
  if (scoring.positive) {
    const rule = scoring.positive;
    const threshold =
      rule.kind === 'total-at-least' ? (options.positiveThreshold ?? rule.threshold) : options.sex === 'female' ? rule.female : rule.male;
    score.positive = total >= threshold;
  }
  if (scoring.subscales) {
    score.subscales = Object.fromEntries(scoring.subscales.map((s) => [s.id, s.items.reduce((sum, id) => sum + (contribution.get(id) ?? 0), 0)]));
  }
  if (scoring.criteria) {
    const rule = scoring.criteria;
    const endorsed = (subscaleId: string) => {
      const items = scoring.subscales?.find((s) => s.id === subscaleId)?.items ?? [];
      return items.filter((id) => (raw.get(id) ?? -Infinity) >= rule.minItemValue).length;
    };
    score.criteria = { id: rule.id, met: rule.requirements.every((r) => endorsed(r.subscale) >= r.min) };
  }
  for (const flag of scoring.flags) {
    const value = raw.get(flag.item);
    if (value !== undefined && value >= flag.minValue) score.flags.push({ id: flag.id, item: flag.item, value, message: flag.message });
  }
  return ok(score);
}
