/**
 * Branded unit types for the dosing core (the pattern of excalidraw's packages/math/src/types.ts: a number that the
 * type checker will not mix with another unit). A dose is never a bare number in this core's API: 40 mg and 40 mg/kg
 * differ by a factor of the patient's weight, and confusing them is the classic ten-fold (or hundred-fold) dosing error.
 *
 * Two ways to make a value:
 * - `milligrams(x)`, `kilograms(x)`, … return a `Result` (VALIDATION_FAILED with a field path): use them on input;
 * - `units.mg(x)`, `units.kg(x)`, … throw: only for constants in code and tests, where a bad value is a programmer error.
 *
 * Ranges are "could this possibly be a measurement of this kind" bounds, not clinical limits (those live in the
 * protocol, dosing-protocol.ts). Instants are epoch milliseconds, as in src/core/scheduling.
 */
import { fail, ok, type Result } from '../errors';

declare const unit: unique symbol;
/** A number carrying its unit in the type only (no runtime cost). */
export type Quantity<U extends string> = number & { readonly [unit]: U };

export type Milligrams = Quantity<'mg'>;
export type MilligramsPerKilogram = Quantity<'mg/kg'>;
export type Kilograms = Quantity<'kg'>;
export type MmHg = Quantity<'mmHg'>;
export type BeatsPerMinute = Quantity<'/min (heart)'>;
export type Percent = Quantity<'%'>;
export type BreathsPerMinute = Quantity<'/min (breaths)'>;
export type Minutes = Quantity<'min'>;
/** Infusion rate. */
export type MilligramsPerHour = Quantity<'mg/h'>;

interface UnitSpec {
  /** What a person calls it, for messages. */
  name: string;
  symbol: string;
  min: number;
  /** Whether `min` itself is allowed (weight must be above zero, a dose may be zero only as a computed remainder). */
  minInclusive: boolean;
  max: number;
}

/**
 * Plausibility bounds. Doses: the largest oral dose reported for psychiatry is 300 mg (clinical-facts.md §2.1), IV
 * 0.75 mg/kg; 1000 mg and 20 mg/kg leave room for any route while catching a slipped decimal point. Weight: adults
 * only in KAP, but the type accepts any real body weight up to 400 kg.
 */
export const UNIT_SPECS = {
  mg: { name: 'dose', symbol: 'mg', min: 0, minInclusive: true, max: 1000 },
  mgPerKg: { name: 'dose per kilogram', symbol: 'mg/kg', min: 0, minInclusive: true, max: 20 },
  kg: { name: 'body weight', symbol: 'kg', min: 0, minInclusive: false, max: 400 },
  mmHg: { name: 'blood pressure', symbol: 'mmHg', min: 0, minInclusive: true, max: 350 },
  bpm: { name: 'heart rate', symbol: '/min', min: 0, minInclusive: true, max: 350 },
  percent: { name: 'percentage', symbol: '%', min: 0, minInclusive: true, max: 100 },
  breathsPerMinute: { name: 'respiratory rate', symbol: '/min', min: 0, minInclusive: true, max: 100 },
  minutes: { name: 'duration', symbol: 'min', min: 0, minInclusive: true, max: 24 * 60 },
  mgPerHour: { name: 'infusion rate', symbol: 'mg/h', min: 0, minInclusive: true, max: 60_000 },
} as const satisfies Record<string, UnitSpec>;
export type UnitKind = keyof typeof UNIT_SPECS;

function make<Q extends number>(kind: UnitKind, value: number, path: string): Result<Q> {
  const spec: UnitSpec = UNIT_SPECS[kind];
  const problem = (message: string) =>
    fail('VALIDATION_FAILED', `The ${spec.name} ${message}.`, { fields: [{ path, message }] });
  if (typeof value !== 'number' || !Number.isFinite(value)) return problem('must be a number');
  const tooLow = spec.minInclusive ? value < spec.min : value <= spec.min;
  if (tooLow) return problem(spec.minInclusive ? `must be ${spec.min} ${spec.symbol} or more` : `must be above ${spec.min} ${spec.symbol}`);
  if (value > spec.max) return problem(`must be at most ${spec.max} ${spec.symbol}`);
  return ok(value as Q);
}

