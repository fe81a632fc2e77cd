/** Zod schemas shared by several routes (the OpenAPI document is generated from these). */
import { z } from 'zod';

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }).loose(),
});

export const Uuid = z.uuid({ message: 'must be a UUID' });
export const IdParams = z.object({ id: Uuid });

export const SessionUser = z.object({
  id: z.string(),
  role: z.enum(['admin', 'prescriber', 'nurse', 'therapist', 'patient']),
  clinicId: z.string(),
  patientId: z.string().optional(),
  staffId: z.string().optional(),
});

export const IsoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

export const Address = z.object({
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).nullish(),
  city: z.string().trim().min(1).max(100),
  region: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().min(1).max(20),
  country: z.string().trim().length(2, 'an ISO 3166-1 alpha-2 country code').toUpperCase(),
});

export const Email = z.email({ message: 'must be an email address' }).max(320).transform((e) => e.toLowerCase());
export const Phone = z.string().trim().regex(/^[+0-9 ()\-.]{5,30}$/, 'must be a phone number');
