/** Password rules (NIST SP 800-63B style): length, not a known common password, not the account's own email. */
import { fail, ok, type Result } from './errors';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function checkPassword(password: string, commonPasswords: ReadonlySet<string>, email?: string): Result<string> {
  const problem = (message: string) => fail('WEAK_PASSWORD', message, { fields: [{ path: 'password', message }] });
  if (password.length < MIN_PASSWORD_LENGTH) return problem(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (password.length > MAX_PASSWORD_LENGTH) return problem(`Use at most ${MAX_PASSWORD_LENGTH} characters.`);
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) return problem('This password is on a list of commonly used passwords; choose another.');
  if (/^(.)\1+$/.test(password)) return problem('A password of one repeated character is too easy to guess.');
  if (email && lowered.includes(email.toLowerCase().split('@')[0] ?? '\u0000') && (email.split('@')[0]?.length ?? 0) >= 4) {
    return problem('The password must not contain your email name.');
  }
  return ok(password);
}
