import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid, boolean } from 'drizzle-orm/pg-core';
import { clinics, staffMembers } from './clinics';
import { patients } from './patients';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A sign-in account, for a staff member or a patient. Email is the one globally unique value in the schema: a person
 * signs in without naming a clinic, so the address must lead to exactly one account (docs/decisions/0002).
 */
export const users = pgTable(
  'users',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    passwordHash: text('password_hash'),
    kind: text('kind', { enum: ['staff', 'patient'] }).notNull(),
    staffId: uuid('staff_id'),
    patientId: uuid('patient_id'),
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** The last accepted TOTP time step: a code is never accepted twice (replay protection). */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    passwordChangedAt: ts('password_changed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('users_email_idx').on(t.email),
    unique('users_staff_key').on(t.clinicId, t.staffId),
    unique('users_patient_key').on(t.clinicId, t.patientId),
    foreignKey({ columns: [t.clinicId, t.staffId], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    check('users_email_lower_check', sql`${t.email} = lower(${t.email})`),
    check(
      'users_kind_check',
      sql`(${t.kind} = 'staff' and ${t.staffId} is not null and ${t.patientId} is null) or (${t.kind} = 'patient' and ${t.patientId} is not null and ${t.staffId} is null)`,
    ),
  ],
);

/** Server-side sessions: the cookie carries clinic id and a random token; only the token's SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    clinicId: uuid('clinic_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    userKind: text('user_kind', { enum: ['staff', 'patient'] }).notNull(),
    csrfToken: text('csrf_token').notNull(),
    /** Set when the clinic requires a second factor the user has not yet enrolled: only enrolment is allowed. */
    mustEnrollTotp: boolean('must_enroll_totp').notNull().default(false),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.tokenHash] }),
    foreignKey({ columns: [t.clinicId, t.userId], foreignColumns: [users.clinicId, users.id] }).onDelete('cascade'),
    index('sessions_user_idx').on(t.clinicId, t.userId),
    index('sessions_last_seen_idx').on(t.lastSeenAt),
  ],
);

/** Single-use, expiring tokens for setting or resetting a password; only the token's SHA-256 is stored. */
export const authTokens = pgTable(
  'auth_tokens',
  {
    clinicId: uuid('clinic_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    purpose: text('purpose', { enum: ['set-password', 'reset-password'] }).notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.tokenHash] }),
    foreignKey({ columns: [t.clinicId, t.userId], foreignColumns: [users.clinicId, users.id] }).onDelete('cascade'),
    check('auth_tokens_purpose_check', sql`${t.purpose} in ('set-password', 'reset-password')`),
  ],
);

/**
 * Failed sign-in counters per account and per IP address. Infrastructure, not clinical data: keyed before anyone is
 * known to belong to a clinic (docs/decisions/0002).
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: ts('window_started_at').notNull(),
  lockedUntil: ts('locked_until'),
});

/** General request rate-limit counters (fixed windows), shared by every app instance. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowEndsAt: ts('window_ends_at').notNull(),
});
