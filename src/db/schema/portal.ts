/**
 * The patient portal (issue #6 §1): education modules (the clinic's own wording; a clinic without rows reads the
 * built-in defaults of src/core/education), which patient read which module, and intentions written before each dose.
 * An intention is never changed: a revision is a new row and the latest per appointment counts (migration 0009 adds
 * the append-only trigger).
 */
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clinics, staffMembers } from './clinics';
import { patients } from './patients';
import { appointments } from './scheduling';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const INTENTION_AUTHOR_KINDS = ['patient', 'staff'] as const;

export const educationModules = pgTable(
  'education_modules',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
    /** A slug ("what-is-kap"), stable across edits. */
    id: text('id').notNull(),
    title: text('title').notNull(),
    /** Plain text with light markdown (paragraphs, "- " lists, "## " headings). */
    body: text('body').notNull(),
    position: integer('position').notNull(),
    updatedAt: ts('updated_at').notNull(),
    /** Null for the built-in text as seeded; the staff member who last edited it otherwise. */
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.updatedBy], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    check('education_modules_id_check', sql`${t.id} ~ '^[a-z0-9][a-z0-9-]{0,59}$'`),
  ],
);

export const educationReads = pgTable(
  'education_reads',
  {
    clinicId: uuid('clinic_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    moduleId: text('module_id').notNull(),
    readAt: ts('read_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.patientId, t.moduleId] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
  ],
);

export const intentions = pgTable(
  'intentions',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    /** The dosing appointment the intention is for. */
    appointmentId: uuid('appointment_id').notNull(),
    text: text('text').notNull(),
    writtenByKind: text('written_by_kind', { enum: INTENTION_AUTHOR_KINDS }).notNull(),
    /** The patient's id or the staff member's id. */
    writtenBy: uuid('written_by').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [appointments.clinicId, appointments.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    check('intentions_written_by_kind_check', sql`${t.writtenByKind} in ('patient', 'staff')`),
    check('intentions_text_check', sql`length(trim(${t.text})) > 0`),
    index('intentions_appointment_idx').on(t.clinicId, t.appointmentId, t.createdAt),
  ],
);
