import { describe, expect, it } from 'vitest';
import { CHECKLIST_ITEM_IDS, CHECKLIST_ITEMS, evaluateChecklist, overrideItem, type ChecklistFacts, type ChecklistItemId, type ChecklistOverride } from './checklist';
import { DosingProtocol } from './dosing-protocol';
import { admin, days, goodFacts, min, nurse, prescriber, protocol, T0, therapist, vitals } from './test-fixtures';
import { units } from './units';

const now = T0;
const all = protocol({ checklist: { pregnancyTest: true, educationRead: true } });
const item = (facts: ChecklistFacts, id: ChecklistItemId, p = all, at = now) => evaluateChecklist(p, facts, at).items.find((i) => i.id === id)!;

describe('the catalogue', () => {
  it('has one item per protocol checklist setting, with stable unique ids', () => {
    expect([...CHECKLIST_ITEM_IDS].sort()).toEqual(Object.keys(DosingProtocol.parse({}).checklist).sort());
    expect(new Set(CHECKLIST_ITEM_IDS).size).toBe(CHECKLIST_ITEMS.length);
  });

  it('makes consent the only item that cannot be overridden', () => {
    expect(CHECKLIST_ITEMS.filter((i) => !i.overridable).map((i) => i.id)).toEqual(['consentSigned']);
  });
});

