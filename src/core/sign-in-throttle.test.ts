import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { lockedFor, recordFailure, type ThrottleCounter } from './sign-in-throttle';

const policy = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };
const t0 = Temporal.Instant.from('2026-11-01T08:00:00Z');

describe('sign-in throttle', () => {
  it('locks for 15 minutes on the fifth failure within the window', () => {
    let c: ThrottleCounter | null = null;
    for (let i = 0; i < 4; i++) c = recordFailure(c, t0.add({ minutes: i }), policy);
    expect(lockedFor(c, t0.add({ minutes: 4 }))).toBe(0);
    c = recordFailure(c, t0.add({ minutes: 4 }), policy);
    expect(c.failures).toBe(5);
    expect(lockedFor(c, t0.add({ minutes: 4 }))).toBe(15 * 60);
    expect(lockedFor(c, t0.add({ minutes: 19 }))).toBe(0);
  });

  it('forgets failures older than the window', () => {
    let c: ThrottleCounter | null = null;
    for (let i = 0; i < 4; i++) c = recordFailure(c, t0, policy);
    c = recordFailure(c, t0.add({ minutes: 16 }), policy);
    expect(c.failures).toBe(1);
    expect(c.lockedUntil).toBeNull();
  });

  it('starts counting afresh once a lock has been served', () => {
    let c: ThrottleCounter | null = null;
    for (let i = 0; i < 5; i++) c = recordFailure(c, t0, policy);
    c = recordFailure(c, t0.add({ minutes: 15 }), policy);
    expect(c.failures).toBe(1);
    expect(lockedFor(c, t0.add({ minutes: 15 }))).toBe(0);
  });
});
