import { describe, expect, it } from 'vitest';
import { evaluateDoseOrder, ROUTE_SNOMED, validateAdministrations, type Administration, type DoseOrder } from './dose-order';
import { admin, days, min, nurse, prescriber, protocol, T0, therapist } from './test-fixtures';
import { units } from './units';

const now = T0;
const p = protocol();
const w70 = { kg: units.kg(70), at: now - days(3) };
const order = (o: Partial<DoseOrder> = {}): DoseOrder => ({ route: 'sublingual', product: 'Ketamine 100 mg troche', dose: units.mg(100), orderedBy: prescriber, ...o });
const evaluate = (o: Partial<DoseOrder> = {}, weight: typeof w70 | null = w70, proto = p) => {
  const r = evaluateDoseOrder(proto, order(o), weight, now);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const iv = (mg: number, extra: Partial<DoseOrder> = {}) => evaluate({ route: 'intravenous', product: 'Ketamine HCl 10 mg/mL', dose: units.mg(mg), infusionMinutes: units.minutes(40), ...extra });

describe('route codes', () => {
  it('are the SNOMED CT codes of the fact sheet', () => {
    expect(Object.fromEntries(Object.entries(ROUTE_SNOMED).map(([k, v]) => [k, v.code]))).toEqual({
      sublingual: '37839007', intranasal: '46713006', intravenous: '47625008', intramuscular: '78421000',
    });
    expect(evaluate().routeCode).toEqual({ system: 'http://snomed.info/sct', code: '37839007', display: 'Sublingual route' });
  });
});

describe('evaluateDoseOrder: limits', () => {
  it('sublingual 25–300 mg inclusive', () => {
    expect(evaluate({ dose: units.mg(25) }).blocked).toBe(false);
    expect(evaluate({ dose: units.mg(300) }).blocked).toBe(false);
    const low = evaluate({ dose: units.mg(24.9) });
    expect(low.blocked).toBe(true);
    expect(low.breaches).toEqual([{ kind: 'below-min', unit: 'mg', limit: 25, actual: 24.9, message: '24.9 mg is below the sublingual minimum of 25 mg.' }]);
    const high = evaluate({ dose: units.mg(301) });
    expect(high.breaches).toMatchObject([{ kind: 'above-max', unit: 'mg', limit: 300, actual: 301 }]);
    expect(high.message).toMatch(/^Blocked: 301 mg is above the sublingual maximum of 300 mg\. Change the dose, or a prescriber may override/);
  });

  it('intravenous 0.1–0.75 mg/kg on the rounded mg/kg value', () => {
    expect(iv(35)).toMatchObject({ mgPerKg: 0.5, blocked: false, rate: 52.5, infusionMinutes: 40, message: 'The order is within the protocol limits.' });
    expect(iv(52.5).blocked).toBe(false); // 0.75
    expect(iv(52.85).mgPerKg).toBe(0.76);
    expect(iv(52.85).breaches).toMatchObject([{ kind: 'above-max', unit: 'mg/kg', limit: 0.75, actual: 0.76 }]);
    expect(iv(7).blocked).toBe(false); // 0.1
    expect(iv(6.6).breaches).toMatchObject([{ kind: 'below-min', unit: 'mg/kg', limit: 0.1, actual: 0.09 }]);
  });

  it('needs a current weight for per-kilogram limits', () => {
    const none = evaluate({ route: 'intravenous', dose: units.mg(35), infusionMinutes: units.minutes(40) }, null);
    expect(none).toMatchObject({ weight: 'missing', mgPerKg: null, blocked: true });
    expect(none.breaches).toEqual([{ kind: 'weight-needed', message: 'The intravenous limits are per kilogram and no weight is recorded: weigh the patient.' }]);
    const stale = evaluate({ route: 'intravenous', dose: units.mg(35), infusionMinutes: units.minutes(40) }, { kg: units.kg(70), at: now - days(30) - 1 });
    expect(stale.weight).toBe('stale');
    expect(stale.breaches[0]?.message).toContain('the last weight is too old');
    const edge = evaluate({ route: 'intravenous', dose: units.mg(35), infusionMinutes: units.minutes(40) }, { kg: units.kg(70), at: now - days(30) });
    expect(edge).toMatchObject({ weight: 'current', blocked: false });
    expect(evaluate({}, { kg: units.kg(70), at: now + 1 }).weight).toBe('stale');
  });

  it('reports mg/kg for any route when the weight is current, without needing it for mg limits', () => {
    expect(evaluate({ dose: units.mg(140) })).toMatchObject({ mgPerKg: 2, blocked: false, rate: null, infusionMinutes: null });
    expect(evaluate({}, null)).toMatchObject({ mgPerKg: null, weight: 'missing', blocked: false });
  });

  it('blocks intramuscular and intranasal while no limit is configured', () => {
    for (const route of ['intramuscular', 'intranasal'] as const) {
      const r = evaluate({ route, dose: units.mg(50) });
      expect(r.blocked).toBe(true);
      expect(r.breaches).toEqual([{ kind: 'no-limit-configured', message: `The protocol sets no dose limits for the ${route} route: an admin must set them, or a prescriber must override with a reason.` }]);
    }
    const configured = protocol({ doseLimits: { intramuscular: { minMgPerKg: 0.25, maxMgPerKg: 1 } } });
    expect(evaluate({ route: 'intramuscular', dose: units.mg(50) }, w70, configured)).toMatchObject({ blocked: false, mgPerKg: 0.71 });
  });

  it('checks mg and mg/kg limits together when both are set, listing every breach', () => {
    const both = protocol({ doseLimits: { sublingual: { maxMg: 200, maxMgPerKg: 2 } } });
    const r = evaluate({ dose: units.mg(210) }, w70, both);
    expect(r.breaches.map((b) => b.kind === 'above-max' && b.unit)).toEqual(['mg', 'mg/kg']);
  });

  it('blocks a route the protocol does not list', () => {
    const slOnly = protocol({}, { routes: ['sublingual'] });
    const r = evaluate({ route: 'intravenous', dose: units.mg(35), infusionMinutes: units.minutes(40) }, w70, slOnly);
    expect(r.blocked).toBe(true);
    expect(r.breaches[0]).toEqual({ kind: 'route-not-in-protocol', message: 'The protocol does not list the intravenous route (it lists sublingual).' });
  });
});

describe('evaluateDoseOrder: overrides', () => {
  it('a prescriber’s override with a reason unblocks a breach', () => {
    const r = evaluate({ dose: units.mg(350), override: { by: prescriber, reason: ' Tolerated 300 mg with no effect twice ' } });
    expect(r).toMatchObject({ blocked: false, override: { by: prescriber, reason: 'Tolerated 300 mg with no effect twice' } });
    expect(r.breaches).toHaveLength(1);
    expect(r.message).toMatch(/^Outside the protocol limits, overridden by prescriber: Tolerated/);
  });

  it('unblocks a route without limits', () => {
    expect(evaluate({ route: 'intramuscular', dose: units.mg(50), override: { by: prescriber, reason: 'Clinic IM range pending; 0.7 mg/kg' } }).blocked).toBe(false);
  });

  it('is not recorded when nothing needed overriding', () => {
    expect(evaluate({ override: { by: prescriber, reason: 'just in case' } })).toMatchObject({ blocked: false, override: null });
  });

  it('refuses an override by another role (FORBIDDEN) or without a reason', () => {
    for (const by of [nurse, therapist, admin]) {
      const r = evaluateDoseOrder(p, order({ dose: units.mg(350), override: { by, reason: 'x' } }), w70, now);
      expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    }
    const r = evaluateDoseOrder(p, order({ dose: units.mg(350), override: { by: prescriber, reason: ' ' } }), w70, now);
    expect(!r.ok && r.error.code).toBe('VALIDATION_FAILED');
    expect(!r.ok && r.error.fields).toEqual([{ path: 'override.reason', message: 'required' }]);
  });
});

describe('evaluateDoseOrder: invalid orders', () => {
  it('only a prescriber orders', () => {
    const r = evaluateDoseOrder(p, order({ orderedBy: nurse }), w70, now);
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    expect(!r.ok && r.error.message).toBe('Only a prescriber may order a dose (you are signed in as nurse).');
  });

  it('needs a product', () => {
    const r = evaluateDoseOrder(p, order({ product: '  ' }), w70, now);
    expect(!r.ok && r.error.fields).toEqual([{ path: 'product', message: 'name the product' }]);
  });

  it('needs an infusion duration for IV, and only for IV', () => {
    for (const infusionMinutes of [undefined, null, units.minutes(0)]) {
      const r = evaluateDoseOrder(p, order({ route: 'intravenous', dose: units.mg(35), infusionMinutes }), w70, now);
      expect(!r.ok && r.error.fields).toEqual([{ path: 'infusionMinutes', message: 'required for an intravenous dose (conventional: 40 min)' }]);
    }
    const r = evaluateDoseOrder(p, order({ infusionMinutes: units.minutes(40) }), w70, now);
    expect(!r.ok && r.error.fields).toEqual([{ path: 'infusionMinutes', message: 'only for intravenous doses' }]);
  });
});

describe('validateAdministrations', () => {
  const part = (mg: number, o: Partial<Administration> = {}): Administration => ({ amount: units.mg(mg), by: nurse, at: now + min(1), lotId: 'LOT-42', ...o });
  const ordered = { dose: units.mg(100) };

  it('accepts parts up to the ordered dose and reports what remains', () => {
    expect(validateAdministrations(ordered, [part(50, { at: now + min(20) }), part(25, { at: now, by: prescriber })])).toEqual({
      ok: true, value: { total: 75, remaining: 25, complete: false, firstAt: now },
    });
    expect(validateAdministrations(ordered, [part(100)])).toMatchObject({ ok: true, value: { total: 100, remaining: 0, complete: true } });
    expect(validateAdministrations({ dose: units.mg(0.3) }, [part(0.1), part(0.2)])).toMatchObject({ ok: true, value: { complete: true } });
    expect(validateAdministrations(ordered, [])).toEqual({ ok: true, value: { total: 0, remaining: 100, complete: false, firstAt: null } });
  });

  it('refuses parts that exceed the order, saying how much the last may be', () => {
    const r = validateAdministrations(ordered, [part(60), part(50)]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    expect(r.error.message).toBe('The parts add up to 110 mg, more than the ordered 100 mg: the last part may be at most 40 mg, or the prescriber must change the order.');
    expect(r.error.fields).toEqual([{ path: 'parts.1.amount', message: 'exceeds the ordered dose' }]);
    expect(validateAdministrations(ordered, [part(100.001)]).ok).toBe(false);
  });

  it('needs a lot and an amount above zero on each part', () => {
    const r = validateAdministrations(ordered, [part(0), part(10, { lotId: ' ' })]);
    expect(!r.ok && r.error.fields).toEqual([
      { path: 'parts.0.amount', message: 'must be above 0 mg' },
      { path: 'parts.1.lotId', message: 'record the lot' },
    ]);
  });

  it('only a prescriber or nurse gives a dose', () => {
    for (const by of [therapist, admin]) {
      const r = validateAdministrations(ordered, [part(10, { by })]);
      expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    }
  });
});
