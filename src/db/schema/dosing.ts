/**
 * The dosing session (issue #5): one per dosing appointment, keyed by the appointment. Everything that happens in it
 * is a row that is never changed afterwards (events, checklist entries, orders, administrations, vitals,
 * observations, presence); the session row keeps only the current state for the board. Migration 0006 adds the
 * append-only triggers.
 */
import { sql } from 'drizzle-orm';
import { check, customType, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staffMembers } from './clinics';
import { stockLots } from './ledger';
import { patients } from './patients';
import { appointments, courses } from './scheduling';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** Milligrams and kilograms as exact decimals (never floating point for a dose). */
const mg = (name: string) => numeric(name, { precision: 10, scale: 2 });

export const DOSING_STATES = ['scheduled', 'checked-in', 'checks-passed', 'dosed', 'monitoring', 'ready-for-discharge', 'discharged', 'aborted'] as const;

export const dosingSessions = pgTable(
  'dosing_sessions',
  {
    clinicId: uuid('clinic_id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    courseId: uuid('course_id'),
    state: text('state', { enum: DOSING_STATES }).notNull(),
    stateChangedAt: ts('state_changed_at').notNull(),
    checkedInAt: ts('checked_in_at'),
    dosedAt: ts('dosed_at'),
    dischargedAt: ts('discharged_at'),
    abortReason: text('abort_reason'),
    /** Set and setting: music or playlist, eye mask, lighting (free to grow; shown on the console). */
    setting: jsonb('setting').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** Bumped on every change: the board's change feed and optimistic checks use it. */
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.appointmentId] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [appointments.clinicId, appointments.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.courseId], foreignColumns: [courses.clinicId, courses.id] }),
    check('dosing_sessions_state_check', sql`${t.state} in ('scheduled', 'checked-in', 'checks-passed', 'dosed', 'monitoring', 'ready-for-discharge', 'discharged', 'aborted')`),
    check('dosing_sessions_abort_reason_check', sql`(${t.state} = 'aborted') = (${t.abortReason} is not null)`),
    index('dosing_sessions_patient_idx').on(t.clinicId, t.patientId, t.createdAt),
  ],
);

/** Every state change and every notable act on a session: who, when, what (append-only). */
export const dosingSessionEvents = pgTable(
  'dosing_session_events',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    kind: text('kind').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    by: uuid('by').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [dosingSessions.clinicId, dosingSessions.appointmentId] }),
    foreignKey({ columns: [t.clinicId, t.by], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    index('dosing_session_events_session_idx').on(t.clinicId, t.appointmentId, t.at),
  ],
);

/**
 * Pre-dose checklist: each recorded item and each prescriber override, with who and when (append-only; the latest
 * entry per item counts). `value` holds what was recorded (a ride's name and phone, fasting times, a test result).
 */
export const dosingChecklistEntries = pgTable(
  'dosing_checklist_entries',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    itemId: text('item_id').notNull(),
    kind: text('kind', { enum: ['record', 'override'] }).notNull(),
    value: jsonb('value'),
    reason: text('reason'),
    by: uuid('by').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [dosingSessions.clinicId, dosingSessions.appointmentId] }),
    foreignKey({ columns: [t.clinicId, t.by], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    check('dosing_checklist_entries_kind_check', sql`${t.kind} in ('record', 'override')`),
    check('dosing_checklist_entries_override_reason_check', sql`${t.kind} <> 'override' or length(trim(${t.reason})) > 0`),
    index('dosing_checklist_entries_session_idx').on(t.clinicId, t.appointmentId, t.at),
  ],
);

/**
 * Informed consent: the document version and when the patient signed it, for a course, or (course null) for dosing
 * outside a course, such as a maintenance dose.
 */
export const consentRecords = pgTable(
  'consent_records',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    courseId: uuid('course_id'),
    documentVersion: text('document_version').notNull(),
    signedAt: ts('signed_at').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.courseId], foreignColumns: [courses.clinicId, courses.id] }),
    index('consent_records_course_idx').on(t.clinicId, t.courseId, t.signedAt),
  ],
);

export const DOSE_ROUTES = ['sublingual', 'intranasal', 'intramuscular', 'intravenous'] as const;

