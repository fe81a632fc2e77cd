import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_POLICY, judgeSession } from './sessions';

const t0 = Temporal.Instant.from('2026-03-08T09:00:00Z');
const at = (minutes: number) => t0.add({ minutes });

describe('judgeSession', () => {
  it('ends a staff session after 30 idle minutes, a patient session after 60', () => {
    const staff = { userKind: 'staff' as const, createdAt: t0, lastSeenAt: t0 };
    expect(judgeSession(staff, at(29), DEFAULT_SESSION_POLICY).state).toBe('active');
    expect(judgeSession(staff, at(30), DEFAULT_SESSION_POLICY)).toEqual({ state: 'expired', why: 'idle' });
    const patient = { ...staff, userKind: 'patient' as const };
    expect(judgeSession(patient, at(59), DEFAULT_SESSION_POLICY).state).toBe('active');
    expect(judgeSession(patient, at(60), DEFAULT_SESSION_POLICY)).toEqual({ state: 'expired', why: 'idle' });
  });

  it('ends a busy staff session after 12 hours however active', () => {
    const busy = { userKind: 'staff' as const, createdAt: t0, lastSeenAt: at(12 * 60 - 1) };
    expect(judgeSession(busy, at(12 * 60 - 1), DEFAULT_SESSION_POLICY).state).toBe('active');
    expect(judgeSession(busy, at(12 * 60), DEFAULT_SESSION_POLICY)).toEqual({ state: 'expired', why: 'absolute' });
  });

  it('refreshes last-seen at most once a minute', () => {
    const s = { userKind: 'staff' as const, createdAt: t0, lastSeenAt: t0 };
    expect(judgeSession(s, t0.add({ seconds: 59 }), DEFAULT_SESSION_POLICY)).toEqual({ state: 'active', touch: false });
    expect(judgeSession(s, t0.add({ seconds: 60 }), DEFAULT_SESSION_POLICY)).toEqual({ state: 'active', touch: true });
  });
});
