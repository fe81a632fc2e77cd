import { z } from 'zod';
import { APPOINTMENT_KINDS, ROUTES } from '../../../core/scheduling/protocol';
import { IsoDate, Uuid } from '../../schemas';
import { CANCEL_REASONS } from './cancel';

const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO date-time with offset, e.g. 2026-11-25T09:00:00-08:00' });

export const AppointmentDto = z.object({
  id: z.string().nullable(),
  courseId: z.string().nullable(),
  patientId: z.string(),
  kind: z.enum(['preparation', 'dosing', 'integration', 'follow-up']),
  number: z.number(),
  start: z.string(),
  end: z.string(),
  roomId: z.string(),
  therapistId: z.string(),
  nurseId: z.string().nullable(),
  staffIds: z.array(z.string()),
  status: z.enum(['proposed', 'booked', 'completed', 'cancelled', 'no-show']),
  exceptionReason: z.string().nullable(),
  cancelReason: z.string().nullable(),
});

const Failure = z.object({ step: z.string(), reason: z.string(), message: z.string(), counts: z.record(z.string(), z.number()) });
const Alternative = z.union([
  z.object({ kind: z.literal('therapist'), therapistId: z.string(), therapistName: z.string(), firstAppointment: z.string() }),
  z.object({ kind: z.literal('later-start'), start: z.string(), firstAppointment: z.string() }),
]);

export const CourseDto = z.object({
  id: z.string(),
  patientId: z.string(),
  status: z.enum(['planned', 'booked', 'paused', 'completed', 'cancelled']),
  statusReason: z.string().nullable(),
  protocol: z.object({ id: z.string(), version: z.number(), name: z.string() }),
  route: z.string(),
  therapistId: z.string(),
  timeZone: z.string(),
  appointments: z.array(AppointmentDto),
  proposal: z.object({ plannedFrom: z.string(), failure: Failure.nullable(), alternatives: z.array(Alternative) }).nullable(),
  violations: z.array(z.object({ appointmentId: z.string(), rule: z.string(), message: z.string() })),
  createdAt: z.string(),
});

export const CreateCourseBody = z.object({
  protocolId: Uuid,
  route: z.enum(ROUTES).optional(),
  therapistId: Uuid.optional(),
  startDate: IsoDate.optional(),
});

export const PlanBody = z.object({ therapistId: Uuid.optional(), startDate: IsoDate.optional() });

const Ref = { kind: z.enum(APPOINTMENT_KINDS), number: z.number().int().min(1).max(20) };
export const BookBody = z
  .object({
    appointments: z.array(z.object({ ...Ref, start: Instant, roomId: Uuid.optional() })).max(40).optional(),
    exceptions: z.array(z.object({ ...Ref, reason: z.string().trim().min(5, 'write the reason (at least a few words)').max(1000) })).max(40).optional(),
  })
  .default({});

export const RescheduleBody = z.object({
  start: Instant,
  confirm: z.boolean().optional(),
  exceptionReason: z.string().trim().min(5, 'write the reason (at least a few words)').max(1000).optional(),
});

export const MoveDto = z.object({
  appointmentId: z.string(),
  kind: z.string(),
  number: z.number(),
  from: z.object({ start: z.string(), end: z.string(), roomId: z.string() }),
  to: z.object({ start: z.string(), end: z.string(), roomId: z.string() }),
});

export const RescheduleResult = z.object({
  applied: z.boolean(),
  moves: z.array(MoveDto),
  violations: z.array(z.object({ appointmentId: z.string(), rule: z.string(), message: z.string() })),
});

export const CancelBody = z.object({
  reason: z.enum(CANCEL_REASONS),
  note: z.string().trim().max(1000).nullish(),
  /** For a dosing session: its integration session is cancelled too unless kept. */
  integration: z.enum(['cancel', 'keep']).optional(),
});

export const StopBody = z.object({ reason: z.string().trim().min(3, 'say why').max(1000) });

export const SingleAppointmentBody = z.object({
  patientId: Uuid,
  kind: z.enum(['follow-up', 'integration', 'preparation']),
  start: Instant,
  durationMinutes: z.number().int().min(15).max(240).default(60),
  roomId: Uuid,
  therapistId: Uuid,
  courseId: Uuid.optional(),
  exceptionReason: z.string().trim().min(5).max(1000).optional(),
});

export const HistoryDto = z.object({
  items: z.array(z.object({
    action: z.string(), before: z.unknown().nullable(), after: z.unknown().nullable(), reason: z.string().nullable(),
    changedBy: z.string().nullable(), changedByName: z.string().nullable(), changedAt: z.string(),
  })),
});
