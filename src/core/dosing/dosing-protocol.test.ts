import { describe, expect, it } from 'vitest';
import { ProtocolDefinition, ROUTES } from '../scheduling/protocol';
import { DOSE_ROUTES, DosingProtocol, minMonitoringMinutes } from './dosing-protocol';
import { protocol } from './test-fixtures';

describe('dosing protocol defaults', () => {
  const d = DosingProtocol.parse({});

  it('uses the same routes as the course protocol', () => {
    expect([...DOSE_ROUTES].sort()).toEqual([...ROUTES].sort());
  });

  it('has the cited defaults', () => {
    expect(d.eligibilityMaxAgeDays).toBe(90);
    expect(d.weightMaxAgeDays).toBe(30);
    expect(d.predoseVitals.systolic).toEqual({ warnAtOrAbove: 140, actAtOrAbove: 160, warnBelow: null, actBelow: null });
    expect(d.predoseVitals.diastolic).toEqual({ warnAtOrAbove: 90, actAtOrAbove: 100, warnBelow: null, actBelow: null });
    expect(d.predoseVitals.spo2.actBelow).toBe(94);
    expect(d.predoseVitals.maxAgeMinutes).toBe(60);
    expect(d.checkpoints).toEqual({ atMinutes: [0, 15, 30, 40, 45, 60], thenEveryMinutes: 30, beforeDischarge: true, overdueGraceMinutes: 5 });
    expect(d.doseLimits.intravenous).toEqual({ minMg: null, maxMg: null, minMgPerKg: 0.1, maxMgPerKg: 0.75, defaultInfusionMinutes: 40 });
    expect(d.doseLimits.sublingual).toEqual({ minMg: 25, maxMg: 300, minMgPerKg: null, maxMgPerKg: null });
    expect(d.discharge.minMonitoringMinutes).toBeUndefined();
    expect(d.sedationScale.resolvedAtOrBelow).toBe(0);
    expect(d.dissociationScale.levels).toHaveLength(5);
  });

  it('sets no limit for the unconfirmed routes (intramuscular, intranasal)', () => {
    for (const route of ['intramuscular', 'intranasal'] as const) {
      expect(d.doseLimits[route]).toEqual({ minMg: null, maxMg: null, minMgPerKg: null, maxMgPerKg: null });
    }
  });

  it('requires the checklist items of the brief, pregnancy test and education off', () => {
    expect(d.checklist).toEqual({
      eligibilityCurrent: true, consentSigned: true, vitalsWithinLimits: true, weightCurrent: true, fasting: true, rideHome: true,
      noDrivingAcknowledged: true, pregnancyTest: false, intentionRecorded: true, adverseEventsReviewed: true, educationRead: false,
    });
  });

  it('writes its own scale labels, without licensed (CADSS) wording', () => {
    const text = JSON.stringify([d.sedationScale, d.dissociationScale]);
    expect(text).not.toMatch(/CADSS|Clinician-Administered|Dissociative States Scale/i);
    expect(d.sedationScale.levels[0]).toMatch(/^0 none/);
  });

  it('gives fresh arrays to each parse (no shared mutable default)', () => {
    const a = DosingProtocol.parse({});
    a.checkpoints.atMinutes.push(999);
    expect(DosingProtocol.parse({}).checkpoints.atMinutes).not.toContain(999);
  });
});

describe('partial edits', () => {
  it('keep the other defaults, including the hold level when only the warning level changes', () => {
    const d = DosingProtocol.parse({ predoseVitals: { systolic: { warnAtOrAbove: 145 } } });
    expect(d.predoseVitals.systolic.warnAtOrAbove).toBe(145);
    expect(d.predoseVitals.systolic.actAtOrAbove).toBe(160);
    expect(d.predoseVitals.diastolic.actAtOrAbove).toBe(100);
  });

  it('switch a check off only with an explicit null', () => {
    const d = DosingProtocol.parse({ predoseVitals: { spo2: { warnBelow: null } } });
    expect(d.predoseVitals.spo2).toEqual({ warnAtOrAbove: null, actAtOrAbove: null, warnBelow: null, actBelow: 94 });
  });

  it('let a clinic set limits for intramuscular', () => {
    const d = DosingProtocol.parse({ doseLimits: { intramuscular: { minMgPerKg: 0.2, maxMgPerKg: 1 } } });
    expect(d.doseLimits.intramuscular.maxMgPerKg).toBe(1);
    expect(d.doseLimits.sublingual.maxMg).toBe(300);
  });
});

describe('refusals', () => {
  const issues = (input: unknown) => {
    const r = DosingProtocol.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('refuses a warning level above the act level, on either side', () => {
    expect(issues({ predoseVitals: { systolic: { warnAtOrAbove: 170 } } })).toEqual(['predoseVitals.systolic.warnAtOrAbove: must not exceed actAtOrAbove']);
    expect(issues({ monitoringThresholds: { spo2: { warnBelow: 85 } } })).toEqual(['monitoringThresholds.spo2.warnBelow: must not be below actBelow']);
  });

  it('refuses low levels above high levels', () => {
    expect(issues({ monitoringThresholds: { heartRate: { warnBelow: 120, actBelow: 115 } } })).toContain('monitoringThresholds.heartRate.warnBelow: the low levels must lie below the high levels');
  });

  it('refuses a minimum above the maximum', () => {
    expect(issues({ doseLimits: { sublingual: { minMg: 400 } } })).toEqual(['doseLimits.sublingual.minMg: must not exceed the maximum']);
    expect(issues({ doseLimits: { intravenous: { minMgPerKg: 1 } } })).toEqual(['doseLimits.intravenous.minMgPerKg: must not exceed the maximum']);
  });

  it('refuses checkpoints out of order or repeated', () => {
    expect(issues({ checkpoints: { atMinutes: [0, 30, 15] } })).toEqual(['checkpoints.atMinutes: must be increasing, without repeats']);
    expect(issues({ checkpoints: { atMinutes: [0, 15, 15] } })).toHaveLength(1);
  });

  it('refuses a resolved level that is not on the scale', () => {
    expect(issues({ sedationScale: { resolvedAtOrBelow: 5 } })).toEqual(['sedationScale.resolvedAtOrBelow: must be a level of the scale (0–4)']);
    expect(issues({ sedationScale: { levels: ['calm', 'drowsy'], resolvedAtOrBelow: 1 } })).toEqual([]);
  });
});

describe('inside ProtocolDefinition', () => {
  it('defaults when a stored protocol has no dosing part', () => {
    const p = ProtocolDefinition.parse({ name: 'Stored before issue 5', routes: ['sublingual'] });
    expect(p.dosing).toEqual(DosingProtocol.parse({}));
  });

  it('reports dosing problems under the dosing path', () => {
    const r = ProtocolDefinition.safeParse({ name: 'x', routes: ['sublingual'], dosing: { doseLimits: { sublingual: { minMg: 400 } } } });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.path).toEqual(['dosing', 'doseLimits', 'sublingual', 'minMg']);
  });

  it('takes the minimum monitoring time from the course durations unless the dosing part sets one', () => {
    expect(minMonitoringMinutes(protocol())).toBe(120);
    expect(minMonitoringMinutes(protocol({}, { durations: { monitoringMinutes: 90 } }))).toBe(90);
    expect(minMonitoringMinutes(protocol({ discharge: { minMonitoringMinutes: 150 } }, { durations: { dosingMinutes: 180 } }))).toBe(150);
  });
});
