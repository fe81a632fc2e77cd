/**
 * Clinic-local time for people: local dates and times computed with Temporal in the clinic's IANA zone, and the zone's
 * short name ("PST", "PDT") for display. A local day is from its first instant to the next day's first instant, so
 * a daylight-saving day is 23 or 25 hours long and still one day.
 */
import { Temporal } from 'temporal-polyfill';

const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's short name at that instant ("PDT", "PST"; "GMT+1" where English has no abbreviation). */
export function zoneNameAt(epochMs: number, zone: string): string {
  let f = zoneNameFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    zoneNameFormats.set(zone, f);
  }
  return f.formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

export interface LocalTimes {
  /** Local date of the start, YYYY-MM-DD. */
  localDate: string;
  /** Local date and time, YYYY-MM-DDTHH:MM (no offset: read it in `timeZone`). */
  localStart: string;
  localEnd: string;
  /** The zone's short name at the start ("PDT"). */
  timeZoneName: string;
}

const minuteString = (z: Temporal.ZonedDateTime) => z.toPlainDateTime().toString({ smallestUnit: 'minute' });

export function localTimes(start: Date, end: Date, zone: string): LocalTimes {
  const s = Temporal.Instant.fromEpochMilliseconds(start.getTime()).toZonedDateTimeISO(zone);
  const e = Temporal.Instant.fromEpochMilliseconds(end.getTime()).toZonedDateTimeISO(zone);
  return { localDate: s.toPlainDate().toString(), localStart: minuteString(s), localEnd: minuteString(e), timeZoneName: zoneNameAt(start.getTime(), zone) };
}

export interface LocalDay {
  date: string;
  /** First instant of the day (ISO, UTC). */
  start: string;
  /** First instant of the next day. */
  end: string;
  /** 24, or 23 / 25 on a daylight-saving change. */
  hours: number;
}

export function localDay(date: Temporal.PlainDate, zone: string): LocalDay {
  const start = date.toZonedDateTime({ timeZone: zone });
  const end = date.add({ days: 1 }).toZonedDateTime({ timeZone: zone });
  return { date: date.toString(), start: start.toInstant().toString(), end: end.toInstant().toString(), hours: start.until(end, { largestUnit: 'hours' }).hours };
}

/** The local days of a view: one day, or the Monday-to-Sunday week that contains the date. */
export function viewDays(view: 'day' | 'week', date: Temporal.PlainDate, zone: string): LocalDay[] {
  if (view === 'day') return [localDay(date, zone)];
  const monday = date.subtract({ days: date.dayOfWeek - 1 });
  return Array.from({ length: 7 }, (_, i) => localDay(monday.add({ days: i }), zone));
}

export const todayIn = (now: Temporal.Instant, zone: string): Temporal.PlainDate => now.toZonedDateTimeISO(zone).toPlainDate();
