import { describe, expect, it } from 'vitest';
import { checkpointSchedule, checkpointStatus, matchReadings, type Checkpoint } from './checkpoints';
import { min, protocol, T0 } from './test-fixtures';

const dosedAt = T0;
const schedule = (plannedEndMin = 120, p = protocol()): Checkpoint[] => {
  const r = checkpointSchedule(p, dosedAt, dosedAt + min(plannedEndMin));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const offsets = (s: Checkpoint[]) => s.map((c) => c.offsetMinutes);
const rel = (t: number | null) => (t === null ? null : (t - dosedAt) / min(1));

describe('checkpointSchedule', () => {
  it('default: before the dose, 15/30/40/45/60, every 30 min, and before discharge', () => {
    const s = schedule(120);
    expect(offsets(s)).toEqual([0, 15, 30, 40, 45, 60, 90, 120]);
    expect(s.map((c) => c.id)).toEqual(['pre-dose', 'after-15', 'after-30', 'after-40', 'after-45', 'after-60', 'after-90', 'before-discharge']);
    expect(s.map((c) => c.kind)).toEqual(['pre-dose', 'post-dose', 'post-dose', 'post-dose', 'post-dose', 'post-dose', 'post-dose', 'before-discharge']);
    expect(s.map((c) => c.label)).toEqual(['Before the dose', '15 min after the dose', '30 min after the dose', '40 min after the dose', '45 min after the dose', '60 min after the dose', '90 min after the dose', 'Before discharge']);
    expect(s.map((c) => rel(c.dueAt))).toEqual([0, 15, 30, 40, 45, 60, 90, 120]);
  });

  it('windows: half-way to the neighbours, at least the grace after, the pre-dose one from an hour before to the dose', () => {
    const s = schedule(120);
    expect(s.map((c) => [rel(c.windowStart), rel(c.windowEnd)])).toEqual([
      [-60, 0], [7.5, 22.5], [22.5, 35], [35, 45], [42.5, 52.5], [52.5, 75], [75, 105], [105, null],
    ]);
  });

  it('folds a periodic checkpoint less than half an interval before the end into the before-discharge one', () => {
    expect(offsets(schedule(130))).toEqual([0, 15, 30, 40, 45, 60, 90, 130]);
    expect(offsets(schedule(134))).toEqual([0, 15, 30, 40, 45, 60, 90, 134]);
    expect(offsets(schedule(135))).toEqual([0, 15, 30, 40, 45, 60, 90, 120, 135]);
    expect(offsets(schedule(180))).toEqual([0, 15, 30, 40, 45, 60, 90, 120, 150, 180]);
  });

  it('drops fixed checkpoints at or after a short planned end', () => {
    expect(offsets(schedule(30))).toEqual([0, 15, 30]);
    expect(schedule(30).at(-1)?.kind).toBe('before-discharge');
    expect(offsets(schedule(62))).toEqual([0, 15, 30, 40, 45, 60, 62]);
  });

  it('without a before-discharge checkpoint, keeps checkpoints up to the end and leaves the last one open', () => {
    const s = schedule(120, protocol({ checkpoints: { beforeDischarge: false } }));
    expect(offsets(s)).toEqual([0, 15, 30, 40, 45, 60, 90, 120]);
    expect(s.at(-1)).toMatchObject({ kind: 'post-dose', id: 'after-120', windowEnd: null });
  });

  it('without periodic checkpoints, only the fixed ones and before discharge', () => {
    expect(offsets(schedule(180, protocol({ checkpoints: { thenEveryMinutes: null } })))).toEqual([0, 15, 30, 40, 45, 60, 180]);
  });

  it('without a pre-dose offset, the first window opens half-way from the dose', () => {
    const s = schedule(120, protocol({ checkpoints: { atMinutes: [20, 40] } }));
    expect(offsets(s)).toEqual([20, 40, 70, 100, 120]);
    expect(rel(s[0]!.windowStart)).toBe(10);
  });

  it('uses the protocol’s grace and pre-dose reading age', () => {
    const s = schedule(120, protocol({ checkpoints: { overdueGraceMinutes: 10 }, predoseVitals: { maxAgeMinutes: 30 } }));
    expect(rel(s[0]!.windowStart)).toBe(-30);
    expect(rel(s[1]!.windowEnd)).toBe(25); // max(7.5, 10)
  });

  it('refuses a planned end at or before the dose', () => {
    for (const end of [dosedAt, dosedAt - 1]) {
      const r = checkpointSchedule(protocol(), dosedAt, end);
      expect(!r.ok && r.error.fields).toEqual([{ path: 'plannedEnd', message: 'must be after the dose time' }]);
    }
  });
});

describe('matchReadings', () => {
  const s = schedule(120);
  const m = (...mins: number[]) => {
    const r = matchReadings(s, mins.map((x) => dosedAt + min(x)));
    return { matched: r.matched.map(rel), unmatched: r.unmatched.map(rel) };
  };

  it('matches readings taken on time', () => {
    expect(m(-10, 15, 30, 40, 45, 60, 90, 120).matched).toEqual([-10, 15, 30, 40, 45, 60, 90, 120]);
  });

  it('a late reading still counts for its checkpoint while its window is open, then the next one is still asked for', () => {
    expect(m(44, 46).matched.slice(3, 5)).toEqual([44, 46]);
    expect(m(44).matched.slice(3, 5)).toEqual([44, null]);
  });

  it('a reading in two windows satisfies the earliest unsatisfied checkpoint', () => {
    expect(m(22.5).matched.slice(1, 3)).toEqual([22.5, null]);
    expect(m(15, 22.5).matched.slice(1, 3)).toEqual([15, 22.5]);
  });

  it('a reading outside any open window is unmatched; extra readings too', () => {
    expect(m(-61).unmatched).toEqual([-61]);
    expect(m(14, 16).matched[1]).toBe(14);
    expect(m(14, 16).unmatched).toEqual([16]);
  });

  it('a reading after the dose does not count as pre-dose', () => {
    expect(m(0.5).matched[0]).toBeNull();
    expect(m(0).matched[0]).toBe(0);
  });

  it('the last checkpoint takes any later reading', () => {
    expect(m(200).matched.at(-1)).toBe(200);
  });

  it('order of input does not matter', () => {
    expect(m(30, 15, -5).matched.slice(0, 3)).toEqual([-5, 15, 30]);
  });
});

describe('checkpointStatus', () => {
  const s = schedule(120);
  const at = (now: number, ...readings: number[]) =>
    checkpointStatus(s, readings.map((x) => dosedAt + min(x)), dosedAt + min(now), 5);
  const statuses = (r: ReturnType<typeof at>) => Object.fromEntries(r.checkpoints.map((c) => [c.offsetMinutes, c.status]));

  it('upcoming before the window opens, due inside it, overdue after due + grace, missed once the window closes', () => {
    expect(at(7, -10).checkpoints[1]!.status).toBe('upcoming');
    expect(at(7.5, -10).checkpoints[1]!.status).toBe('due');
    expect(at(20, -10).checkpoints[1]!.status).toBe('due');
    expect(checkpointStatus(s, [], dosedAt + min(20) + 1, 5).checkpoints[1]!.status).toBe('overdue');
    expect(at(22.5, -10).checkpoints[1]!.status).toBe('overdue');
    expect(checkpointStatus(s, [], dosedAt + min(22.5) + 1, 5).checkpoints[1]!.status).toBe('missed');
  });

  it('a missing pre-dose reading is missed once the dose is given', () => {
    expect(at(0).checkpoints[0]!.status).toBe('due');
    expect(checkpointStatus(s, [], dosedAt + 1, 5).checkpoints[0]!.status).toBe('missed');
  });

  it('recorded when a reading satisfied it, with the reading time', () => {
    const r = at(50, -10, 15, 31, 44);
    expect(statuses(r)).toMatchObject({ 0: 'recorded', 15: 'recorded', 30: 'recorded', 40: 'recorded', 45: 'due', 60: 'upcoming' });
    expect(rel(r.checkpoints[2]!.recordedAt)).toBe(31);
  });

  it('close checkpoints (40, 45): 40 is overdue for no time with a 5-min grace, missed when 45 is due', () => {
    const readings = [dosedAt - min(10), dosedAt + min(15), dosedAt + min(30)];
    expect(statuses(checkpointStatus(s, readings, dosedAt + min(45), 5))).toMatchObject({ 40: 'due', 45: 'due' });
    const r = checkpointStatus(s, readings, dosedAt + min(45) + 1, 5);
    expect(statuses(r)).toMatchObject({ 40: 'missed', 45: 'due' });
    expect(r.nextDue?.offsetMinutes).toBe(45);
  });

  it('overdue from 60 + grace until its window closes at 75', () => {
    const readings = [-10, 15, 30, 40, 45].map((x) => dosedAt + min(x));
    expect(checkpointStatus(s, readings, dosedAt + min(65), 5).checkpoints[5]!.status).toBe('due');
    expect(checkpointStatus(s, readings, dosedAt + min(65) + 1, 5).checkpoints[5]!.status).toBe('overdue');
    expect(checkpointStatus(s, readings, dosedAt + min(75), 5).nextDue?.offsetMinutes).toBe(60);
    expect(checkpointStatus(s, readings, dosedAt + min(75) + 1, 5).checkpoints[5]!.status).toBe('missed');
  });

  it('ignores readings dated after now', () => {
    expect(at(10, -10, 15).checkpoints[1]!.status).toBe('due');
  });

  it('nextDue is the earliest checkpoint still to record, skipping missed ones; null when all are done', () => {
    expect(at(25, -10).nextDue?.offsetMinutes).toBe(30);
    expect(at(10, -10).nextDue?.id).toBe('after-15');
    const done = at(130, -10, 15, 30, 40, 45, 60, 90, 120);
    expect(done.nextDue).toBeNull();
    expect(done.unmatched).toEqual([]);
    expect(at(130, -10, 15, 30, 40, 45, 60, 90, 120, 125).unmatched.map(rel)).toEqual([125]);
  });

  it('uses the grace passed in', () => {
    expect(checkpointStatus(s, [], dosedAt + min(17), 1).checkpoints[1]!.status).toBe('overdue');
    expect(checkpointStatus(s, [], dosedAt + min(17), 5).checkpoints[1]!.status).toBe('due');
  });
});
