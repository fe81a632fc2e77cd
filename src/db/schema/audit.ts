import { bigint, foreignKey, index, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { clinics } from './clinics';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Receipt order of audit events across all clinics. audit_append() draws from it, so appending takes no lock that
 * another request waits for; the sealer (src/db/repos/audit-seal.ts) chains events in this order afterwards.
 */
export const auditEventSeq = pgSequence('audit_event_seq');

/**
 * Append-only audit trail. Rows are written only by the SQL function audit_append() (migration 0011): unchained, with
 * the SHA-256 of their content; the sealer then links them into one hash chain per clinic (audit_seals). Triggers
 * refuse UPDATE, DELETE and TRUNCATE.
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
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.seq] }),
    index('audit_events_patient_idx').on(t.clinicId, t.patientId, t.seq),
    index('audit_events_patient_ids_idx').using('gin', t.patientIds),
    index('audit_events_actor_idx').on(t.clinicId, t.actorId, t.seq),
    index('audit_events_time_idx').on(t.clinicId, t.occurredAt),
  ],
);

/**
 * One clinic's hash chain: position `seq` (1, 2, 3 … per clinic) seals the event `event_seq` with
 * hash = sha256(prev_hash | seq | the event's content_hash). Written only by the sealer; append-only like the events.
 */
export const auditSeals = pgTable(
  'audit_seals',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    eventSeq: bigint('event_seq', { mode: 'number' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    sealedAt: ts('sealed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.seq] }),
    unique('audit_seals_event_uq').on(t.clinicId, t.eventSeq),
    foreignKey({ name: 'audit_seals_event_fk', columns: [t.clinicId, t.eventSeq], foreignColumns: [auditEvents.clinicId, auditEvents.seq] }),
  ],
);

/**
 * The end of each clinic's chain: its last position and hash, and `sealed_through`, the receipt number up to which
 * every event of the clinic is sealed (events above it are waiting for the sealer).
 */
export const auditHeads = pgTable('audit_heads', {
  clinicId: uuid('clinic_id').primaryKey().references(() => clinics.id),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  sealedThrough: bigint('sealed_through', { mode: 'number' }).notNull().default(0),
});
