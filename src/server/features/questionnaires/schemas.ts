import { z } from 'zod';
import { Uuid } from '../../schemas';

const InstrumentId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'an instrument id such as phq-9');
const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO date-time with offset, e.g. 2026-11-25T09:00:00-08:00' });

export const ResponseDto = z.object({
  id: z.string(), patientId: z.string(), instrument: z.string(), instrumentVersion: z.string(), ruleVersion: z.string(),
  answers: z.array(z.number()), total: z.number(), severity: z.string().nullable(), positive: z.boolean().nullable(),
  subscales: z.record(z.string(), z.number()).nullable(), dsm5Criteria: z.boolean().nullable(), flags: z.array(z.string()),
  submittedAt: z.string(), enteredByKind: z.enum(['patient', 'staff']), onBehalf: z.boolean(), assignmentId: z.string().nullable(),
  doseId: z.string().nullable(), offsetHours: z.number().nullable(), version: z.number(), supersedesId: z.string().nullable(),
  correctionReason: z.string().nullable(), current: z.boolean(),
});

export const Submitted = z.object({
  response: ResponseDto,
  safetyAlerts: z.array(z.object({ id: z.string(), flag: z.string(), message: z.string() })),
  /** Shown to the patient at once when a safety flag was raised. */
  crisisResources: z.string().nullable(),
});

export const AssignmentDto = z.object({
  id: z.string(), patientId: z.string(), instrument: z.object({ id: z.string(), title: z.string(), shortTitle: z.string() }),
  dueAt: z.string(), status: z.enum(['pending', 'completed', 'cancelled']), available: z.boolean(), overdue: z.boolean(),
  doseId: z.string().nullable(), offsetHours: z.number().nullable(), anchor: z.string().nullable(), scheduleId: z.string().nullable(),
  draftAnswers: z.array(z.number().nullable()).nullable(), responseId: z.string().nullable(), completedAt: z.string().nullable(),
});

export const ScheduleDto = z.object({
  id: z.string(), patientId: z.string(), instrument: z.string(), kind: z.enum(['once', 'calendar', 'dose-anchored']),
  offsetsHours: z.array(z.number()), everyDays: z.number().nullable(), startsAt: z.string(), endsAt: z.string().nullable(), active: z.boolean(),
});

export const SubmitBody = z.object({
  instrument: InstrumentId,
  answers: z.array(z.unknown()).max(200),
  sex: z.enum(['female', 'male']).optional(),
  assignmentId: Uuid.optional(),
});

export const CorrectionBody = z.object({
  answers: z.array(z.unknown()).max(200),
  reason: z.string().trim().min(3, 'say why the answers are corrected').max(1000),
  sex: z.enum(['female', 'male']).optional(),
});

export const DraftBody = z.object({ answers: z.array(z.number().int().min(-100).max(100).nullable()).max(200) });

export const ScheduleBody = z
  .object({
    instrument: InstrumentId,
    kind: z.enum(['once', 'calendar', 'dose-anchored']),
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
    everyDays: z.number().int().min(1).max(365).optional(),
    offsetsHours: z.array(z.number().int().min(-72).max(24 * 90)).min(1).max(10).optional(),
  })
  .refine((b) => b.kind !== 'calendar' || b.everyDays !== undefined, { path: ['everyDays'], message: 'required for a calendar schedule' });

export const DoseBody = z.object({ dosedAt: Instant, note: z.string().trim().max(500).optional() });
export const DoseDto = z.object({ id: z.string(), dosedAt: z.string(), note: z.string().nullable() });

export const PlanItemDto = z.object({
  instrumentId: InstrumentId,
  kind: z.enum(['intake', 'dose-anchored', 'calendar']),
  offsetsHours: z.array(z.number().int().min(-72).max(24 * 90)).max(10).default([]),
  everyDays: z.number().int().min(1).max(365).nullable().default(null),
  whenIndication: z.string().nullable().default(null),
});
