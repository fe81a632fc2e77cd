import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clinics, staffMembers, type Address } from './clinics';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export interface EmergencyContact {
  name: string;
  relationship: string;
  phone: string;
}

export const PATIENT_STATUS_SQL = sql.raw(
  `'referred', 'screening', 'eligible', 'ineligible', 'in-course', 'maintenance', 'completed', 'discharged', 'withdrawn'`,
);

export const patients = pgTable(
  'patients',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
    id: uuid('id').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    preferredName: text('preferred_name'),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    sexAssignedAtBirth: text('sex_assigned_at_birth', { enum: ['female', 'male', 'intersex', 'unknown'] }).notNull(),
    pronouns: text('pronouns'),
    email: text('email'),
    phone: text('phone'),
    address: jsonb('address').$type<Address>(),
    emergencyContact: jsonb('emergency_contact').$type<EmergencyContact>(),
    status: text('status').notNull(),
    statusReason: text('status_reason'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    check('patients_status_check', sql`${t.status} in (${PATIENT_STATUS_SQL})`),
    check('patients_sex_check', sql`${t.sexAssignedAtBirth} in ('female', 'male', 'intersex', 'unknown')`),
    index('patients_clinic_name_idx').on(t.clinicId, t.familyName, t.givenName, t.id),
    index('patients_clinic_status_name_idx').on(t.clinicId, t.status, t.familyName, t.givenName, t.id),
  ],
);

export const patientStatusHistory = pgTable(
  'patient_status_history',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    changedBy: uuid('changed_by'),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    index('patient_status_history_patient_idx').on(t.clinicId, t.patientId, t.changedAt),
  ],
);

export const patientWeights = pgTable(
  'patient_weights',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    weightKg: numeric('weight_kg', { precision: 5, scale: 1 }).notNull(),
    measuredOn: date('measured_on', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by'),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    check('patient_weights_range_check', sql`${t.weightKg} > 0 and ${t.weightKg} < 700`),
    index('patient_weights_patient_idx').on(t.clinicId, t.patientId, t.measuredOn),
  ],
);

/** Care team: one or more therapists and at most one prescriber per patient. */
export const careTeamMembers = pgTable(
  'care_team_members',
  {
    clinicId: uuid('clinic_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    role: text('role', { enum: ['therapist', 'prescriber'] }).notNull(),
    addedAt: ts('added_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.patientId, t.staffId] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.clinicId, t.staffId], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    check('care_team_members_role_check', sql`${t.role} in ('therapist', 'prescriber')`),
    uniqueIndex('care_team_one_prescriber_idx').on(t.clinicId, t.patientId).where(sql`${t.role} = 'prescriber'`),
    index('care_team_staff_idx').on(t.clinicId, t.staffId, t.patientId),
  ],
);
