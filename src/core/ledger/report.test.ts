import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { reportCsv, reportFileName } from './csv';
import type { Milligrams } from './quantities';
import { ledgerReport, periodOf, type Period, type ReportDiscrepancy, type ReportEntry, type ReportLot } from './report';

const ZONE = 'America/Los_Angeles';
const at = (local: string) => Temporal.PlainDateTime.from(local).toZonedDateTime(ZONE).epochMilliseconds;
const mg = (n: number) => n as Milligrams;
const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

const troche: ReportLot = { id: 'lot-a', product: 'Ketamine HCl', form: 'troche 100 mg', supplier: 'Acme Pharma', lotNumber: 'K-100', expiresOn: '2027-01-31' };
const vial: ReportLot = { id: 'lot-b', product: 'Ketamine HCl', form: 'vial 500 mg/10 mL', supplier: 'Acme Pharma', lotNumber: 'V-500', expiresOn: '2026-12-31' };
const emptied: ReportLot = { id: 'lot-c', product: 'Ketamine HCl', form: 'vial 500 mg/10 mL', supplier: 'Old Supplier', lotNumber: 'V-OLD', expiresOn: '2026-01-31' };
const later: ReportLot = { id: 'lot-d', product: 'Ketamine HCl', form: 'troche 100 mg', supplier: 'Acme Pharma', lotNumber: 'K-LATER', expiresOn: '2027-06-30' };

const entry = (lotId: string, kind: ReportEntry['kind'], quantity: number, local: string): ReportEntry => ({ lotId, kind, quantityMg: mg(quantity), at: at(local) });

const ENTRIES: ReportEntry[] = [
  // Before March: the opening balances.
  entry('lot-a', 'received', 3000, '2026-02-02T09:00'),
  entry('lot-a', 'administered', -200, '2026-02-20T10:00'),
  entry('lot-b', 'received', 2500, '2026-02-03T09:00'),
  entry('lot-c', 'received', 500, '2026-01-05T09:00'),
  entry('lot-c', 'administered', -500, '2026-01-20T09:00'),
  // March.
  entry('lot-a', 'administered', -100, '2026-03-01T00:00'),
  entry('lot-a', 'wasted', -25.5, '2026-03-10T12:00'),
  entry('lot-a', 'received', 1000, '2026-03-15T09:00'),
  entry('lot-a', 'count', 0, '2026-03-20T17:00'),
  entry('lot-a', 'adjustment', -10, '2026-03-31T23:59'),
  entry('lot-b', 'administered', -50, '2026-03-05T11:00'),
  entry('lot-b', 'adjustment', 5, '2026-03-06T11:00'),
  // After March: ignored.
  entry('lot-a', 'administered', -300, '2026-04-01T00:00'),
  entry('lot-d', 'received', 3000, '2026-04-02T09:00'),
];

const DISCREPANCIES: ReportDiscrepancy[] = [
  { id: 'd1', lotId: 'lot-a', expectedMg: mg(3674.5), countedMg: mg(3664.5), openedAt: at('2026-03-20T17:00'), resolvedAt: at('2026-03-31T23:59'), resolution: '=1+1 broken troche' },
  { id: 'd2', lotId: 'lot-b', expectedMg: mg(2455), countedMg: mg(2450), openedAt: at('2026-03-25T10:00'), resolvedAt: null, resolution: null },
  { id: 'd3', lotId: 'lot-b', expectedMg: mg(2500), countedMg: mg(2495), openedAt: at('2026-02-25T10:00'), resolvedAt: at('2026-02-26T10:00'), resolution: 'found' },
];

function marchReport() {
  const period = must(periodOf('2026-03-01', '2026-03-31', ZONE));
  return ledgerReport({ period, lots: [later, emptied, vial, troche], entries: ENTRIES, discrepancies: DISCREPANCIES });
}

describe('periodOf', () => {
  it('turns clinic-local days into instants in the clinic’s zone, last day included, across a DST change', () => {
    const p = must(periodOf('2026-03-01', '2026-03-31', ZONE));
    expect(new Date(p.startMs).toISOString()).toBe('2026-03-01T08:00:00.000Z');
    // Daylight saving time starts on 8 March: the end is midnight PDT.
    expect(new Date(p.endMs).toISOString()).toBe('2026-04-01T07:00:00.000Z');
  });

  it('refuses bad dates and a period that ends before it starts, naming the field', () => {
    const bad = periodOf('2026-02-30', '2026-03-01', ZONE);
    expect(bad.ok ? null : bad.error.fields?.[0]?.path).toBe('from');
    const backwards = periodOf('2026-03-02', '2026-03-01', ZONE);
    expect(backwards.ok ? null : backwards.error.fields?.[0]?.path).toBe('to');
    expect(periodOf('2026-03-01', '2026-03-01', ZONE).ok).toBe(true);
  });
});

