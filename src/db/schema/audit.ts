import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clinics } from './clinics';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Append-only audit trail, one hash chain per clinic. Rows are written only by the SQL function audit_append()
 * (migration 0002), which takes the clinic's chain head FOR UPDATE; triggers refuse UPDATE, DELETE and TRUNCATE.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    actorType: text('actor_type', { enum: ['staff', 'patient', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    patientId: uuid('patient_id'),
    /** Events about several patients at once (a list view): every patient shown. */
    patientIds: uuid('patient_ids').array(),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    requestId: text('request_id'),
    outcome: text('outcome', { enum: ['allowed', 'denied'] }).notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    contentHash: text('content_hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.seq] }),
    index('audit_events_patient_idx').on(t.clinicId, t.patientId, t.seq),
    index('audit_events_patient_ids_idx').using('gin', t.patientIds),
    index('audit_events_actor_idx').on(t.clinicId, t.actorId, t.seq),
    index('audit_events_time_idx').on(t.clinicId, t.occurredAt),
  ],
);

export const auditHeads = pgTable('audit_heads', {
  clinicId: uuid('clinic_id').primaryKey().references(() => clinics.id),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});