/** A prescriber's dose order. One per session (a changed order before dosing is a new row; the latest counts). */
export const doseOrders = pgTable(
  'dose_orders',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    route: text('route', { enum: DOSE_ROUTES }).notNull(),
    /** SNOMED CT route code, kept for interoperability. */
    routeCode: text('route_code').notNull(),
    product: text('product').notNull(),
    doseMg: mg('dose_mg').notNull(),
    weightKg: mg('weight_kg'),
    mgPerKg: numeric('mg_per_kg', { precision: 8, scale: 3 }),
    infusionMinutes: integer('infusion_minutes'),
    /** The limit the order breaks, if any (kept even when overridden). */
    limitProblem: text('limit_problem'),
    overrideReason: text('override_reason'),
    orderedBy: uuid('ordered_by').notNull(),
    orderedAt: ts('ordered_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [dosingSessions.clinicId, dosingSessions.appointmentId] }),
    foreignKey({ columns: [t.clinicId, t.orderedBy], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    check('dose_orders_route_check', sql`${t.route} in ('sublingual', 'intranasal', 'intramuscular', 'intravenous')`),
    check('dose_orders_dose_check', sql`${t.doseMg} > 0`),
    check('dose_orders_iv_check', sql`${t.route} <> 'intravenous' or ${t.infusionMinutes} > 0`),
    index('dose_orders_session_idx').on(t.clinicId, t.appointmentId, t.orderedAt),
  ],
);

/** Each part given (a split dose has several), from which stock lot, by whom and when. */
export const doseAdministrations = pgTable(
  'dose_administrations',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    orderId: uuid('order_id').notNull(),
    amountMg: mg('amount_mg').notNull(),
    lotId: uuid('lot_id').notNull(),
    givenBy: uuid('given_by').notNull(),
    givenAt: ts('given_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.orderId], foreignColumns: [doseOrders.clinicId, doseOrders.id] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [dosingSessions.clinicId, dosingSessions.appointmentId] }),
    foreignKey({ columns: [t.clinicId, t.givenBy], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    foreignKey({ columns: [t.clinicId, t.lotId], foreignColumns: [stockLots.clinicId, stockLots.id] }),
    check('dose_administrations_amount_check', sql`${t.amountMg} > 0`),
    index('dose_administrations_session_idx').on(t.clinicId, t.appointmentId, t.givenAt),
  ],
);

/** Vital signs (LOINC 8480-6, 8462-4, 8867-4, 59408-5, 9279-1 in the API and exports). */
export const vitalReadings = pgTable(
  'vital_readings',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    takenAt: ts('taken_at').notNull(),
    systolic: smallint('systolic').notNull(),
    diastolic: smallint('diastolic').notNull(),
    heartRate: smallint('heart_rate').notNull(),
    spo2: smallint('spo2').notNull(),
    respiratoryRate: smallint('respiratory_rate'),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [dosingSessions.clinicId, dosingSessions.appointmentId] }),
    foreignKey({ columns: [t.clinicId, t.recordedBy], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    check('vital_readings_range_check', sql`${t.systolic} between 40 and 300 and ${t.diastolic} between 20 and 200 and ${t.diastolic} < ${t.systolic} and ${t.heartRate} between 20 and 250 and ${t.spo2} between 50 and 100`),
    index('vital_readings_session_idx').on(t.clinicId, t.appointmentId, t.takenAt),
  ],
);

export const OBSERVATION_KINDS = ['sedation', 'dissociation', 'state', 'adverse-event', 'suicide-risk-check', 'ride-present', 'note'] as const;

/**
 * Observations: sedation and dissociation on the clinic's simple scale (`level`), the patient's state, adverse
 * events with severity and the action taken, the pre-discharge suicide-risk check, the ride's arrival.
 */
export const dosingObservations = pgTable(
  'dosing_observations',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    kind: text('kind', { enum: OBSERVATION_KINDS }).notNull(),
    level: smallint('level'),
    /** Adverse event kind (nausea-vomiting, hypertension, anxiety-emergence, respiratory-depression, other). */
    eventType: text('event_type'),
    severity: text('severity', { enum: ['mild', 'moderate', 'severe'] }),
    actionTaken: text('action_taken'),
    text: text('text'),
    observedAt: ts('observed_at').notNull(),
    by: uuid('by').notNull(),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [dosingSessions.clinicId, dosingSessions.appointmentId] }),
    foreignKey({ columns: [t.clinicId, t.by], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    check('dosing_observations_kind_check', sql`${t.kind} in ('sedation', 'dissociation', 'state', 'adverse-event', 'suicide-risk-check', 'ride-present', 'note')`),
    check('dosing_observations_adverse_check', sql`${t.kind} <> 'adverse-event' or (${t.eventType} is not null and ${t.severity} is not null)`),
    index('dosing_observations_session_idx').on(t.clinicId, t.appointmentId, t.observedAt),
  ],
);

/** Who is in the room when; leaving a dosing patient alone needs a hand-over (`handoverTo`). */
export const dosingPresence = pgTable(
  'dosing_presence',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    action: text('action', { enum: ['enter', 'leave'] }).notNull(),
    handoverTo: uuid('handover_to'),
    at: ts('at').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [dosingSessions.clinicId, dosingSessions.appointmentId] }),
    foreignKey({ columns: [t.clinicId, t.staffId], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    check('dosing_presence_action_check', sql`${t.action} in ('enter', 'leave')`),
    index('dosing_presence_session_idx').on(t.clinicId, t.appointmentId, t.at),
  ],
);

/**
 * Alerts raised by a reading that crosses a threshold (warn / act): shown on the board until acknowledged with the
 * action taken. Overdue checkpoints are computed from the schedule when the board is read, not stored.
 */
export const dosingAlerts = pgTable(
  'dosing_alerts',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    readingId: uuid('reading_id'),
    level: text('level', { enum: ['warn', 'act'] }).notNull(),
    vital: text('vital').notNull(),
    message: text('message').notNull(),
    raisedAt: ts('raised_at').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by'),
    action: text('action'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [dosingSessions.clinicId, dosingSessions.appointmentId] }),
    check('dosing_alerts_level_check', sql`${t.level} in ('warn', 'act')`),
    check('dosing_alerts_ack_check', sql`(${t.acknowledgedAt} is null) = (${t.action} is null) and (${t.acknowledgedAt} is null) = (${t.acknowledgedBy} is null)`),
    index('dosing_alerts_open_idx').on(t.clinicId, t.appointmentId).where(sql`${t.acknowledgedAt} is null`),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Psychotherapy notes (45 CFR 164.501; issue #6): apart from the record, one per session and author, only ever
 * stored encrypted (AES-256-GCM; see src/server/features/psychotherapy-notes/crypto.ts). No text column exists.
 */
export const psychotherapyNotes = pgTable(
  'psychotherapy_notes',
  {
    clinicId: uuid('clinic_id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    authorId: uuid('author_id').notNull(),
    keyId: text('key_id').notNull(),
    nonce: bytea('nonce').notNull(),
    ciphertext: bytea('ciphertext').notNull(),
    tag: bytea('tag').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.appointmentId, t.authorId] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [appointments.clinicId, appointments.id] }),
    foreignKey({ columns: [t.clinicId, t.authorId], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
  ],
);
