/**
 * Resolving a discrepancy (administrators): a written resolution and, when asked, an adjustment entry of the difference
 * found at the count (counted − expected), linked to the discrepancy. Both in one transaction; a discrepancy resolved
 * by someone else a moment earlier, or an adjustment that would take the lot below zero, leaves nothing behind.
 */
import { fail, ok, type Result } from '../../../core/errors';
import { storedMg } from '../../../core/ledger/quantities';
import { settlingAdjustment, validateResolution, type EntryChange } from '../../../core/ledger/rules';
import * as repo from '../../../db/repos/ledger';
import { audit, type Ctx } from '../../context';
import { transact } from '../../transact';
import { authorizeLedger, clinicDay, lotView, nowDate, plainDateOf } from './access';
import { discrepancyDto, entryDto } from './dto';

export async function resolveDiscrepancy(ctx: Ctx, id: string, input: { resolution: string; adjust: boolean }) {
  const who = await authorizeLedger(ctx, 'ledger:resolve', 'ledger.discrepancy.resolve');
  if (!who.ok) return who;
  const { clinicId, staffId } = who.value;
  const { db } = ctx.deps.database;
  const found = await repo.findDiscrepancy(db, clinicId, id);
  if (!found) return fail('NOT_FOUND', 'No such discrepancy.');
  if (found.resolvedAt) return fail('CONFLICT', `This discrepancy was resolved already, on ${found.resolvedAt.toISOString().slice(0, 10)}.`);
  const resolution = validateResolution(input);
  if (!resolution.ok) return resolution;
  const { timeZone, today } = await clinicDay(ctx);
  const at = nowDate(ctx);
  const lot = (await repo.findLot(db, clinicId, found.lotId))!;

  const done: Result<{ adjustment: repo.EntryRow | null }> = await transact(db, async (tx) => {
    let adjustment: repo.EntryRow | null = null;
    if (input.adjust) {
      const change: EntryChange = {
        kind: 'adjustment',
        quantityMg: settlingAdjustment({ expectedMg: storedMg(found.expectedMg), countedMg: storedMg(found.countedMg) }),
        reason: `Settles the discrepancy found at the count of ${plainDateOf(found.openedAt, timeZone)}: ${resolution.value}`,
      };
      const entry = await repo.appendEntry(tx, { clinicId, lotId: found.lotId, change, by: staffId, at });
      if (!entry.ok) return entry;
      adjustment = entry.value;
    }
    const resolved = await repo.resolveDiscrepancy(tx, clinicId, id, { resolvedAt: at, resolvedBy: staffId, resolution: resolution.value, adjustmentEntryId: adjustment?.id ?? null });
    if (!resolved) return fail('CONFLICT', 'This discrepancy was resolved by someone else a moment ago.');
    await audit(ctx, {
      action: 'ledger.discrepancy.resolve', resourceType: 'ledger-discrepancy', resourceId: id,
      detail: { lotId: found.lotId, lotNumber: lot.lotNumber, adjusted: Boolean(adjustment), ...(adjustment ? { adjustmentEntryId: adjustment.id, quantityMg: storedMg(adjustment.quantityMg) } : {}) },
    }, tx);
    return ok({ adjustment });
  });
  if (!done.ok) return done;
  const [view] = await repo.listDiscrepancies(db, clinicId, { id });
  return ok({
    discrepancy: discrepancyDto(view!),
    adjustment: done.value.adjustment ? entryDto((await repo.findEntryView(db, clinicId, done.value.adjustment.id))!) : null,
    lot: await lotView(db, (await repo.findLot(db, clinicId, found.lotId))!, today),
  });
}
