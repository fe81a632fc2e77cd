import { describe, expect, it } from 'vitest';
import type { StaffRef } from './common';
import { allowedEvents, applySessionEvent, initialSession, replaySession, SESSION_STATUSES, type SessionEvent, type SessionState, type SessionStatus } from './session-state';
import { admin, min, nurse, prescriber, T0, therapist } from './test-fixtures';

const passing = { canDose: true, blocking: [] };
const okOrder = { blocked: false, message: 'The order is within the protocol limits.' };
const dischargeMet = { unmet: [] };

/** The happy-path event into each status, at T0 + i minutes. */
function eventInto(to: SessionStatus, by: StaffRef = nurse, at = T0): SessionEvent {
  switch (to) {
    case 'checked-in': return { type: 'check-in', by, at };
    case 'checks-passed': return { type: 'pass-checks', by, at, checklist: passing };
    case 'dosed': return { type: 'dose', by, at, order: okOrder };
    case 'monitoring': return { type: 'start-monitoring', by, at, trigger: 'first-vitals' };
    case 'ready-for-discharge': return { type: 'ready-for-discharge', by, at, discharge: dischargeMet };
    case 'discharged': return { type: 'discharge', by, at, discharge: dischargeMet };
    default: return { type: 'abort', by, at, reason: 'test' };
  }
}
const PATH: SessionStatus[] = ['scheduled', 'checked-in', 'checks-passed', 'dosed', 'monitoring', 'ready-for-discharge', 'discharged'];
const stateAt = (status: SessionStatus): SessionState => ({ status, since: T0, dosedAt: ['dosed', 'monitoring', 'ready-for-discharge', 'discharged'].includes(status) ? T0 : null, abortReason: null });

describe('the happy path', () => {
  it('goes scheduled → … → discharged, recording when each status began and the dose time', () => {
    let state = initialSession(T0 - min(60 * 24));
    for (const [i, to] of PATH.slice(1).entries()) {
      const r = applySessionEvent(state, eventInto(to, nurse, T0 + min(i)));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      state = r.value;
      expect(state.status).toBe(to);
      expect(state.since).toBe(T0 + min(i));
    }
    expect(state.dosedAt).toBe(T0 + min(2));
  });

  it('replays stored events', () => {
    const events = PATH.slice(1).map((to, i) => eventInto(to, prescriber, T0 + min(i)));
    expect(replaySession(T0, events)).toMatchObject({ ok: true, value: { status: 'discharged', dosedAt: T0 + min(2) } });
    const broken = replaySession(T0, [events[0]!, events[2]!]);
    expect(!broken.ok && broken.error.code).toBe('INVALID_TRANSITION');
  });
});

describe('only the listed transitions', () => {
  it('every (status, event) pair outside the path is INVALID_TRANSITION, naming the status and the allowed steps', () => {
    for (const from of SESSION_STATUSES) {
      for (const to of PATH.slice(1)) {
        const allowed = PATH.indexOf(to) === PATH.indexOf(from) + 1;
        const r = applySessionEvent(stateAt(from), eventInto(to, prescriber));
        expect(r.ok, `${from} → ${to}`).toBe(allowed);
        if (!r.ok) {
          expect(r.error.code).toBe('INVALID_TRANSITION');
          expect(r.error.message).toContain(`The session is "${from}"`);
        }
      }
    }
  });

  it('lists what is allowed', () => {
    expect(allowedEvents('scheduled')).toEqual(['check-in', 'abort']);
    expect(allowedEvents('monitoring')).toEqual(['ready-for-discharge', 'abort']);
    expect(allowedEvents('discharged')).toEqual([]);
    expect(allowedEvents('aborted')).toEqual([]);
    const r = applySessionEvent(stateAt('checked-in'), eventInto('dosed', prescriber));
    expect(!r.ok && r.error.message).toBe('The session is "checked-in": cannot record the dose (that needs "checks-passed"). From "checked-in" the allowed steps are: pass-checks, abort.');
    const done = applySessionEvent(stateAt('discharged'), eventInto('checked-in'));
    expect(!done.ok && done.error.message).toContain('No further step is possible.');
  });
});

