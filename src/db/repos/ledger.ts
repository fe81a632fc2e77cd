/**
 * The controlled-substance ledger (schema/ledger.ts, migration 0006). Entries are only ever inserted: the database
 * moves the lot's balance in a trigger under the lot's row lock and refuses any entry that would take it below zero
 * (stock_lots_balance_check, SQLSTATE 23514), any UPDATE, DELETE or TRUNCATE of an entry and any other change to a
 * balance (42501). Each insert runs in a savepoint, so such a refusal comes back as a Result and the caller's
 * transaction stays usable (to read the balance for the message, or to roll back cleanly).
 */
import { and, asc, count, desc, eq, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { fail, ok, type Result } from '../../core/errors';
import { Temporal } from 'temporal-polyfill';
import { administrationChange, belowZero, isExpired, type EntryChange } from '../../core/ledger/rules';
import { mgText, storedMg, type Milligrams } from '../../core/ledger/quantities';
import { clinics, ledgerDiscrepancies, ledgerEntries, staffMembers, stockLots } from '../schema';
import type { Executor, Tx } from '../database';
import { constraintName, newId, sqlState } from '../ids';

export type LotRow = typeof stockLots.$inferSelect;
export type EntryRow = typeof ledgerEntries.$inferSelect;
export type DiscrepancyRow = typeof ledgerDiscrepancies.$inferSelect;

const staffName = (s: { givenName: string; familyName: string } | null | undefined): string | null => (s ? `${s.givenName} ${s.familyName}` : null);

/**
 * What the database's refusals mean for a ledger write, or undefined for any other error (rethrown by the caller).
 * `lot` is re-read after the refusal to say how much it holds.
 */
async function refusal(ex: Executor, err: unknown, entry: Pick<EntryChange, 'kind' | 'quantityMg'> & { clinicId: string; lotId: string }) {
  const state = sqlState(err);
  const constraint = constraintName(err);
  if (state === '23514' && constraint === 'stock_lots_balance_check') {
    const lot = await findLot(ex, entry.clinicId, entry.lotId);
    return belowZero({ lotNumber: lot?.lotNumber ?? entry.lotId, balanceMg: storedMg(lot?.balanceMg ?? '0') }, entry);
  }
  if (state === '23514') return fail('VALIDATION_FAILED', `The ledger refused this ${entry.kind} entry (${constraint ?? 'a check'}).`);
  if (state === '23503') return fail('NOT_FOUND', 'No such stock lot, staff member or administration in this clinic.');
  if (state === '42501') return fail('CONFLICT', 'The ledger is append-only: entries are never changed or removed, and only entries move a balance. Record a new entry (an adjustment with its reason) instead.');
  return undefined;
}

/** Runs `work` in a savepoint (a nested transaction), so a refused statement leaves the caller's transaction usable. */
async function inSavepoint<T>(ex: Executor, work: (sp: Tx) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; err: unknown }> {
  try {
    return { ok: true, value: await ex.transaction(work) };
  } catch (err) {
    return { ok: false, err };
  }
}

export interface NewLotRow {
  clinicId: string;
  id: string;
  product: string;
  form: string;
  supplier: string;
  lotNumber: string;
  expiresOn: string;
  createdAt: Date;
}

/** A new lot, at a balance of zero (its receipt entry brings the stock in). The same product and lot number twice: CONFLICT. */
export async function insertLot(ex: Executor, row: NewLotRow): Promise<Result<LotRow>> {
  const done = await inSavepoint(ex, async (sp) => (await sp.insert(stockLots).values(row).returning())[0]!);
  if (done.ok) return ok(done.value);
  if (sqlState(done.err) === '23505' && constraintName(done.err) === 'stock_lots_lot_number_idx') {
    return fail('CONFLICT', `Lot ${row.lotNumber} of ${row.product} is already in the ledger; record a receipt on that lot instead.`, {
      fields: [{ path: 'lotNumber', message: 'already in the ledger' }],
    });
  }
  if (sqlState(done.err) === '42501') return fail('CONFLICT', 'A lot starts at a balance of zero; only ledger entries move it.');
  throw done.err;
}

export async function findLot(ex: Executor, clinicId: string, lotId: string): Promise<LotRow | undefined> {
  const [row] = await ex.select().from(stockLots).where(and(eq(stockLots.clinicId, clinicId), eq(stockLots.id, lotId))).limit(1);
  return row;
}

export async function listLots(ex: Executor, clinicId: string): Promise<LotRow[]> {
  return ex.select().from(stockLots).where(eq(stockLots.clinicId, clinicId)).orderBy(asc(stockLots.product), asc(stockLots.expiresOn), asc(stockLots.lotNumber));
}

export interface LastCount {
  lotId: string;
  at: Date;
  countedMg: Milligrams;
  expectedMg: Milligrams;
  byName: string | null;
}

/** The latest count of each lot of the clinic (or of one lot). */
export async function lastCounts(ex: Executor, clinicId: string, lotId?: string): Promise<Map<string, LastCount>> {
  const rows = await ex
    .selectDistinctOn([ledgerEntries.lotId], {
      lotId: ledgerEntries.lotId, at: ledgerEntries.at, countedMg: ledgerEntries.countedMg, expectedMg: ledgerEntries.balanceAfterMg,
      givenName: staffMembers.givenName, familyName: staffMembers.familyName,
    })
    .from(ledgerEntries)
    .leftJoin(staffMembers, and(eq(staffMembers.clinicId, ledgerEntries.clinicId), eq(staffMembers.id, ledgerEntries.by)))
    .where(and(eq(ledgerEntries.clinicId, clinicId), eq(ledgerEntries.kind, 'count'), lotId ? eq(ledgerEntries.lotId, lotId) : undefined))
    .orderBy(ledgerEntries.lotId, desc(ledgerEntries.at), desc(ledgerEntries.id));
  return new Map(rows.map((r) => [r.lotId, {
    lotId: r.lotId, at: r.at, countedMg: storedMg(r.countedMg ?? '0'), expectedMg: storedMg(r.expectedMg),
    byName: r.givenName ? `${r.givenName} ${r.familyName}` : null,
  }]));
}

/** Open discrepancies per lot (of the clinic, or of one lot). */
export async function openDiscrepancyCounts(ex: Executor, clinicId: string, lotId?: string): Promise<Map<string, number>> {
  const rows = await ex
    .select({ lotId: ledgerDiscrepancies.lotId, n: count() })
    .from(ledgerDiscrepancies)
    .where(and(eq(ledgerDiscrepancies.clinicId, clinicId), isNull(ledgerDiscrepancies.resolvedAt), lotId ? eq(ledgerDiscrepancies.lotId, lotId) : undefined))
    .groupBy(ledgerDiscrepancies.lotId);
  return new Map(rows.map((r) => [r.lotId, Number(r.n)]));
}

export interface NewEntry {
  clinicId: string;
  lotId: string;
  change: EntryChange;
  countedMg?: Milligrams | null;
  administrationId?: string | null;
  witnessId?: string | null;
  by: string;
  at: Date;
}

/**
 * Appends an entry; the database sets the lot's new balance and the entry's running balance. A lot that would go
 * below zero: CONFLICT ("Lot X holds only N mg; …"), nothing recorded.
 */
export async function appendEntry(ex: Executor, entry: NewEntry): Promise<Result<EntryRow>> {
  const row = {
    clinicId: entry.clinicId, id: newId(), lotId: entry.lotId, kind: entry.change.kind, quantityMg: mgText(entry.change.quantityMg),
    countedMg: entry.countedMg === undefined || entry.countedMg === null ? null : mgText(entry.countedMg),
    administrationId: entry.administrationId ?? null, witnessId: entry.witnessId ?? null, reason: entry.change.reason, by: entry.by, at: entry.at,
  };
  const done = await inSavepoint(ex, async (sp) => (await sp.insert(ledgerEntries).values(row).returning())[0]!);
  if (done.ok) return ok(done.value);
  const refused = await refusal(ex, done.err, { ...entry.change, clinicId: entry.clinicId, lotId: entry.lotId });
  if (refused) return refused;
  throw done.err;
}

/**
 * The ledger entry of a dose given from a lot, for the dosing session's code: call it in the transaction that records
 * the administration (after inserting its dose_administrations row, which the entry references). `quantityMg` is the
 * amount given (positive); the entry takes it from the lot. A lot that would go below zero: CONFLICT with the lot's
 * balance in the message; a lot past its expiry date (clinic-local, on the day of `at`): CONFLICT; an unknown lot:
 * NOT_FOUND.
 */
export async function recordAdministrationEntry(
  tx: Executor, input: { clinicId: string; lotId: string; administrationId: string; quantityMg: Milligrams | number; by: string; at: Date },
): Promise<Result<EntryRow>> {
  const change = administrationChange(input.quantityMg);
  if (!change.ok) return change;
  const lot = await findLot(tx, input.clinicId, input.lotId);
  if (!lot) return fail('NOT_FOUND', 'No such stock lot.', { fields: [{ path: 'lotId', message: 'not a lot of this clinic' }] });
  // Expiry is a clinic-local date: the lot may be used up to and including that day where the dose is given.
  const [clinic] = await tx.select({ timeZone: clinics.timeZone }).from(clinics).where(eq(clinics.id, input.clinicId)).limit(1);
  const day = Temporal.Instant.fromEpochMilliseconds(input.at.getTime()).toZonedDateTimeISO(clinic?.timeZone ?? 'UTC').toPlainDate().toString();
  if (isExpired(lot.expiresOn, day)) {
    return fail('CONFLICT', `Lot ${lot.lotNumber} expired on ${lot.expiresOn}; give the dose from another lot.`, { fields: [{ path: 'lotId', message: 'expired' }] });
  }
  return appendEntry(tx, { clinicId: input.clinicId, lotId: input.lotId, change: change.value, administrationId: input.administrationId, by: input.by, at: input.at });
}

export interface EntryView extends EntryRow {
  byName: string | null;
  witnessName: string | null;
}

/** A lot's entries in the order they were made, with who made and who witnessed each. */
export async function listLotEntries(ex: Executor, clinicId: string, lotId: string): Promise<EntryView[]> {
  return entryViews(ex, and(eq(ledgerEntries.clinicId, clinicId), eq(ledgerEntries.lotId, lotId)));
}

/** One entry with who made and who witnessed it. */
export async function findEntryView(ex: Executor, clinicId: string, id: string): Promise<EntryView | undefined> {
  const [view] = await entryViews(ex, and(eq(ledgerEntries.clinicId, clinicId), eq(ledgerEntries.id, id)));
  return view;
}

async function entryViews(ex: Executor, where: SQL | undefined): Promise<EntryView[]> {
  const witness = alias(staffMembers, 'witness');
  const rows = await ex
    .select({ entry: ledgerEntries, by: { givenName: staffMembers.givenName, familyName: staffMembers.familyName }, witness: { givenName: witness.givenName, familyName: witness.familyName } })
    .from(ledgerEntries)
    .leftJoin(staffMembers, and(eq(staffMembers.clinicId, ledgerEntries.clinicId), eq(staffMembers.id, ledgerEntries.by)))
    .leftJoin(witness, and(eq(witness.clinicId, ledgerEntries.clinicId), eq(witness.id, ledgerEntries.witnessId)))
    .where(where)
    .orderBy(asc(ledgerEntries.at), asc(ledgerEntries.id));
  return rows.map((r) => ({ ...r.entry, byName: staffName(r.by), witnessName: staffName(r.witness) }));
}

/** Every entry of the clinic made before `end` (a period report's opening balances and movements). */
export async function listEntriesBefore(ex: Executor, clinicId: string, end: Date) {
  return ex
    .select({ lotId: ledgerEntries.lotId, kind: ledgerEntries.kind, quantityMg: ledgerEntries.quantityMg, at: ledgerEntries.at })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.clinicId, clinicId), lt(ledgerEntries.at, end)));
}

