import { generateSecret, generateURI, verify } from 'otplib';
import type { Temporal } from 'temporal-polyfill';

export const newTotpSecret = (): string => generateSecret();

export const totpUri = (secret: string, email: string, issuer: string): string => generateURI({ issuer, label: email, secret });

/** Accepts the current code and the neighbouring 30-second steps (clock drift on phones). */
export async function verifyTotp(secret: string, code: string, now: Temporal.Instant): Promise<boolean> {
  try {
    const result = await verify({ secret, token: code, epoch: Math.floor(now.epochMilliseconds / 1000), epochTolerance: 30 });
    return result.valid;
  } catch {
    return false;
  }
}
