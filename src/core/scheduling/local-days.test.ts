import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { civilFromEpochDay, dayStart, epochDayOf, isoDateOf, localEpochDay, wallTime, weekdayOf } from './local-days';

/** Temporal's own answers, the reference the fast path must match. */
const reference = (date: string, time: string, zone: string) =>
  Temporal.PlainDate.from(date).toPlainDateTime(time === '24:00' ? '00:00' : time).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;

describe('local days', () => {
  it('round-trips epoch days and ISO dates, weekdays included, across centuries and leap days', () => {
    for (const iso of ['1970-01-01', '2000-02-29', '2024-02-29', '2026-03-08', '2026-11-01', '2100-03-01', '1969-12-31']) {
      const d = epochDayOf(Temporal.PlainDate.from(iso));
      expect(isoDateOf(d)).toBe(iso);
      expect(weekdayOf(d)).toBe(Temporal.PlainDate.from(iso).dayOfWeek);
      expect(civilFromEpochDay(d)).toEqual({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) });
    }
  });

  it('matches Temporal for every quarter hour around the DST changes of Los Angeles and Berlin', () => {
    const cases = [
      ['America/Los_Angeles', ['2026-03-07', '2026-03-08', '2026-03-09', '2026-10-31', '2026-11-01', '2026-11-02']],
      ['Europe/Berlin', ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26']],
    ] as const;
    for (const [zone, dates] of cases) {
      for (const date of dates) {
        const day = epochDayOf(Temporal.PlainDate.from(date));
        expect(dayStart(day, zone)).toBe(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone }).epochMilliseconds);
        for (let m = 0; m < 24 * 60; m += 15) {
          const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          expect(wallTime(day, time, zone), `${zone} ${date} ${time}`).toBe(reference(date, time, zone));
          const at = reference(date, time, zone);
          expect(isoDateOf(localEpochDay(at, zone)), `${zone} ${date} ${time}`).toBe(Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone).toPlainDate().toString());
        }
        expect(wallTime(day, '24:00', zone)).toBe(Temporal.PlainDate.from(date).add({ days: 1 }).toZonedDateTime({ timeZone: zone }).epochMilliseconds);
      }
    }
  });

  it('finds the local day of instants just before and after local midnight in a zone far from UTC', () => {
    const zone = 'Pacific/Kiritimati'; // UTC+14
    const day = epochDayOf(Temporal.PlainDate.from('2026-06-15'));
    expect(localEpochDay(dayStart(day, zone), zone)).toBe(day);
    expect(localEpochDay(dayStart(day, zone) - 1, zone)).toBe(day - 1);
    expect(localEpochDay(dayStart(day + 1, zone) - 1, zone)).toBe(day);
  });
});
