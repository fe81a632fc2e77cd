import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clinics } from './clinics';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Messages to people, written in the same transaction as the change that causes them and delivered by the
 * dispatcher (src/server/outbox). A row is claimed by setting a lease (locked_until) under FOR UPDATE SKIP LOCKED,
 * so with several app instances each message goes out once.
 */
export const outbox = pgTable(
  'outbox',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    sentAt: ts('sent_at'),
    /** What the message is about (e.g. "appointment:<id>"), so reminders can be replaced or withdrawn. */
    ref: text('ref'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    check('outbox_status_check', sql`${t.status} in ('pending', 'sent', 'failed')`),
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('outbox_clinic_created_idx').on(t.clinicId, t.createdAt),
    index('outbox_ref_idx').on(t.clinicId, t.ref).where(sql`${t.ref} is not null`),
  ],
);
