/**
 * Ledger quantities: milligrams of the controlled substance, as the branded `Milligrams` of the dosing core
 * (src/core/dosing/units.ts). The dosing core's `milligrams()` bounds a single dose (≤ 1000 mg); a lot holds far more,
 * so the ledger validates its own range here. The database stores numeric(12, 2): two decimals, so every sum and
 * difference here is done in whole hundredths of a milligram (no float drift: 0.1 + 0.2 mg is 0.3 mg).
 */
import { fail, ok, type Result } from '../errors';
import type { Milligrams } from '../dosing/units';

export type { Milligrams } from '../dosing/units';

/** 1 kg: beyond any clinic's stock of one lot, and far inside numeric(12, 2). */
export const LEDGER_MAX_MG = 1_000_000;

export type QuantitySign = 'positive' | 'non-negative' | 'non-zero';

const hundredths = (mg: number): number => Math.round(mg * 100);
const fromHundredths = (h: number): Milligrams => (h / 100 + 0) as Milligrams; // + 0 turns -0 into 0

/** A quantity a person entered (or a caller passed), checked for the ledger: a finite number of mg, two decimals at most. */
export function ledgerQuantity(value: unknown, path: string, sign: QuantitySign): Result<Milligrams> {
  const problem = (message: string) => fail('VALIDATION_FAILED', `The quantity ${message}.`, { fields: [{ path, message }] });
  if (typeof value !== 'number' || !Number.isFinite(value)) return problem('must be a number of mg');
  if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) return problem('can have at most two decimals (0.01 mg)');
  if (sign === 'positive' && value <= 0) return problem('must be more than 0 mg');
  if (sign === 'non-negative' && value < 0) return problem('cannot be negative');
  if (sign === 'non-zero' && value === 0) return problem('cannot be 0 mg');
  if (Math.abs(value) > LEDGER_MAX_MG) return problem(`must be at most ${LEDGER_MAX_MG.toLocaleString('en-US')} mg`);
  return ok(fromHundredths(hundredths(value)));
}

/** A numeric(12, 2) column as the driver returns it ("2950.50"). */
export function storedMg(value: string | number): Milligrams {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new RangeError(`not a quantity in mg: ${String(value)}`);
  return fromHundredths(hundredths(n));
}

/** The quantity as numeric(12, 2) text for the database. */
export const mgText = (q: Milligrams | number): string => (hundredths(q) / 100).toFixed(2);

export function sumMg(values: readonly (Milligrams | number)[]): Milligrams {
  return fromHundredths(values.reduce<number>((sum, v) => sum + hundredths(v), 0));
}

export const addMg = (a: Milligrams | number, b: Milligrams | number): Milligrams => fromHundredths(hundredths(a) + hundredths(b));
export const subtractMg = (a: Milligrams | number, b: Milligrams | number): Milligrams => fromHundredths(hundredths(a) - hundredths(b));
export const negateMg = (a: Milligrams | number): Milligrams => fromHundredths(-hundredths(a));
export const sameMg = (a: Milligrams | number, b: Milligrams | number): boolean => hundredths(a) === hundredths(b);
export const compareMg = (a: Milligrams | number, b: Milligrams | number): number => hundredths(a) - hundredths(b);

/** "3,000 mg", "2,950.5 mg", "−50 mg" for messages. */
export function formatMg(q: Milligrams | number): string {
  const text = (Math.abs(hundredths(q)) / 100).toLocaleString('en-US', { maximumFractionDigits: 2 });
  return `${hundredths(q) < 0 ? '−' : ''}${text} mg`;
}
