/**
 * Signing in: throttle per account and per IP, verify the password (the same answer and about the same time for an
 * unknown email as for a wrong password), check the second factor, then open a session in the database.
 */
import { fail, ok, type Result } from '../../../core/errors';
import { lockedFor, recordFailure, type ThrottleCounter } from '../../../core/sign-in-throttle';
import { appendAuditEvents } from '../../../db/repos/audit';
import { findClinic, findStaff } from '../../../db/repos/clinics';
import { insertSession } from '../../../db/repos/sessions';
import { clearThrottleCounter, updateThrottleCounters } from '../../../db/repos/throttle';
import { findUserByEmail, type UserRow } from '../../../db/repos/users';
import { newId, toDate } from '../../../db/ids';
import type { AppDeps } from '../../deps';
import { hashToken } from '../../plugins/auth';
import { dummyPasswordHash, randomToken, verifyPassword } from '../../passwords';
import { verifyAndConsumeTotp } from '../../totp';

export interface SignInInput {
  email: string;
  password: string;
  totp?: string | undefined;
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export interface SignedIn {
  cookieValue: string;
  csrfToken: string;
  mustEnrollTotp: boolean;
  user: { id: string; role: 'admin' | 'prescriber' | 'nurse' | 'therapist' | 'patient'; clinicId: string; patientId?: string; staffId?: string };
}

/** The sign-in throttle's counter for an account (a password reset clears it: the lock message offers one). */
export const accountThrottleKey = (email: string): string => `account:${email.trim().toLowerCase()}`;

const INVALID = () => fail('INVALID_CREDENTIALS', 'The email or password is not correct.');

export async function signIn(deps: AppDeps, input: SignInInput): Promise<Result<SignedIn>> {
  const { db } = deps.database;
  const now = deps.clock();
  const email = input.email.trim().toLowerCase();
  const accountKey = accountThrottleKey(email);
  const ipKey = `ip:${input.ip}`;
  const limits = new Map([[accountKey, deps.config.signIn.maxFailures], [ipKey, deps.config.signIn.ipMaxFailures]]);
  // The attempt is counted as a failure before the password is checked, and given back when it turns out not to be
  // one: counted afterwards, a burst of concurrent attempts would all pass this check and test many passwords.
  let wait = 0;
  await updateThrottleCounters(db, [accountKey, ipKey], now, (current) => {
    wait = Math.max(...[...current.values()].map((c) => lockedFor(c, now)));
    if (wait > 0) return null;
    return new Map([...current].map(([key, c]) => [key, recordFailure(c, now, throttlePolicy(deps, limits.get(key)!))]));
  });
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    return fail('SIGN_IN_THROTTLED', `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or reset your password.`, {
      retryAfterSeconds: wait,
    });
  }

  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const staff = user?.kind === 'staff' && user.staffId ? await findStaff(db, user.clinicId, user.staffId) : undefined;
  const usable = user && user.passwordHash && !user.disabled && (user.kind === 'patient' || staff?.active === true);

  if (!usable || !passwordOk) {
    if (user) await auditSignIn(deps, user, staff?.role ?? null, input.requestId, 'denied', { reason: passwordOk ? 'account disabled' : 'wrong password' });
    return INVALID();
  }

  if (user.totpEnabled) {
    if (!input.totp) {
      await giveBack(deps, [accountKey, ipKey], limits);
      return fail('TOTP_REQUIRED', 'Enter the 6-digit code from your authenticator app.', { fields: [{ path: 'totp', message: 'required' }] });
    }
    if (!(await verifyAndConsumeTotp(db, user, input.totp, now))) {
      // A wrong second factor counts against the account only.
      await giveBack(deps, [ipKey], limits);
      await auditSignIn(deps, user, staff?.role ?? null, input.requestId, 'denied', { reason: 'wrong second factor' });
      return fail('TOTP_INVALID', 'The authenticator code is not correct.', { fields: [{ path: 'totp', message: 'not correct' }] });
    }
  }

  const clinic = await findClinic(db, user.clinicId);
  const mustEnrollTotp = staff?.role === 'admin' && clinic?.settings.requireAdminTotp === true && !user.totpEnabled;
  const token = randomToken();
  const csrfToken = randomToken();
  await insertSession(db, {
    clinicId: user.clinicId,
    tokenHash: hashToken(token),
    userId: user.id,
    userKind: user.kind,
    csrfToken,
    mustEnrollTotp,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    createdAt: toDate(now),
    lastSeenAt: toDate(now),
  });
  await clearThrottleCounter(db, accountKey);
  await giveBack(deps, [ipKey], limits);
  await auditSignIn(deps, user, staff?.role ?? null, input.requestId, 'allowed', null);

  const role = user.kind === 'patient' ? 'patient' : staff!.role;
  return ok({
    cookieValue: `${user.clinicId}.${token}`,
    csrfToken,
    mustEnrollTotp,
    user: {
      id: user.id,
      role,
      clinicId: user.clinicId,
      ...(user.patientId ? { patientId: user.patientId } : {}),
      ...(user.staffId ? { staffId: user.staffId } : {}),
    },
  });
}

const throttlePolicy = (deps: AppDeps, maxFailures: number) => ({ maxFailures, windowMinutes: deps.config.signIn.lockMinutes, lockMinutes: deps.config.signIn.lockMinutes });

/** Gives back an attempt counted in advance that was not a failure (a lock it caused is lifted with it). */
async function giveBack(deps: AppDeps, keys: string[], limits: Map<string, number>): Promise<void> {
  await updateThrottleCounters(deps.database.db, keys, deps.clock(), (current) => {
    const next = new Map<string, ThrottleCounter>();
    for (const [key, c] of current) {
      if (!c) continue;
      const failures = c.failures - 1;
      next.set(key, { ...c, failures, lockedUntil: failures >= limits.get(key)! ? c.lockedUntil : null });
    }
    return next;
  });
}

async function auditSignIn(
  deps: AppDeps, user: UserRow, role: string | null, requestId: string, outcome: 'allowed' | 'denied', detail: Record<string, unknown> | null,
): Promise<void> {
  await appendAuditEvents(deps.database.db, user.clinicId, [
    {
      id: newId(),
      clinicId: user.clinicId,
      occurredAt: new Date(deps.clock().epochMilliseconds).toISOString(),
      actorType: user.kind,
      actorId: user.staffId ?? user.patientId,
      actorRole: user.kind === 'patient' ? 'patient' : role,
      patientId: user.patientId,
      action: 'session.sign-in',
      resourceType: 'session',
      resourceId: null,
      requestId,
      outcome,
      detail,
    },
  ]);
}
