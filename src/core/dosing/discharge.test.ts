import { describe, expect, it } from 'vitest';
import { evaluateDischarge, type DischargeFacts } from './discharge';
import { admin, min, nurse, prescriber, protocol, T0, therapist, vitals } from './test-fixtures';

const dosedAt = T0; // 09:00 UTC
const p = protocol();
const facts = (now: number, o: Partial<DischargeFacts> = {}): DischargeFacts => ({
  dosedAt,
  vitals: { reading: vitals(), at: now - min(5) },
  baseline: vitals({ systolic: 125, diastolic: 82 }),
  sedation: { level: 0, at: now - min(5) },
  dissociation: { level: 0, at: now - min(5) },
  suicideRiskCheck: { at: now - min(10) },
  ridePresent: true,
  signer: nurse,
  ...o,
});
const at = (m: number) => dosedAt + min(m);
const cond = (e: ReturnType<typeof evaluateDischarge>, id: string) => e.conditions.find((c) => c.id === id)!;

describe('evaluateDischarge', () => {
  it('allows discharge when every condition is met', () => {
    const e = evaluateDischarge(p, facts(at(120)), at(120));
    expect(e.canDischarge).toBe(true);
    expect(e.unmet).toEqual([]);
    expect(e.conditions.map((c) => c.id)).toEqual(['minimum-monitoring', 'vitals', 'sedation', 'dissociation', 'suicide-risk-check', 'ride', 'signer']);
    expect(e.minutesRemaining).toBe(0);
    expect(e.possibleFrom).toBe(at(120));
  });

  describe('minimum monitoring', () => {
    it('119 minutes after the dose is too early; 120 is enough', () => {
      const early = evaluateDischarge(p, facts(at(119)), at(119));
      expect(early.canDischarge).toBe(false);
      expect(early.unmet.map((c) => c.id)).toEqual(['minimum-monitoring']);
      expect(early.minutesRemaining).toBe(1);
      expect(cond(early, 'minimum-monitoring').message).toBe('Discharge is possible from 2026-03-02T11:00:00.000Z, in 1 minute (at least 120 minutes of monitoring after the dose).');
      expect(evaluateDischarge(p, facts(at(120) - 1), at(120) - 1).canDischarge).toBe(false);
      expect(evaluateDischarge(p, facts(at(120)), at(120)).canDischarge).toBe(true);
    });

    it('says when, with the caller’s time format and the minutes remaining', () => {
      const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
      const e = evaluateDischarge(protocol({}, { durations: { monitoringMinutes: 160, dosingMinutes: 180 } }), facts(at(143)), at(143), hhmm);
      expect(cond(e, 'minimum-monitoring').message).toBe('Discharge is possible from 11:40, in 17 minutes (at least 160 minutes of monitoring after the dose).');
      expect(e.minutesRemaining).toBe(17);
    });

    it('uses the dosing setting over the course duration when set', () => {
      const e = evaluateDischarge(protocol({ discharge: { minMonitoringMinutes: 60 } }), facts(at(60)), at(60));
      expect(e.canDischarge).toBe(true);
    });
  });

  describe('vitals', () => {
    const now = at(130);
    const withVitals = (raw: Parameters<typeof vitals>[0], o: Partial<DischargeFacts> = {}) => evaluateDischarge(p, facts(now, { vitals: { reading: vitals(raw), at: now - min(1) }, ...o }), now);

    it('159/99 passes, 160 or 100 does not (unless near baseline)', () => {
      expect(withVitals({ systolic: 159, diastolic: 99 }).canDischarge).toBe(true);
      const high = withVitals({ systolic: 160, diastolic: 100 });
      expect(high.unmet.map((c) => c.id)).toEqual(['vitals']);
      expect(cond(high, 'vitals').message).toBe('Not yet: Systolic BP 160 mmHg is at or above the discharge level of 160 mmHg. Diastolic BP 100 mmHg is at or above the discharge level of 100 mmHg. Re-measure later.');
    });

    it('accepts BP back within 10 mmHg of a high pre-dose baseline, and says so', () => {
      const baseline = vitals({ systolic: 162, diastolic: 96 });
      const near = withVitals({ systolic: 172, diastolic: 98 }, { baseline });
      expect(near.canDischarge).toBe(true);
      expect(cond(near, 'vitals').warnings).toEqual([
        'Systolic BP 172 mmHg is at or above the discharge level of 160 mmHg. Accepted: within 10 mmHg of the pre-dose value (162 mmHg).',
      ]);
      expect(withVitals({ systolic: 173, diastolic: 98 }, { baseline }).canDischarge).toBe(false);
      expect(withVitals({ systolic: 172, diastolic: 98 }, { baseline: null }).canDischarge).toBe(false);
      const off = evaluateDischarge(protocol({ discharge: { baselineToleranceMmHg: null } }), facts(now, { vitals: { reading: vitals({ systolic: 165, diastolic: 90 }), at: now }, baseline }), now);
      expect(off.canDischarge).toBe(false);
    });

    it('does not apply the baseline to low values or other vitals', () => {
      expect(withVitals({ systolic: 89, diastolic: 60 }, { baseline: vitals({ systolic: 92, diastolic: 60 }) }).canDischarge).toBe(false);
      expect(withVitals({ heartRate: 120 }, { baseline: vitals({ heartRate: 118 }) }).canDischarge).toBe(false);
    });

    it('SpO2 94 passes, 93 does not; heart rate and respiratory rate bounds apply', () => {
      expect(withVitals({ spo2: 94 }).canDischarge).toBe(true);
      expect(withVitals({ spo2: 93 }).canDischarge).toBe(false);
      expect(withVitals({ heartRate: 119 }).canDischarge).toBe(true);
      expect(withVitals({ heartRate: 44 }).canDischarge).toBe(false);
      expect(withVitals({ respiratoryRate: 9 }).canDischarge).toBe(false);
      expect(withVitals({ respiratoryRate: 24 }).canDischarge).toBe(false);
    });

    it('reports clinic-configured warning levels without blocking', () => {
      const warnP = protocol({ discharge: { vitals: { systolic: { warnAtOrAbove: 150 } } } });
      const e = evaluateDischarge(warnP, facts(now, { vitals: { reading: vitals({ systolic: 155, diastolic: 85 }), at: now } }), now);
      expect(e.canDischarge).toBe(true);
      expect(cond(e, 'vitals').warnings).toEqual(['Systolic BP 155 mmHg is at or above the warning level of 150 mmHg.']);
    });

    it('needs a reading after the dose, at most 15 minutes old, with BP, heart rate and SpO2', () => {
      expect(cond(evaluateDischarge(p, facts(now, { vitals: null }), now), 'vitals').met).toBe(false);
      expect(cond(evaluateDischarge(p, facts(now, { vitals: { reading: vitals(), at: dosedAt - 1 } }), now), 'vitals').message).toBe('Record vital signs after the dose, before discharge.');
      expect(cond(evaluateDischarge(p, facts(now, { vitals: { reading: vitals(), at: now - min(15) } }), now), 'vitals').met).toBe(true);
      const old = cond(evaluateDischarge(p, facts(now, { vitals: { reading: vitals(), at: now - min(15) - 1 } }), now), 'vitals');
      expect(old.message).toBe('The latest vital signs are 15 minutes old; discharge needs a reading from the last 15 minutes.');
      expect(cond(evaluateDischarge(p, facts(now, { vitals: { reading: vitals(), at: now + 1 } }), now), 'vitals').met).toBe(false);
      const { spo2: _, ...noSpo2 } = vitals();
      expect(cond(evaluateDischarge(p, facts(now, { vitals: { reading: noSpo2, at: now } }), now), 'vitals').message).toBe('Record SpO2 before discharge.');
    });
  });

  describe('sedation and dissociation', () => {
    const now = at(130);
    it('resolved at or below the protocol level', () => {
      const e = evaluateDischarge(p, facts(now, { sedation: { level: 1, at: now }, dissociation: { level: 2, at: now } }), now);
      expect(e.unmet.map((c) => c.id)).toEqual(['sedation', 'dissociation']);
      expect(cond(e, 'sedation').message).toBe('Sedation is at level 1 (1 mild: drowsy, wakes to voice); discharge needs level 0 or below (0 none: awake, talks normally).');
      const lenient = protocol({ sedationScale: { resolvedAtOrBelow: 1 }, dissociationScale: { resolvedAtOrBelow: 1 } });
      const l = evaluateDischarge(lenient, facts(now, { sedation: { level: 1, at: now }, dissociation: { level: 2, at: now } }), now);
      expect(l.unmet.map((c) => c.id)).toEqual(['dissociation']);
    });

    it('needs a rating after the dose, recent, and on the scale', () => {
      const unmet = (o: Partial<DischargeFacts>) => evaluateDischarge(p, facts(now, o), now).unmet.map((c) => c.message);
      expect(unmet({ sedation: null })).toEqual(['Rate sedation after the dose: discharge needs level 0 or below (0 none: awake, talks normally).']);
      expect(unmet({ dissociation: { level: 0, at: dosedAt - 1 } })[0]).toMatch(/^Rate dissociation after the dose/);
      expect(unmet({ sedation: { level: 0, at: now - min(16) } })).toEqual(['The sedation rating is 16 minutes old; rate it again (within 15 minutes of discharge).']);
      expect(unmet({ sedation: { level: 0, at: now - min(15) } })).toEqual([]);
      expect(unmet({ sedation: { level: 5, at: now } })).toEqual(['Sedation level 5 is not on the clinic\'s scale (0–4): rate it again.']);
      expect(unmet({ sedation: { level: 0.5, at: now } })).toHaveLength(1);
      expect(unmet({ sedation: { level: -1, at: now } })).toHaveLength(1);
      expect(unmet({ dissociation: { level: 0, at: now + 1 } })[0]).toMatch(/dated after now/);
    });
  });

  describe('suicide-risk check, ride and signer', () => {
    const now = at(130);
    const ids = (o: Partial<DischargeFacts>, proto = p) => evaluateDischarge(proto, facts(now, o), now).unmet.map((c) => c.id);

    it('the suicide-risk check must follow the dose', () => {
      expect(ids({ suicideRiskCheck: null })).toEqual(['suicide-risk-check']);
      expect(ids({ suicideRiskCheck: { at: dosedAt - 1 } })).toEqual(['suicide-risk-check']);
      expect(ids({ suicideRiskCheck: { at: dosedAt } })).toEqual([]);
    });

    it('the escort must be present', () => {
      expect(ids({ ridePresent: false })).toEqual(['ride']);
    });

    it('a prescriber or nurse signs', () => {
      expect(ids({ signer: prescriber })).toEqual([]);
      expect(ids({ signer: null })).toEqual(['signer']);
      for (const signer of [therapist, admin]) expect(ids({ signer })).toEqual(['signer']);
      expect(evaluateDischarge(p, facts(now, { signer: therapist }), now).unmet[0]?.message).toBe('Discharge is signed by a prescriber or nurse, not a therapist.');
    });

    it('the check and the escort can be switched off by the protocol', () => {
      const off = protocol({ discharge: { suicideRiskCheck: false, ridePresent: false } });
      expect(ids({ suicideRiskCheck: null, ridePresent: false }, off)).toEqual([]);
    });
  });

  it('returns every unmet condition at once', () => {
    const now = at(30);
    const e = evaluateDischarge(p, {
      dosedAt, vitals: null, baseline: null, sedation: null, dissociation: null, suicideRiskCheck: null, ridePresent: false, signer: null,
    }, now);
    expect(e.canDischarge).toBe(false);
    expect(e.unmet).toHaveLength(7);
    expect(e.minutesRemaining).toBe(90);
  });
});
