/**
 * The ledger's period report (issue #5 §4): per lot and in total, the opening balance at the period's start, what was
 * received, administered, wasted and adjusted in it, the closing balance at its end, and the discrepancies opened and
 * resolved in it. The period is given as clinic-local dates (both days included); `periodOf` turns them into instants
 * in the clinic's zone (a day is not always 24 hours). Instants are epoch milliseconds, as in src/core/scheduling.
 */
import { Temporal } from 'temporal-polyfill';
import { fail, ok, type Result } from '../errors';
import { addMg, subtractMg, sumMg, type Milligrams } from './quantities';
import type { EntryKind } from './rules';

export interface Period {
  /** First day, clinic-local (YYYY-MM-DD). */
  from: string;
  /** Last day, clinic-local, included. */
  to: string;
  timeZone: string;
  /** The instant the first day starts. */
  startMs: number;
  /** The instant the day after the last one starts (excluded). */
  endMs: number;
}

/** Ten years: enough for any inspection, and a bound on what one request reads. */
export const MAX_PERIOD_DAYS = 3660;

export function periodOf(from: string, to: string, timeZone: string): Result<Period> {
  let first: Temporal.PlainDate;
  let last: Temporal.PlainDate;
  try {
    first = Temporal.PlainDate.from(from, { overflow: 'reject' });
  } catch {
    return fail('VALIDATION_FAILED', 'Please correct: from must be a date as YYYY-MM-DD.', { fields: [{ path: 'from', message: 'must be a date as YYYY-MM-DD' }] });
  }
  try {
    last = Temporal.PlainDate.from(to, { overflow: 'reject' });
  } catch {
    return fail('VALIDATION_FAILED', 'Please correct: to must be a date as YYYY-MM-DD.', { fields: [{ path: 'to', message: 'must be a date as YYYY-MM-DD' }] });
  }
  if (Temporal.PlainDate.compare(first, last) > 0) {
    return fail('VALIDATION_FAILED', 'The period ends before it starts.', { fields: [{ path: 'to', message: 'must be on or after the first day' }] });
  }
  if (first.until(last).days >= MAX_PERIOD_DAYS) {
    return fail('VALIDATION_FAILED', 'A report covers at most ten years.', { fields: [{ path: 'to', message: 'at most ten years after the first day' }] });
  }
  const startMs = first.toZonedDateTime({ timeZone }).epochMilliseconds;
  const endMs = last.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds;
  return ok({ from: first.toString(), to: last.toString(), timeZone, startMs, endMs });
}

export interface ReportLot {
  id: string;
  product: string;
  form: string;
  supplier: string;
  lotNumber: string;
  expiresOn: string;
}

export interface ReportEntry {
  lotId: string;
  kind: EntryKind;
  /** Signed change to the balance. */
  quantityMg: Milligrams;
  at: number;
}

export interface ReportDiscrepancy {
  id: string;
  lotId: string;
  expectedMg: Milligrams;
  countedMg: Milligrams;
  openedAt: number;
  resolvedAt: number | null;
  resolution: string | null;
}

export interface Figures {
  openingMg: Milligrams;
  receivedMg: Milligrams;
  /** Given to patients (a positive amount that left the lot). */
  administeredMg: Milligrams;
  /** Witnessed waste (a positive amount that left the lot). */
  wastedMg: Milligrams;
  /** Net adjustments (signed). */
  adjustedMg: Milligrams;
  closingMg: Milligrams;
  counts: number;
  discrepanciesOpened: number;
  discrepanciesResolved: number;
  /** Opened before the period's end and not resolved by then. */
  discrepanciesOpenAtEnd: number;
}

export interface ReportDiscrepancyLine extends ReportDiscrepancy {
  product: string;
  lotNumber: string;
  /** Counted minus expected. */
  differenceMg: Milligrams;
  openedInPeriod: boolean;
  resolvedInPeriod: boolean;
}

export interface LedgerReport {
  period: Period;
  lots: (ReportLot & Figures)[];
  totals: Figures;
  discrepancies: ReportDiscrepancyLine[];
}

const zero = 0 as Milligrams;
const emptyFigures = (): Figures => ({
  openingMg: zero, receivedMg: zero, administeredMg: zero, wastedMg: zero, adjustedMg: zero, closingMg: zero,
  counts: 0, discrepanciesOpened: 0, discrepanciesResolved: 0, discrepanciesOpenAtEnd: 0,
});

