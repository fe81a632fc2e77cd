import { describe, expect, it } from 'vitest';
import type { Trajectory } from './queries';
import { changeSentence, summarize } from './summary';

const base: Trajectory = {
  instrument: { id: 'phq-9', title: 'Patient Health Questionnaire (PHQ-9)', shortTitle: 'PHQ-9', maxTotal: 27 },
  bands: [],
  mcid: 5,
  remissionBelow: 5,
  points: [
    { at: '2026-10-20T17:00:00Z', total: 18, severity: 'moderately-severe', positive: null, responseId: 'a', doseId: null, offsetHours: null },
    { at: '2026-11-20T17:00:00Z', total: 4, severity: 'minimal', positive: null, responseId: 'b', doseId: null, offsetHours: null },
  ],
  doses: [{ id: 'd', at: '2026-11-05T17:00:00Z' }],
  summary: {
    baseline: { at: '2026-10-20T17:00:00Z', total: 18 },
    latest: { at: '2026-11-20T17:00:00Z', total: 4 },
    change: -14,
    relativeChange: -0.78,
    response: true,
    remission: true,
    clinicalChange: 'improved',
    firstResponseAt: '2026-11-20T17:00:00Z',
    firstRemissionAt: '2026-11-20T17:00:00Z',
  },
};

describe('a trajectory in words', () => {
  it('states the change against the MCID', () => {
    expect(changeSentence(base)).toBe('The latest score is 14 points lower than the baseline, at least the minimal clinically important difference of 5 points: a meaningful improvement.');
    expect(changeSentence({ ...base, summary: { ...base.summary, change: 3, clinicalChange: 'no-clear-change' } })).toBe(
      'The latest score is 3 points higher than the baseline, less than the minimal clinically important difference of 5 points: no clear change.',
    );
    expect(changeSentence({ ...base, summary: { ...base.summary, change: null } })).toBeNull();
  });

  it('names baseline, latest, response and remission in the clinic’s zone', () => {
    const lines = summarize(base, 'America/Los_Angeles');
    expect(lines[0]).toBe('2 PHQ-9 scores and 1 dose recorded.');
    expect(lines[1]).toBe('Baseline 18 (Moderately severe) on Oct 20, 2026, 10:00 AM PDT.');
    expect(lines[2]).toBe('Latest 4 (Minimal) on Nov 20, 2026, 9:00 AM PST.');
    expect(lines).toContain('Response (at least 50 % below baseline) first reached on Nov 20, 2026, 9:00 AM PST.');
    expect(lines).toContain('Remission (PHQ-9 below 5) first reached on Nov 20, 2026, 9:00 AM PST.');
  });

  it('says so when there is nothing yet', () => {
    expect(summarize({ ...base, points: [], summary: { ...base.summary, baseline: null, latest: null } }, 'UTC')).toEqual(['No PHQ-9 scores yet.']);
  });
});
