/**
 * The period report as CSV for a spreadsheet or an inspector: one row per lot and a total row, then (when there are
 * any) the discrepancies of the period. Text typed by people (product, supplier, lot number, resolution) could start
 * with "=", "+", "-" or "@" and run as a formula when the file is opened (CSV injection): csv-stringify's
 * `escape_formulas` prefixes such cells with a single quote. Quantities are numbers with two decimals (a negative
 * adjustment stays a number). Times are clinic-local. Lines end in CRLF (RFC 4180).
 */
import { stringify } from 'csv-stringify/sync';
import { Temporal } from 'temporal-polyfill';
import type { Figures, LedgerReport } from './report';

export const LOT_COLUMNS = [
  'Period from', 'Period to', 'Product', 'Form', 'Supplier', 'Lot number', 'Expires on',
  'Opening balance (mg)', 'Received (mg)', 'Administered (mg)', 'Wasted (mg)', 'Adjustments (mg)', 'Closing balance (mg)',
  'Counts', 'Discrepancies opened', 'Discrepancies resolved', 'Discrepancies open at end',
] as const;

export const DISCREPANCY_COLUMNS = [
  'Discrepancy opened', 'Product', 'Lot number', 'Expected (mg)', 'Counted (mg)', 'Difference (mg)', 'Resolved', 'Resolution',
] as const;

type Cell = string | number | null;

const figures = (f: Figures): Cell[] => [
  f.openingMg, f.receivedMg, f.administeredMg, f.wastedMg, f.adjustedMg, f.closingMg,
  f.counts, f.discrepanciesOpened, f.discrepanciesResolved, f.discrepanciesOpenAtEnd,
];

const COUNT_COLUMNS = new Set([13, 14, 15, 16]);

function localTime(ms: number, timeZone: string): string {
  const t = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
  return `${t.toPlainDate().toString()} ${t.toPlainTime().toString({ smallestUnit: 'minute' })}`;
}

const options = {
  escape_formulas: true,
  record_delimiter: 'windows' as const,
  cast: { number: (value: number) => value.toFixed(2) },
};

export function reportCsv(report: LedgerReport): string {
  const { period } = report;
  const lotRows: Cell[][] = report.lots.map((l) => [period.from, period.to, l.product, l.form, l.supplier, l.lotNumber, l.expiresOn, ...figures(l)]);
  const totalRow: Cell[] = [period.from, period.to, 'All lots', null, null, null, null, ...figures(report.totals)];
  // Counts are whole numbers: written as text so the two-decimal number format leaves them alone.
  const wholeCounts = (row: Cell[]) => row.map((cell, i) => (COUNT_COLUMNS.has(i) && typeof cell === 'number' ? String(cell) : cell));
  let text = stringify([[...LOT_COLUMNS], ...[...lotRows, totalRow].map(wholeCounts)], options);
  if (report.discrepancies.length) {
    const zone = period.timeZone;
    const rows: Cell[][] = report.discrepancies.map((d) => [
      localTime(d.openedAt, zone), d.product, d.lotNumber, d.expectedMg, d.countedMg, d.differenceMg,
      d.resolvedAt === null ? 'open' : localTime(d.resolvedAt, zone), d.resolution,
    ]);
    text += '\r\n' + stringify([[...DISCREPANCY_COLUMNS], ...rows], options);
  }
  // A byte-order mark: spreadsheet programs then read the file as UTF-8 (a supplier's "é" stays an "é").
  return `\uFEFF${text}`;
}

/** "ledger-2026-01-01-to-2026-03-31.csv". */
export const reportFileName = (report: LedgerReport): string => `controlled-substance-ledger-${report.period.from}-to-${report.period.to}.csv`;