/**
 * The report from every entry made before the period's end (earlier entries make up the opening balance; later ones
 * are ignored) and every discrepancy. A lot appears when it held stock at the start or had any entry or discrepancy in
 * the period. Closing = opening + received − administered − wasted + adjusted, per lot and in total.
 */
export function ledgerReport(input: {
  period: Period;
  lots: readonly ReportLot[];
  entries: readonly ReportEntry[];
  discrepancies: readonly ReportDiscrepancy[];
}): LedgerReport {
  const { period } = input;
  const inPeriod = (at: number) => at >= period.startMs && at < period.endMs;
  const figures = new Map<string, Figures>();
  const active = new Set<string>();
  const of = (lotId: string) => {
    let f = figures.get(lotId);
    if (!f) figures.set(lotId, (f = emptyFigures()));
    return f;
  };

  for (const e of input.entries) {
    if (e.at >= period.endMs) continue;
    const f = of(e.lotId);
    if (e.at < period.startMs) {
      f.openingMg = addMg(f.openingMg, e.quantityMg);
      continue;
    }
    active.add(e.lotId);
    switch (e.kind) {
      case 'received':
        f.receivedMg = addMg(f.receivedMg, e.quantityMg);
        break;
      case 'administered':
        f.administeredMg = subtractMg(f.administeredMg, e.quantityMg);
        break;
      case 'wasted':
        f.wastedMg = subtractMg(f.wastedMg, e.quantityMg);
        break;
      case 'adjustment':
        f.adjustedMg = addMg(f.adjustedMg, e.quantityMg);
        break;
      case 'count':
        f.counts += 1;
        break;
    }
  }

  const lotsById = new Map(input.lots.map((l) => [l.id, l]));
  const discrepancies: ReportDiscrepancyLine[] = [];
  for (const d of input.discrepancies) {
    const lot = lotsById.get(d.lotId);
    if (!lot || d.openedAt >= period.endMs) continue;
    const openedInPeriod = inPeriod(d.openedAt);
    const resolvedInPeriod = d.resolvedAt !== null && inPeriod(d.resolvedAt);
    const openAtEnd = d.resolvedAt === null || d.resolvedAt >= period.endMs;
    if (!openedInPeriod && !resolvedInPeriod && !openAtEnd) continue;
    const f = of(d.lotId);
    active.add(d.lotId);
    if (openedInPeriod) f.discrepanciesOpened += 1;
    if (resolvedInPeriod) f.discrepanciesResolved += 1;
    if (openAtEnd) f.discrepanciesOpenAtEnd += 1;
    discrepancies.push({ ...d, product: lot.product, lotNumber: lot.lotNumber, differenceMg: subtractMg(d.countedMg, d.expectedMg), openedInPeriod, resolvedInPeriod });
  }

  const lots: (ReportLot & Figures)[] = [];
  for (const lot of input.lots) {
    const f = figures.get(lot.id);
    if (!f || (f.openingMg === 0 && !active.has(lot.id))) continue;
    f.closingMg = closing(f);
    lots.push({ ...lot, ...f });
  }
  lots.sort((a, b) => a.product.localeCompare(b.product) || a.expiresOn.localeCompare(b.expiresOn) || a.lotNumber.localeCompare(b.lotNumber));
  discrepancies.sort((a, b) => a.openedAt - b.openedAt || a.id.localeCompare(b.id));

  const totals = emptyFigures();
  const total = (key: keyof Figures) => sumMg(lots.map((l) => l[key] as number));
  totals.openingMg = total('openingMg');
  totals.receivedMg = total('receivedMg');
  totals.administeredMg = total('administeredMg');
  totals.wastedMg = total('wastedMg');
  totals.adjustedMg = total('adjustedMg');
  totals.closingMg = total('closingMg');
  for (const l of lots) {
    totals.counts += l.counts;
    totals.discrepanciesOpened += l.discrepanciesOpened;
    totals.discrepanciesResolved += l.discrepanciesResolved;
    totals.discrepanciesOpenAtEnd += l.discrepanciesOpenAtEnd;
  }
  return { period, lots, totals, discrepancies };
}

function closing(f: Figures): Milligrams {
  return addMg(subtractMg(subtractMg(addMg(f.openingMg, f.receivedMg), f.administeredMg), f.wastedMg), f.adjustedMg);
}

