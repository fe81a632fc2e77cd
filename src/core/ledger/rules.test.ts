import { describe, expect, it } from 'vitest';
import type { Milligrams } from './quantities';
import { addMg, formatMg, ledgerQuantity, mgText, storedMg, sumMg } from './quantities';
import {
  adjustmentChange, administrationChange, checkBalance, checkWitness, countFigure, countOutcome, isExpired, receiptChange, settlingAdjustment,
  validateNewLot, validateResolution, wasteChange, type WitnessFacts,
} from './rules';

const mg = (n: number) => n as Milligrams;
const fieldOf = (r: { ok: boolean; error?: { fields?: { path: string }[] } }) => (r.ok ? null : r.error?.fields?.[0]?.path);

describe('ledger quantities', () => {
  it('adds and subtracts in hundredths of a mg, without float drift', () => {
    expect(addMg(0.1, 0.2)).toBe(0.3);
    expect(sumMg([mg(1000.1), mg(-0.3), mg(0.2)])).toBe(1000);
    expect(storedMg('2950.50')).toBe(2950.5);
    expect(mgText(mg(50))).toBe('50.00');
    expect(mgText(mg(-0.5))).toBe('-0.50');
    expect(formatMg(mg(3000))).toBe('3,000 mg');
    expect(formatMg(mg(-12.5))).toBe('−12.5 mg');
  });

  it('accepts at most two decimals and the sign each entry needs', () => {
    expect(ledgerQuantity(12.34, 'quantityMg', 'positive')).toEqual({ ok: true, value: 12.34 });
    expect(fieldOf(ledgerQuantity(12.345, 'quantityMg', 'positive'))).toBe('quantityMg');
    expect(fieldOf(ledgerQuantity(0, 'quantityMg', 'positive'))).toBe('quantityMg');
    expect(ledgerQuantity(0, 'countedMg', 'non-negative').ok).toBe(true);
    expect(fieldOf(ledgerQuantity(-1, 'countedMg', 'non-negative'))).toBe('countedMg');
    expect(ledgerQuantity(-25, 'quantityMg', 'non-zero').ok).toBe(true);
    expect(fieldOf(ledgerQuantity(0, 'quantityMg', 'non-zero'))).toBe('quantityMg');
    expect(fieldOf(ledgerQuantity(Number.NaN, 'quantityMg', 'positive'))).toBe('quantityMg');
    expect(fieldOf(ledgerQuantity(2_000_000, 'quantityMg', 'positive'))).toBe('quantityMg');
  });
});

