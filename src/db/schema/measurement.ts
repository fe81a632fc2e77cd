import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clinics } from './clinics';
import { patients } from './patients';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Instrument definitions a clinic imported (it holds the licence); shipped instruments live in code. */
export const instrumentDefinitions = pgTable(
  'instrument_definitions',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
    instrumentId: text('instrument_id').notNull(),
    version: text('version').notNull(),
    definition: jsonb('definition').notNull(),
    importedBy: uuid('imported_by'),
    importedAt: ts('imported_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.instrumentId, t.version] })],
);

/** The clinic's measurement plan: which instrument when (intake, anchored to doses, on a calendar). */
export const measurementPlanItems = pgTable(
  'measurement_plan_items',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
    id: uuid('id').notNull(),
    instrumentId: text('instrument_id').notNull(),
    kind: text('kind', { enum: ['intake', 'dose-anchored', 'calendar'] }).notNull(),
    /** Dose-anchored: hours relative to each dose (negative = before it). */
    offsetsHours: integer('offsets_hours').array().notNull().default(sql`'{}'::integer[]`),
    everyDays: integer('every_days'),
    /** Only for patients with this indication (e.g. PCL-5 when PTSD is an indication). */
    whenIndication: text('when_indication'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    check('measurement_plan_kind_check', sql`${t.kind} in ('intake', 'dose-anchored', 'calendar')`),
    check('measurement_plan_every_check', sql`(${t.kind} = 'calendar') = (${t.everyDays} is not null)`),
  ],
);

/**
 * A recorded dose time. Until dosing sessions exist it stands in for a dose (issue #3 §2); dosing sessions will
 * reference it, so dose-anchored questionnaires keep one anchor.
 */
export const doseEvents = pgTable(
  'dose_events',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    dosedAt: ts('dosed_at').notNull(),
    recordedBy: uuid('recorded_by'),
    note: text('note'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    index('dose_events_patient_idx').on(t.clinicId, t.patientId, t.dosedAt),
  ],
);

/** Standing orders: give an instrument once, on a calendar, or anchored to every dose. */
export const questionnaireSchedules = pgTable(
  'questionnaire_schedules',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    instrumentId: text('instrument_id').notNull(),
    kind: text('kind', { enum: ['once', 'calendar', 'dose-anchored'] }).notNull(),
    offsetsHours: integer('offsets_hours').array().notNull().default(sql`'{}'::integer[]`),
    everyDays: integer('every_days'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at'),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    index('questionnaire_schedules_patient_idx').on(t.clinicId, t.patientId),
  ],
);

/** One questionnaire due for one patient at one time (materialised from a schedule). */
export const questionnaireAssignments = pgTable(
  'questionnaire_assignments',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    instrumentId: text('instrument_id').notNull(),
    scheduleId: uuid('schedule_id'),
    doseEventId: uuid('dose_event_id'),
    offsetHours: integer('offset_hours'),
    dueAt: ts('due_at').notNull(),
    status: text('status', { enum: ['pending', 'completed', 'cancelled'] }).notNull().default('pending'),
    responseId: uuid('response_id'),
    /** Answers so far, so an interrupted questionnaire resumes where it stopped. */
    draftAnswers: jsonb('draft_answers').$type<(number | null)[]>(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    check('questionnaire_assignments_status_check', sql`${t.status} in ('pending', 'completed', 'cancelled')`),
    index('questionnaire_assignments_patient_idx').on(t.clinicId, t.patientId, t.status, t.dueAt),
    index('questionnaire_assignments_due_idx').on(t.clinicId, t.status, t.dueAt),
    // One assignment per schedule occurrence; calendar occurrences have no dose, so NULLs must count as equal.
    unique('questionnaire_assignments_occurrence_key').on(t.clinicId, t.scheduleId, t.dueAt, t.doseEventId).nullsNotDistinct(),
  ],
);

/**
 * A submitted questionnaire with its score. Never changes (a trigger refuses UPDATE and DELETE); a correction is a new
 * row with `supersedes_id` and a reason, and a response can be superseded once.
 */
export const questionnaireResponses = pgTable(
  'questionnaire_responses',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    instrumentId: text('instrument_id').notNull(),
    instrumentVersion: text('instrument_version').notNull(),
    ruleVersion: text('rule_version').notNull(),
    answers: jsonb('answers').$type<number[]>().notNull(),
    sex: text('sex'),
    total: integer('total').notNull(),
    severity: text('severity'),
    positive: boolean('positive'),
    subscales: jsonb('subscales').$type<Record<string, number>>(),
    criteria: jsonb('criteria').$type<{ id: string; met: boolean }>(),
    flags: jsonb('flags').$type<{ id: string; item: string; value: number; message: string }[]>().notNull(),
    assignmentId: uuid('assignment_id'),
    doseEventId: uuid('dose_event_id'),
    offsetHours: integer('offset_hours'),
    submittedAt: ts('submitted_at').notNull(),
    /** Who entered it: the patient, or a staff member on the patient's behalf. */
    enteredByKind: text('entered_by_kind', { enum: ['patient', 'staff'] }).notNull(),
    enteredBy: uuid('entered_by').notNull(),
    version: integer('version').notNull().default(1),
    supersedesId: uuid('supersedes_id'),
    correctionReason: text('correction_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    uniqueIndex('questionnaire_responses_supersedes_idx').on(t.clinicId, t.supersedesId),
    check('questionnaire_responses_correction_check', sql`(${t.supersedesId} is null) = (${t.correctionReason} is null)`),
    index('questionnaire_responses_patient_idx').on(t.clinicId, t.patientId, t.instrumentId, t.submittedAt),
  ],
);

/** A safety alert raised by a flag (e.g. PHQ-9 item 9): open until a staff member documents the action taken. */
export const safetyAlerts = pgTable(
  'safety_alerts',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    responseId: uuid('response_id'),
    flag: text('flag').notNull(),
    message: text('message').notNull(),
    status: text('status', { enum: ['open', 'acknowledged'] }).notNull().default('open'),
    createdAt: ts('created_at').notNull(),
    escalatedAt: ts('escalated_at'),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by'),
    action: text('action'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    check('safety_alerts_status_check', sql`${t.status} in ('open', 'acknowledged')`),
    check('safety_alerts_ack_check', sql`(${t.status} = 'acknowledged') = (${t.acknowledgedAt} is not null and ${t.action} is not null)`),
    index('safety_alerts_status_idx').on(t.clinicId, t.status, t.createdAt),
    index('safety_alerts_patient_idx').on(t.clinicId, t.patientId, t.createdAt),
  ],
);
