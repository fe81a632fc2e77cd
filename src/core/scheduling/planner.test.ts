import { describe, expect, it } from 'vitest';
import { IntervalSet } from './intervals';
import { planCourse, type PlannedAppointment } from './planner';
import { fixture, local, startAt } from './test-fixtures';

const summary = (list: PlannedAppointment[], zone?: string) => list.map((a) => `${a.kind} ${a.number} ${local(a.start, zone)} ${a.roomId}`);

describe('planCourse', () => {
  it('plans the earliest complete course, backtracking over a weekend that would break the integration window', () => {
    const ctx = fixture();
    const result = planCourse(ctx, { start: startAt('2026-03-02T08:00'), horizonDays: 84 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(summary(result.appointments)).toEqual([
      'preparation 1 2026-03-02T09:00 cedar',
      'preparation 2 2026-03-03T09:00 cedar',
      'dosing 1 2026-03-04T09:00 cedar',
      'integration 1 2026-03-05T09:00 cedar',
      // Friday's dose would need its integration on Saturday or Sunday (the therapist does not work): Monday instead.
      'dosing 2 2026-03-09T09:00 cedar',
      'integration 2 2026-03-10T09:00 cedar',
      'dosing 3 2026-03-11T09:00 cedar',
      'integration 3 2026-03-12T09:00 cedar',
      'dosing 4 2026-03-16T09:00 cedar',
      'integration 4 2026-03-17T09:00 cedar',
      'dosing 5 2026-03-18T09:00 cedar',
      'integration 5 2026-03-19T09:00 cedar',
      'dosing 6 2026-03-23T09:00 cedar',
      'integration 6 2026-03-24T09:00 cedar',
    ]);
    for (const a of result.appointments) expect(a.therapistId).toBe('therapist-1');
    const dosing = result.appointments.filter((a) => a.kind === 'dosing');
    for (const d of dosing) expect(d.end.since(d.start).total('minutes')).toBe(150);
  });

  it('keeps 09:00 local across the spring daylight-saving change (8 March 2026, Los Angeles)', () => {
    const result = planCourse(fixture(), { start: startAt('2026-03-02T08:00'), horizonDays: 84 });
    if (!result.ok) throw new Error('no plan');
    const utcHours = result.appointments.map((a) => a.start.toZonedDateTimeISO('UTC').hour);
    expect(new Set(result.appointments.map((a) => local(a.start).slice(11)))).toEqual(new Set(['09:00']));
    expect(utcHours[0]).toBe(17); // PST
    expect(utcHours.at(-1)).toBe(16); // PDT
  });

  it('keeps local times across the autumn change in Europe/Berlin (25 October 2026)', () => {
    const zone = 'Europe/Berlin';
    const result = planCourse(fixture({ zone, from: '2026-10-19' }), { start: startAt('2026-10-19T08:00', zone), horizonDays: 84 });
    if (!result.ok) throw new Error('no plan');
    expect(new Set(result.appointments.map((a) => local(a.start, zone).slice(11)))).toEqual(new Set(['09:00']));
    const offsets = new Set(result.appointments.map((a) => a.start.toZonedDateTimeISO(zone).offset));
    expect(offsets).toEqual(new Set(['+02:00', '+01:00']));
  });

  it('works around existing bookings of the room, the therapist and the patient', () => {
    const base = fixture();
    const busyMorning = (day: string) => ({ start: startAt(`${day}T08:00`).epochMilliseconds, end: startAt(`${day}T12:00`).epochMilliseconds });
    const ctx = {
      ...base,
      therapist: { ...base.therapist, busy: new IntervalSet([busyMorning('2026-03-02')]) },
      patient: { ...base.patient, busy: new IntervalSet([busyMorning('2026-03-04')]) },
      rooms: base.rooms.map((r) => (r.kind === 'dosing' ? { ...r, busy: new IntervalSet([busyMorning('2026-03-05')]) } : r)),
    };
    const result = planCourse(ctx, { start: startAt('2026-03-02T08:00'), horizonDays: 84 });
    if (!result.ok) throw new Error(result.failure.message);
    const [prep1, , dose1] = result.appointments;
    expect(local(prep1!.start)).toBe('2026-03-02T12:00');
    expect(local(dose1!.start)).toBe('2026-03-04T12:00');
    // Integration 1 in the consult room is unaffected by the dosing rooms' Thursday-morning bookings.
    expect(result.appointments[3]!.roomId).toBe('cedar');
  });

  it('books a nurse for intramuscular dosing and says so when none is free', () => {
    const ok = planCourse(fixture({ protocol: { name: 'IM KAP', routes: ['intramuscular'] }, route: 'intramuscular' }), { start: startAt('2026-03-02T08:00'), horizonDays: 84 });
    if (!ok.ok) throw new Error(ok.failure.message);
    expect(ok.appointments.filter((a) => a.kind === 'dosing').every((a) => a.nurseId === 'nurse-1')).toBe(true);
    expect(ok.appointments.filter((a) => a.kind !== 'dosing').every((a) => a.nurseId === null)).toBe(true);
    const none = planCourse(fixture({ protocol: { name: 'IM KAP', routes: ['intramuscular'] }, route: 'intramuscular', nurses: 0 }), { start: startAt('2026-03-02T08:00'), horizonDays: 84 });
    expect(none).toMatchObject({ ok: false, failure: { step: 'dosing 1', reason: 'no-nurse' } });
  });

  it('names the blocking constraint when no plan exists within the horizon', () => {
    const base = fixture();
    const noRecliner = { ...base, rooms: base.rooms.map((r) => ({ ...r, equipment: [] })) };
    const r = planCourse(noRecliner, { start: startAt('2026-03-02T08:00'), horizonDays: 84 });
    expect(r).toMatchObject({ ok: false, failure: { step: 'dosing 1', reason: 'no-suitable-room' } });
    if (!r.ok) expect(r.failure.message).toMatch(/dosing 1 cannot be placed — the clinic has no room/);

    const mondaysOnly = fixture({ therapistHours: { 1: [['09:00', '17:00']] } });
    const r2 = planCourse(mondaysOnly, { start: startAt('2026-03-02T08:00'), horizonDays: 84 });
    expect(r2).toMatchObject({ ok: false, failure: { step: 'integration 1' } });
  });

  it('respects the spacing limits: never closer than the minimum, never further than the maximum', () => {
    const result = planCourse(fixture({ protocol: { name: 'Weekly', routes: ['sublingual'], doseSpacingDays: { min: 7, max: 10 } } }), { start: startAt('2026-03-02T08:00'), horizonDays: 84 });
    if (!result.ok) throw new Error(result.failure.message);
    const doses = result.appointments.filter((a) => a.kind === 'dosing').map((a) => a.start.toZonedDateTimeISO('America/Los_Angeles').toPlainDate());
    for (let i = 1; i < doses.length; i++) {
      const gap = doses[i - 1]!.until(doses[i]!).days;
      expect(gap).toBeGreaterThanOrEqual(7);
      expect(gap).toBeLessThanOrEqual(10);
    }
  });
});
