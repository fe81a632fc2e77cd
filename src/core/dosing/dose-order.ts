/**
 * A prescriber's dose order, checked against the protocol's limits for its route (kap-brief.md: "a prescriber's order
 * within the protocol's dose range for that route — or a prescriber override with a written reason"), and the
 * administrations that carry it out (a dose may be given in parts, e.g. a booster; each part has who, when and the lot).
 */
import { fail, ok, type FieldProblem, type Result } from '../errors';
import { DAY_MS, MEDICAL_ROLES, roleList, type StaffRef } from './common';
import type { DoseRoute, DosingContext, RouteLimit } from './dosing-protocol';
import { infusionRate, mgPerKg, subtractMilligrams, sumMilligrams, type Kilograms, type Milligrams, type MilligramsPerHour, type MilligramsPerKilogram, type Minutes } from './units';

/** SNOMED CT route codes (FHIR route-codes value set, clinical-facts.md §4.3 ✅). */
export const ROUTE_SNOMED: Record<DoseRoute, { system: 'http://snomed.info/sct'; code: string; display: string }> = {
  sublingual: { system: 'http://snomed.info/sct', code: '37839007', display: 'Sublingual route' },
  intranasal: { system: 'http://snomed.info/sct', code: '46713006', display: 'Nasal route' },
  intravenous: { system: 'http://snomed.info/sct', code: '47625008', display: 'Intravenous route' },
  intramuscular: { system: 'http://snomed.info/sct', code: '78421000', display: 'Intramuscular route' },
};

export interface PrescriberOverride {
  by: StaffRef;
  reason: string;
}

export interface DoseOrder {
  route: DoseRoute;
  /** The product as written (e.g. "ketamine HCl 100 mg/mL injection"); the stock ledger resolves it. */
  product: string;
  dose: Milligrams;
  /** Intravenous only, and required there. */
  infusionMinutes?: Minutes | null;
  orderedBy: StaffRef;
  override?: PrescriberOverride | null;
}

export type LimitBreach =
  | { kind: 'below-min' | 'above-max'; unit: 'mg' | 'mg/kg'; limit: number; actual: number; message: string }
  | { kind: 'no-limit-configured' | 'weight-needed' | 'route-not-in-protocol'; message: string };

export interface DoseOrderEvaluation {
  route: DoseRoute;
  routeCode: (typeof ROUTE_SNOMED)[DoseRoute];
  product: string;
  dose: Milligrams;
  /** Null when no current weight is known. */
  mgPerKg: MilligramsPerKilogram | null;
  weight: 'current' | 'stale' | 'missing';
  infusionMinutes: Minutes | null;
  rate: MilligramsPerHour | null;
  breaches: LimitBreach[];
  /** True when a limit is broken and no valid prescriber override is given. */
  blocked: boolean;
  /** The override, when it was needed and valid. */
  override: PrescriberOverride | null;
  message: string;
}

function breachesOf(limit: RouteLimit, route: DoseRoute, dose: Milligrams, perKg: MilligramsPerKilogram | null, weight: DoseOrderEvaluation['weight']): LimitBreach[] {
  const { minMg, maxMg, minMgPerKg, maxMgPerKg } = limit;
  if (minMg === null && maxMg === null && minMgPerKg === null && maxMgPerKg === null) {
    return [{ kind: 'no-limit-configured', message: `The protocol sets no dose limits for the ${route} route: an admin must set them, or a prescriber must override with a reason.` }];
  }
  const out: LimitBreach[] = [];
  const check = (unit: 'mg' | 'mg/kg', actual: number, min: number | null, max: number | null) => {
    if (min !== null && actual < min) out.push({ kind: 'below-min', unit, limit: min, actual, message: `${actual} ${unit} is below the ${route} minimum of ${min} ${unit}.` });
    if (max !== null && actual > max) out.push({ kind: 'above-max', unit, limit: max, actual, message: `${actual} ${unit} is above the ${route} maximum of ${max} ${unit}.` });
  };
  check('mg', dose, minMg, maxMg);
  if (minMgPerKg !== null || maxMgPerKg !== null) {
    if (perKg === null) {
      const why = weight === 'stale' ? 'the last weight is too old' : 'no weight is recorded';
      out.push({ kind: 'weight-needed', message: `The ${route} limits are per kilogram and ${why}: weigh the patient.` });
    } else check('mg/kg', perKg, minMgPerKg, maxMgPerKg);
  }
  return out;
}

function checkOrderShape(p: DosingContext, order: DoseOrder): Result<null> {
  if (order.orderedBy.role !== 'prescriber') return fail('FORBIDDEN', `Only a prescriber may order a dose (you are signed in as ${order.orderedBy.role}).`);
  const problems: FieldProblem[] = [];
  if (!order.product.trim()) problems.push({ path: 'product', message: 'name the product' });
  const minutes = order.infusionMinutes ?? null;
  if (order.route === 'intravenous' && (minutes === null || minutes <= 0)) {
    problems.push({ path: 'infusionMinutes', message: `required for an intravenous dose (conventional: ${p.dosing.doseLimits.intravenous.defaultInfusionMinutes} min)` });
  }
  if (order.route !== 'intravenous' && minutes !== null) problems.push({ path: 'infusionMinutes', message: 'only for intravenous doses' });
  if (problems.length > 0) return fail('VALIDATION_FAILED', `Check the order: ${problems.map((x) => `${x.path} ${x.message}`).join('; ')}.`, { fields: problems });
  const o = order.override;
  if (o && o.by.role !== 'prescriber') return fail('FORBIDDEN', `Only a prescriber may override dose limits (the override is by a ${o.by.role}).`);
  if (o && !o.reason.trim()) return fail('VALIDATION_FAILED', 'Overriding the dose limits needs a written reason.', { fields: [{ path: 'override.reason', message: 'required' }] });
  return ok(null);
}

