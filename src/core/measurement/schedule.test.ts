import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { describeOffset, isOverdue, occurrences } from './schedule';

const LA = 'America/Los_Angeles';
const instant = (s: string) => Temporal.Instant.from(s);
const local = (i: Temporal.Instant, zone = LA) => i.toZonedDateTimeISO(zone).toPlainDateTime().toString();

describe('occurrences', () => {
  it('keeps a weekly 09:00 questionnaire at 09:00 local across the spring and autumn changes', () => {
    const startsAt = Temporal.ZonedDateTime.from('2026-03-02T09:00[America/Los_Angeles]').toInstant();
    const until = Temporal.ZonedDateTime.from('2026-11-30T00:00[America/Los_Angeles]').toInstant();
    const list = occurrences({ kind: 'calendar', startsAt, endsAt: null, everyDays: 7, offsetsHours: [] }, [], until, LA);
    expect(list.length).toBeGreaterThan(35);
    for (const o of list) expect(local(o.dueAt).slice(11, 16)).toBe('09:00');
    // Across 8 March 2026 the UTC time moves by an hour.
    expect(list[0]!.dueAt.toString()).toBe('2026-03-02T17:00:00Z');
    expect(list[1]!.dueAt.toString()).toBe('2026-03-09T16:00:00Z');
  });

  it('does the same in Europe/Berlin', () => {
    const zone = 'Europe/Berlin';
    const startsAt = Temporal.ZonedDateTime.from('2026-10-19T08:30[Europe/Berlin]').toInstant();
    const list = occurrences({ kind: 'calendar', startsAt, endsAt: null, everyDays: 7, offsetsHours: [] }, [], startsAt.add({ hours: 24 * 21 + 1 }), zone);
    expect(list.map((o) => local(o.dueAt, zone))).toEqual(['2026-10-19T08:30:00', '2026-10-26T08:30:00', '2026-11-02T08:30:00', '2026-11-09T08:30:00']);
  });

  it('stops a calendar schedule at its end and at the horizon', () => {
    const startsAt = instant('2026-01-01T17:00:00Z');
    const list = occurrences({ kind: 'calendar', startsAt, endsAt: instant('2026-01-20T00:00:00Z'), everyDays: 7, offsetsHours: [] }, [], instant('2027-01-01T00:00:00Z'), LA);
    expect(list).toHaveLength(3);
  });

  it('anchors to every dose with its offsets, in time order', () => {
    const doses = [
      { id: 'd2', dosedAt: instant('2026-05-08T17:00:00Z') },
      { id: 'd1', dosedAt: instant('2026-05-01T17:00:00Z') },
    ];
    const list = occurrences({ kind: 'dose-anchored', startsAt: instant('2026-04-01T00:00:00Z'), endsAt: null, everyDays: null, offsetsHours: [0, 24, 168] }, doses, instant('2027-01-01T00:00:00Z'), LA);
    expect(list.map((o) => [o.doseId, o.offsetHours, o.dueAt.toString()])).toEqual([
      ['d1', 0, '2026-05-01T17:00:00Z'],
      ['d1', 24, '2026-05-02T17:00:00Z'],
      ['d2', 0, '2026-05-08T17:00:00Z'],
      ['d1', 168, '2026-05-08T17:00:00Z'],
      ['d2', 24, '2026-05-09T17:00:00Z'],
      ['d2', 168, '2026-05-15T17:00:00Z'],
    ]);
  });

  it('ignores doses before the schedule started', () => {
    const list = occurrences({ kind: 'dose-anchored', startsAt: instant('2026-06-01T00:00:00Z'), endsAt: null, everyDays: null, offsetsHours: [24] }, [{ id: 'old', dosedAt: instant('2026-05-01T00:00:00Z') }], instant('2027-01-01T00:00:00Z'), LA);
    expect(list).toEqual([]);
  });
});

describe('describeOffset and isOverdue', () => {
  it('describes offsets for people', () => {
    expect(describeOffset(0)).toBe('before the dose');
    expect(describeOffset(24)).toBe('24 h after the dose');
    expect(describeOffset(168)).toBe('7 days after the dose');
    expect(describeOffset(null)).toBeNull();
  });
  it('is overdue a day after it was due', () => {
    const due = instant('2026-05-01T17:00:00Z');
    expect(isOverdue(due, due.add({ hours: 23 }))).toBe(false);
    expect(isOverdue(due, due.add({ hours: 25 }))).toBe(true);
  });
});
