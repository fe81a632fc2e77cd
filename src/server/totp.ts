import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { generateSecret, generateURI, verify } from 'otplib';
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../db/database';
import { users } from '../db/schema';

export const newTotpSecret = (): string => generateSecret();

export const totpUri = (secret: string, email: string, issuer: string): string => generateURI({ issuer, label: email, secret });

export interface TotpAccount {
  clinicId: string;
  id: string;
  totpSecret: string | null;
  totpLastStep: number | null;
}

/**
 * Accepts the current code and the neighbouring 30-second steps (clock drift on phones), but never a code whose time
 * step was already used: the step is recorded with a compare-and-set, so even two concurrent sign-ins with one code
 * cannot both pass.
 */
export async function verifyAndConsumeTotp(ex: Executor, account: TotpAccount, code: string, now: Temporal.Instant): Promise<boolean> {
  if (!account.totpSecret) return false;
  let timeStep: number;
  try {
    const result = await verify({
      secret: account.totpSecret,
      token: code,
      epoch: Math.floor(now.epochMilliseconds / 1000),
      epochTolerance: 30,
      ...(account.totpLastStep !== null ? { afterTimeStep: account.totpLastStep } : {}),
    });
    if (!result.valid) return false;
    timeStep = (result as { timeStep: number }).timeStep;
  } catch {
    return false;
  }
  const updated = await ex
    .update(users)
    .set({ totpLastStep: timeStep })
    .where(and(eq(users.clinicId, account.clinicId), eq(users.id, account.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, timeStep))))
    .returning({ id: users.id });
  return updated.length === 1;
}