describe('evaluateChecklist', () => {
  it('passes every item on good facts and allows the dose', () => {
    const e = evaluateChecklist(all, goodFacts(now), now);
    expect(e.canDose).toBe(true);
    expect(e.blocking).toEqual([]);
    expect(e.items.every((i) => i.status === 'pass')).toBe(true);
    expect(e.warnings).toEqual([]);
  });

  it('marks items the protocol does not require as not-required, and they never block', () => {
    const e = evaluateChecklist(protocol(), goodFacts(now, { pregnancyTest: null, educationRead: false }), now);
    expect(e.items.find((i) => i.id === 'pregnancyTest')).toMatchObject({ status: 'not-required', required: false });
    expect(e.items.find((i) => i.id === 'educationRead')?.status).toBe('not-required');
    expect(e.canDose).toBe(true);
  });

  it('turning every item off allows a dose on empty facts', () => {
    const off = protocol({ checklist: Object.fromEntries(CHECKLIST_ITEM_IDS.map((id) => [id, false])) });
    const empty: ChecklistFacts = {
      eligibility: null, consent: null, predoseVitals: null, weight: null, fasting: null, ride: null, noDrivingAcknowledged: false,
      pregnancyTest: null, intention: null, adverseEventsReview: 'not-reviewed', educationRead: false, overrides: [],
    };
    expect(evaluateChecklist(off, empty, now).canDose).toBe(true);
    const e = evaluateChecklist(all, empty, now);
    expect(e.canDose).toBe(false);
    expect(e.blocking).toEqual(CHECKLIST_ITEM_IDS);
    expect(e.items.every((i) => i.status === 'missing')).toBe(true);
  });

  describe('eligibility', () => {
    const at = (decidedAt: number, extra = {}) => goodFacts(now, { eligibility: { decision: 'eligible', decidedAt, contraindicationSince: false, ...extra } });
    it('is current up to and including 90 days', () => {
      expect(item(at(now - days(90)), 'eligibilityCurrent').status).toBe('pass');
      const old = item(at(now - days(90) - 1), 'eligibilityCurrent');
      expect(old.status).toBe('missing');
      expect(old.message).toContain('90 days old; the protocol accepts 90 days');
    });
    it('fails on an ineligible decision or a contraindication recorded since', () => {
      expect(item(at(now - days(1), { decision: 'ineligible' }), 'eligibilityCurrent').status).toBe('fail');
      const c = item(at(now - days(1), { contraindicationSince: true }), 'eligibilityCurrent');
      expect(c.status).toBe('fail');
      expect(c.message).toContain('contraindication');
    });
    it('is missing without a decision, and fails on a future date', () => {
      expect(item(goodFacts(now, { eligibility: null }), 'eligibilityCurrent').status).toBe('missing');
      expect(item(at(now + 1), 'eligibilityCurrent').status).toBe('fail');
    });
  });

  describe('consent', () => {
    it('needs a signature of the current version', () => {
      expect(item(goodFacts(now, { consent: null }), 'consentSigned').status).toBe('missing');
      const old = item(goodFacts(now, { consent: { documentVersion: 'v2', signedAt: now - days(100) } }), 'consentSigned');
      expect(old.status).toBe('fail');
      expect(old.message).toContain('must sign version v3');
      expect(item(goodFacts(now, { consent: { documentVersion: 'v2', signedAt: now }, currentConsentVersion: null }), 'consentSigned').status).toBe('pass');
      expect(item(goodFacts(now, { consent: { documentVersion: 'v3', signedAt: now + 1 } }), 'consentSigned').status).toBe('fail');
    });
  });

  describe('pre-dose vitals', () => {
    const withVitals = (raw: Parameters<typeof vitals>[0], at = now - min(5)) => goodFacts(now, { predoseVitals: { reading: vitals(raw), at } });
    it('139/89 passes clean; 140/90 passes with warnings; 160/100 holds', () => {
      expect(item(withVitals({ systolic: 139, diastolic: 89 }), 'vitalsWithinLimits')).toMatchObject({ status: 'pass', warnings: [] });
      const warn = item(withVitals({ systolic: 140, diastolic: 90 }), 'vitalsWithinLimits');
      expect(warn.status).toBe('pass');
      expect(warn.warnings).toHaveLength(2);
      expect(evaluateChecklist(all, withVitals({ systolic: 140, diastolic: 90 }), now)).toMatchObject({ canDose: true });
      expect(evaluateChecklist(all, withVitals({ systolic: 140, diastolic: 90 }), now).warnings).toHaveLength(2);
      const hold = item(withVitals({ systolic: 160, diastolic: 100 }), 'vitalsWithinLimits');
      expect(hold.status).toBe('fail');
      expect(hold.message).toMatch(/^Hold the dose: Systolic BP 160 mmHg is at or above the hold level of 160 mmHg\. Diastolic BP 100/);
      expect(item(withVitals({ systolic: 159, diastolic: 99 }), 'vitalsWithinLimits').status).toBe('pass');
    });
    it('SpO2 94 passes (with a warning), 93 holds', () => {
      expect(item(withVitals({ spo2: 94 }), 'vitalsWithinLimits').status).toBe('pass');
      expect(item(withVitals({ spo2: 93 }), 'vitalsWithinLimits').status).toBe('fail');
    });
    it('needs BP, heart rate and SpO2, not the respiratory rate', () => {
      const partial = goodFacts(now, { predoseVitals: { reading: { spo2: units.percent(98) }, at: now } });
      const r = item(partial, 'vitalsWithinLimits');
      expect(r.status).toBe('missing');
      expect(r.message).toBe('Record Systolic BP, Diastolic BP, Heart rate before the dose.');
      const { respiratoryRate: _, ...noRr } = vitals();
      expect(item(goodFacts(now, { predoseVitals: { reading: noRr, at: now } }), 'vitalsWithinLimits').status).toBe('pass');
    });
    it('accepts a reading up to 60 minutes old', () => {
      expect(item(withVitals({}, now - min(60)), 'vitalsWithinLimits').status).toBe('pass');
      const old = item(withVitals({}, now - min(60) - 1), 'vitalsWithinLimits');
      expect(old.status).toBe('missing');
      expect(old.message).toContain('60 minutes old; the protocol accepts 60');
      expect(item(withVitals({}, now + 1), 'vitalsWithinLimits').status).toBe('fail');
      expect(item(goodFacts(now, { predoseVitals: null }), 'vitalsWithinLimits').status).toBe('missing');
    });
  });

  describe('weight', () => {
    it('is current up to and including 30 days', () => {
      const w = (at: number) => goodFacts(now, { weight: { kg: units.kg(70), at } });
      expect(item(w(now - days(30)), 'weightCurrent').status).toBe('pass');
      expect(item(w(now - days(30) - 1), 'weightCurrent').status).toBe('missing');
      expect(item(w(now + 1), 'weightCurrent').status).toBe('fail');
      expect(item(goodFacts(now, { weight: null }), 'weightCurrent').status).toBe('missing');
    });
  });

  describe('fasting', () => {
    const f = (foodMin: number, liquidMin: number) => goodFacts(now, { fasting: { kind: 'times', lastFoodAt: now - min(foodMin), lastLiquidAt: now - min(liquidMin) } });
    it('passes at exactly 2 h without food and 30 min without liquids', () => {
      expect(item(f(120, 30), 'fasting').status).toBe('pass');
    });
    it('fails a minute short of either, saying when it will pass', () => {
      const food = item(f(119, 30), 'fasting');
      expect(food.status).toBe('fail');
      expect(food.passesAt).toBe(now + min(1));
      expect(food.message).toBe('Fasting not yet met: last food 1 h 59 min ago (the protocol asks for 2 h). It will be met in 1 minute.');
      const both = item(f(80, 10), 'fasting');
      expect(both.passesAt).toBe(now + min(40));
      expect(both.message).toContain('last drink 10 min ago (the protocol asks for 30 min)');
      expect(item(f(120, 29), 'fasting').passesAt).toBe(now + min(1));
    });
    it('uses the protocol’s fasting times', () => {
      const strict = protocol({}, { fasting: { foodHours: 6, liquidsMinutes: 120 } });
      expect(item(f(300, 200), 'fasting', strict).status).toBe('fail');
      expect(item(f(360, 120), 'fasting', strict).status).toBe('pass');
    });
    it('accepts a simple confirmation; missing without anything; fails on future times', () => {
      expect(item(goodFacts(now, { fasting: { kind: 'confirmed' } }), 'fasting').status).toBe('pass');
      expect(item(goodFacts(now, { fasting: null }), 'fasting').status).toBe('missing');
      expect(item(f(-5, 60), 'fasting').status).toBe('fail');
    });
  });

  describe('the other items', () => {
    it('ride home needs a name and a phone', () => {
      expect(item(goodFacts(now, { ride: null }), 'rideHome').status).toBe('missing');
      expect(item(goodFacts(now, { ride: { name: '  ', phone: '555' } }), 'rideHome').status).toBe('missing');
      expect(item(goodFacts(now, { ride: { name: 'Sam', phone: ' ' } }), 'rideHome').status).toBe('missing');
    });
    it('no-driving must be acknowledged', () => {
      expect(item(goodFacts(now, { noDrivingAcknowledged: false }), 'noDrivingAcknowledged').status).toBe('missing');
    });
    it('pregnancy test: negative or not applicable pass, positive fails, none is missing', () => {
      expect(item(goodFacts(now, { pregnancyTest: 'not-applicable' }), 'pregnancyTest').status).toBe('pass');
      expect(item(goodFacts(now, { pregnancyTest: 'positive' }), 'pregnancyTest').status).toBe('fail');
      expect(item(goodFacts(now, { pregnancyTest: null }), 'pregnancyTest').status).toBe('missing');
    });
    it('intention must be written', () => {
      expect(item(goodFacts(now, { intention: ' \n' }), 'intentionRecorded').status).toBe('missing');
      expect(item(goodFacts(now, { intention: null }), 'intentionRecorded').status).toBe('missing');
    });
    it('adverse events: reviewed or no previous session pass', () => {
      expect(item(goodFacts(now, { adverseEventsReview: 'no-previous-session' }), 'adverseEventsReviewed').message).toBe('No previous dosing session.');
      expect(item(goodFacts(now, { adverseEventsReview: 'not-reviewed' }), 'adverseEventsReviewed').status).toBe('missing');
    });
    it('education must be read when required', () => {
      expect(item(goodFacts(now, { educationRead: false }), 'educationRead').status).toBe('missing');
    });
  });

  describe('overrides in the facts', () => {
    const ov = (itemId: ChecklistItemId, by = prescriber, reason = 'BP 162/98 at home baseline; benefit outweighs risk', at = now - min(1)): ChecklistOverride => ({ itemId, by, reason, at });
    const holding = (overrides: ChecklistOverride[]) => goodFacts(now, { predoseVitals: { reading: vitals({ systolic: 162, diastolic: 98 }), at: now }, overrides });

    it('a prescriber’s override with a reason turns a blocking item into overridden and allows the dose', () => {
      const e = evaluateChecklist(all, holding([ov('vitalsWithinLimits')]), now);
      const v = e.items.find((i) => i.id === 'vitalsWithinLimits')!;
      expect(v.status).toBe('overridden');
      expect(v.override?.by).toEqual(prescriber);
      expect(v.message).toMatch(/^Overridden by prescriber: BP 162\/98 .*\(was: Hold the dose/);
      expect(e.canDose).toBe(true);
    });

    it('overrides missing items too', () => {
      expect(item(goodFacts(now, { ride: null, overrides: [ov('rideHome', prescriber, 'Stays overnight in the clinic')] }), 'rideHome').status).toBe('overridden');
    });

    it('ignores overrides by another role, without a reason, of consent, or dated after now', () => {
      for (const bad of [ov('vitalsWithinLimits', nurse), ov('vitalsWithinLimits', prescriber, '  '), ov('vitalsWithinLimits', prescriber, 'x', now + 1)]) {
        const e = evaluateChecklist(all, holding([bad]), now);
        expect(e.canDose).toBe(false);
        expect(e.items.find((i) => i.id === 'vitalsWithinLimits')!.status).toBe('fail');
      }
      const byNurse = item(holding([ov('vitalsWithinLimits', nurse)]), 'vitalsWithinLimits');
      expect(byNurse.message).toContain('An override was ignored: Only a prescriber may override');
      const consent = item(goodFacts(now, { consent: null, overrides: [ov('consentSigned')] }), 'consentSigned');
      expect(consent.status).toBe('missing');
      expect(consent.message).toContain('cannot be overridden');
    });

    it('leaves passing items as pass even with an override, and uses the latest override', () => {
      expect(item(goodFacts(now, { overrides: [ov('rideHome')] }), 'rideHome').status).toBe('pass');
      const latest = item(holding([ov('vitalsWithinLimits', prescriber, 'first'), ov('vitalsWithinLimits', nurse, 'second')]), 'vitalsWithinLimits');
      expect(latest.status).toBe('fail');
    });
  });
});

describe('overrideItem', () => {
  const req = { itemId: 'fasting', by: prescriber, reason: ' Ate a cracker 90 min ago; low aspiration risk ', at: now };

  it('records a prescriber’s override with the reason trimmed, replacing an earlier one of the same item', () => {
    const first = overrideItem([], req);
    expect(first).toEqual({ ok: true, value: [{ itemId: 'fasting', by: prescriber, reason: 'Ate a cracker 90 min ago; low aspiration risk', at: now }] });
    if (!first.ok) return;
    const other = overrideItem(first.value, { ...req, itemId: 'rideHome', reason: 'Taxi with staff escort' });
    expect(other.ok && other.value.length).toBe(2);
    const again = overrideItem(first.value, { ...req, reason: 'Revised reason', at: now + 1 });
    expect(again.ok && again.value).toEqual([{ itemId: 'fasting', by: prescriber, reason: 'Revised reason', at: now + 1 }]);
  });

  it('refuses other roles (FORBIDDEN)', () => {
    for (const by of [nurse, therapist, admin]) {
      const r = overrideItem([], { ...req, by });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('FORBIDDEN');
        expect(r.error.message).toContain(`signed in as ${by.role}`);
      }
    }
  });

  it('refuses an empty reason (VALIDATION_FAILED on reason)', () => {
    const r = overrideItem([], { ...req, reason: '   ' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION_FAILED');
      expect(r.error.fields).toEqual([{ path: 'reason', message: 'required' }]);
    }
  });

  it('refuses consent and unknown items', () => {
    const c = overrideItem([], { ...req, itemId: 'consentSigned' });
    expect(!c.ok && c.error.code).toBe('FORBIDDEN');
    const u = overrideItem([], { ...req, itemId: 'horoscope' });
    expect(!u.ok && u.error.code).toBe('VALIDATION_FAILED');
    expect(!u.ok && u.error.message).toContain('There is no checklist item "horoscope"');
  });
});
