/**
 * The ledger's guarantees live in the database too (migration 0006), so no code path, script or psql session can
 * rewrite history: entries are append-only (no UPDATE, DELETE or TRUNCATE), a lot's balance moves only through
 * entries, and never below zero. Each statement here goes around the app, straight to the database.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database';
import { newId, sqlState } from '../../src/db/ids';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { DEMO } from '../http/support';
import { post, receiveLot, stored, type LotJson } from './support';

let t: TestApp;
let nurse: Session;
let prescriber: Session;
let lot: LotJson;

beforeAll(async () => {
  t = await createTestApp();
  [nurse, prescriber] = await t.signInAll(DEMO.nurse, DEMO.prescriber);
  lot = await receiveLot(t, nurse, { quantityMg: 500 });
  const counted = await post(t, nurse, `/api/ledger/lots/${lot.id}/counts`, { countedMg: 490 });
  expect(counted.statusCode, counted.body).toBe(201);
  const adjusted = await post(t, prescriber, `/api/ledger/lots/${lot.id}/adjustments`, { quantityMg: -10, reason: 'broken troche' });
  expect(adjusted.statusCode, adjusted.body).toBe(201);
});
afterAll(() => t.close());

/** The SQLSTATE a statement fails with (undefined when it succeeds). */
async function refusal(statement: ReturnType<typeof sql>): Promise<string | undefined> {
  try {
    await t.database.db.execute(statement);
    return undefined;
  } catch (err) {
    return sqlState(err) ?? String(err);
  }
}

describe('ledger entries in the database', () => {
  it('refuses UPDATE and DELETE of an entry (insufficient_privilege)', async () => {
    expect(await refusal(sql`UPDATE ledger_entries SET quantity_mg = 5000 WHERE lot_id = ${lot.id} AND kind = 'received'`)).toBe('42501');
    expect(await refusal(sql`UPDATE ledger_entries SET reason = 'rewritten' WHERE lot_id = ${lot.id}`)).toBe('42501');
    expect(await refusal(sql`DELETE FROM ledger_entries WHERE lot_id = ${lot.id} AND kind = 'adjustment'`)).toBe('42501');
    expect(await refusal(sql`DELETE FROM ledger_entries`)).toBe('42501');
    expect(await stored(t, t.demoClinicId, lot.id)).toMatchObject({ balanceMg: 490, entries: 3 });
  });

  it('refuses TRUNCATE, with or without CASCADE', async () => {
    // Without CASCADE the discrepancy that references a count already stops it; with CASCADE the trigger does.
    expect(await refusal(sql`TRUNCATE ledger_entries`)).toBeDefined();
    expect(await refusal(sql`TRUNCATE ledger_entries CASCADE`)).toBe('42501');
    expect(await stored(t, t.demoClinicId, lot.id)).toMatchObject({ balanceMg: 490, entries: 3, discrepancies: 1 });
  });

  it('keeps each entry’s running balance, and the lot’s balance equal to the sum of its entries', async () => {
    const rows = await queryRows<{ kind: string; quantity_mg: string; balance_after_mg: string }>(
      t.database.db, sql`SELECT kind, quantity_mg, balance_after_mg FROM ledger_entries WHERE lot_id = ${lot.id} ORDER BY at, id`,
    );
    expect(rows.map((r) => [r.kind, Number(r.quantity_mg), Number(r.balance_after_mg)])).toEqual([['received', 500, 500], ['count', 0, 500], ['adjustment', -10, 490]]);
    const [mismatch] = await queryRows<{ n: string | number }>(t.database.db, sql`
      SELECT count(*) AS n FROM stock_lots l
      WHERE l.balance_mg <> (SELECT coalesce(sum(e.quantity_mg), 0) FROM ledger_entries e WHERE e.clinic_id = l.clinic_id AND e.lot_id = l.id)`);
    expect(Number(mismatch!.n)).toBe(0);
  });
});

describe('a lot’s balance in the database', () => {
  it('moves only through entries: a direct UPDATE, or a new lot with a balance, is refused', async () => {
    expect(await refusal(sql`UPDATE stock_lots SET balance_mg = balance_mg + 100 WHERE id = ${lot.id}`)).toBe('42501');
    expect(await refusal(sql`UPDATE stock_lots SET balance_mg = 0 WHERE clinic_id = ${t.demoClinicId}`)).toBe('42501');
    expect(await refusal(sql`DELETE FROM stock_lots WHERE id = ${lot.id}`)).toBe('42501');
    expect(await refusal(sql`
      INSERT INTO stock_lots (clinic_id, id, product, form, supplier, lot_number, expires_on, balance_mg, created_at)
      VALUES (${t.demoClinicId}, ${newId()}, 'Ketamine HCl', 'vial', 'Nowhere', 'SMUGGLED-1', '2099-01-01', 1000, now())`)).toBe('42501');
    // Label details may be corrected; the balance stays.
    expect(await refusal(sql`UPDATE stock_lots SET supplier = 'Acme Pharma Inc.' WHERE id = ${lot.id}`)).toBeUndefined();
    expect(await stored(t, t.demoClinicId, lot.id)).toMatchObject({ balanceMg: 490 });
  });

  it('never goes below zero: an entry that would take it there is refused by the balance check', async () => {
    const insert = (kind: string, quantity: number, witnessId: string | null = null) => sql`
      INSERT INTO ledger_entries (clinic_id, id, lot_id, kind, quantity_mg, reason, witness_id, by, at)
      VALUES (${t.demoClinicId}, ${newId()}, ${lot.id}, ${kind}, ${quantity}, 'direct', ${witnessId}, ${nurse.user.staffId}, now())`;
    expect(await refusal(insert('adjustment', -490.01))).toBe('23514');
    expect(await refusal(insert('wasted', -500, prescriber.user.staffId!))).toBe('23514');
    // Waste without a witness, or witnessed by the person recording it, is refused whatever the balance.
    expect(await refusal(insert('wasted', -1))).toBe('23514');
    expect(await refusal(insert('wasted', -1, nurse.user.staffId!))).toBe('23514');
    expect(await stored(t, t.demoClinicId, lot.id)).toMatchObject({ balanceMg: 490, entries: 3 });
    expect(await refusal(insert('adjustment', -490))).toBeUndefined();
    expect(await stored(t, t.demoClinicId, lot.id)).toMatchObject({ balanceMg: 0, entries: 4 });
  });
});
