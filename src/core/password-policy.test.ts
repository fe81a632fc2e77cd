import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy';

const common = new Set(['password1234', 'qwertyuiop12']);

describe('checkPassword', () => {
  it('needs at least 12 characters', () => {
    expect(checkPassword('short-pass1', common).ok).toBe(false);
    expect(checkPassword('long-enough-pass', common).ok).toBe(true);
  });
  it('refuses common passwords whatever their case', () => {
    const r = checkPassword('Password1234', common);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'WEAK_PASSWORD', fields: [{ path: 'password' }] });
  });
  it('refuses one repeated character and the email name', () => {
    expect(checkPassword('aaaaaaaaaaaaaa', common).ok).toBe(false);
    expect(checkPassword('jordan.lee-2026!', common, 'jordan.lee@clinic.test').ok).toBe(false);
  });
});