/** The sum of a lot's entries: equals its balance, always (tests check the trigger keeps them equal). */
export async function sumOfEntries(ex: Executor, clinicId: string, lotId: string): Promise<Milligrams> {
  const [row] = await ex
    .select({ total: sql<string>`coalesce(sum(${ledgerEntries.quantityMg}), 0)` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.clinicId, clinicId), eq(ledgerEntries.lotId, lotId)));
  return storedMg(row?.total ?? '0');
}

export async function insertDiscrepancy(ex: Executor, row: typeof ledgerDiscrepancies.$inferInsert): Promise<DiscrepancyRow> {
  const [inserted] = await ex.insert(ledgerDiscrepancies).values(row).returning();
  return inserted!;
}

export async function findDiscrepancy(ex: Executor, clinicId: string, id: string): Promise<DiscrepancyRow | undefined> {
  const [row] = await ex.select().from(ledgerDiscrepancies).where(and(eq(ledgerDiscrepancies.clinicId, clinicId), eq(ledgerDiscrepancies.id, id))).limit(1);
  return row;
}

export interface DiscrepancyView extends DiscrepancyRow {
  product: string;
  form: string;
  lotNumber: string;
  countedByName: string | null;
  resolvedByName: string | null;
}

/** The clinic's discrepancies (open: oldest first; resolved: newest first), optionally of one lot (or just one). */
export async function listDiscrepancies(
  ex: Executor, clinicId: string, filter: { status?: 'open' | 'resolved' | undefined; lotId?: string | undefined; id?: string | undefined } = {}, limit = 500,
): Promise<DiscrepancyView[]> {
  const resolver = alias(staffMembers, 'resolver');
  const rows = await ex
    .select({
      d: ledgerDiscrepancies, product: stockLots.product, form: stockLots.form, lotNumber: stockLots.lotNumber,
      counter: { givenName: staffMembers.givenName, familyName: staffMembers.familyName },
      resolver: { givenName: resolver.givenName, familyName: resolver.familyName },
    })
    .from(ledgerDiscrepancies)
    .innerJoin(stockLots, and(eq(stockLots.clinicId, ledgerDiscrepancies.clinicId), eq(stockLots.id, ledgerDiscrepancies.lotId)))
    .innerJoin(ledgerEntries, and(eq(ledgerEntries.clinicId, ledgerDiscrepancies.clinicId), eq(ledgerEntries.id, ledgerDiscrepancies.countEntryId)))
    .leftJoin(staffMembers, and(eq(staffMembers.clinicId, ledgerEntries.clinicId), eq(staffMembers.id, ledgerEntries.by)))
    .leftJoin(resolver, and(eq(resolver.clinicId, ledgerDiscrepancies.clinicId), eq(resolver.id, ledgerDiscrepancies.resolvedBy)))
    .where(and(
      eq(ledgerDiscrepancies.clinicId, clinicId),
      filter.status === 'open' ? isNull(ledgerDiscrepancies.resolvedAt) : filter.status === 'resolved' ? isNotNull(ledgerDiscrepancies.resolvedAt) : undefined,
      filter.lotId ? eq(ledgerDiscrepancies.lotId, filter.lotId) : undefined,
      filter.id ? eq(ledgerDiscrepancies.id, filter.id) : undefined,
    ))
    .orderBy(...(filter.status === 'resolved' ? [desc(ledgerDiscrepancies.resolvedAt), desc(ledgerDiscrepancies.id)] : [asc(ledgerDiscrepancies.openedAt), asc(ledgerDiscrepancies.id)]))
    .limit(limit);
  return rows.map((r) => ({ ...r.d, product: r.product, form: r.form, lotNumber: r.lotNumber, countedByName: staffName(r.counter), resolvedByName: staffName(r.resolver) }));
}

/** Discrepancies opened before `end` (a period report needs those opened, resolved, or still open in it). */
export async function listDiscrepanciesOpenedBefore(ex: Executor, clinicId: string, end: Date): Promise<DiscrepancyRow[]> {
  return ex.select().from(ledgerDiscrepancies).where(and(eq(ledgerDiscrepancies.clinicId, clinicId), lt(ledgerDiscrepancies.openedAt, end)));
}

/** Resolves an open discrepancy; false when it was resolved already (by someone else, a moment earlier). */
export async function resolveDiscrepancy(
  ex: Executor, clinicId: string, id: string, patch: { resolvedAt: Date; resolvedBy: string; resolution: string; adjustmentEntryId: string | null },
): Promise<boolean> {
  const rows = await ex
    .update(ledgerDiscrepancies)
    .set(patch)
    .where(and(eq(ledgerDiscrepancies.clinicId, clinicId), eq(ledgerDiscrepancies.id, id), isNull(ledgerDiscrepancies.resolvedAt)))
    .returning({ id: ledgerDiscrepancies.id });
  return rows.length === 1;
}
