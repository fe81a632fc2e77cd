/**
 * Wall-clock availability turned into instants: clinic opening hours and closed days, staff working hours and their
 * exceptions, patient preferences. Everything is computed per local date in the clinic's IANA zone (local-days.ts:
 * Temporal's rules, remembered per day so planning stays fast), so
 * 10:00 stays 10:00 local across daylight-saving changes (a local time that does not exist on a spring-forward day
 * moves later, the "compatible" rule).
 */
import { Temporal } from 'temporal-polyfill';
import { IntervalSet, type Interval } from './intervals';
import { dayStart, epochDayOf, isoDateOf, localEpochDay, plainDateOf, wallTime, weekdayOf } from './local-days';

/** ISO weekday (1 = Monday … 7 = Sunday) → local [start, end) times "HH:MM". */
export type WeeklyHours = Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, readonly (readonly [string, string])[]>>;

export interface AvailabilityException {
  start: Temporal.Instant;
  end: Temporal.Instant;
  kind: 'off' | 'extra';
}

export interface DateRange {
  from: Temporal.PlainDate;
  /** Inclusive. */
  to: Temporal.PlainDate;
}

/** The weekly hours laid out on every date of the range (skipDates: ISO dates to leave out, e.g. closed days). */
export function weeklyIntervals(hours: WeeklyHours, range: DateRange, zone: string, skipDates: ReadonlySet<string> = new Set()): IntervalSet {
  const out: Interval[] = [];
  const last = epochDayOf(range.to);
  for (let d = epochDayOf(range.from); d <= last; d++) {
    const times = hours[weekdayOf(d) as 1];
    if (!times?.length || (skipDates.size && skipDates.has(isoDateOf(d)))) continue;
    for (const [start, end] of times) out.push({ start: wallTime(d, start, zone), end: wallTime(d, end, zone) });
  }
  return new IntervalSet(out);
}

/** Working time: weekly hours, minus time off, plus extra hours. */
export function workingTime(hours: WeeklyHours, exceptions: readonly AvailabilityException[], range: DateRange, zone: string): IntervalSet {
  const span = (kind: 'off' | 'extra') =>
    exceptions.filter((e) => e.kind === kind).map((e) => ({ start: e.start.epochMilliseconds, end: e.end.epochMilliseconds }));
  return weeklyIntervals(hours, range, zone).subtract(span('off')).union(span('extra'));
}

export const TIMES_OF_DAY = { morning: ['07:00', '12:00'], afternoon: ['12:00', '17:00'], evening: ['17:00', '21:00'] } as const;
export type TimeOfDay = keyof typeof TIMES_OF_DAY;

export interface PatientPreferences {
  /** ISO weekdays the patient can come; empty or absent: any. */
  weekdays?: readonly number[];
  /** Parts of the day; empty or absent: any. */
  timesOfDay?: readonly TimeOfDay[];
  earliestStart?: Temporal.PlainDate | null;
}

/** When the patient would come, as instants over the range (all the time when they stated no preference). */
export function patientWindows(prefs: PatientPreferences, range: DateRange, zone: string): IntervalSet {
  const weekdays = prefs.weekdays?.length ? prefs.weekdays : [1, 2, 3, 4, 5, 6, 7];
  const parts = prefs.timesOfDay?.length ? prefs.timesOfDay.map((p) => TIMES_OF_DAY[p]) : [['00:00', '24:00'] as const];
  const hours: WeeklyHours = Object.fromEntries(weekdays.map((w) => [w, parts]));
  const from = prefs.earliestStart && Temporal.PlainDate.compare(prefs.earliestStart, range.from) > 0 ? prefs.earliestStart : range.from;
  if (Temporal.PlainDate.compare(from, range.to) > 0) return IntervalSet.empty;
  return weeklyIntervals(hours, { from, to: range.to }, zone);
}

/** The local date of an instant in the zone. */
export const localDate = (epochMs: number, zone: string): Temporal.PlainDate => plainDateOf(localEpochDay(epochMs, zone));

/** The first instant of a local date. */
export const startOfDay = (date: Temporal.PlainDate, zone: string): number => dayStart(epochDayOf(date), zone);
