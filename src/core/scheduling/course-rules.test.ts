import { describe, expect, it } from 'vitest';
import { checkCourse, type CourseAppointment } from './course-rules';
import { planCourse } from './planner';
import { fixture, startAt } from './test-fixtures';

const ctx = fixture();
const planned = (() => {
  const r = planCourse(ctx, { start: startAt('2026-03-02T08:00'), horizonDays: 84 });
  if (!r.ok) throw new Error('no plan');
  return r.appointments.map((a, i): CourseAppointment => ({ id: `a${i}`, kind: a.kind, number: a.number, start: a.start, end: a.end }));
})();
const moved = (id: string, hours: number) =>
  planned.map((a) => (a.id === id ? { ...a, start: a.start.add({ hours }), end: a.end.add({ hours }) } : a));
const byId = (kind: string, n: number) => planned.find((a) => a.kind === kind && a.number === n)!.id;

describe('checkCourse', () => {
  it('finds nothing wrong with a planned course', () => {
    expect(checkCourse(ctx.protocol, planned, ctx.zone)).toEqual([]);
  });

  it('catches an integration pushed out of its window and past the next dose', () => {
    const v = checkCourse(ctx.protocol, moved(byId('integration', 1), 24 * 5), ctx.zone);
    expect(v.map((x) => x.rule)).toEqual(['integration-window', 'integration-before-next-dose']);
    expect(v[0]!.message).toMatch(/integration 1: starts 144 h after dose 1; the window is 24–48 h/);
  });

  it('catches doses too close together or too far apart', () => {
    const tooClose = checkCourse(ctx.protocol, moved(byId('dosing', 2), -24 * 4), ctx.zone);
    expect(tooClose.map((x) => x.rule)).toContain('dose-spacing');
    const tooFar = checkCourse(ctx.protocol, moved(byId('dosing', 3), 24 * 14), ctx.zone);
    expect(tooFar.find((x) => x.rule === 'dose-spacing')?.message).toMatch(/dosing 3: is 16 day\(s\) after the previous dose; the protocol allows 2 to 14/);
  });

  it('catches preparation on the same day, a dose right after preparation, and a short dosing session', () => {
    const samedayPrep = moved(byId('preparation', 2), -24 + 2);
    expect(checkCourse(ctx.protocol, samedayPrep, ctx.zone).map((x) => x.rule)).toContain('prep-separate-days');
    const early = moved(byId('dosing', 1), -24);
    expect(checkCourse(ctx.protocol, early, ctx.zone).map((x) => x.rule)).toContain('prep-before-dose');
    const short = planned.map((a) => (a.id === byId('dosing', 1) ? { ...a, end: a.start.add({ minutes: 90 }) } : a));
    expect(checkCourse(ctx.protocol, short, ctx.zone).map((x) => x.rule)).toEqual(['duration']);
  });

  it('measures spacing in calendar days in the clinic zone, whatever the clock change', () => {
    const a = { id: 'd1', kind: 'dosing' as const, number: 1, start: startAt('2026-03-07T09:00'), end: startAt('2026-03-07T11:30') };
    const b = { id: 'd2', kind: 'dosing' as const, number: 2, start: startAt('2026-03-09T09:00'), end: startAt('2026-03-09T11:30') };
    expect(b.start.since(a.start).total('hours')).toBe(47); // 8 March is 23 hours long in Los Angeles
    expect(checkCourse({ ...ctx.protocol, prepSessions: 0 }, [a, b], ctx.zone)).toEqual([]);
  });
});
