/**
 * Local days of an IANA zone as plain numbers, fast: the planner asks "which local day is this instant on?" and
 * "when does the day N days later begin?" thousands of times per plan, and each Temporal zone conversion in the
 * polyfill costs tens of microseconds (it was 43 % of planning time). Days are counted as epoch days (days since
 * 1970-01-01 of the proleptic Gregorian calendar); a day's first instant is computed with Temporal once per
 * (zone, day) and remembered.
 *
 * A local wall time on a day of 24 hours is the day's first instant plus the time: such a day has no offset
 * change (a change would make it 23 or 25 hours long). On the few days that do change (DST), Temporal answers
 * with the "compatible" rule, as before. The memo is a pure function's cache (same input, same output); it is
 * bounded, and cleared when full.
 */
import { Temporal } from 'temporal-polyfill';

const DAY_MS = 86_400_000;
const MEMO_LIMIT = 50_000;
const dayStarts = new Map<string, number>();
const wallTimes = new Map<string, number>();

function remember(map: Map<string, number>, key: string, compute: () => number): number {
  const hit = map.get(key);
  if (hit !== undefined) return hit;
  if (map.size >= MEMO_LIMIT) map.clear();
  const value = compute();
  map.set(key, value);
  return value;
}

/** The proleptic Gregorian date of an epoch day (Howard Hinnant's civil_from_days). */
export function civilFromEpochDay(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The epoch day of a plain date. */
export const epochDayOf = (date: Temporal.PlainDate): number => Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);

/** "YYYY-MM-DD" of an epoch day. */
export function isoDateOf(epochDay: number): string {
  const { year, month, day } = civilFromEpochDay(epochDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const plainDateOf = (epochDay: number): Temporal.PlainDate => {
  const { year, month, day } = civilFromEpochDay(epochDay);
  return Temporal.PlainDate.from({ year, month, day });
};

/** ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export const weekdayOf = (epochDay: number): number => ((((epochDay + 3) % 7) + 7) % 7) + 1;

/** The first instant (epoch ms) of a local day in the zone. */
export function dayStart(epochDay: number, zone: string): number {
  return remember(dayStarts, `${zone}|${epochDay}`, () => plainDateOf(epochDay).toZonedDateTime({ timeZone: zone }).epochMilliseconds);
}

/** The local day (as an epoch day) an instant falls on in the zone. */
export function localEpochDay(epochMs: number, zone: string): number {
  // Offsets lie within ±18 hours, so the local day is the UTC day or one of its neighbours.
  const utcDay = Math.floor(epochMs / DAY_MS);
  for (const d of [utcDay, utcDay - 1, utcDay + 1]) {
    if (dayStart(d, zone) <= epochMs && epochMs < dayStart(d + 1, zone)) return d;
  }
  return epochDayOf(Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).toPlainDate());
}

/** Minutes past midnight of "HH:MM" ("24:00" is the end of the day). */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * The instant of a local wall time on a local day (Temporal's "compatible" rule: a time skipped by a spring-forward
 * change moves later; a repeated time takes its first occurrence). "24:00" is the start of the next day.
 */
export function wallTime(epochDay: number, time: string, zone: string): number {
  const minutes = minutesOf(time);
  if (minutes >= 24 * 60) return dayStart(epochDay + Math.floor(minutes / (24 * 60)), zone) + (minutes % (24 * 60)) * 60_000;
  const start = dayStart(epochDay, zone);
  if (dayStart(epochDay + 1, zone) - start === DAY_MS) return start + minutes * 60_000;
  return remember(wallTimes, `${zone}|${epochDay}|${minutes}`, () =>
    plainDateOf(epochDay)
      .toPlainDateTime({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
      .toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds);
}
