/** Shapes of the API's answers (the zod schemas in src/server are the contract; these mirror them). */
export type Role = 'admin' | 'prescriber' | 'nurse' | 'therapist' | 'patient';
export type StaffRole = Exclude<Role, 'patient'>;

export const PATIENT_STATUSES = [
  'referred', 'screening', 'eligible', 'ineligible', 'in-course', 'maintenance', 'completed', 'discharged', 'withdrawn',
] as const;
export type PatientStatus = (typeof PATIENT_STATUSES)[number];

export interface SessionUser {
  id: string;
  role: Role;
  clinicId: string;
  patientId?: string;
  staffId?: string;
}

export interface SignInResponse {
  user: SessionUser;
  csrfToken: string;
  mustEnrollTotp: boolean;
}

export interface Me extends SignInResponse {
  name: string;
  email: string;
  totpEnabled: boolean;
  clinic: { id: string; name: string; timeZone: string; requireAdminTotp: boolean };
}

export interface CareTeamMember {
  staffId: string;
  role: 'therapist' | 'prescriber';
  name: string;
}

export interface PatientSummary {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dateOfBirth: string;
  status: PatientStatus;
  careTeam: CareTeamMember[];
}

export interface Address {
  line1: string;
  line2?: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface EmergencyContact {
  name: string;
  relationship: string;
  phone: string;
}

export type Sex = 'female' | 'male' | 'intersex' | 'unknown';

export interface PatientDetail extends PatientSummary {
  sexAssignedAtBirth: Sex;
  pronouns: string | null;
  email: string | null;
  phone: string | null;
  address: Address | null;
  emergencyContact: EmergencyContact | null;
  statusReason: string | null;
  createdAt: string;
  weights?: { weightKg: number; measuredOn: string }[];
  statusHistory: { from: string | null; to: string; reason: string | null; at: string; by: string | null; byName: string | null }[];
  portalAccount: boolean;
  permissions: {
    updateDemographics: boolean;
    changeStatus: boolean;
    recordWeight: boolean;
    manageCareTeam: boolean;
    invitePortal: boolean;
    readClinical?: boolean;
    /** Sees the patient's courses and appointments. */
    readSchedule: boolean;
    /** Creates, books, moves and cancels the patient's courses and appointments. */
    manageSchedule: boolean;
  };
  allowedNextStatuses: PatientStatus[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Credential {
  id: string;
  licenceType: string;
  licenceNumber: string;
  issuingState: string;
  expiresOn: string | null;
  status: 'valid' | 'expiring-soon' | 'expired';
}

export interface StaffMember {
  id: string;
  givenName: string;
  familyName: string;
  name: string;
  role: StaffRole;
  email: string;
  phone: string | null;
  active: boolean;
  accountActivated: boolean;
  totpEnabled: boolean;
  credentials: Credential[];
  credentialsExpired: boolean;
}

export type RoomKind = 'dosing' | 'consult' | 'group';

export interface Room {
  id: string;
  name: string;
  kind: RoomKind;
  equipment: string[];
  capacity: number;
  active: boolean;
}

export interface Clinic {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  address: Address;
  phone: string;
  email: string;
  website: string | null;
  settings: {
    requireAdminTotp: boolean;
    showPatientNamesInFeeds: boolean;
    /** Shown to a patient at once when an answer raises a safety flag. */
    crisisResources: string;
    /** Open safety alerts older than this are escalated to the prescriber and admins. */
    safetyEscalationHours: number;
    pcl5PositiveThreshold: number;
    /** ISO weekday ("1" Monday … "7" Sunday) → clinic-local [open, close] pairs; a missing day is closed. */
    openingHours: Record<string, [string, string][]>;
    /** Clinic-local dates (YYYY-MM-DD) the clinic is closed. */
    closedDates: string[];
    /** Patients are reminded this many hours before each appointment. */
    reminderHoursBefore: number[];
    /** The therapist is reminded when an integration is not booked this many hours after a dose. */
    integrationReminderHours: number;
  };
}

export interface AuditEvent {
  seq: number;
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  patientId: string | null;
  patientIds: string[] | null;
  patientName: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: 'allowed' | 'denied';
  requestId: string | null;
}

export interface OutboxMessage {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
}

export interface AccessLogEntry {
  at: string;
  who: string;
  role: string | null;
  action: string;
  outcome: 'allowed' | 'denied';
}
