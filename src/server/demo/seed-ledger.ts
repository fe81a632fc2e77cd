/**
 * The demo clinic's controlled-substance ledger: two lots of ketamine received five weeks ago (troches for
 * sublingual dosing, vials for IM), each counted a week later with a figure that matched. Runs inside the demo's
 * seeding transaction (seed-demo.ts), which happens once per database, so it is idempotent with it.
 */
import type { Temporal } from 'temporal-polyfill';
import { unwrapOrThrow } from '../../core/result-helpers';
import type { Milligrams } from '../../core/ledger/quantities';
import { storedMg } from '../../core/ledger/quantities';
import type { Executor } from '../../db/database';
import { newId, toDate } from '../../db/ids';
import { appendEntry, insertLot } from '../../db/repos/ledger';

export const DEMO_LOTS = [
  { product: 'Ketamine HCl', form: 'troche 100 mg', supplier: 'Cascade Compounding Pharmacy', lotNumber: 'KT-2411-0917', expiresInDays: 300, quantityMg: 3000, receivedBy: 'nurse' },
  { product: 'Ketamine HCl', form: 'vial 500 mg/10 mL (IM)', supplier: 'Pacific Medical Supply', lotNumber: 'KV-2410-1102', expiresInDays: 420, quantityMg: 2500, receivedBy: 'prescriber' },
] as const;

export async function seedLedger(tx: Executor, clinicId: string, staff: Map<string, string>, now: Temporal.Instant, timeZone: string): Promise<void> {
  const today = now.toZonedDateTimeISO(timeZone).toPlainDate();
  const receivedAt = now.subtract({ hours: 35 * 24 });
  const countedAt = now.subtract({ hours: 28 * 24 });
  for (const lot of DEMO_LOTS) {
    const inserted = unwrapOrThrow(await insertLot(tx, {
      clinicId, id: newId(), product: lot.product, form: lot.form, supplier: lot.supplier, lotNumber: lot.lotNumber,
      expiresOn: today.add({ days: lot.expiresInDays }).toString(), createdAt: toDate(receivedAt),
    }));
    const received = unwrapOrThrow(await appendEntry(tx, {
      clinicId, lotId: inserted.id, change: { kind: 'received', quantityMg: lot.quantityMg as Milligrams, reason: 'Demo delivery' },
      by: staff.get(lot.receivedBy)!, at: toDate(receivedAt),
    }));
    // The weekly count: what was on the shelf matched the ledger.
    unwrapOrThrow(await appendEntry(tx, {
      clinicId, lotId: inserted.id, change: { kind: 'count', quantityMg: 0 as Milligrams, reason: null },
      countedMg: storedMg(received.balanceAfterMg), by: staff.get('nurse')!, at: toDate(countedAt),
    }));
  }
}
