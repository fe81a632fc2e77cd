import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid, date, index } from 'drizzle-orm/pg-core';

export interface Address {
  line1: string;
  line2?: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface ClinicSettings {
  /** Admins must sign in with a second factor (TOTP). */
  requireAdminTotp: boolean;
  /** Staff iCalendar feeds and boards show patient initials only unless this is on (used by scheduling). */
  showPatientNamesInFeeds: boolean;
  /** Shown to a patient at once when an answer raises a safety flag (clinic-editable). */
  crisisResources: string;
  /** Open safety alerts older than this are escalated to the prescriber and admins. */
  safetyEscalationHours: number;
  /** PCL-5 provisional-PTSD cut-off (the VA suggests 31–33). */
  pcl5PositiveThreshold: number;
  /** Opening hours per ISO weekday ("1" = Monday), local "HH:MM" pairs in the clinic's zone. */
  openingHours: Record<string, [string, string][]>;
  /** Local dates (YYYY-MM-DD) the clinic is closed. */
  closedDates: string[];
  /** Reminders to patients this many hours before each appointment. */
  reminderHoursBefore: number[];
  /** The therapist is reminded when a dose's integration session is not booked this many hours after the dose. */
  integrationReminderHours: number;
}

export const DEFAULT_CRISIS_RESOURCES =
  'If you are thinking about suicide or are in crisis, call or text 988 (the 988 Suicide & Crisis Lifeline, free and open 24/7) ' +
  'or chat at 988lifeline.org. If you are in immediate danger, call 911 or go to the nearest emergency room. ' +
  'You can also call the clinic during opening hours.';

export const DEFAULT_CLINIC_SETTINGS: ClinicSettings = {
  requireAdminTotp: false,
  showPatientNamesInFeeds: false,
  crisisResources: DEFAULT_CRISIS_RESOURCES,
  safetyEscalationHours: 4,
  pcl5PositiveThreshold: 33,
  openingHours: { 1: [['08:00', '18:00']], 2: [['08:00', '18:00']], 3: [['08:00', '18:00']], 4: [['08:00', '18:00']], 5: [['08:00', '18:00']] },
  closedDates: [],
  reminderHoursBefore: [24, 2],
  integrationReminderHours: 12,
};

/** A clinic's settings with defaults for keys added since the row was written. */
export const settingsOf = (clinic: { settings: Partial<ClinicSettings> } | undefined | null): ClinicSettings => ({
  ...DEFAULT_CLINIC_SETTINGS,
  ...(clinic?.settings ?? {}),
});

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A clinic is the tenant: every other table carries clinic_id and every key includes it. */
export const clinics = pgTable('clinics', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  timeZone: text('time_zone').notNull(),
  address: jsonb('address').$type<Address>().notNull(),
  phone: text('phone').notNull(),
  email: text('email').notNull(),
  website: text('website'),
  settings: jsonb('settings').$type<ClinicSettings>().notNull(),
  createdAt: ts('created_at').notNull(),
});

export const rooms = pgTable(
  'rooms',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['dosing', 'consult', 'group'] }).notNull(),
    equipment: text('equipment').array().notNull().default(sql`'{}'::text[]`),
    capacity: integer('capacity').notNull().default(1),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique('rooms_clinic_name_key').on(t.clinicId, t.name),
    check('rooms_kind_check', sql`${t.kind} in ('dosing', 'consult', 'group')`),
    check('rooms_capacity_check', sql`${t.capacity} between 1 and 100`),
  ],
);

export const staffMembers = pgTable(
  'staff_members',
  {
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
    id: uuid('id').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    role: text('role', { enum: ['admin', 'prescriber', 'nurse', 'therapist'] }).notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique('staff_members_clinic_email_key').on(t.clinicId, t.email),
    check('staff_members_role_check', sql`${t.role} in ('admin', 'prescriber', 'nurse', 'therapist')`),
    index('staff_members_clinic_name_idx').on(t.clinicId, t.familyName, t.givenName),
  ],
);

export const staffCredentials = pgTable(
  'staff_credentials',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    staffId: uuid('staff_id').notNull(),
    licenceType: text('licence_type').notNull(),
    licenceNumber: text('licence_number').notNull(),
    issuingState: text('issuing_state').notNull(),
    expiresOn: date('expires_on', { mode: 'string' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.staffId], foreignColumns: [staffMembers.clinicId, staffMembers.id] }).onDelete('cascade'),
    index('staff_credentials_staff_idx').on(t.clinicId, t.staffId),
  ],
);
