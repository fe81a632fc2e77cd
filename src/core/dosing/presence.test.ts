import { describe, expect, it } from 'vitest';
import { appendPresence, checkLeave, whoIsPresent, type PresenceEntry } from './presence';
import type { SessionStatus } from './session-state';
import { admin, min, nurse, prescriber, T0, therapist } from './test-fixtures';

const enter = (who: typeof nurse, m: number): PresenceEntry => ({ staffId: who.staffId, role: who.role, kind: 'enter', at: T0 + min(m) });
const leave = (who: typeof nurse, m: number, handoverTo?: string): PresenceEntry => ({ staffId: who.staffId, role: who.role, kind: 'leave', at: T0 + min(m), handoverTo });
const ids = (log: PresenceEntry[], m: number) => whoIsPresent(log, T0 + min(m)).map((p) => p.staffId).sort();

describe('whoIsPresent', () => {
  const log = [enter(therapist, 0), enter(nurse, 5), leave(nurse, 20), enter(nurse, 40), enter(admin, 10), leave(admin, 11)];

  it('replays entries up to the instant', () => {
    expect(ids(log, -1)).toEqual([]);
    expect(ids(log, 0)).toEqual(['ther-1']);
    expect(ids(log, 10)).toEqual(['admin-1', 'nurse-1', 'ther-1']);
    expect(ids(log, 19)).toEqual(['nurse-1', 'ther-1']);
    expect(ids(log, 20)).toEqual(['ther-1']);
    expect(ids(log, 40)).toEqual(['nurse-1', 'ther-1']);
  });

  it('reports since when', () => {
    expect(whoIsPresent(log, T0 + min(45)).find((p) => p.staffId === 'nurse-1')?.since).toBe(T0 + min(40));
  });

  it('orders same-instant entries by log order, whatever the log order of other times', () => {
    expect(ids([enter(nurse, 10), leave(nurse, 10)], 10)).toEqual([]);
    expect(ids([leave(nurse, 10), enter(nurse, 10), enter(nurse, 0)], 10)).toEqual(['nurse-1']);
  });
});

describe('checkLeave', () => {
  const watched: SessionStatus[] = ['dosed', 'monitoring', 'ready-for-discharge'];
  const unwatched: SessionStatus[] = ['scheduled', 'checked-in', 'checks-passed', 'discharged', 'aborted'];
  const alone = [enter(therapist, 0)];

  it('refuses the last clinician leaving the dosed patient without a hand-over', () => {
    for (const phase of watched) {
      const r = checkLeave(alone, therapist.staffId, T0 + min(30), phase);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('CONFLICT');
      expect(r.error.message).toBe(`You are the last clinician with the patient (session "${phase}"): hand over to a prescriber, nurse or therapist who is present or comes in now, before leaving.`);
      expect(r.error.fields?.[0]?.path).toBe('handoverTo');
    }
  });

  it('lets anyone leave before the dose and after discharge', () => {
    for (const phase of unwatched) expect(checkLeave(alone, therapist.staffId, T0 + min(30), phase)).toEqual({ ok: true, value: { handoverTo: null } });
  });

  it('lets a clinician leave when another clinician stays', () => {
    for (const other of [nurse, prescriber, therapist]) {
      const log = [enter(nurse.staffId === other.staffId ? therapist : nurse, 0), enter(other, 1)];
      const leaver = log[0]!.staffId;
      expect(checkLeave(log, leaver, T0 + min(30), 'monitoring').ok).toBe(true);
    }
  });

  it('an admin in the room does not count as watching the patient', () => {
    const log = [enter(therapist, 0), enter(admin, 1)];
    expect(checkLeave(log, therapist.staffId, T0 + min(30), 'monitoring').ok).toBe(false);
  });

  it('an admin may always leave', () => {
    expect(checkLeave([enter(admin, 0)], admin.staffId, T0 + min(30), 'monitoring').ok).toBe(true);
  });

  it('accepts a hand-over to someone present, or entering at that same moment', () => {
    const present = [enter(therapist, 0), enter(nurse, 29)];
    expect(checkLeave(present, therapist.staffId, T0 + min(30), 'monitoring', nurse.staffId)).toEqual({ ok: true, value: { handoverTo: 'nurse-1' } });
    const sameMoment = [enter(therapist, 0), enter(nurse, 30)];
    expect(checkLeave(sameMoment, therapist.staffId, T0 + min(30), 'monitoring', nurse.staffId).ok).toBe(true);
  });

  it('refuses a hand-over to someone not present, entering later, leaving, not a clinician, or oneself', () => {
    const cases: [PresenceEntry[], string][] = [
      [[enter(therapist, 0)], nurse.staffId],
      [[enter(therapist, 0), enter(nurse, 31)], nurse.staffId],
      [[enter(therapist, 0), enter(nurse, 1), leave(nurse, 30)], nurse.staffId],
      [[enter(therapist, 0), enter(admin, 1)], admin.staffId],
    ];
    for (const [log, to] of cases) {
      const r = checkLeave(log, therapist.staffId, T0 + min(30), 'monitoring', to);
      expect(!r.ok && r.error.code).toBe('CONFLICT');
    }
    const self = checkLeave([enter(therapist, 0)], therapist.staffId, T0 + min(30), 'monitoring', therapist.staffId);
    expect(!self.ok && self.error.code).toBe('VALIDATION_FAILED');
    const beforeDose = checkLeave([enter(therapist, 0)], therapist.staffId, T0 + min(30), 'checked-in', nurse.staffId);
    expect(beforeDose.ok).toBe(false);
  });

  it('refuses a leave by someone not present', () => {
    const r = checkLeave([enter(therapist, 0)], nurse.staffId, T0 + min(30), 'monitoring');
    expect(!r.ok && r.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('appendPresence', () => {
  it('adds valid entries and refuses invalid ones', () => {
    let log: PresenceEntry[] = [];
    const step = (e: PresenceEntry, phase: SessionStatus = 'monitoring') => {
      const r = appendPresence(log, e, phase);
      if (r.ok) log = r.value;
      return r;
    };
    expect(step(enter(therapist, 0)).ok).toBe(true);
    const twice = step(enter(therapist, 1));
    expect(!twice.ok && twice.error.code).toBe('CONFLICT');
    expect(step(leave(therapist, 10)).ok).toBe(false);
    expect(step(enter(nurse, 10)).ok).toBe(true);
    expect(step(leave(therapist, 10, nurse.staffId)).ok).toBe(true);
    expect(log.at(-1)).toMatchObject({ kind: 'leave', handoverTo: 'nurse-1' });
    expect(step(leave(nurse, 20)).ok).toBe(false);
    expect(step(leave(nurse, 20), 'discharged').ok).toBe(true);
    expect(log.at(-1)?.handoverTo).toBeNull();
    expect(ids(log, 21)).toEqual([]);
  });
});
