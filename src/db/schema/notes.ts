/**
 * Progress notes (issue #6 §3): one per session (preparation, dosing, integration) and author, in the record.
 * Structured fields plus free text; a draft until signed, and once signed it never changes: corrections are addenda,
 * each signed and dated when written. Migration 0008 adds the triggers that enforce both at the database.
 * Templates (the prompts shown per session kind) are the clinic's to edit; a kind without a row uses the defaults
 * in src/core/notes.
 */
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { clinics, staffMembers } from './clinics';
import { patients } from './patients';
import { appointments } from './scheduling';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const PROGRESS_NOTE_KINDS = ['preparation', 'dosing', 'integration'] as const;
export const PROGRESS_NOTE_STATUSES = ['draft', 'signed'] as const;

export const progressNotes = pgTable(
  'progress_notes',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    authorId: uuid('author_id').notNull(),
    kind: text('kind', { enum: PROGRESS_NOTE_KINDS }).notNull(),
    status: text('status', { enum: PROGRESS_NOTE_STATUSES }).notNull().default('draft'),
    structured: jsonb('structured').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    text: text('text').notNull().default(''),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    signedAt: ts('signed_at'),
    signedBy: uuid('signed_by'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique('progress_notes_appointment_author_unique').on(t.clinicId, t.appointmentId, t.authorId),
    foreignKey({ columns: [t.clinicId, t.appointmentId], foreignColumns: [appointments.clinicId, appointments.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.authorId], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    foreignKey({ columns: [t.clinicId, t.signedBy], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    check('progress_notes_kind_check', sql`${t.kind} in ('preparation', 'dosing', 'integration')`),
    check('progress_notes_status_check', sql`${t.status} in ('draft', 'signed')`),
    check('progress_notes_signed_check', sql`(${t.status} = 'signed') = (${t.signedAt} is not null) and (${t.signedAt} is null) = (${t.signedBy} is null)`),
    index('progress_notes_patient_idx').on(t.clinicId, t.patientId, t.createdAt),
  ],
);

/** A correction or later addition to a signed note: signed and dated when written, never changed (append-only). */
export const progressNoteAddenda = pgTable(
  'progress_note_addenda',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    noteId: uuid('note_id').notNull(),
    authorId: uuid('author_id').notNull(),
    text: text('text').notNull(),
    signedAt: ts('signed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.noteId], foreignColumns: [progressNotes.clinicId, progressNotes.id] }),
    foreignKey({ columns: [t.clinicId, t.authorId], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    check('progress_note_addenda_text_check', sql`length(trim(${t.text})) > 0`),
    index('progress_note_addenda_note_idx').on(t.clinicId, t.noteId, t.signedAt),
  ],
);

/** The clinic's prompts for one session kind (replacing the built-in defaults for that kind). */
export const noteTemplates = pgTable(
  'note_templates',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
    kind: text('kind', { enum: PROGRESS_NOTE_KINDS }).notNull(),
    prompts: jsonb('prompts').$type<unknown>().notNull(),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: uuid('updated_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.kind] }),
    foreignKey({ columns: [t.clinicId, t.updatedBy], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    check('note_templates_kind_check', sql`${t.kind} in ('preparation', 'dosing', 'integration')`),
  ],
);
