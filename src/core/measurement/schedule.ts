/**
 * When questionnaires fall due. A schedule gives an instrument once, every N days on the calendar, or anchored to
 * doses (hours before/after each dose). Calendar occurrences keep the clinic-local wall-clock time across daylight-
 * saving changes (a 09:00 weekly questionnaire stays at 09:00), so they are computed with ZonedDateTime, not by
 * adding milliseconds.
 */
import { Temporal } from 'temporal-polyfill';

export type ScheduleKind = 'once' | 'calendar' | 'dose-anchored';

export interface ScheduleSpec {
  kind: ScheduleKind;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant | null;
  everyDays: number | null;
  offsetsHours: readonly number[];
}

export interface Dose {
  id: string;
  dosedAt: Temporal.Instant;
}

export interface Occurrence {
  dueAt: Temporal.Instant;
  doseId: string | null;
  offsetHours: number | null;
}

/** Default offsets of dose-anchored measurement: before the dose, about 24 hours and 7 days after it. */
export const DEFAULT_DOSE_OFFSETS_HOURS = [0, 24, 168] as const;

const before = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) < 0;

/**
 * Every occurrence of the schedule up to `until` (inclusive), in time order. Calendar schedules stop at `endsAt`;
 * dose-anchored ones follow the doses given.
 */
export function occurrences(spec: ScheduleSpec, doses: readonly Dose[], until: Temporal.Instant, timeZone: string): Occurrence[] {
  const inRange = (t: Temporal.Instant) => !before(until, t) && (!spec.endsAt || !before(spec.endsAt, t));
  switch (spec.kind) {
    case 'once':
      return [{ dueAt: spec.startsAt, doseId: null, offsetHours: null }];
    case 'calendar': {
      const every = spec.everyDays ?? 7;
      const start = spec.startsAt.toZonedDateTimeISO(timeZone);
      const out: Occurrence[] = [];
      for (let n = 0; n < 5000; n++) {
        const dueAt = start.add({ days: n * every }).toInstant();
        if (!inRange(dueAt)) break;
        out.push({ dueAt, doseId: null, offsetHours: null });
      }
      return out;
    }
    case 'dose-anchored': {
      const out: Occurrence[] = [];
      for (const dose of doses) {
        if (before(dose.dosedAt, spec.startsAt) || (spec.endsAt && before(spec.endsAt, dose.dosedAt))) continue;
        for (const offset of spec.offsetsHours) {
          out.push({ dueAt: dose.dosedAt.add({ hours: offset }), doseId: dose.id, offsetHours: offset });
        }
      }
      return out.sort((a, b) => Temporal.Instant.compare(a.dueAt, b.dueAt));
    }
  }
}

/** How a dose-anchored occurrence is described to people ("before dose", "24 h after dose", "7 days after dose"). */
export function describeOffset(offsetHours: number | null): string | null {
  if (offsetHours === null) return null;
  if (offsetHours <= 0) return offsetHours === 0 ? 'before the dose' : `${-offsetHours} h before the dose`;
  if (offsetHours % 24 === 0 && offsetHours >= 48) return `${offsetHours / 24} days after the dose`;
  return `${offsetHours} h after the dose`;
}

/** A pending questionnaire is overdue once its grace period after the due time has passed. */
export function isOverdue(dueAt: Temporal.Instant, now: Temporal.Instant, graceHours = 24): boolean {
  return before(dueAt.add({ hours: graceHours }), now);
}
