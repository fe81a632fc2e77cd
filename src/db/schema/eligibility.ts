import { sql } from 'drizzle-orm';
import { check, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid, integer } from 'drizzle-orm/pg-core';
import { clinics } from './clinics';
import { patients } from './patients';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The screening record: what eligibility is decided on. One current row per patient; changes are audited. */
export const screeningRecords = pgTable(
  'screening_records',
  {
    clinicId: uuid('clinic_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    indications: text('indications').array().notNull().default(sql`'{}'::text[]`),
    conditions: text('conditions').array().notNull().default(sql`'{}'::text[]`),
    medicalHistory: text('medical_history'),
    psychiatricHistory: text('psychiatric_history'),
    medications: text('medications'),
    bpSystolic: integer('bp_systolic'),
    bpDiastolic: integer('bp_diastolic'),
    bpMeasuredAt: ts('bp_measured_at'),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.patientId] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    check('screening_bp_check', sql`(${t.bpSystolic} is null) = (${t.bpDiastolic} is null)`),
  ],
);

/** Versioned eligibility rule sets; a clinic without one uses the shipped default. */
export const eligibilityRuleSets = pgTable(
  'eligibility_rule_sets',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
    version: text('version').notNull(),
    rules: jsonb('rules').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.version] }), index('eligibility_rule_sets_created_idx').on(t.clinicId, t.createdAt)],
);

/** A prescriber's eligibility decision, with the evaluation it was made against and any override. */
export const eligibilityDecisions = pgTable(
  'eligibility_decisions',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    evaluatedOutcome: text('evaluated_outcome').notNull(),
    reasons: jsonb('reasons').notNull(),
    facts: jsonb('facts').notNull(),
    ruleSetVersion: text('rule_set_version').notNull(),
    decision: text('decision', { enum: ['eligible', 'ineligible'] }).notNull(),
    overrideReason: text('override_reason'),
    status: text('status', { enum: ['final', 'awaiting-cosign', 'withdrawn'] }).notNull(),
    decidedBy: uuid('decided_by').notNull(),
    decidedAt: ts('decided_at').notNull(),
    cosignedBy: uuid('cosigned_by'),
    cosignedAt: ts('cosigned_at'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    check('eligibility_decisions_decision_check', sql`${t.decision} in ('eligible', 'ineligible')`),
    check('eligibility_decisions_cosigner_check', sql`${t.cosignedBy} is null or ${t.cosignedBy} <> ${t.decidedBy}`),
    index('eligibility_decisions_patient_idx').on(t.clinicId, t.patientId, t.decidedAt),
  ],
);
