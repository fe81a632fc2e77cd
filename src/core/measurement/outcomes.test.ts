import { describe, expect, it } from 'vitest';
import { OUTCOME_RULES, summarizeOutcome } from './outcomes';

const p = (day: number, total: number) => ({ at: `2026-05-${String(day).padStart(2, '0')}T12:00:00.000Z`, total });

describe('summarizeOutcome (PHQ-9)', () => {
  const rules = OUTCOME_RULES['phq-9']!;
  it('takes the last score before the first dose as baseline and finds response and remission', () => {
    const points = [p(1, 22), p(3, 20), p(6, 14), p(10, 9), p(20, 4)];
    const s = summarizeOutcome(points, rules, '2026-05-04T17:00:00.000Z');
    expect(s.baseline?.total).toBe(20);
    expect(s.change).toBe(-16);
    expect(s.relativeChange).toBeCloseTo(-0.8);
    expect(s.response).toBe(true);
    expect(s.remission).toBe(true);
    expect(s.clinicalChange).toBe('improved');
    expect(s.firstResponseAt).toBe(p(10, 9).at);
    expect(s.firstRemissionAt).toBe(p(20, 4).at);
  });
  it('needs a 50 % drop exactly for response, and an elevated baseline', () => {
    expect(summarizeOutcome([p(1, 20), p(2, 10)], rules, null).response).toBe(true);
    expect(summarizeOutcome([p(1, 20), p(2, 11)], rules, null).response).toBe(false);
    expect(summarizeOutcome([p(1, 8), p(2, 2)], rules, null).response).toBe(false);
  });
  it('reports a worsening beyond the MCID and nothing for a single score', () => {
    expect(summarizeOutcome([p(1, 10), p(2, 15)], rules, null).clinicalChange).toBe('worse');
    expect(summarizeOutcome([p(1, 10), p(2, 14)], rules, null).clinicalChange).toBe('no-clear-change');
    const single = summarizeOutcome([p(1, 3)], rules, null);
    expect(single).toMatchObject({ change: null, response: false, remission: false, clinicalChange: null });
  });
});