/**
 * Checks an order: mg/kg (with a current weight), the IV rate, and every limit it breaks. Invalid orders (wrong role,
 * no product, IV without duration, an override without reason) are refused; a limit breach is a result (`blocked`),
 * because the prescriber may then override it.
 */
export function evaluateDoseOrder(p: DosingContext, order: DoseOrder, weight: { kg: Kilograms; at: number } | null, now: number): Result<DoseOrderEvaluation> {
  const shape = checkOrderShape(p, order);
  if (!shape.ok) return shape;
  const weightState: DoseOrderEvaluation['weight'] = !weight ? 'missing' : now - weight.at > p.dosing.weightMaxAgeDays * DAY_MS || weight.at > now ? 'stale' : 'current';
  const perKg = weight && weightState === 'current' ? mgPerKg(order.dose, weight.kg) : null;
  const infusionMinutes = order.route === 'intravenous' ? (order.infusionMinutes ?? null) : null;
  const rate = infusionMinutes ? infusionRate(order.dose, infusionMinutes) : null;
  const breaches = breachesOf(p.dosing.doseLimits[order.route], order.route, order.dose, perKg, weightState);
  if (p.routes && !p.routes.includes(order.route)) {
    breaches.unshift({ kind: 'route-not-in-protocol', message: `The protocol does not list the ${order.route} route (it lists ${p.routes.join(', ')}).` });
  }
  const override = breaches.length > 0 && order.override ? { by: order.override.by, reason: order.override.reason.trim() } : null;
  const blocked = breaches.length > 0 && !override;
  const message =
    breaches.length === 0 ? 'The order is within the protocol limits.'
    : override ? `Outside the protocol limits, overridden by prescriber: ${override.reason}. ${breaches.map((b) => b.message).join(' ')}`
    : `Blocked: ${breaches.map((b) => b.message).join(' ')} Change the dose, or a prescriber may override with a reason.`;
  return ok({ route: order.route, routeCode: ROUTE_SNOMED[order.route], product: order.product.trim(), dose: order.dose, mgPerKg: perKg, weight: weightState, infusionMinutes, rate, breaches, blocked, override, message });
}

/** One administration of (part of) an ordered dose. */
export interface Administration {
  amount: Milligrams;
  by: StaffRef;
  at: number;
  lotId: string;
}

export interface AdministrationSummary {
  total: Milligrams;
  /** What remains of the order. */
  remaining: Milligrams;
  complete: boolean;
  /** The first part's time: the dose time the monitoring counts from. Null without parts. */
  firstAt: number | null;
}

/**
 * Checks the parts given against the order: each by a prescriber or nurse, with a lot and an amount above zero, and
 * together not more than the ordered dose (summed in micrograms, so 0.1 + 0.2 mg equals 0.3 mg).
 */
export function validateAdministrations(order: { dose: Milligrams }, parts: readonly Administration[]): Result<AdministrationSummary> {
  const wrongRole = parts.find((x) => !MEDICAL_ROLES.includes(x.by.role));
  if (wrongRole) return fail('FORBIDDEN', `A dose is given by a ${roleList(MEDICAL_ROLES)}; this part is recorded by a ${wrongRole.by.role}.`);
  const problems: FieldProblem[] = [];
  parts.forEach((x, i) => {
    if (!x.lotId.trim()) problems.push({ path: `parts.${i}.lotId`, message: 'record the lot' });
    if (!(x.amount > 0)) problems.push({ path: `parts.${i}.amount`, message: 'must be above 0 mg' });
  });
  if (problems.length > 0) return fail('VALIDATION_FAILED', `Check the administrations: ${problems.map((x) => `${x.path} ${x.message}`).join('; ')}.`, { fields: problems });
  const total = sumMilligrams(parts.map((x) => x.amount));
  const remaining = subtractMilligrams(order.dose, total);
  if (remaining < 0) {
    const left = subtractMilligrams(order.dose, sumMilligrams(parts.slice(0, -1).map((x) => x.amount)));
    return fail('VALIDATION_FAILED', `The parts add up to ${total} mg, more than the ordered ${order.dose} mg: the last part may be at most ${Math.max(0, left)} mg, or the prescriber must change the order.`, {
      fields: [{ path: `parts.${parts.length - 1}.amount`, message: 'exceeds the ordered dose' }],
    });
  }
  const firstAt = parts.length === 0 ? null : Math.min(...parts.map((x) => x.at));
  return ok({ total, remaining: remaining as Milligrams, complete: remaining === 0, firstAt });
}