describe('abort', () => {
  it('from every state before discharge, with a reason (trimmed)', () => {
    for (const from of PATH.slice(0, -1)) {
      const r = applySessionEvent(stateAt(from), { type: 'abort', by: prescriber, at: T0 + 1, reason: '  Patient felt unwell ' });
      expect(r).toMatchObject({ ok: true, value: { status: 'aborted', abortReason: 'Patient felt unwell', since: T0 + 1 } });
    }
  });

  it('not from discharged or aborted', () => {
    for (const from of ['discharged', 'aborted'] as const) {
      const r = applySessionEvent(stateAt(from), { type: 'abort', by: prescriber, at: T0, reason: 'x' });
      expect(!r.ok && r.error.code).toBe('INVALID_TRANSITION');
    }
  });

  it('needs a reason', () => {
    const r = applySessionEvent(stateAt('checked-in'), { type: 'abort', by: nurse, at: T0, reason: ' ' });
    expect(!r.ok && r.error.code).toBe('VALIDATION_FAILED');
    expect(!r.ok && r.error.fields).toEqual([{ path: 'reason', message: 'required when aborting' }]);
  });

  it('any staff member before the dose; a prescriber or nurse after it', () => {
    for (const from of ['scheduled', 'checked-in', 'checks-passed'] as const) {
      for (const by of [admin, therapist]) expect(applySessionEvent(stateAt(from), { type: 'abort', by, at: T0, reason: 'no-show' }).ok).toBe(true);
    }
    for (const from of ['dosed', 'monitoring', 'ready-for-discharge'] as const) {
      for (const by of [admin, therapist]) {
        const r = applySessionEvent(stateAt(from), { type: 'abort', by, at: T0, reason: 'transfer' });
        expect(!r.ok && r.error.code).toBe('FORBIDDEN');
      }
      expect(applySessionEvent(stateAt(from), { type: 'abort', by: nurse, at: T0, reason: 'transfer to ED' }).ok).toBe(true);
    }
  });
});

describe('roles', () => {
  it('anyone may check in', () => {
    for (const by of [admin, therapist, nurse, prescriber]) expect(applySessionEvent(stateAt('scheduled'), eventInto('checked-in', by)).ok).toBe(true);
  });

  it('checks, dose, monitoring, readiness and discharge: prescriber or nurse only', () => {
    for (const to of ['checks-passed', 'dosed', 'monitoring', 'ready-for-discharge', 'discharged'] as const) {
      const from = PATH[PATH.indexOf(to) - 1]!;
      for (const by of [prescriber, nurse]) expect(applySessionEvent(stateAt(from), eventInto(to, by)).ok).toBe(true);
      for (const by of [therapist, admin]) {
        const r = applySessionEvent(stateAt(from), eventInto(to, by));
        expect(!r.ok && r.error.code, `${by.role} → ${to}`).toBe('FORBIDDEN');
        expect(!r.ok && r.error.message).toMatch(/^Only a prescriber or nurse may .*\(you are signed in as/);
      }
    }
  });
});

describe('gates', () => {
  it('checks-passed only when the checklist allows the dose', () => {
    const r = applySessionEvent(stateAt('checked-in'), { type: 'pass-checks', by: nurse, at: T0, checklist: { canDose: false, blocking: ['fasting', 'rideHome'] } });
    expect(!r.ok && r.error.code).toBe('INVALID_TRANSITION');
    expect(!r.ok && r.error.message).toContain('still open: fasting, rideHome');
  });

  it('dosed only with an order not blocked', () => {
    const r = applySessionEvent(stateAt('checks-passed'), { type: 'dose', by: nurse, at: T0, order: { blocked: true, message: 'Blocked: 301 mg is above the sublingual maximum of 300 mg.' } });
    expect(!r.ok && r.error.code).toBe('INVALID_TRANSITION');
    expect(!r.ok && r.error.message).toContain('301 mg is above');
  });

  it('monitoring begins with the first vitals or explicitly', () => {
    for (const trigger of ['first-vitals', 'explicit'] as const) {
      expect(applySessionEvent(stateAt('dosed'), { type: 'start-monitoring', by: nurse, at: T0, trigger }).ok).toBe(true);
    }
  });

  it('ready-for-discharge when everything but the signature is met', () => {
    const onlySigner = { unmet: [{ id: 'signer' as const, message: 'A prescriber or nurse must sign the discharge.' }] };
    expect(applySessionEvent(stateAt('monitoring'), { type: 'ready-for-discharge', by: nurse, at: T0, discharge: onlySigner }).ok).toBe(true);
    const early = { unmet: [{ id: 'minimum-monitoring' as const, message: 'Discharge is possible from 11:00, in 17 minutes.' }] };
    const r = applySessionEvent(stateAt('monitoring'), { type: 'ready-for-discharge', by: nurse, at: T0, discharge: early });
    expect(!r.ok && r.error.message).toContain('in 17 minutes');
  });

  it('discharged only when every condition is met, signature included', () => {
    const onlySigner = { unmet: [{ id: 'signer' as const, message: 'A prescriber or nurse must sign the discharge.' }] };
    const r = applySessionEvent(stateAt('ready-for-discharge'), { type: 'discharge', by: nurse, at: T0, discharge: onlySigner });
    expect(!r.ok && r.error.code).toBe('INVALID_TRANSITION');
  });
});

describe('time order', () => {
  it('refuses an event dated before the current status began', () => {
    const r = applySessionEvent({ ...stateAt('checked-in'), since: T0 }, eventInto('checks-passed', nurse, T0 - 1));
    expect(!r.ok && r.error.code).toBe('VALIDATION_FAILED');
    expect(applySessionEvent({ ...stateAt('checked-in'), since: T0 }, eventInto('checks-passed', nurse, T0)).ok).toBe(true);
  });
});
