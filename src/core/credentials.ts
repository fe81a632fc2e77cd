/** Staff credential (licence) status on a given clinic-local day. */
import { Temporal } from 'temporal-polyfill';

export type CredentialStatus = 'valid' | 'expiring-soon' | 'expired';

export function credentialStatus(expiresOn: Temporal.PlainDate | null, today: Temporal.PlainDate, warnDays = 60): CredentialStatus {
  if (!expiresOn) return 'valid';
  if (Temporal.PlainDate.compare(expiresOn, today) < 0) return 'expired';
  if (Temporal.PlainDate.compare(expiresOn, today.add({ days: warnDays })) <= 0) return 'expiring-soon';
  return 'valid';
}
