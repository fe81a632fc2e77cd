/**
 * The controlled-substance ledger's rules (issue #5 §4; ketamine is Schedule III): what makes a receipt, a waste, an
 * adjustment, a count and a discrepancy's resolution valid, and who may witness a waste. Pure: "today" (a clinic-local
 * date) and every fact come in as arguments. The database enforces the same invariants again (migration 0006):
 * append-only entries, a balance that never goes below zero, a witness on every waste.
 */
import { fail, ok, type Result } from '../errors';
import type { StaffRole } from '../authorization';
import { addMg, formatMg, ledgerQuantity, negateMg, sameMg, subtractMg, type Milligrams } from './quantities';

export const ENTRY_KINDS = ['received', 'administered', 'wasted', 'adjustment', 'count'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Roles that may sign as the witness of a waste (a second licensed person who handles the substance). */
export const WITNESS_ROLES: readonly StaffRole[] = ['prescriber', 'nurse'];

export const TEXT_MAX = 200;
export const REASON_MAX = 1000;

const invalid = (path: string, message: string, summary?: string) =>
  fail('VALIDATION_FAILED', summary ?? `Please correct: ${path} ${message}.`, { fields: [{ path, message }] });

function requiredText(value: string | null | undefined, path: string, max = TEXT_MAX): Result<string> {
  const text = (value ?? '').trim();
  if (!text) return invalid(path, 'required');
  if (text.length > max) return invalid(path, `must be at most ${max} characters`);
  return ok(text);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A lot can be used up to and including its expiry date (clinic-local dates, YYYY-MM-DD compare as text). */
export const isExpired = (expiresOn: string, today: string): boolean => expiresOn < today;

export interface NewLotInput {
  product: string;
  form: string;
  supplier: string;
  lotNumber: string;
  expiresOn: string;
  quantityMg: number;
  note?: string | null | undefined;
}

export interface NewLot {
  product: string;
  form: string;
  supplier: string;
  lotNumber: string;
  expiresOn: string;
  quantityMg: Milligrams;
  note: string | null;
}

/** A lot received from a supplier: what its label says, and how much came. Stock already expired is not taken in. */
export function validateNewLot(input: NewLotInput, today: string): Result<NewLot> {
  const product = requiredText(input.product, 'product');
  if (!product.ok) return product;
  const form = requiredText(input.form, 'form');
  if (!form.ok) return form;
  const supplier = requiredText(input.supplier, 'supplier');
  if (!supplier.ok) return supplier;
  const lotNumber = requiredText(input.lotNumber, 'lotNumber', 100);
  if (!lotNumber.ok) return lotNumber;
  if (!isIsoDate(input.expiresOn)) return invalid('expiresOn', 'must be a date as YYYY-MM-DD');
  if (isExpired(input.expiresOn, today)) {
    return invalid('expiresOn', 'has passed', `This lot expired on ${input.expiresOn}; expired stock is not received into the ledger.`);
  }
  const quantity = ledgerQuantity(input.quantityMg, 'quantityMg', 'positive');
  if (!quantity.ok) return quantity;
  const note = optionalText(input.note, 'note');
  if (!note.ok) return note;
  return ok({ product: product.value, form: form.value, supplier: supplier.value, lotNumber: lotNumber.value, expiresOn: input.expiresOn, quantityMg: quantity.value, note: note.value });
}

function optionalText(value: string | null | undefined, path: string): Result<string | null> {
  const text = value?.trim() ?? '';
  if (text.length > REASON_MAX) return invalid(path, `must be at most ${REASON_MAX} characters`);
  return ok(text || null);
}

/** What an entry adds to the lot's balance (signed), with its reason or note. */
export interface EntryChange {
  kind: EntryKind;
  quantityMg: Milligrams;
  reason: string | null;
}

/** More of a lot already in the ledger. */
export function receiptChange(input: { quantityMg: number; note?: string | null | undefined }): Result<EntryChange> {
  const quantity = ledgerQuantity(input.quantityMg, 'quantityMg', 'positive');
  if (!quantity.ok) return quantity;
  const note = optionalText(input.note, 'note');
  if (!note.ok) return note;
  return ok({ kind: 'received', quantityMg: quantity.value, reason: note.value });
}

/** Waste (drawn up but not given, a broken vial, an expired remainder): a positive amount leaves the lot, with a reason. */
export function wasteChange(input: { quantityMg: number; reason: string }): Result<EntryChange> {
  const quantity = ledgerQuantity(input.quantityMg, 'quantityMg', 'positive');
  if (!quantity.ok) return quantity;
  const reason = requiredText(input.reason, 'reason', REASON_MAX);
  if (!reason.ok) return reason;
  return ok({ kind: 'wasted', quantityMg: negateMg(quantity.value), reason: reason.value });
}

/** A correction, either way (never 0), always with a reason. */
export function adjustmentChange(input: { quantityMg: number; reason: string }): Result<EntryChange> {
  const quantity = ledgerQuantity(input.quantityMg, 'quantityMg', 'non-zero');
  if (!quantity.ok) return quantity;
  const reason = requiredText(input.reason, 'reason', REASON_MAX);
  if (!reason.ok) return reason;
  return ok({ kind: 'adjustment', quantityMg: quantity.value, reason: reason.value });
}

/** A dose given from the lot (the dosing session's administration): a positive amount leaves the lot. */
export function administrationChange(quantityMg: number): Result<EntryChange> {
  const quantity = ledgerQuantity(quantityMg, 'quantityMg', 'positive');
  if (!quantity.ok) return quantity;
  return ok({ kind: 'administered', quantityMg: negateMg(quantity.value), reason: null });
}

/** A physical count: changes nothing; the figure counted is compared with the balance. */
export function countFigure(input: { countedMg: number; note?: string | null | undefined }): Result<{ countedMg: Milligrams; note: string | null }> {
  const counted = ledgerQuantity(input.countedMg, 'countedMg', 'non-negative');
  if (!counted.ok) return counted;
  const note = optionalText(input.note, 'note');
  if (!note.ok) return note;
  return ok({ countedMg: counted.value, note: note.value });
}

const ACTION_NAME: Record<EntryKind, string> = {
  received: 'receiving',
  administered: 'administering',
  wasted: 'wasting',
  adjustment: 'an adjustment of',
  count: 'counting',
};

/** The refusal when an entry would take a lot below zero (the database's balance check says the same). */
export function belowZero(lot: { lotNumber: string; balanceMg: Milligrams }, change: Pick<EntryChange, 'kind' | 'quantityMg'>) {
  return fail(
    'CONFLICT',
    `Lot ${lot.lotNumber} holds only ${formatMg(lot.balanceMg)}; ${ACTION_NAME[change.kind]} ${formatMg(Math.abs(change.quantityMg))} would take it below zero.`,
    { details: { balanceMg: lot.balanceMg } },
  );
}

/** Checks an entry against the lot's balance as last read (the database re-checks under the lot's row lock). */
export function checkBalance(lot: { lotNumber: string; balanceMg: Milligrams }, change: Pick<EntryChange, 'kind' | 'quantityMg'>): Result<Milligrams> {
  const after = addMg(lot.balanceMg, change.quantityMg);
  if (after < 0) return belowZero(lot, change);
  return ok(after);
}

export interface CountOutcome {
  matches: boolean;
  expectedMg: Milligrams;
  countedMg: Milligrams;
  /** Counted minus expected: negative when stock is missing. */
  differenceMg: Milligrams;
}

/** A count against the balance at the moment of counting (the entry's running balance). */
export function countOutcome(expectedMg: Milligrams, countedMg: Milligrams): CountOutcome {
  return { matches: sameMg(expectedMg, countedMg), expectedMg, countedMg, differenceMg: subtractMg(countedMg, expectedMg) };
}

/**
 * The adjustment that settles a discrepancy: the difference found at the count (counted − expected). Entries made
 * since the count (doses given, waste) stay in the balance, so the lot ends where the count said it was, moved on by
 * what happened after it.
 */
export function settlingAdjustment(discrepancy: { expectedMg: Milligrams; countedMg: Milligrams }): Milligrams {
  return subtractMg(discrepancy.countedMg, discrepancy.expectedMg);
}

export function validateResolution(input: { resolution: string }): Result<string> {
  const text = (input.resolution ?? '').trim();
  if (text.length < 3) return invalid('resolution', 'describe how the discrepancy was resolved');
  if (text.length > REASON_MAX) return invalid('resolution', `must be at most ${REASON_MAX} characters`);
  return ok(text);
}

export interface WitnessFacts {
  staffId: string;
  clinicId: string;
  role: StaffRole;
  name: string;
  active: boolean;
}

/**
 * Who may sign a waste as its witness: another active prescriber or nurse of the same clinic. Asked once the witness's
 * password has been verified (so these answers never help someone guess which emails exist).
 */
export function checkWitness(recorder: { staffId: string; clinicId: string }, witness: WitnessFacts | null): Result<WitnessFacts> {
  const refuse = (message: string) => fail('FORBIDDEN', message, { fields: [{ path: 'witness.email', message }] });
  if (!witness || witness.clinicId !== recorder.clinicId) return refuse('The witness must be a prescriber or nurse of this clinic.');
  if (witness.staffId === recorder.staffId) return refuse('The witness must be a second person: you cannot witness your own waste.');
  if (!witness.active) return refuse(`${witness.name} is not an active staff member and cannot witness.`);
  if (!WITNESS_ROLES.includes(witness.role)) return refuse(`The witness must be a prescriber or nurse; ${witness.name} is a ${witness.role}.`);
  return ok(witness);
}