describe('ledgerReport', () => {
  it('reports opening, movements and closing per lot, with earlier entries in the opening balance', () => {
    const report = marchReport();
    // Sorted by product, then the soonest expiry first.
    expect(report.lots.map((l) => l.lotNumber)).toEqual(['V-500', 'K-100']);
    const a = report.lots.find((l) => l.id === 'lot-a')!;
    expect(a).toMatchObject({
      openingMg: 2800, receivedMg: 1000, administeredMg: 100, wastedMg: 25.5, adjustedMg: -10, closingMg: 3664.5,
      counts: 1, discrepanciesOpened: 1, discrepanciesResolved: 1, discrepanciesOpenAtEnd: 0,
    });
    const b = report.lots.find((l) => l.id === 'lot-b')!;
    expect(b).toMatchObject({
      openingMg: 2500, receivedMg: 0, administeredMg: 50, wastedMg: 0, adjustedMg: 5, closingMg: 2455,
      counts: 0, discrepanciesOpened: 1, discrepanciesResolved: 0, discrepanciesOpenAtEnd: 1,
    });
    expect(report.totals).toMatchObject({
      openingMg: 5300, receivedMg: 1000, administeredMg: 150, wastedMg: 25.5, adjustedMg: -5, closingMg: 6119.5,
      counts: 1, discrepanciesOpened: 2, discrepanciesResolved: 1, discrepanciesOpenAtEnd: 1,
    });
  });

  it('leaves out lots empty all period and lots received after it, and discrepancies settled before it', () => {
    const report = marchReport();
    expect(report.lots.map((l) => l.id)).not.toContain('lot-c');
    expect(report.lots.map((l) => l.id)).not.toContain('lot-d');
    expect(report.discrepancies.map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(report.discrepancies[0]).toMatchObject({ differenceMg: -10, openedInPeriod: true, resolvedInPeriod: true, lotNumber: 'K-100' });
  });

  it('closes each period where the next one opens', () => {
    const lots = [troche, vial, emptied, later];
    const months = [['2026-01-01', '2026-01-31'], ['2026-02-01', '2026-02-28'], ['2026-03-01', '2026-03-31'], ['2026-04-01', '2026-04-30']] as const;
    const reports = months.map(([from, to]) => ledgerReport({ period: must(periodOf(from, to, ZONE)), lots, entries: ENTRIES, discrepancies: DISCREPANCIES }));
    for (let i = 1; i < reports.length; i++) expect(reports[i]!.totals.openingMg).toBe(reports[i - 1]!.totals.closingMg);
    // Each lot's closing balance follows from its figures; the sum of every entry is the final balance.
    for (const r of reports) {
      for (const l of r.lots) expect(l.closingMg).toBeCloseTo(l.openingMg + l.receivedMg - l.administeredMg - l.wastedMg + l.adjustedMg, 2);
    }
    expect(reports[3]!.totals.closingMg).toBe(ENTRIES.reduce((s, e) => s + e.quantityMg, 0));
  });

  it('reports nothing for a period before any stock', () => {
    const period: Period = must(periodOf('2025-01-01', '2025-12-31', ZONE));
    const report = ledgerReport({ period, lots: [troche], entries: ENTRIES, discrepancies: DISCREPANCIES });
    expect(report.lots).toEqual([]);
    expect(report.totals.closingMg).toBe(0);
  });
});

describe('reportCsv', () => {
  it('writes one row per lot, a total row and the discrepancies, with clinic-local times', () => {
    const csv = reportCsv(marchReport());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Period from,Period to,Product,Form,Supplier,Lot number,Expires on,Opening balance (mg),Received (mg),Administered (mg),Wasted (mg),Adjustments (mg),Closing balance (mg),Counts,Discrepancies opened,Discrepancies resolved,Discrepancies open at end',
    );
    expect(lines).toContain('2026-03-01,2026-03-31,Ketamine HCl,troche 100 mg,Acme Pharma,K-100,2027-01-31,2800.00,1000.00,100.00,25.50,-10.00,3664.50,1,1,1,0');
    expect(lines).toContain('2026-03-01,2026-03-31,All lots,,,,,5300.00,1000.00,150.00,25.50,-5.00,6119.50,1,2,1,1');
    expect(lines).toContain('Discrepancy opened,Product,Lot number,Expected (mg),Counted (mg),Difference (mg),Resolved,Resolution');
    expect(lines).toContain("2026-03-20 17:00,Ketamine HCl,K-100,3674.50,3664.50,-10.00,2026-03-31 23:59,'=1+1 broken troche");
    expect(lines).toContain('2026-03-25 10:00,Ketamine HCl,V-500,2455.00,2450.00,-5.00,open,');
    expect(reportFileName(marchReport())).toBe('controlled-substance-ledger-2026-03-01-to-2026-03-31.csv');
  });

  it('defuses formulas in every text cell people type, and quotes commas and quotes', () => {
    const report = marchReport();
    const hostile = {
      ...report,
      lots: [{ ...report.lots[0]!, product: '=HYPERLINK("http://x.test","click")', form: '+1', supplier: '@SUM(A1)', lotNumber: '-2+3' }],
      discrepancies: [],
    };
    const line = reportCsv(hostile).split('\r\n')[1]!;
    expect(line).toContain(`"'=HYPERLINK(""http://x.test"",""click"")"`);
    expect(line).toContain(",'+1,'@SUM(A1),'-2+3,");
    // Numbers, even negative ones, stay numbers.
    expect(line).toMatch(/,-?\d+\.\d{2},/);
  });
});
