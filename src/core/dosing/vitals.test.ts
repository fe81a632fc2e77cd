import { describe, expect, it } from 'vitest';
import { DosingProtocol } from './dosing-protocol';
import { classifyVitals, findingsAt, missingVitals, PLAUSIBLE, validateVitals, VITAL_LOINC, type VitalsReading } from './vitals';
import { vitals } from './test-fixtures';

const d = DosingProtocol.parse({});

describe('LOINC codes', () => {
  it('are the FHIR vital-sign codes of the fact sheet', () => {
    expect(VITAL_LOINC.systolic.code).toBe('8480-6');
    expect(VITAL_LOINC.diastolic.code).toBe('8462-4');
    expect(VITAL_LOINC.heartRate.code).toBe('8867-4');
    expect(VITAL_LOINC.spo2.code).toBe('59408-5');
    expect(VITAL_LOINC.spo2Arterial.code).toBe('2708-6');
    expect(VITAL_LOINC.respiratoryRate.code).toBe('9279-1');
    expect(VITAL_LOINC.bloodPressurePanel.code).toBe('85354-9');
    expect(VITAL_LOINC.vitalSignsPanel.code).toBe('85353-1');
    expect(VITAL_LOINC.bodyWeight.code).toBe('29463-7');
  });
});

describe('validateVitals', () => {
  it('accepts a plausible reading, and partial readings', () => {
    expect(validateVitals({ systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 })).toEqual({
      ok: true, value: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 },
    });
    expect(validateVitals({ spo2: 97 })).toEqual({ ok: true, value: { spo2: 97 } });
    expect(validateVitals({ spo2: 97, heartRate: null })).toEqual({ ok: true, value: { spo2: 97 } });
  });

  it('accepts the plausible bounds themselves', () => {
    for (const [key, { min, max }] of Object.entries(PLAUSIBLE)) {
      if (key === 'systolic' || key === 'diastolic') continue;
      expect(validateVitals({ [key]: min }).ok).toBe(true);
      expect(validateVitals({ [key]: max }).ok).toBe(true);
    }
    expect(validateVitals({ systolic: 300, diastolic: 200 }).ok).toBe(true);
    expect(validateVitals({ systolic: 50, diastolic: 20 }).ok).toBe(true);
  });

  it('reports every implausible value with its path', () => {
    const r = validateVitals({ systolic: 1200, diastolic: 80, heartRate: 0, spo2: 101, respiratoryRate: 71 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    expect(r.error.fields?.map((f) => f.path)).toEqual(['systolic', 'heartRate', 'spo2', 'respiratoryRate']);
    expect(r.error.fields?.[0]?.message).toBe('must be between 50 and 300 mmHg');
  });

  it('reports non-numbers', () => {
    const r = validateVitals({ spo2: Number.NaN });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toEqual([{ path: 'spo2', message: 'must be a number' }]);
  });

  it('requires diastolic below systolic', () => {
    for (const [s, dia] of [[80, 80], [80, 90]] as const) {
      const r = validateVitals({ systolic: s, diastolic: dia });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.fields).toEqual([{ path: 'diastolic', message: 'must be below the systolic pressure' }]);
    }
    expect(validateVitals({ systolic: 81, diastolic: 80 }).ok).toBe(true);
  });

  it('requires both halves of a blood pressure', () => {
    const r = validateVitals({ systolic: 120, spo2: 98 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toEqual([{ path: 'diastolic', message: 'blood pressure needs both systolic and diastolic' }]);
    const s = validateVitals({ diastolic: 80 });
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.error.fields?.[0]?.path).toBe('systolic');
  });

  it('requires at least one value', () => {
    const r = validateVitals({});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('Enter at least one vital sign.');
  });
});

describe('missingVitals', () => {
  it('lists the required vitals absent from a reading', () => {
    expect(missingVitals({ spo2: 98 } as VitalsReading, ['systolic', 'spo2', 'heartRate'])).toEqual(['systolic', 'heartRate']);
    expect(missingVitals(vitals(), ['systolic', 'spo2'])).toEqual([]);
  });
});

describe('classifyVitals', () => {
  const pre = d.predoseVitals;
  const level = (r: VitalsReading) => classifyVitals(pre, r).level;

  it('pre-dose blood pressure: 139/89 normal, 140 or 90 warn, 160 or 100 act', () => {
    expect(level(vitals({ systolic: 139, diastolic: 89 }))).toBe('normal');
    expect(level(vitals({ systolic: 140, diastolic: 89 }))).toBe('warn');
    expect(level(vitals({ systolic: 139, diastolic: 90 }))).toBe('warn');
    expect(level(vitals({ systolic: 159, diastolic: 99 }))).toBe('warn');
    expect(level(vitals({ systolic: 160, diastolic: 99 }))).toBe('act');
    expect(level(vitals({ systolic: 159, diastolic: 100 }))).toBe('act');
  });

  it('pre-dose SpO2: 95 normal, 94 warn, 93 act', () => {
    expect(level(vitals({ spo2: 95 }))).toBe('normal');
    expect(level(vitals({ spo2: 94 }))).toBe('warn');
    expect(level(vitals({ spo2: 93 }))).toBe('act');
  });

  it('pre-dose heart rate, both sides', () => {
    expect(level(vitals({ heartRate: 99 }))).toBe('normal');
    expect(level(vitals({ heartRate: 100 }))).toBe('warn');
    expect(level(vitals({ heartRate: 120 }))).toBe('act');
    expect(level(vitals({ heartRate: 50 }))).toBe('normal');
    expect(level(vitals({ heartRate: 49 }))).toBe('warn');
    expect(level(vitals({ heartRate: 44 }))).toBe('act');
  });

  it('monitoring levels, every vital and side', () => {
    const m = d.monitoringThresholds;
    const one = (r: VitalsReading) => classifyVitals(m, r).findings[0]!;
    expect(one({ systolic: 179, diastolic: 90 } as VitalsReading).level).toBe('warn');
    expect(one({ systolic: 180, diastolic: 90 } as VitalsReading).level).toBe('act');
    expect(one({ systolic: 99, diastolic: 60 } as VitalsReading)).toMatchObject({ level: 'warn', side: 'low', threshold: 100 });
    expect(one({ systolic: 89, diastolic: 60 } as VitalsReading)).toMatchObject({ level: 'act', side: 'low', threshold: 90 });
    expect(classifyVitals(m, { systolic: 150, diastolic: 110 } as VitalsReading).findings[1]).toMatchObject({ vital: 'diastolic', level: 'act' });
    expect(one({ spo2: 94 } as VitalsReading).level).toBe('normal');
    expect(one({ spo2: 93 } as VitalsReading).level).toBe('warn');
    expect(one({ spo2: 89 } as VitalsReading).level).toBe('act');
    expect(one({ respiratoryRate: 10 } as VitalsReading).level).toBe('normal');
    expect(one({ respiratoryRate: 9 } as VitalsReading).level).toBe('warn');
    expect(one({ respiratoryRate: 7 } as VitalsReading).level).toBe('act');
    expect(one({ respiratoryRate: 24 } as VitalsReading).level).toBe('warn');
    expect(one({ respiratoryRate: 30 } as VitalsReading).level).toBe('act');
    expect(one({ heartRate: 39 } as VitalsReading).level).toBe('act');
    expect(one({ heartRate: 130 } as VitalsReading).level).toBe('act');
  });

  it('reports one finding per vital present, the worst level overall, and readable messages', () => {
    const c = classifyVitals(pre, vitals({ systolic: 162, diastolic: 92, spo2: 93 }), { warn: 'warning', act: 'hold' });
    expect(c.level).toBe('act');
    expect(c.findings).toHaveLength(5);
    expect(findingsAt(c, 'act').map((f) => f.message)).toEqual([
      'Systolic BP 162 mmHg is at or above the hold level of 160 mmHg.',
      'SpO2 93 % is below the hold level of 94 %.',
    ]);
    expect(findingsAt(c, 'warn').map((f) => f.message)).toEqual(['Diastolic BP 92 mmHg is at or above the warning level of 90 mmHg.']);
    expect(findingsAt(c, 'normal')[0]?.message).toBe('Heart rate 70 /min is within limits.');
    expect(classifyVitals(d.monitoringThresholds, { spo2: 89 } as VitalsReading).findings[0]?.message).toBe('SpO2 89 % is below the action level of 90 %.');
  });

  it('ignores switched-off levels and classifies an empty reading as normal', () => {
    const off = DosingProtocol.parse({ predoseVitals: { systolic: { warnAtOrAbove: null, actAtOrAbove: null } } }).predoseVitals;
    expect(classifyVitals(off, vitals({ systolic: 250, diastolic: 80 })).level).toBe('normal');
    expect(classifyVitals(pre, {})).toEqual({ level: 'normal', findings: [] });
  });
});
