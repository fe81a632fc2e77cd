/**
 * Instants are shown in the clinic's time zone with the zone's name ("Nov 25, 2026, 9:14 AM PST"); calendar dates
 * (birth dates, measurement days) are plain dates and are shown without any zone conversion.
 */
import { Temporal } from 'temporal-polyfill';

const instantFormats = new Map<string, Intl.DateTimeFormat>();

export function formatInstant(iso: string, timeZone: string): string {
  let format = instantFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
    });
    instantFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

const dateFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });

/** "1986-04-12" → "Apr 12, 1986". */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return dateFormat.format(new Date(Date.UTC(y, m - 1, d)));
}

/** Whole years between a birth date and today in the clinic's zone. */
export function ageOn(dateOfBirth: string, timeZone: string): number | null {
  try {
    const today = Temporal.Now.plainDateISO(timeZone);
    return Temporal.PlainDate.from(dateOfBirth).until(today, { largestUnit: 'years' }).years;
  } catch {
    return null;
  }
}

/** Today's date (YYYY-MM-DD) in the clinic's zone. */
export function todayIn(timeZone: string): string {
  return Temporal.Now.plainDateISO(timeZone).toString();
}

/** The instant at which a clinic-local day starts, as an ISO string with offset (for API filters). */
export function startOfDay(isoDate: string, timeZone: string): string {
  return Temporal.PlainDate.from(isoDate).toZonedDateTime({ timeZone }).toInstant().toString();
}

/** The instant at which the clinic-local day after `isoDate` starts (an inclusive "to" day). */
export function endOfDay(isoDate: string, timeZone: string): string {
  return Temporal.PlainDate.from(isoDate).add({ days: 1 }).toZonedDateTime({ timeZone }).toInstant().toString();
}

/** The zone's short name right now, e.g. "PST". */
export function zoneName(timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** How long ago an instant was, in words: "just now", "25 min ago", "3 h ago", "2 days ago". */
export function formatAgo(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** A datetime-local value ("2026-11-25T09:30") read in the clinic's zone → an ISO instant for the API. */
export function localInputToInstant(value: string, timeZone: string): string {
  return Temporal.PlainDateTime.from(value).toZonedDateTime(timeZone).toInstant().toString();
}

/** Now in the clinic's zone as a datetime-local value ("2026-11-25T09:30"). */
export function nowInputValue(timeZone: string): string {
  return Temporal.Now.plainDateTimeISO(timeZone).toString({ smallestUnit: 'minute' });
}

// ---- scheduling: appointments are instants, shown and picked as clinic-local date and time ----------------------

const cache = new Map<string, Intl.DateTimeFormat>();
function format(key: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${key}|${timeZone}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, ...options });
    cache.set(id, f);
  }
  return f;
}

/** "Mon, Nov 30, 9:00 AM PST": an appointment's start with weekday, in the clinic's zone with the zone's name. */
export function formatSlot(iso: string, timeZone: string): string {
  return format('slot', timeZone, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso));
}

/** "9:00 AM" in the clinic's zone; "9:00 AM PST" with the zone's name. */
export function formatTime(iso: string, timeZone: string, withZone = false): string {
  return format(withZone ? 'time-zone' : 'time', timeZone, { hour: 'numeric', minute: '2-digit', ...(withZone ? { timeZoneName: 'short' } : {}) }).format(new Date(iso));
}

/** "9:00 AM – 11:30 AM PST". */
export function formatTimeRange(start: string, end: string, timeZone: string): string {
  const zone = format('zone', timeZone, { timeZoneName: 'short' }).formatToParts(new Date(start)).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return `${formatTime(start, timeZone)} – ${formatTime(end, timeZone)} ${zone}`;
}

/** "2026-11-30" → "Mon, Nov 30" (a plain calendar date, no zone conversion). */
export function formatDay(isoDate: string, withYear = false): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return format(withYear ? 'day-year' : 'day', 'UTC', { weekday: 'short', month: 'short', day: 'numeric', ...(withYear ? { year: 'numeric' } : {}) }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** The clinic-local date (YYYY-MM-DD) of an instant. */
export function localDateOf(iso: string, timeZone: string): string {
  return Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** An instant as a datetime-local value ("2026-11-30T09:00") in the clinic's zone. */
export function instantToLocalInput(iso: string, timeZone: string): string {
  return Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone).toPlainDateTime().toString({ smallestUnit: 'minute' });
}

/** A date moved by whole days ("2026-11-30", 7 → "2026-12-07"). */
export function addDays(isoDate: string, days: number): string {
  return Temporal.PlainDate.from(isoDate).add({ days }).toString();
}

/** The Monday of the week (Monday to Sunday) that contains the date. */
export function mondayOf(isoDate: string): string {
  const date = Temporal.PlainDate.from(isoDate);
  return date.subtract({ days: date.dayOfWeek - 1 }).toString();
}
