/**
 * Preparation and integration (issue #6 §1, §2, §4): the therapist's preparation guide per preparation session, the
 * patient's post-dose check-in the morning after a dose, the patient's journal (private unless shared), and the
 * action plan (insights → commitments) reviewed at each integration session.
 *
 * The guide and journal entries are working documents (updated in place; each change audited). Check-ins are a
 * record of what the patient said (append-only; migration 0010 adds the trigger). Action-plan items change through
 * reviews, and every review is kept (append-only), so the timeline can show what changed when.
 */
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { staffMembers } from './clinics';
import { patients } from './patients';
import { appointments, courses } from './scheduling';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const CHECKIN_SLEEP = ['well', 'some', 'poorly', 'not-at-all'] as const;
export const CHECKIN_SAFETY = ['no', 'passive', 'active'] as const;
export const ACTION_PLAN_STATUSES = ['active', 'done', 'dropped'] as const;
export const AUTHOR_KINDS = ['patient', 'staff'] as const;

/** One guide per preparation appointment: the answers keyed by the guide's section ids (src/core/preparation). */
export const preparationGuides = pgTable(
  'preparation_guides',
  {
    clinicId: uuid('clinic_id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: uuid('updated_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.appointmentId] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [appointments.clinicId, appointments.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.updatedBy], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    index('preparation_guides_patient_idx').on(t.clinicId, t.patientId),
  ],
);

/** The patient's check-in the morning after a dose: one per dose, never changed. */
export const postDoseCheckins = pgTable(
  'post_dose_checkins',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    /** The dosing appointment the check-in follows. */
    appointmentId: uuid('appointment_id').notNull(),
    mood: integer('mood').notNull(),
    sleep: text('sleep', { enum: CHECKIN_SLEEP }).notNull(),
    difficult: text('difficult'),
    safety: text('safety', { enum: CHECKIN_SAFETY }).notNull(),
    safetyAlertId: uuid('safety_alert_id'),
    enteredByStaff: uuid('entered_by_staff'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique('post_dose_checkins_appointment_unique').on(t.clinicId, t.appointmentId),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [appointments.clinicId, appointments.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    check('post_dose_checkins_mood_check', sql`${t.mood} between 0 and 10`),
    check('post_dose_checkins_sleep_check', sql`${t.sleep} in ('well', 'some', 'poorly', 'not-at-all')`),
    check('post_dose_checkins_safety_check', sql`${t.safety} in ('no', 'passive', 'active')`),
    index('post_dose_checkins_patient_idx').on(t.clinicId, t.patientId, t.createdAt),
  ],
);

/** A journal entry: the patient's own, private until they share it with their care team (and they can unshare). */
export const journalEntries = pgTable(
  'journal_entries',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    courseId: uuid('course_id'),
    /** The dose the entry reflects on, when the patient chose one. */
    appointmentId: uuid('appointment_id'),
    /** The prompt's id from src/core/journal (null: free writing). */
    prompt: text('prompt'),
    text: text('text').notNull(),
    mood: integer('mood'),
    sharedAt: ts('shared_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.courseId], foreignColumns: [courses.clinicId, courses.id] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [appointments.clinicId, appointments.id] }),
    check('journal_entries_mood_check', sql`${t.mood} is null or ${t.mood} between 0 and 10`),
    check('journal_entries_text_check', sql`length(trim(${t.text})) > 0`),
    index('journal_entries_patient_idx').on(t.clinicId, t.patientId, t.createdAt),
  ],
);

/** An action-plan item: an insight turned into a commitment (what, when, how the patient will know). */
export const actionPlanItems = pgTable(
  'action_plan_items',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    courseId: uuid('course_id'),
    insight: text('insight').notNull(),
    commitment: text('commitment').notNull(),
    timeframe: text('timeframe').notNull().default(''),
    measure: text('measure').notNull().default(''),
    status: text('status', { enum: ACTION_PLAN_STATUSES }).notNull().default('active'),
    createdByKind: text('created_by_kind', { enum: AUTHOR_KINDS }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.courseId], foreignColumns: [courses.clinicId, courses.id] }),
    check('action_plan_items_status_check', sql`${t.status} in ('active', 'done', 'dropped')`),
    check('action_plan_items_created_by_kind_check', sql`${t.createdByKind} in ('patient', 'staff')`),
    check('action_plan_items_commitment_check', sql`length(trim(${t.commitment})) > 0`),
    index('action_plan_items_patient_idx').on(t.clinicId, t.patientId, t.createdAt),
  ],
);

/** Every change to an item (created, revised, reviewed at an integration session), never changed itself. */
export const actionPlanChanges = pgTable(
  'action_plan_changes',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    itemId: uuid('item_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    /** The integration session at which it was reviewed, if any. */
    appointmentId: uuid('appointment_id'),
    change: text('change', { enum: ['created', 'revised', 'reviewed'] }).notNull(),
    status: text('status', { enum: ACTION_PLAN_STATUSES }).notNull(),
    /** The item as it stood after the change (insight, commitment, timeframe, measure). */
    snapshot: jsonb('snapshot').$type<Record<string, string>>().notNull(),
    note: text('note'),
    byKind: text('by_kind', { enum: AUTHOR_KINDS }).notNull(),
    by: uuid('by').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.itemId], foreignColumns: [actionPlanItems.clinicId, actionPlanItems.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [appointments.clinicId, appointments.id] }),
    check('action_plan_changes_change_check', sql`${t.change} in ('created', 'revised', 'reviewed')`),
    check('action_plan_changes_status_check', sql`${t.status} in ('active', 'done', 'dropped')`),
    index('action_plan_changes_patient_idx').on(t.clinicId, t.patientId, t.at),
    index('action_plan_changes_item_idx').on(t.clinicId, t.itemId, t.at),
  ],
);
