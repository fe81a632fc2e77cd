/**
 * The witness of a waste signs in the same request with their own email and password. The password is checked like a
 * sign-in: against the stored argon2id hash (a dummy hash for an unknown email, so both take the same time), and a
 * wrong one counts against the witness account's sign-in throttle (otherwise this form would be a way to guess a
 * colleague's password). The password is never stored, logged or audited; only the outcome is.
 */
import { fail, type Result } from '../../../core/errors';
import { checkWitness, type WitnessFacts } from '../../../core/ledger/rules';
import { lockedFor, recordFailure, type ThrottleCounter } from '../../../core/sign-in-throttle';
import { findStaff } from '../../../db/repos/clinics';
import { updateThrottleCounters } from '../../../db/repos/throttle';
import { findUserByEmail } from '../../../db/repos/users';
import { audit, type Ctx } from '../../context';
import { dummyPasswordHash, verifyPassword } from '../../passwords';
import { accountThrottleKey } from '../session/sign-in';
import type { LedgerActor } from './access';

export interface WitnessSignature {
  email: string;
  password: string;
}

export async function verifyWitness(ctx: Ctx, recorder: LedgerActor, signature: WitnessSignature, auditAction: string): Promise<Result<WitnessFacts>> {
  const { db } = ctx.deps.database;
  const now = ctx.deps.clock();
  const email = signature.email.trim().toLowerCase();
  const key = accountThrottleKey(email);
  const policy = { maxFailures: ctx.deps.config.signIn.maxFailures, windowMinutes: ctx.deps.config.signIn.lockMinutes, lockMinutes: ctx.deps.config.signIn.lockMinutes };

  // Counted as a failure before the password is checked and given back when it was right (as signing in does), so a
  // burst of concurrent attempts cannot test many passwords at once.
  let wait = 0;
  await updateThrottleCounters(db, [key], now, (current) => {
    wait = lockedFor(current.get(key) ?? null, now);
    if (wait > 0) return null;
    return new Map([[key, recordFailure(current.get(key) ?? null, now, policy)]]);
  });
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    return fail('SIGN_IN_THROTTLED', `Too many wrong passwords for the witness’s account. The witness can sign again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
      retryAfterSeconds: wait, fields: [{ path: 'witness.password', message: 'too many wrong passwords' }],
    });
  }

  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), signature.password);
  if (!user || !user.passwordHash || user.disabled || !passwordOk) {
    await audit(ctx, {
      action: auditAction, resourceType: 'ledger', outcome: 'denied',
      detail: { reason: 'witness signature not valid', ...(user?.kind === 'staff' && user.clinicId === recorder.clinicId ? { witnessId: user.staffId } : {}) },
    });
    return fail('FORBIDDEN', 'The witness’s email or password is not correct; nothing was recorded.', { fields: [{ path: 'witness.password', message: 'not correct' }] });
  }
  await giveBack(ctx, key, policy.maxFailures);

  const staff = user.kind === 'staff' && user.staffId ? await findStaff(db, user.clinicId, user.staffId) : undefined;
  const facts: WitnessFacts | null = staff
    ? { staffId: staff.id, clinicId: staff.clinicId, role: staff.role, name: `${staff.givenName} ${staff.familyName}`, active: staff.active }
    : null;
  const checked = checkWitness(recorder, facts);
  if (!checked.ok) {
    await audit(ctx, { action: auditAction, resourceType: 'ledger', outcome: 'denied', detail: { reason: checked.error.message } });
  }
  return checked;
}

/** Gives back the attempt counted in advance (a lock it caused is lifted with it). */
async function giveBack(ctx: Ctx, key: string, maxFailures: number): Promise<void> {
  await updateThrottleCounters(ctx.deps.database.db, [key], ctx.deps.clock(), (current) => {
    const c = current.get(key);
    if (!c) return null;
    const failures = c.failures - 1;
    return new Map<string, ThrottleCounter>([[key, { ...c, failures, lockedUntil: failures >= maxFailures ? c.lockedUntil : null }]]);
  });
}
