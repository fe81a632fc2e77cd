import { z } from 'zod';
import { PATIENT_STATUSES } from '../../../core/patient-status';
import { Address, Email, IsoDate, Phone, Uuid } from '../../schemas';

export const PatientStatusSchema = z.enum(PATIENT_STATUSES);
export const Sex = z.enum(['female', 'male', 'intersex', 'unknown']);

export const EmergencyContact = z.object({
  name: z.string().trim().min(1).max(200),
  relationship: z.string().trim().min(1).max(100),
  phone: Phone,
});

export const CareTeamMember = z.object({
  staffId: z.string(),
  role: z.enum(['therapist', 'prescriber']),
  name: z.string(),
});

export const PatientSummary = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string(),
  status: PatientStatusSchema,
  careTeam: z.array(CareTeamMember),
});

export const PatientDetail = PatientSummary.extend({
  sexAssignedAtBirth: Sex,
  pronouns: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: Address.nullable(),
  emergencyContact: EmergencyContact.nullable(),
  statusReason: z.string().nullable(),
  createdAt: z.string(),
  /** Clinical data: absent for callers who may see demographics only (admins). */
  weights: z.array(z.object({ weightKg: z.number(), measuredOn: z.string() })).optional(),
  statusHistory: z.array(
    z.object({ from: z.string().nullable(), to: z.string(), reason: z.string().nullable(), at: z.string(), by: z.string().nullable(), byName: z.string().nullable() }),
  ),
  portalAccount: z.boolean(),
  /** What the caller may do here (the UI shows only what would be allowed). */
  permissions: z.object({
    updateDemographics: z.boolean(),
    changeStatus: z.boolean(),
    recordWeight: z.boolean(),
    manageCareTeam: z.boolean(),
    invitePortal: z.boolean(),
    readClinical: z.boolean(),
    submitResponse: z.boolean(),
    manageQuestionnaires: z.boolean(),
    recordDose: z.boolean(),
    acknowledgeAlerts: z.boolean(),
    editScreening: z.boolean(),
    decideEligibility: z.boolean(),
    readSchedule: z.boolean(),
    manageSchedule: z.boolean(),
  }),
  allowedNextStatuses: z.array(PatientStatusSchema),
});

const name = z.string().trim().min(1, 'required').max(100);

export const CreatePatientBody = z.object({
  givenName: name,
  familyName: name,
  preferredName: z.string().trim().max(100).nullish(),
  dateOfBirth: IsoDate,
  sexAssignedAtBirth: Sex,
  pronouns: z.string().trim().max(50).nullish(),
  email: Email.nullish(),
  phone: Phone.nullish(),
  address: Address.nullish(),
  emergencyContact: EmergencyContact.nullish(),
  therapistIds: z.array(Uuid).max(10).default([]),
  prescriberId: Uuid.nullish(),
  weightKg: z.number().positive().max(699).nullish(),
});

export const UpdatePatientBody = CreatePatientBody.omit({ therapistIds: true, prescriberId: true, weightKg: true }).partial();

export const ListQuery = z.object({
  query: z.string().trim().max(100).optional(),
  status: PatientStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const StatusBody = z.object({ status: PatientStatusSchema, reason: z.string().trim().max(2000).nullish() });
export const WeightBody = z.object({ weightKg: z.number().positive().max(699), measuredOn: IsoDate.optional() });
export const CareTeamBody = z.object({ therapistIds: z.array(Uuid).min(1, 'at least one therapist').max(10), prescriberId: Uuid.nullable() });

export type CreatePatientInput = z.infer<typeof CreatePatientBody>;
export type UpdatePatientInput = z.infer<typeof UpdatePatientBody>;
