/**
 * Writing the ledger: receive a new lot, receive more of a lot, record witnessed waste, adjust, count. Each is
 * authorize → load → core → save → audit, in one transaction; the database re-checks the balance under the lot's row
 * lock, so two entries racing for the last milligrams cannot both pass.
 */
import { fail, ok, type Result } from '../../../core/errors';
import { adjustmentChange, checkBalance, countFigure, countOutcome, isExpired, receiptChange, validateNewLot, wasteChange, type EntryChange } from '../../../core/ledger/rules';
import { formatMg, storedMg, type Milligrams } from '../../../core/ledger/quantities';
import type { Tx } from '../../../db/database';
import { newId } from '../../../db/ids';
import * as repo from '../../../db/repos/ledger';
import { audit, type Ctx } from '../../context';
import { transact } from '../../transact';
import { authorizeLedger, clinicDay, lotView, nowDate, type LedgerActor } from './access';
import { discrepancyDto, entryDto } from './dto';
import { verifyWitness, type WitnessSignature } from './witness';

type LotView = Awaited<ReturnType<typeof lotView>>;
export interface EntryResult {
  lot: LotView;
  entry: ReturnType<typeof entryDto>;
}

export async function receiveLot(
  ctx: Ctx, input: { product: string; form: string; supplier: string; lotNumber: string; expiresOn: string; quantityMg: number; note?: string | null | undefined },
): Promise<Result<EntryResult>> {
  const who = await authorizeLedger(ctx, 'ledger:record', 'ledger.lot.receive');
  if (!who.ok) return who;
  const { today } = await clinicDay(ctx);
  const valid = validateNewLot(input, today);
  if (!valid.ok) return valid;
  const lot = valid.value;
  const at = nowDate(ctx);
  return transact(ctx.deps.database.db, async (tx) => {
    const inserted = await repo.insertLot(tx, {
      clinicId: who.value.clinicId, id: newId(), product: lot.product, form: lot.form, supplier: lot.supplier, lotNumber: lot.lotNumber, expiresOn: lot.expiresOn, createdAt: at,
    });
    if (!inserted.ok) return inserted;
    const entry = await repo.appendEntry(tx, { clinicId: who.value.clinicId, lotId: inserted.value.id, change: { kind: 'received', quantityMg: lot.quantityMg, reason: lot.note }, by: who.value.staffId, at });
    if (!entry.ok) return entry;
    await audit(ctx, {
      action: 'ledger.lot.receive', resourceType: 'stock-lot', resourceId: inserted.value.id,
      detail: { product: lot.product, form: lot.form, lotNumber: lot.lotNumber, quantityMg: lot.quantityMg },
    }, tx);
    const fresh = (await repo.findLot(tx, who.value.clinicId, inserted.value.id))!;
    return ok({ lot: await lotView(tx, fresh, today), entry: entryDto((await repo.findEntryView(tx, who.value.clinicId, entry.value.id))!) });
  });
}

/**
 * One entry on an existing lot: load the lot (404 when it is not this clinic's), check the change against its balance
 * as read (a clear message early), then append in a transaction (the database checks again, under the lock).
 */
async function entryOnLot(
  ctx: Ctx, who: LedgerActor, lotId: string, change: EntryChange, auditAction: string,
  extra: { witness?: WitnessSignature; countedMg?: Milligrams; after?: (tx: Tx, entry: repo.EntryRow) => Promise<Record<string, unknown>> } = {},
): Promise<Result<EntryResult & { extra: Record<string, unknown> }>> {
  const { db } = ctx.deps.database;
  const lot = await repo.findLot(db, who.clinicId, lotId);
  if (!lot) return fail('NOT_FOUND', 'No such stock lot.');
  const balance = checkBalance({ lotNumber: lot.lotNumber, balanceMg: storedMg(lot.balanceMg) }, change);
  if (!balance.ok) return balance;
  let witnessId: string | null = null;
  if (extra.witness) {
    const witness = await verifyWitness(ctx, who, extra.witness, auditAction);
    if (!witness.ok) return witness;
    witnessId = witness.value.staffId;
  }
  const { today } = await clinicDay(ctx);
  const at = nowDate(ctx);
  return transact(db, async (tx) => {
    const entry = await repo.appendEntry(tx, {
      clinicId: who.clinicId, lotId, change, countedMg: extra.countedMg ?? null, witnessId, by: who.staffId, at,
    });
    if (!entry.ok) return entry;
    const more = extra.after ? await extra.after(tx, entry.value) : {};
    await audit(ctx, {
      action: auditAction, resourceType: 'stock-lot', resourceId: lotId,
      detail: { lotNumber: lot.lotNumber, entryId: entry.value.id, quantityMg: change.quantityMg, ...(witnessId ? { witnessId } : {}), ...(more.audit as object | undefined) },
    }, tx);
    const fresh = (await repo.findLot(tx, who.clinicId, lotId))!;
    return ok({ lot: await lotView(tx, fresh, today), entry: entryDto((await repo.findEntryView(tx, who.clinicId, entry.value.id))!), extra: more });
  });
}

