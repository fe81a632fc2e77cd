import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clinics, rooms, staffMembers } from './clinics';
import { patients } from './patients';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Protocol templates, versioned: a course keeps the version it started with (definition: src/core/scheduling/protocol.ts). */
export const protocols = pgTable(
  'protocols',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
    id: uuid('id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    definition: jsonb('definition').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id, t.version] })],
);

/** A staff member's weekly working hours in the clinic's zone: { "1": [["09:00","17:00"]], … } (ISO weekdays). */
export const staffAvailability = pgTable(
  'staff_availability',
  {
    clinicId: uuid('clinic_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    weeklyHours: jsonb('weekly_hours').$type<Record<string, [string, string][]>>().notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.staffId] }),
    foreignKey({ columns: [t.clinicId, t.staffId], foreignColumns: [staffMembers.clinicId, staffMembers.id] }).onDelete('cascade'),
  ],
);

/** Time off and extra hours. */
export const staffAvailabilityExceptions = pgTable(
  'staff_availability_exceptions',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    staffId: uuid('staff_id').notNull(),
    kind: text('kind', { enum: ['off', 'extra'] }).notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    note: text('note'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.staffId], foreignColumns: [staffMembers.clinicId, staffMembers.id] }).onDelete('cascade'),
    check('staff_availability_exceptions_kind_check', sql`${t.kind} in ('off', 'extra')`),
    check('staff_availability_exceptions_range_check', sql`${t.endsAt} > ${t.startsAt}`),
    index('staff_availability_exceptions_staff_idx').on(t.clinicId, t.staffId, t.startsAt),
  ],
);

/** When a patient can come: ISO weekdays, parts of the day, earliest start. */
export const patientSchedulingPreferences = pgTable(
  'patient_scheduling_preferences',
  {
    clinicId: uuid('clinic_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    weekdays: integer('weekdays').array().notNull().default(sql`'{}'::integer[]`),
    timesOfDay: text('times_of_day').array().notNull().default(sql`'{}'::text[]`),
    earliestStart: date('earliest_start', { mode: 'string' }),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.patientId] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }).onDelete('cascade'),
  ],
);

export const COURSE_STATUSES = ['planned', 'booked', 'paused', 'completed', 'cancelled'] as const;

/** A treatment course: a patient, a protocol version, a route and a care team (one therapist throughout by default). */
export const courses = pgTable(
  'courses',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    protocolId: uuid('protocol_id').notNull(),
    protocolVersion: integer('protocol_version').notNull(),
    route: text('route').notNull(),
    therapistId: uuid('therapist_id').notNull(),
    status: text('status', { enum: COURSE_STATUSES }).notNull(),
    /** The proposed plan while the course is only planned (appointments exist once booked). */
    proposal: jsonb('proposal'),
    statusReason: text('status_reason'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.protocolId, t.protocolVersion], foreignColumns: [protocols.clinicId, protocols.id, protocols.version] }),
    foreignKey({ columns: [t.clinicId, t.therapistId], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    check('courses_status_check', sql`${t.status} in ('planned', 'booked', 'paused', 'completed', 'cancelled')`),
    index('courses_patient_idx').on(t.clinicId, t.patientId, t.createdAt),
  ],
);

export const APPOINTMENT_STATUSES = ['booked', 'completed', 'cancelled', 'no-show'] as const;

/**
 * Appointments. No double booking is enforced by exclusion constraints (migration 0005) over time ranges per room,
 * therapist, nurse and patient, ignoring cancelled appointments.
 */
export const appointments = pgTable(
  'appointments',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    courseId: uuid('course_id'),
    patientId: uuid('patient_id').notNull(),
    kind: text('kind', { enum: ['preparation', 'dosing', 'integration', 'follow-up'] }).notNull(),
    /** Number within its kind in the course (dosing 3, integration 3). */
    number: integer('number').notNull().default(1),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    roomId: uuid('room_id').notNull(),
    therapistId: uuid('therapist_id').notNull(),
    nurseId: uuid('nurse_id'),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull().default('booked'),
    /** Booked although it breaks a course rule: the written reason (shown on the course). */
    exceptionReason: text('exception_reason'),
    cancelReason: text('cancel_reason'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.courseId], foreignColumns: [courses.clinicId, courses.id] }),
    foreignKey({ columns: [t.clinicId, t.roomId], foreignColumns: [rooms.clinicId, rooms.id] }),
    foreignKey({ columns: [t.clinicId, t.therapistId], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    foreignKey({ columns: [t.clinicId, t.nurseId], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    check('appointments_kind_check', sql`${t.kind} in ('preparation', 'dosing', 'integration', 'follow-up')`),
    check('appointments_status_check', sql`${t.status} in ('booked', 'completed', 'cancelled', 'no-show')`),
    check('appointments_range_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('appointments_cancel_reason_check', sql`(${t.status} = 'cancelled') = (${t.cancelReason} is not null)`),
    index('appointments_course_idx').on(t.clinicId, t.courseId, t.startsAt),
    index('appointments_patient_idx').on(t.clinicId, t.patientId, t.startsAt),
    index('appointments_clinic_time_idx').on(t.clinicId, t.startsAt),
  ],
);

/** Every change to an appointment: who, when, before, after, why. */
export const appointmentHistory = pgTable(
  'appointment_history',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    action: text('action', { enum: ['booked', 'rescheduled', 'cancelled', 'completed', 'no-show'] }).notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    changedBy: uuid('changed_by'),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [appointments.clinicId, appointments.id] }),
    index('appointment_history_appointment_idx').on(t.clinicId, t.appointmentId, t.changedAt),
  ],
);

/** Subscribable iCalendar feeds: a secret URL per staff member or patient (only the token's hash is kept), revocable. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    clinicId: uuid('clinic_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    ownerKind: text('owner_kind', { enum: ['staff', 'patient'] }).notNull(),
    ownerId: uuid('owner_id').notNull(),
    createdAt: ts('created_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.tokenHash] }), index('calendar_feeds_owner_idx').on(t.clinicId, t.ownerKind, t.ownerId)],
);
