/**
 * The period report: clinic-local days → instants in the clinic's zone (core periodOf), every entry and discrepancy
 * up to the period's end → per-lot and total figures (core ledgerReport), as JSON or CSV. Exporting is audited.
 */
import { ok, type Result } from '../../../core/errors';
import { reportCsv, reportFileName } from '../../../core/ledger/csv';
import { storedMg } from '../../../core/ledger/quantities';
import { ledgerReport, periodOf, type LedgerReport } from '../../../core/ledger/report';
import * as repo from '../../../db/repos/ledger';
import { audit, type Ctx } from '../../context';
import { authorizeLedger, clinicDay } from './access';

export async function buildReport(ctx: Ctx, query: { from: string; to: string; format: 'json' | 'csv' }): Promise<Result<LedgerReport>> {
  const who = await authorizeLedger(ctx, 'ledger:read');
  if (!who.ok) return who;
  const { clinicId } = who.value;
  const { timeZone } = await clinicDay(ctx);
  const period = periodOf(query.from, query.to, timeZone);
  if (!period.ok) return period;
  const { db } = ctx.deps.database;
  const end = new Date(period.value.endMs);
  const [lots, entries, discrepancies] = await Promise.all([
    repo.listLots(db, clinicId),
    repo.listEntriesBefore(db, clinicId, end),
    repo.listDiscrepanciesOpenedBefore(db, clinicId, end),
  ]);
  const report = ledgerReport({
    period: period.value,
    lots,
    entries: entries.map((e) => ({ lotId: e.lotId, kind: e.kind, quantityMg: storedMg(e.quantityMg), at: e.at.getTime() })),
    discrepancies: discrepancies.map((d) => ({
      id: d.id, lotId: d.lotId, expectedMg: storedMg(d.expectedMg), countedMg: storedMg(d.countedMg),
      openedAt: d.openedAt.getTime(), resolvedAt: d.resolvedAt?.getTime() ?? null, resolution: d.resolution,
    })),
  });
  await audit(ctx, { action: 'ledger.report', resourceType: 'ledger', detail: { from: period.value.from, to: period.value.to, format: query.format } });
  return ok(report);
}

export const csvOf = (report: LedgerReport) => ({ body: reportCsv(report), fileName: reportFileName(report) });