export async function receiveMore(ctx: Ctx, lotId: string, input: { quantityMg: number; note?: string | null | undefined }): Promise<Result<EntryResult>> {
  const who = await authorizeLedger(ctx, 'ledger:record', 'ledger.receipt');
  if (!who.ok) return who;
  const change = receiptChange(input);
  if (!change.ok) return change;
  const lot = await repo.findLot(ctx.deps.database.db, who.value.clinicId, lotId);
  if (lot && isExpired(lot.expiresOn, (await clinicDay(ctx)).today)) {
    return fail('CONFLICT', `Lot ${lot.lotNumber} expired on ${lot.expiresOn}; expired stock is not received into the ledger.`);
  }
  return entryOnLot(ctx, who.value, lotId, change.value, 'ledger.receipt');
}

export async function recordWaste(ctx: Ctx, lotId: string, input: { quantityMg: number; reason: string; witness: WitnessSignature }): Promise<Result<EntryResult>> {
  const who = await authorizeLedger(ctx, 'ledger:record', 'ledger.waste');
  if (!who.ok) return who;
  const change = wasteChange(input);
  if (!change.ok) return change;
  return entryOnLot(ctx, who.value, lotId, change.value, 'ledger.waste', { witness: input.witness });
}

export async function recordAdjustment(ctx: Ctx, lotId: string, input: { quantityMg: number; reason: string }): Promise<Result<EntryResult>> {
  const who = await authorizeLedger(ctx, 'ledger:adjust', 'ledger.adjustment');
  if (!who.ok) return who;
  const change = adjustmentChange(input);
  if (!change.ok) return change;
  return entryOnLot(ctx, who.value, lotId, change.value, 'ledger.adjustment');
}

export interface CountResult extends EntryResult {
  matches: boolean;
  expectedMg: number;
  countedMg: number;
  differenceMg: number;
  discrepancy: ReturnType<typeof discrepancyDto> | null;
  message: string;
}

/**
 * A physical count. The entry changes nothing; its running balance is the balance at the moment of counting (read by
 * the database under the lot's lock), and a different figure opens a discrepancy in the same transaction.
 */
export async function recordCount(ctx: Ctx, lotId: string, input: { countedMg: number; note?: string | null | undefined }): Promise<Result<CountResult>> {
  const who = await authorizeLedger(ctx, 'ledger:record', 'ledger.count');
  if (!who.ok) return who;
  const figure = countFigure(input);
  if (!figure.ok) return figure;
  const { countedMg } = figure.value;
  const change: EntryChange = { kind: 'count', quantityMg: 0 as Milligrams, reason: figure.value.note };
  const done = await entryOnLot(ctx, who.value, lotId, change, 'ledger.count', {
    countedMg,
    after: async (tx, entry) => {
      const outcome = countOutcome(storedMg(entry.balanceAfterMg), countedMg);
      if (outcome.matches) return { outcome, audit: { countedMg, matches: true } };
      const discrepancy = await repo.insertDiscrepancy(tx, {
        clinicId: who.value.clinicId, id: newId(), lotId, countEntryId: entry.id, expectedMg: entry.balanceAfterMg, countedMg: entry.countedMg!, openedAt: entry.at,
      });
      return { outcome, discrepancyId: discrepancy.id, audit: { countedMg, matches: false, differenceMg: outcome.differenceMg, discrepancyId: discrepancy.id } };
    },
  });
  if (!done.ok) return done;
  const { lot, entry, extra } = done.value;
  const outcome = extra.outcome as ReturnType<typeof countOutcome>;
  const [discrepancy] = extra.discrepancyId ? await repo.listDiscrepancies(ctx.deps.database.db, who.value.clinicId, { id: extra.discrepancyId as string }) : [];
  const message = outcome.matches
    ? `The count matches the balance (${formatMg(outcome.expectedMg)}).`
    : `The count (${formatMg(outcome.countedMg)}) differs from the balance (${formatMg(outcome.expectedMg)}) by ${formatMg(outcome.differenceMg)}: a discrepancy is open until an administrator resolves it.`;
  return ok({
    lot, entry, matches: outcome.matches, expectedMg: outcome.expectedMg, countedMg: outcome.countedMg, differenceMg: outcome.differenceMg,
    discrepancy: discrepancy ? discrepancyDto(discrepancy) : null, message,
  });
}