export const milligrams = (value: number, path = 'dose') => make<Milligrams>('mg', value, path);
export const milligramsPerKilogram = (value: number, path = 'mgPerKg') => make<MilligramsPerKilogram>('mgPerKg', value, path);
export const kilograms = (value: number, path = 'weight') => make<Kilograms>('kg', value, path);
export const mmHg = (value: number, path = 'bloodPressure') => make<MmHg>('mmHg', value, path);
export const beatsPerMinute = (value: number, path = 'heartRate') => make<BeatsPerMinute>('bpm', value, path);
export const percent = (value: number, path = 'spo2') => make<Percent>('percent', value, path);
export const breathsPerMinute = (value: number, path = 'respiratoryRate') => make<BreathsPerMinute>('breathsPerMinute', value, path);
export const minutes = (value: number, path = 'minutes') => make<Minutes>('minutes', value, path);
export const milligramsPerHour = (value: number, path = 'rate') => make<MilligramsPerHour>('mgPerHour', value, path);

function must<T>(result: Result<T>): T {
  if (!result.ok) throw new RangeError(result.error.message);
  return result.value;
}

/** Throwing constructors for constants in code and tests (a bad literal is a programmer error). */
export const units = {
  mg: (v: number) => must(milligrams(v)),
  mgPerKg: (v: number) => must(milligramsPerKilogram(v)),
  kg: (v: number) => must(kilograms(v)),
  mmHg: (v: number) => must(mmHg(v)),
  bpm: (v: number) => must(beatsPerMinute(v)),
  percent: (v: number) => must(percent(v)),
  breathsPerMinute: (v: number) => must(breathsPerMinute(v)),
  minutes: (v: number) => must(minutes(v)),
  mgPerHour: (v: number) => must(milligramsPerHour(v)),
};

/**
 * Rounds half away from zero to two decimals. The tiny nudge (relative epsilon) keeps values such as 1.005, stored in
 * binary as 1.00499999…, rounding up as a person computing by hand would.
 */
export function round2(x: number): number {
  return Math.round(x * 100 * (1 + Number.EPSILON)) / 100;
}

/**
 * Dose per kilogram of body weight, rounded to 2 decimals. Why round: weight-based limits are written to two decimals
 * (0.1–0.75 mg/kg, clinical-facts.md §2.1), scales weigh to about 0.1 kg, and a dose is measured to about 1 mg, so a
 * third decimal is noise; rounding also stops float artefacts (0.7500000001) from tipping a limit comparison. The
 * rounded value is the one compared with the limits and shown to the prescriber, so what they see is what is checked.
 */
export function mgPerKg(dose: Milligrams, weight: Kilograms): MilligramsPerKilogram {
  if (!(weight > 0)) throw new RangeError('mgPerKg needs a positive weight (a Kilograms value is always above 0).');
  return round2(dose / weight) as MilligramsPerKilogram;
}

/** Infusion rate: dose over the infusion duration, in mg per hour, rounded to 2 decimals. */
export function infusionRate(dose: Milligrams, duration: Minutes): MilligramsPerHour {
  if (!(duration > 0)) throw new RangeError('infusionRate needs a duration above 0 minutes.');
  return round2((dose * 60) / duration) as MilligramsPerHour;
}

/**
 * Sum of doses without float drift (0.1 + 0.2 mg must equal 0.3 mg when checking parts against an order): added in
 * whole micrograms.
 */
export function sumMilligrams(doses: readonly Milligrams[]): Milligrams {
  const micrograms = doses.reduce((sum, d) => sum + Math.round(d * 1000), 0);
  return (micrograms / 1000) as Milligrams;
}

/** a − b in mg, in whole micrograms (for "remaining of the order"). */
export function subtractMilligrams(a: Milligrams, b: Milligrams): number {
  return (Math.round(a * 1000) - Math.round(b * 1000)) / 1000;
}
