import { describe, expect, it } from 'vitest';
import { answersToSubmit, bandLabel, offsetLabel, scheduleLabel } from './labels';

describe('questionnaire labels', () => {
  it('submits answers up to the first unanswered (optional) item', () => {
    expect(answersToSubmit([1, 0, 2, null])).toEqual([1, 0, 2]);
    expect(answersToSubmit([1, 0, 2, 3])).toEqual([1, 0, 2, 3]);
    expect(answersToSubmit([null, 1])).toEqual([]);
  });

  it('says dose offsets and schedules in words', () => {
    expect(offsetLabel(0)).toBe('before the dose');
    expect(offsetLabel(-24)).toBe('24 h before');
    expect(offsetLabel(24)).toBe('24 h after');
    expect(offsetLabel(168)).toBe('7 days after');
    expect(scheduleLabel({ kind: 'calendar', everyDays: 7, offsetsHours: [] })).toBe('Every week');
    expect(scheduleLabel({ kind: 'calendar', everyDays: 28, offsetsHours: [] })).toBe('Every 28 days');
    expect(scheduleLabel({ kind: 'dose-anchored', everyDays: null, offsetsHours: [0, 24, 168] })).toBe('Around each dose: before the dose, 24 h after, 7 days after');
    expect(bandLabel('moderately-severe')).toBe('Moderately severe');
  });
});
