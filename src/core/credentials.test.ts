import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { credentialStatus } from './credentials';

describe('credentialStatus', () => {
  const today = Temporal.PlainDate.from('2026-11-25');
  it('flags expired, expiring and valid licences', () => {
    expect(credentialStatus(Temporal.PlainDate.from('2026-11-24'), today)).toBe('expired');
    expect(credentialStatus(Temporal.PlainDate.from('2026-11-25'), today)).toBe('expiring-soon');
    expect(credentialStatus(Temporal.PlainDate.from('2027-01-24'), today)).toBe('expiring-soon');
    expect(credentialStatus(Temporal.PlainDate.from('2027-01-25'), today)).toBe('valid');
    expect(credentialStatus(null, today)).toBe('valid');
  });
});
