import { describe, expect, it } from 'vitest';
import { fastingRule, formatMinutes, PREDOSE_REQUIRED_VITALS, vitalsRule } from './checklist-rules';
import { goodFacts, min, protocol, T0, vitals } from './test-fixtures';

describe('formatMinutes', () => {
  it('writes hours and minutes', () => {
    expect(formatMinutes(0)).toBe('0 min');
    expect(formatMinutes(40)).toBe('40 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(119)).toBe('1 h 59 min');
  });
});

describe('rules on their own', () => {
  it('pre-dose vitals need BP, heart rate and SpO2', () => {
    expect(PREDOSE_REQUIRED_VITALS).toEqual(['systolic', 'diastolic', 'heartRate', 'spo2']);
  });

  it('return warnings only when there are some', () => {
    const p = protocol();
    expect(vitalsRule(p, goodFacts(T0), T0)).toEqual({ status: 'pass', message: 'Pre-dose vital signs are within limits.' });
    const warn = vitalsRule(p, goodFacts(T0, { predoseVitals: { reading: vitals({ systolic: 145, diastolic: 85 }), at: T0 } }), T0);
    expect(warn.warnings).toEqual(['Systolic BP 145 mmHg is at or above the warning level of 140 mmHg.']);
  });

  it('fasting with fractional hours in the protocol', () => {
    const p = protocol({}, { fasting: { foodHours: 1.5, liquidsMinutes: 0 } });
    const f = (m: number) => goodFacts(T0, { fasting: { kind: 'times', lastFoodAt: T0 - min(m), lastLiquidAt: T0 } });
    expect(fastingRule(p, f(90), T0).status).toBe('pass');
    expect(fastingRule(p, f(89), T0)).toMatchObject({ status: 'fail', passesAt: T0 + min(1) });
    expect(fastingRule(p, f(89), T0).message).toContain('(the protocol asks for 1 h 30 min)');
  });
});
