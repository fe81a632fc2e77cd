import { fail, ok, type Result } from '../../../core/errors';
import type { Executor } from '../../../db/database';
import { newId, toDate } from '../../../db/ids';
import { findClinicBySlug, insertClinic } from '../../../db/repos/clinics';
import { DEFAULT_CLINIC_SETTINGS, type Address } from '../../../db/schema';
import type { AppDeps } from '../../deps';
import { isValidTimeZone } from '../../time-zones';

export interface NewClinic {
  name: string;
  slug: string;
  timeZone: string;
  address: Address;
  phone: string;
  email: string;
  website?: string | null;
}

export async function createClinic(deps: Pick<AppDeps, 'clock'>, ex: Executor, input: NewClinic): Promise<Result<{ clinicId: string }>> {
  if (!isValidTimeZone(input.timeZone)) {
    return fail('VALIDATION_FAILED', `"${input.timeZone}" is not an IANA time zone.`, { fields: [{ path: 'timeZone', message: 'must be an IANA zone such as America/Los_Angeles' }] });
  }
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.slug)) {
    return fail('VALIDATION_FAILED', 'The slug must be lower-case letters, digits and dashes.', { fields: [{ path: 'slug', message: 'lower-case letters, digits and dashes' }] });
  }
  if (input.website && !/^https?:\/\/[^\s]+$/i.test(input.website)) {
    return fail('VALIDATION_FAILED', 'The website must be an http:// or https:// address.', { fields: [{ path: 'website', message: 'must be an http(s) URL' }] });
  }
  if (await findClinicBySlug(ex, input.slug)) return fail('CONFLICT', `A clinic with slug "${input.slug}" exists already.`);
  const clinicId = newId();
  await insertClinic(ex, { id: clinicId, ...input, website: input.website ?? null, settings: DEFAULT_CLINIC_SETTINGS, createdAt: toDate(deps.clock()) });
  return ok({ clinicId });
}
