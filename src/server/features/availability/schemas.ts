/** Request and response shapes for staff availability and patient scheduling preferences (OpenAPI comes from these). */
import { z } from 'zod';
import { TIMES_OF_DAY } from '../../../core/scheduling/availability';
import { IsoDate } from '../../schemas';

const HHMM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const HHMM = z.string().regex(HHMM_PATTERN, 'a local time HH:MM (00:00 to 24:00)');
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** [start, end) local times; the start comes before the end. */
const Span = z
  .tuple([HHMM, HHMM])
  .refine(([a, b]) => !HHMM_PATTERN.test(a) || !HHMM_PATTERN.test(b) || a < b, 'the start must come before the end');

/** ISO weekday ("1" = Monday … "7" = Sunday) → local [start, end) pairs in the clinic's zone, not overlapping. */
export const WeeklyHours = z
  .record(z.string(), z.array(Span).max(6))
  .superRefine((hours, ctx) => {
    for (const [day, spans] of Object.entries(hours)) {
      if (!(WEEKDAYS as readonly string[]).includes(day)) {
        ctx.addIssue({ code: 'custom', path: [day], message: 'not an ISO weekday: use "1" (Monday) to "7" (Sunday)' });
        continue;
      }
      const valid = (spans ?? []).every((x) => x.length === 2 && HHMM_PATTERN.test(x[0]) && HHMM_PATTERN.test(x[1]) && x[0] < x[1]);
      if (!valid) continue;
      const sorted = [...(spans ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1));
      for (let i = 1; i < sorted.length; i++) {
        if (sorted[i]![0] < sorted[i - 1]![1]) {
          ctx.addIssue({ code: 'custom', path: [day], message: `${sorted[i]![0]}–${sorted[i]![1]} overlaps ${sorted[i - 1]![0]}–${sorted[i - 1]![1]}` });
        }
      }
    }
  });

export const AvailabilityBody = z.object({ weeklyHours: WeeklyHours });

const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO date-time with offset, e.g. 2026-11-25T09:00:00-08:00' });

export const ExceptionBody = z
  .object({
    kind: z.enum(['off', 'extra'], { message: '"off" (time off) or "extra" (extra hours)' }),
    start: Instant,
    end: Instant,
    note: z.string().trim().max(500).nullish(),
  })
  .superRefine((b, ctx) => {
    const start = Date.parse(b.start);
    const end = Date.parse(b.end);
    if (!(end > start)) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after the start' });
    else if (end - start > 366 * 24 * 3600_000) ctx.addIssue({ code: 'custom', path: ['end'], message: 'at most a year after the start' });
  });

export const ExceptionDto = z.object({
  id: z.string(),
  staffId: z.string(),
  kind: z.enum(['off', 'extra']),
  start: z.string(),
  end: z.string(),
  localStart: z.string(),
  localEnd: z.string(),
  timeZoneName: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const AvailabilityDto = z.object({
  staffId: z.string(),
  staffName: z.string(),
  role: z.string(),
  timeZone: z.string(),
  /** Only the days with hours; a missing day is a day off. */
  weeklyHours: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
  updatedAt: z.string().nullable(),
  /** Exceptions from today on (clinic-local), in time order. */
  exceptions: z.array(ExceptionDto),
});

export const ExceptionCreated = ExceptionDto.extend({
  /** Booked appointments of this staff member inside time off: they need moving (nothing is moved automatically). */
  overlappingAppointments: z.array(z.object({ id: z.string(), kind: z.string(), start: z.string(), end: z.string() })),
});

export const ExceptionsQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export const TimeOfDay = z.enum(Object.keys(TIMES_OF_DAY) as [keyof typeof TIMES_OF_DAY, ...(keyof typeof TIMES_OF_DAY)[]], {
  message: 'morning, afternoon or evening',
});

export const PreferencesBody = z.object({
  /** ISO weekdays (1 = Monday … 7 = Sunday) the patient can come; empty: any day. */
  weekdays: z.array(z.number().int().min(1, 'an ISO weekday 1–7').max(7, 'an ISO weekday 1–7')).max(7).default([]),
  /** Parts of the day (morning 07–12, afternoon 12–17, evening 17–21); empty: any time. */
  timesOfDay: z.array(TimeOfDay).max(3).default([]),
  /** No appointment before this local date. */
  earliestStart: IsoDate.nullish(),
});

export const PreferencesDto = z.object({
  patientId: z.string(),
  weekdays: z.array(z.number()),
  timesOfDay: z.array(z.string()),
  earliestStart: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** The parts of the day as local times, for display. */
  timesOfDayHours: z.record(z.string(), z.tuple([z.string(), z.string()])),
});
