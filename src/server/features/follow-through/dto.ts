/** What the follow-through routes answer: a dose with where its integration stands (times as ISO instants). */
import { z } from 'zod';
import { INTEGRATION_STATUSES, type DoseIntegration } from '../../../core/integration/status';

const iso = (t: { epochMilliseconds: number }) => new Date(t.epochMilliseconds).toISOString();

export const DoseIntegrationDto = z.object({
  doseId: z.string(),
  doseNumber: z.number(),
  doseStart: z.string(),
  /** When the dose was given (recorded by its session), or the appointment's start while it is not. */
  doseAt: z.string(),
  given: z.boolean(),
  windowStart: z.string(),
  windowEnd: z.string(),
  status: z.enum(INTEGRATION_STATUSES),
  integration: z
    .object({ id: z.string(), number: z.number(), start: z.string(), end: z.string(), status: z.enum(['booked', 'completed', 'cancelled', 'no-show']), inWindow: z.boolean() })
    .nullable(),
});

export function doseIntegrationDto(d: DoseIntegration): z.infer<typeof DoseIntegrationDto> {
  const i = d.integration;
  return {
    doseId: d.doseId, doseNumber: d.doseNumber, doseStart: iso(d.doseStart), doseAt: iso(d.givenAt), given: d.given,
    windowStart: iso(d.windowStart), windowEnd: iso(d.windowEnd), status: d.status,
    integration: i ? { id: i.id, number: i.number, start: iso(i.start), end: iso(i.end), status: i.status, inWindow: i.inWindow } : null,
  };
}

export const CourseIntegrationDto = z.object({
  courseId: z.string(),
  patientId: z.string(),
  timeZone: z.string(),
  window: z.object({ minHours: z.number(), maxHours: z.number() }),
  doses: z.array(DoseIntegrationDto),
});

export const FollowThroughItem = DoseIntegrationDto.extend({
  courseId: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  therapistId: z.string(),
  therapistName: z.string().nullable(),
  /** The post-dose check-in: for clinical staff only (null for admins, who see the schedule, not clinical data). */
  checkin: z.enum(['not-open', 'open', 'due', 'closed', 'done']).nullable(),
});

export const FollowThroughDto = z.object({
  from: z.string(),
  to: z.string(),
  counts: z.record(z.enum(INTEGRATION_STATUSES), z.number()),
  items: z.array(FollowThroughItem),
});
