import { Temporal } from 'temporal-polyfill';

export function isValidTimeZone(zone: string): boolean {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}