describe('ledger rules', () => {
  const lot = { product: 'Ketamine HCl', form: 'troche 100 mg', supplier: 'Acme Pharma', lotNumber: 'K-1', expiresOn: '2027-06-30', quantityMg: 3000 };

  it('receives a lot with every label field, refusing expired stock', () => {
    const ok = validateNewLot({ ...lot, product: '  Ketamine HCl ', note: ' ' }, '2026-05-01');
    expect(ok).toEqual({ ok: true, value: { ...lot, quantityMg: 3000, note: null } });
    expect(fieldOf(validateNewLot({ ...lot, supplier: ' ' }, '2026-05-01'))).toBe('supplier');
    expect(fieldOf(validateNewLot({ ...lot, expiresOn: '2026-02-30' }, '2026-05-01'))).toBe('expiresOn');
    const expired = validateNewLot({ ...lot, expiresOn: '2026-04-30' }, '2026-05-01');
    expect(fieldOf(expired)).toBe('expiresOn');
    if (!expired.ok) expect(expired.error.message).toContain('expired on 2026-04-30');
    // The expiry day itself is still usable.
    expect(validateNewLot({ ...lot, expiresOn: '2026-05-01' }, '2026-05-01').ok).toBe(true);
    expect(isExpired('2026-05-01', '2026-05-01')).toBe(false);
    expect(isExpired('2026-04-30', '2026-05-01')).toBe(true);
  });

  it('signs each kind of entry: receipts add, administrations and waste take away, adjustments either way', () => {
    expect(receiptChange({ quantityMg: 500 })).toEqual({ ok: true, value: { kind: 'received', quantityMg: 500, reason: null } });
    expect(administrationChange(100)).toEqual({ ok: true, value: { kind: 'administered', quantityMg: -100, reason: null } });
    expect(wasteChange({ quantityMg: 25, reason: ' drawn up, not given ' })).toEqual({ ok: true, value: { kind: 'wasted', quantityMg: -25, reason: 'drawn up, not given' } });
    expect(fieldOf(wasteChange({ quantityMg: 25, reason: '  ' }))).toBe('reason');
    expect(fieldOf(wasteChange({ quantityMg: -25, reason: 'x' }))).toBe('quantityMg');
    expect(adjustmentChange({ quantityMg: -10, reason: 'broken troche' })).toEqual({ ok: true, value: { kind: 'adjustment', quantityMg: -10, reason: 'broken troche' } });
    expect(fieldOf(adjustmentChange({ quantityMg: 0, reason: 'nothing' }))).toBe('quantityMg');
    expect(fieldOf(adjustmentChange({ quantityMg: 5, reason: '' }))).toBe('reason');
    expect(countFigure({ countedMg: 0 })).toEqual({ ok: true, value: { countedMg: 0, note: null } });
    expect(fieldOf(countFigure({ countedMg: -1 }))).toBe('countedMg');
    expect(fieldOf(validateResolution({ resolution: ' ' }))).toBe('resolution');
  });

  it('never lets a balance go below zero, and says how much the lot holds', () => {
    const held = { lotNumber: 'K-1', balanceMg: mg(150) };
    expect(checkBalance(held, { kind: 'wasted', quantityMg: mg(-150) })).toEqual({ ok: true, value: 0 });
    const refused = checkBalance(held, { kind: 'administered', quantityMg: mg(-150.01) });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('CONFLICT');
      expect(refused.error.message).toBe('Lot K-1 holds only 150 mg; administering 150.01 mg would take it below zero.');
    }
    expect(checkBalance(held, { kind: 'received', quantityMg: mg(10) })).toEqual({ ok: true, value: 160 });
  });

  it('compares a count with the balance, and settles a discrepancy by the difference found', () => {
    expect(countOutcome(mg(2900), mg(2900))).toMatchObject({ matches: true, differenceMg: 0 });
    expect(countOutcome(mg(2900), mg(2850.5))).toMatchObject({ matches: false, differenceMg: -49.5 });
    expect(settlingAdjustment({ expectedMg: mg(2900), countedMg: mg(2850.5) })).toBe(-49.5);
    expect(settlingAdjustment({ expectedMg: mg(100), countedMg: mg(120) })).toBe(20);
  });

  it('accepts as witness only another active prescriber or nurse of the same clinic', () => {
    const recorder = { staffId: 'nurse-1', clinicId: 'c1' };
    const witness = (over: Partial<WitnessFacts>): WitnessFacts => ({ staffId: 'rx-1', clinicId: 'c1', role: 'prescriber', name: 'Priya Shah', active: true, ...over });
    expect(checkWitness(recorder, witness({})).ok).toBe(true);
    expect(checkWitness(recorder, witness({ role: 'nurse', staffId: 'nurse-2' })).ok).toBe(true);
    const refusals = [
      checkWitness(recorder, witness({ staffId: 'nurse-1', role: 'nurse' })),
      checkWitness(recorder, witness({ role: 'therapist' })),
      checkWitness(recorder, witness({ role: 'admin' })),
      checkWitness(recorder, witness({ active: false })),
      checkWitness(recorder, witness({ clinicId: 'c2' })),
      checkWitness(recorder, null),
    ];
    for (const r of refusals) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    }
    const messages = refusals.map((r) => (r.ok ? '' : r.error.message));
    expect(messages[0]).toContain('second person');
    expect(messages[1]).toContain('is a therapist');
    expect(messages[3]).toContain('not an active');
  });
});
