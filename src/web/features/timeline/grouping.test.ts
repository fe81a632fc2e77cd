import { describe, expect, it } from 'vitest';
import { filterByKind, groupByDose, groupByWeek } from './grouping';

const LA = 'America/Los_Angeles';
const e = (id: string, kind: string, at: string) => ({ id, kind, at: new Date(at).toISOString() });
// Sunday 8 March 2026 23:30 in Los Angeles is already Monday in UTC: it belongs to the week of March 2 there.
const events = [
  e('q0', 'questionnaire', '2026-03-04T18:00:00Z'),
  e('late-sunday', 'journal', '2026-03-09T06:30:00Z'),
  e('d1', 'dose', '2026-03-09T17:20:00Z'),
  e('a1', 'vitals-alert', '2026-03-09T17:35:00Z'),
  e('s1', 'session', '2026-03-10T17:00:00Z'),
  e('d2', 'dose', '2026-03-16T17:00:00Z'),
  e('j2', 'journal', '2026-03-17T17:00:00Z'),
];
const doses = [{ number: 2, at: events[5]!.at, state: 'booked' }, { number: 1, at: events[2]!.at, state: 'given' }];

describe('timeline grouping', () => {
  it('groups by clinic-local week, Monday to Sunday', () => {
    const groups = groupByWeek(events, LA);
    expect(groups.map((g) => [g.heading, g.events.map((x) => x.id)])).toEqual([
      ['Week of Mon, Mar 2, 2026', ['q0', 'late-sunday']],
      ['Week of Mon, Mar 9, 2026', ['d1', 'a1', 's1']],
      ['Week of Mon, Mar 16, 2026', ['d2', 'j2']],
    ]);
  });

  it('groups by dose: before the first, then each dose with what follows it', () => {
    const groups = groupByDose(events, doses, LA);
    expect(groups.map((g) => [g.key, g.events.map((x) => x.id)])).toEqual([
      ['before', ['q0', 'late-sunday']],
      ['dose-1', ['d1', 'a1', 's1']],
      ['dose-2', ['d2', 'j2']],
    ]);
    expect(groups[1]!.heading).toBe('Dose 1 (given), Mon, Mar 9, 2026, and after');
    expect(groups[2]!.heading).toMatch(/^Dose 2 \(booked\)/);
  });

  it('filters by kind without changing the dose groups', () => {
    const journal = filterByKind(events, new Set(['journal']));
    expect(groupByDose(journal, doses, LA).map((g) => [g.key, g.events.map((x) => x.id)])).toEqual([['before', ['late-sunday']], ['dose-2', ['j2']]]);
  });
});
