import { describe, expect, it } from 'vitest';
import { planCourse } from './planner';
import { planReschedule, type BookedAppointment } from './reschedule';
import { fixture, local, startAt } from './test-fixtures';

const ctx = fixture();
const course: BookedAppointment[] = (() => {
  const r = planCourse(ctx, { start: startAt('2026-03-02T08:00'), horizonDays: 84 });
  if (!r.ok) throw new Error('no plan');
  return r.appointments.map((a) => ({ id: `${a.kind}-${a.number}`, kind: a.kind, number: a.number, start: a.start, end: a.end, roomId: a.roomId, nurseId: a.nurseId }));
})();
const horizon = startAt('2026-06-30T00:00');
const moves = (r: ReturnType<typeof planReschedule>) => ('moves' in r ? r.moves.map((m) => `${m.id} ${local(m.from.start)} → ${local(m.to.start)}`) : []);

describe('planReschedule', () => {
  it('moves a dose alone when nothing depends on the change', () => {
    const r = planReschedule(ctx, course, 'dosing-2', startAt('2026-03-09T13:00'), horizon);
    expect(r.ok).toBe(true);
    // Integration 2 (Tuesday 09:00) is still 20 h after the dose: under the 24 h minimum, so it moves too.
    expect(moves(r)).toEqual(['dosing-2 2026-03-09T09:00 → 2026-03-09T13:00', 'integration-2 2026-03-10T09:00 → 2026-03-10T13:00']);
  });

  it('moves the dose’s integration back into its window and the next doses only as far as spacing needs', () => {
    const r = planReschedule(ctx, course, 'dosing-2', startAt('2026-03-10T09:00'), horizon);
    expect(r.ok).toBe(true);
    expect(moves(r)).toEqual([
      'dosing-2 2026-03-09T09:00 → 2026-03-10T09:00',
      'integration-2 2026-03-10T09:00 → 2026-03-11T09:00',
      // Dose 3 stayed Wednesday 09:00, now too close to dose 2 and overlapping integration 2: the next valid day.
      'dosing-3 2026-03-11T09:00 → 2026-03-12T09:00',
      'integration-3 2026-03-12T09:00 → 2026-03-13T09:00',
    ]);
  });

  it('refuses a time that does not fit, saying why', () => {
    const r = planReschedule(ctx, course, 'dosing-2', startAt('2026-03-08T10:00'), horizon);
    expect(r).toMatchObject({ ok: false, kind: 'slot', reason: 'closed' });
    const r2 = planReschedule(ctx, course, 'integration-1', startAt('2026-03-05T07:00'), horizon);
    expect(r2).toMatchObject({ ok: false, kind: 'slot', reason: 'closed' });
  });

  it('reports the rules a move breaks that moving later appointments cannot mend', () => {
    // Dose 2 the day after dose 1: too close to dose 1, and before integration 1.
    const r = planReschedule(ctx, course, 'dosing-2', startAt('2026-03-05T13:00'), horizon);
    expect(r.ok).toBe(false);
    if (r.ok || r.kind !== 'rules') throw new Error(`expected rule violations, got ${JSON.stringify(r)}`);
    expect(r.violations.map((v) => `${v.appointmentId} ${v.rule}`)).toEqual(expect.arrayContaining(['dosing-2 dose-spacing']));
  });

  it('with a waiver (an exception with a reason) moves the appointment outside hours, and still its dependents', () => {
    const late = startAt('2026-03-09T15:30'); // dose 2 until 18:00, past the therapist's 17:00
    expect(planReschedule(ctx, course, 'dosing-2', late, horizon)).toMatchObject({ ok: false, kind: 'slot', reason: 'therapist-off' });
    const r = planReschedule(ctx, course, 'dosing-2', late, horizon, new Set(['closed', 'therapist-off'] as const));
    expect(moves(r)).toEqual(['dosing-2 2026-03-09T09:00 → 2026-03-09T15:30', 'integration-2 2026-03-10T09:00 → 2026-03-10T15:30']);
    // A waiver never books a busy room, therapist or patient: integration 1's time is still the patient's.
    const busy = planReschedule(ctx, course, 'dosing-2', startAt('2026-03-05T09:00'), horizon, new Set(['closed', 'therapist-off'] as const));
    expect(busy).toMatchObject({ ok: false, kind: 'slot', reason: 'patient-busy' });
  });
});
