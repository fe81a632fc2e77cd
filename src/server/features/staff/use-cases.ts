import { credentialStatus } from '../../../core/credentials';
import type { StaffRole } from '../../../core/authorization';
import { fail, ok, type Result } from '../../../core/errors';
import type { Executor } from '../../../db/database';
import { newId, toDate } from '../../../db/ids';
import { findClinic, insertStaff, listCredentials, listStaff, type CredentialRow, type StaffRow } from '../../../db/repos/clinics';
import { findUserByEmail, insertUser } from '../../../db/repos/users';
import { users } from '../../../db/schema';
import { and, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { AppDeps } from '../../deps';
import { issuePasswordLink } from '../../password-links';

export interface NewStaff {
  givenName: string;
  familyName: string;
  email: string;
  role: StaffRole;
  phone?: string | null | undefined;
}

/**
 * Creates a staff member and their sign-in account, and queues a one-time set-password link (returned too, so the
 * CLI can print it for the very first administrator of a clinic). Runs inside the caller's transaction.
 */
export async function createStaffMember(deps: AppDeps, tx: Executor, clinicId: string, input: NewStaff): Promise<Result<{ staffId: string; userId: string; link: string }>> {
  const email = input.email.trim().toLowerCase();
  if (await findUserByEmail(tx, email)) {
    return fail('CONFLICT', 'An account with this email address exists already.', { fields: [{ path: 'email', message: 'already used' }] });
  }
  const clinic = await findClinic(tx, clinicId);
  if (!clinic) return fail('NOT_FOUND', 'No such clinic.');
  const at = toDate(deps.clock());
  const staffId = newId();
  const userId = newId();
  await insertStaff(tx, { clinicId, id: staffId, givenName: input.givenName, familyName: input.familyName, role: input.role, email, phone: input.phone ?? null, createdAt: at });
  await insertUser(tx, { clinicId, id: userId, email, kind: 'staff', staffId, createdAt: at });
  const link = await issuePasswordLink(deps, tx, { clinicId, id: userId, email }, 'set-password', clinic.name);
  return ok({ staffId, userId, link });
}

export function toCredential(c: CredentialRow, today: Temporal.PlainDate) {
  return {
    id: c.id,
    licenceType: c.licenceType,
    licenceNumber: c.licenceNumber,
    issuingState: c.issuingState,
    expiresOn: c.expiresOn,
    status: credentialStatus(c.expiresOn ? Temporal.PlainDate.from(c.expiresOn) : null, today),
  };
}

export async function listStaffWithCredentials(deps: AppDeps, clinicId: string) {
  const { db } = deps.database;
  const [staff, credentials, clinic, accounts] = await Promise.all([
    listStaff(db, clinicId),
    listCredentials(db, clinicId),
    findClinic(db, clinicId),
    db.select({ staffId: users.staffId, totpEnabled: users.totpEnabled, hasPassword: users.passwordHash }).from(users).where(and(eq(users.clinicId, clinicId), eq(users.kind, 'staff'))),
  ]);
  const today = deps.clock().toZonedDateTimeISO(clinic?.timeZone ?? 'UTC').toPlainDate();
  const byStaff = new Map<string, CredentialRow[]>();
  for (const c of credentials) byStaff.set(c.staffId, [...(byStaff.get(c.staffId) ?? []), c]);
  const accountByStaff = new Map(accounts.map((a) => [a.staffId, a]));
  return staff.map((s: StaffRow) => {
    const creds = (byStaff.get(s.id) ?? []).map((c) => toCredential(c, today));
    const account = accountByStaff.get(s.id);
    return {
      id: s.id,
      givenName: s.givenName,
      familyName: s.familyName,
      name: `${s.givenName} ${s.familyName}`,
      role: s.role,
      email: s.email,
      phone: s.phone,
      active: s.active,
      accountActivated: Boolean(account?.hasPassword),
      totpEnabled: account?.totpEnabled ?? false,
      credentials: creds,
      credentialsExpired: creds.some((c) => c.status === 'expired'),
    };
  });
}
