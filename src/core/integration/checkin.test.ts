import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { assessCheckin, checkinState, checkinWindow, mayRecordCheckin } from './checkin';
import type { DoseFacts } from './status';

const LA = 'America/Los_Angeles';
const at = (local: string) => Temporal.PlainDateTime.from(local).toZonedDateTime(LA).toInstant();
const dose = (extra: Partial<DoseFacts> = {}): DoseFacts => ({
  id: 'd1', number: 1, start: at('2026-04-06T10:00'), end: at('2026-04-06T12:30'), status: 'completed', session: null, ...extra,
});

describe('when the post-dose check-in is open', () => {
  it('opens at discharge, is asked for from 08:00 clinic time the next morning and closes 72 hours after it opened', () => {
    const w = checkinWindow(dose({ session: { state: 'discharged', dosedAt: at('2026-04-06T10:10'), dischargedAt: at('2026-04-06T12:45') } }), LA)!;
    expect(w.opensAt.equals(at('2026-04-06T12:45'))).toBe(true);
    expect(w.promptAt.equals(at('2026-04-07T08:00'))).toBe(true);
    expect(w.closesAt.equals(at('2026-04-09T12:45'))).toBe(true);
    expect(checkinState(w, at('2026-04-06T12:00'), false)).toBe('not-open');
    expect(checkinState(w, at('2026-04-06T20:00'), false)).toBe('open');
    expect(checkinState(w, at('2026-04-07T08:00'), false)).toBe('due');
    expect(checkinState(w, at('2026-04-09T12:45'), false)).toBe('closed');
    expect(checkinState(w, at('2026-04-09T12:45'), true)).toBe('done');
  });

  it('opens at the appointment’s end for a dose completed without a discharge time', () => {
    expect(checkinWindow(dose(), LA)!.opensAt.equals(at('2026-04-06T12:30'))).toBe(true);
  });

  it('is not open while the dose is still being monitored, nor for a dose not given', () => {
    expect(checkinWindow(dose({ status: 'booked', session: { state: 'monitoring', dosedAt: at('2026-04-06T10:10'), dischargedAt: null } }), LA)).toBeNull();
    expect(checkinWindow(dose({ status: 'booked' }), LA)).toBeNull();
    expect(checkinWindow(dose({ status: 'cancelled' }), LA)).toBeNull();
    expect(checkinState(null, at('2026-04-08T09:00'), false)).toBe('not-open');
  });

  it('prompts on the local morning after a discharge across the daylight-saving change', () => {
    // Saturday 7 March 2026, 13:00 PST; the next morning is Sunday 8 March at 08:00 PDT (15:00Z), 18 hours later, not 19.
    const w = checkinWindow(dose({ start: at('2026-03-07T10:00'), end: at('2026-03-07T13:00') }), LA)!;
    expect(w.promptAt.toString()).toBe('2026-03-08T15:00:00Z');
    expect(w.closesAt.toString()).toBe('2026-03-10T21:00:00Z');
  });

  it('lets the patient record it while open, and staff also after it closed', () => {
    expect(mayRecordCheckin('open', 'patient')).toBe(true);
    expect(mayRecordCheckin('due', 'patient')).toBe(true);
    expect(mayRecordCheckin('closed', 'patient')).toBe(false);
    expect(mayRecordCheckin('closed', 'staff')).toBe(true);
    expect(mayRecordCheckin('not-open', 'staff')).toBe(false);
    expect(mayRecordCheckin('done', 'staff')).toBe(false);
  });
});

describe('which answers are a risk', () => {
  it('opens an alert and shows crisis resources for passive or active thoughts of self-harm, and only then', () => {
    expect(assessCheckin({ safety: 'no' })).toEqual({ flag: null, showCrisisResources: false });
    expect(assessCheckin({ safety: 'passive' })).toMatchObject({ flag: { id: 'checkin-passive-ideation', value: 1 }, showCrisisResources: true });
    expect(assessCheckin({ safety: 'active' })).toMatchObject({ flag: { id: 'checkin-active-ideation', value: 2 }, showCrisisResources: true });
  });
});
