/**
 * The timeline's response shapes (the OpenAPI document is generated from these). The patient's shape is its own
 * union: the serializer drops any field it does not name, a second guard behind the core's field-by-field projection.
 */
import { z } from 'zod';
import { Uuid } from '../../schemas';

const at = { id: z.string(), at: z.string() };
const AppointmentStatus = z.enum(['booked', 'completed', 'cancelled', 'no-show']);
const SessionKind = z.enum(['preparation', 'integration', 'follow-up']);
const DoseState = z.enum(['booked', 'in-progress', 'given', 'aborted', 'no-show']);
const PlanChange = { itemId: z.string(), change: z.enum(['created', 'revised', 'reviewed']), status: z.enum(['active', 'done', 'dropped']), insight: z.string(), commitment: z.string(), timeframe: z.string(), measure: z.string(), note: z.string().nullable(), by: z.enum(['patient', 'staff']) };
const Checkin = { doseNumber: z.number(), mood: z.number(), sleep: z.string(), safety: z.string(), difficult: z.string().nullable() };

const Vitals = z.object({
  readings: z.number(), peakSystolic: z.number(), peakDiastolic: z.number(), peakHeartRate: z.number(), lowestSpo2: z.number(),
  preDose: z.object({ systolic: z.number(), diastolic: z.number(), heartRate: z.number(), spo2: z.number() }).nullable(),
});
const DoseSummary = z.object({
  route: z.string().nullable(), product: z.string().nullable(), orderedMg: z.number().nullable(), givenMg: z.number().nullable(), weightKg: z.number().nullable(),
  mgPerKg: z.number().nullable(), infusionMinutes: z.number().nullable(), overridden: z.boolean(), vitals: Vitals.nullable(),
  alerts: z.object({ warn: z.number(), act: z.number(), unacknowledged: z.number() }), adverseEvents: z.number(), peakSedation: z.number().nullable(), peakDissociation: z.number().nullable(),
});

export const StaffEvent = z.discriminatedUnion('kind', [
  z.object({ ...at, kind: z.literal('session'), appointmentId: z.string(), sessionKind: SessionKind, number: z.number(), status: AppointmentStatus, end: z.string(), themes: z.array(z.string()) }),
  z.object({ ...at, kind: z.literal('intention'), appointmentId: z.string(), doseNumber: z.number(), text: z.string(), writtenBy: z.enum(['patient', 'staff']), revisions: z.number() }),
  z.object({
    ...at, kind: z.literal('dose'), appointmentId: z.string(), number: z.number(), state: DoseState, dosed: z.boolean(), dischargedAt: z.string().nullable(),
    abortReason: z.string().nullable(), summary: DoseSummary,
  }),
  z.object({
    ...at, kind: z.literal('vitals-alert'), appointmentId: z.string(), doseNumber: z.number(), level: z.enum(['warn', 'act']), vital: z.string(), message: z.string(),
    acknowledged: z.boolean(), action: z.string().nullable(),
  }),
  z.object({
    ...at, kind: z.literal('observation'), appointmentId: z.string(), doseNumber: z.number(), observation: z.enum(['sedation', 'dissociation', 'state', 'suicide-risk-check', 'note']),
    level: z.number().nullable(), text: z.string().nullable(),
  }),
  z.object({
    ...at, kind: z.literal('adverse-event'), appointmentId: z.string(), doseNumber: z.number(), eventType: z.string(), severity: z.enum(['mild', 'moderate', 'severe']),
    actionTaken: z.string().nullable(), text: z.string().nullable(),
  }),
  z.object({
    ...at, kind: z.literal('questionnaire'), responseId: z.string(), instrumentId: z.string(), instrumentTitle: z.string(), total: z.number(), maxTotal: z.number().nullable(),
    severity: z.string().nullable(), severityLabel: z.string().nullable(), baseline: z.boolean(), change: z.number().nullable(), response: z.boolean(), remission: z.boolean(),
    firstResponse: z.boolean(), firstRemission: z.boolean(), flagged: z.boolean(), doseNumber: z.number().nullable(), offsetHours: z.number().nullable(),
  }),
  z.object({ ...at, kind: z.literal('checkin'), appointmentId: z.string(), ...Checkin }),
  z.object({
    ...at, kind: z.literal('journal'), entryId: z.string(), doseNumber: z.number().nullable(), prompt: z.string().nullable(), text: z.string(), mood: z.number().nullable(),
    shared: z.boolean(), sharedAt: z.string().nullable(),
  }),
  z.object({ ...at, kind: z.literal('action-plan'), ...PlanChange }),
]);

export const PatientEvent = z.discriminatedUnion('kind', [
  z.object({ ...at, kind: z.literal('session'), sessionKind: SessionKind, number: z.number(), status: AppointmentStatus }),
  z.object({ ...at, kind: z.literal('intention'), doseNumber: z.number(), text: z.string() }),
  z.object({ ...at, kind: z.literal('dose'), number: z.number(), state: DoseState, route: z.string().nullable(), mg: z.number().nullable() }),
  z.object({
    ...at, kind: z.literal('questionnaire'), instrumentId: z.string(), title: z.string(), total: z.number(), maxTotal: z.number().nullable(), band: z.string().nullable(),
    halvedSinceStart: z.boolean(), lowRange: z.boolean(), start: z.boolean(),
  }),
  z.object({ ...at, kind: z.literal('checkin'), ...Checkin }),
  z.object({ ...at, kind: z.literal('journal'), entryId: z.string(), doseNumber: z.number().nullable(), prompt: z.string().nullable(), text: z.string(), mood: z.number().nullable(), shared: z.boolean() }),
  z.object({ ...at, kind: z.literal('action-plan'), ...PlanChange }),
]);

const CourseStatus = z.enum(['planned', 'booked', 'paused', 'completed', 'cancelled']);
const CourseRef = z.object({ id: z.string(), status: CourseStatus, route: z.string(), createdAt: z.string() });
const ShownCourse = CourseRef.extend({ from: z.string(), to: z.string().nullable(), firstDoseAt: z.string().nullable() });

const Band = z.object({ band: z.string(), label: z.string(), min: z.number(), max: z.number() });

export const StaffTimeline = z.object({
  patientId: z.string(),
  course: ShownCourse.nullable(),
  courses: z.array(CourseRef),
  instruments: z.array(z.object({
    id: z.string(), title: z.string(), shortTitle: z.string(), maxTotal: z.number(), bands: z.array(Band),
    remissionBelow: z.number().nullable(), responseBaselineAtLeast: z.number().nullable(),
  })),
  events: z.array(StaffEvent),
});

export const PatientTimeline = z.object({
  course: ShownCourse.nullable(),
  courses: z.array(CourseRef),
  instruments: z.array(z.object({ id: z.string(), title: z.string(), maxTotal: z.number(), bands: z.array(z.object({ label: z.string(), min: z.number(), max: z.number() })) })),
  events: z.array(PatientEvent),
});

export const TimelineQuery = z.object({ courseId: Uuid.optional() });
