/** Rows → the API's shapes (schemas.ts). Stored numeric(12, 2) text becomes numbers of mg; instants ISO strings. */
import type { z } from 'zod';
import { isExpired } from '../../../core/ledger/rules';
import { sameMg, storedMg, subtractMg } from '../../../core/ledger/quantities';
import type { LedgerReport } from '../../../core/ledger/report';
import type { DiscrepancyView, EntryView, LastCount, LotRow } from '../../../db/repos/ledger';
import type { DiscrepancyDto, EntryDto, LotDto, ReportDto } from './schemas';

export function lotDto(lot: LotRow, today: string, lastCount: LastCount | undefined, openDiscrepancies: number): z.infer<typeof LotDto> {
  return {
    id: lot.id,
    product: lot.product,
    form: lot.form,
    supplier: lot.supplier,
    lotNumber: lot.lotNumber,
    expiresOn: lot.expiresOn,
    expired: isExpired(lot.expiresOn, today),
    balanceMg: storedMg(lot.balanceMg),
    createdAt: lot.createdAt.toISOString(),
    lastCount: lastCount
      ? { at: lastCount.at.toISOString(), countedMg: lastCount.countedMg, expectedMg: lastCount.expectedMg, matched: sameMg(lastCount.countedMg, lastCount.expectedMg), by: lastCount.byName }
      : null,
    openDiscrepancies,
  };
}

export function entryDto(e: EntryView): z.infer<typeof EntryDto> {
  return {
    id: e.id,
    lotId: e.lotId,
    kind: e.kind,
    quantityMg: storedMg(e.quantityMg),
    balanceAfterMg: storedMg(e.balanceAfterMg),
    countedMg: e.countedMg === null ? null : storedMg(e.countedMg),
    administrationId: e.administrationId,
    reason: e.reason,
    by: { id: e.by, name: e.byName },
    witness: e.witnessId ? { id: e.witnessId, name: e.witnessName } : null,
    at: e.at.toISOString(),
  };
}

export function discrepancyDto(d: DiscrepancyView): z.infer<typeof DiscrepancyDto> {
  const expectedMg = storedMg(d.expectedMg);
  const countedMg = storedMg(d.countedMg);
  return {
    id: d.id,
    lotId: d.lotId,
    product: d.product,
    form: d.form,
    lotNumber: d.lotNumber,
    countEntryId: d.countEntryId,
    expectedMg,
    countedMg,
    differenceMg: subtractMg(countedMg, expectedMg),
    openedAt: d.openedAt.toISOString(),
    countedBy: d.countedByName,
    status: d.resolvedAt ? 'resolved' : 'open',
    resolvedAt: d.resolvedAt?.toISOString() ?? null,
    resolvedBy: d.resolvedByName,
    resolution: d.resolution,
    adjustmentEntryId: d.adjustmentEntryId,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function reportDto(report: LedgerReport): z.infer<typeof ReportDto> {
  const { period } = report;
  return {
    period: { from: period.from, to: period.to, timeZone: period.timeZone, start: iso(period.startMs), end: iso(period.endMs) },
    lots: report.lots,
    totals: report.totals,
    discrepancies: report.discrepancies.map((d) => ({
      id: d.id, lotId: d.lotId, product: d.product, lotNumber: d.lotNumber, expectedMg: d.expectedMg, countedMg: d.countedMg, differenceMg: d.differenceMg,
      openedAt: iso(d.openedAt), resolvedAt: d.resolvedAt === null ? null : iso(d.resolvedAt), resolution: d.resolution,
      openedInPeriod: d.openedInPeriod, resolvedInPeriod: d.resolvedInPeriod,
    })),
  };
}
