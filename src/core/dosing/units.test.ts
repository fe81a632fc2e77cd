import { describe, expect, it } from 'vitest';
import {
  beatsPerMinute, breathsPerMinute, infusionRate, kilograms, mgPerKg, milligrams, milligramsPerHour, milligramsPerKilogram, minutes, mmHg,
  percent, round2, subtractMilligrams, sumMilligrams, UNIT_SPECS, units,
} from './units';

describe('unit constructors', () => {
  const constructors = { mg: milligrams, mgPerKg: milligramsPerKilogram, kg: kilograms, mmHg, bpm: beatsPerMinute, percent, breathsPerMinute, minutes, mgPerHour: milligramsPerHour };

  it('accept values inside the range, up to and including the maximum', () => {
    for (const [kind, make] of Object.entries(constructors)) {
      const spec = UNIT_SPECS[kind as keyof typeof UNIT_SPECS];
      expect(make(spec.max)).toEqual({ ok: true, value: spec.max });
      expect(make(spec.max / 2).ok).toBe(true);
    }
  });

  it('refuse values above the maximum, negatives, NaN and infinities, with a field path', () => {
    for (const [kind, make] of Object.entries(constructors)) {
      const spec = UNIT_SPECS[kind as keyof typeof UNIT_SPECS];
      for (const bad of [spec.max + 0.001, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        const r = make(bad);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('VALIDATION_FAILED');
          expect(r.error.fields?.[0]?.path).toBeTruthy();
        }
      }
    }
  });

  it('allow zero except for weight, which must be above zero', () => {
    expect(milligrams(0).ok).toBe(true);
    expect(mmHg(0).ok).toBe(true);
    const r = kilograms(0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('above 0');
    expect(kilograms(0.1).ok).toBe(true);
  });

  it('use the given field path', () => {
    const r = milligrams(5000, 'parts.2.amount');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.fields).toEqual([{ path: 'parts.2.amount', message: 'must be at most 1000 mg' }]);
      expect(r.error.message).toBe('The dose must be at most 1000 mg.');
    }
  });

  it('refuse a non-number smuggled past the types', () => {
    expect(milligrams('40' as unknown as number).ok).toBe(false);
  });
});

describe('throwing constructors (programmer errors only)', () => {
  it('return the value or throw a RangeError', () => {
    expect(units.mg(40)).toBe(40);
    expect(units.kg(70)).toBe(70);
    expect(units.mmHg(120) + units.bpm(1) + units.percent(1) + units.breathsPerMinute(1) + units.minutes(1) + units.mgPerHour(1) + units.mgPerKg(1)).toBe(126);
    expect(() => units.mg(-1)).toThrow(RangeError);
    expect(() => units.kg(0)).toThrow(/above 0/);
  });
});

describe('mgPerKg', () => {
  it('divides and rounds to 2 decimals, half away from zero', () => {
    expect(mgPerKg(units.mg(35), units.kg(70))).toBe(0.5);
    expect(mgPerKg(units.mg(52.5), units.kg(70))).toBe(0.75);
    expect(mgPerKg(units.mg(100), units.kg(3))).toBe(33.33);
    expect(mgPerKg(units.mg(2), units.kg(3))).toBe(0.67);
    expect(mgPerKg(units.mg(0), units.kg(80))).toBe(0);
  });

  it('rounds values that are x.xx5 in decimal up, as by hand', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(0.745)).toBe(0.75);
    expect(round2(0.7449)).toBe(0.74);
    expect(mgPerKg(units.mg(52.15), units.kg(70))).toBe(0.75); // 0.745 mg/kg
  });

  it('throws on a weight of zero smuggled past the types', () => {
    expect(() => mgPerKg(units.mg(10), 0 as never)).toThrow(RangeError);
  });
});

describe('infusionRate', () => {
  it('is mg per hour over the duration', () => {
    expect(infusionRate(units.mg(35), units.minutes(40))).toBe(52.5);
    expect(infusionRate(units.mg(10), units.minutes(60))).toBe(10);
    expect(infusionRate(units.mg(10), units.minutes(7))).toBe(85.71);
  });

  it('throws on a zero duration', () => {
    expect(() => infusionRate(units.mg(10), units.minutes(0))).toThrow(RangeError);
  });
});

describe('sums of doses', () => {
  it('add without float drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumMilligrams([units.mg(0.1), units.mg(0.2)])).toBe(0.3);
    expect(sumMilligrams([])).toBe(0);
    expect(subtractMilligrams(units.mg(0.3), sumMilligrams([units.mg(0.1), units.mg(0.2)]))).toBe(0);
    expect(subtractMilligrams(units.mg(100), units.mg(40.5))).toBe(59.5);
  });
});
