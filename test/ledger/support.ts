/** Helpers for the ledger tests: receiving a fresh lot, reading lots and entries, and the ledger tables directly. */
import { randomBytes } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ledgerDiscrepancies, ledgerEntries, stockLots } from '../../src/db/schema';
import type { Session, TestApp } from '../helpers/test-app';

export interface LotJson {
  id: string;
  product: string;
  form: string;
  supplier: string;
  lotNumber: string;
  expiresOn: string;
  expired: boolean;
  balanceMg: number;
  lastCount: { at: string; countedMg: number; expectedMg: number; matched: boolean; by: string | null } | null;
  openDiscrepancies: number;
}

export interface EntryJson {
  id: string;
  kind: string;
  quantityMg: number;
  balanceAfterMg: number;
  countedMg: number | null;
  reason: string | null;
  by: { id: string; name: string | null };
  witness: { id: string; name: string | null } | null;
  at: string;
}

export interface DiscrepancyJson {
  id: string;
  lotId: string;
  expectedMg: number;
  countedMg: number;
  differenceMg: number;
  status: 'open' | 'resolved';
  resolution: string | null;
  resolvedBy: string | null;
  adjustmentEntryId: string | null;
}

export const lotNumber = (prefix = 'LOT'): string => `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;

export const lotBody = (over: Record<string, unknown> = {}) => ({
  product: 'Ketamine HCl', form: 'troche 100 mg', supplier: 'Acme Pharma', lotNumber: lotNumber(), expiresOn: '2099-12-31', quantityMg: 1000, ...over,
});

/** Receives a fresh lot as `who` and returns it. */
export async function receiveLot(t: TestApp, who: Session, over: Record<string, unknown> = {}): Promise<LotJson> {
  const res = await t.call(who, { method: 'POST', url: '/api/ledger/lots', payload: lotBody(over) });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { lot: LotJson }).lot;
}

export async function lotDetail(t: TestApp, who: Session, id: string) {
  const res = await t.call(who, { method: 'GET', url: `/api/ledger/lots/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { lot: LotJson; entries: EntryJson[]; discrepancies: DiscrepancyJson[] };
}

export const post = (t: TestApp, who: Session | null, url: string, payload: unknown): Promise<LightMyRequestResponse> => t.call(who, { method: 'POST', url, payload: payload as never });

/** The lot's balance and number of entries, straight from the database. */
export async function stored(t: TestApp, clinicId: string, lotId: string) {
  const { db } = t.database;
  const [lot] = await db.select().from(stockLots).where(and(eq(stockLots.clinicId, clinicId), eq(stockLots.id, lotId)));
  const [entries] = await db.select({ n: count() }).from(ledgerEntries).where(and(eq(ledgerEntries.clinicId, clinicId), eq(ledgerEntries.lotId, lotId)));
  const [discrepancies] = await db.select({ n: count() }).from(ledgerDiscrepancies).where(and(eq(ledgerDiscrepancies.clinicId, clinicId), eq(ledgerDiscrepancies.lotId, lotId)));
  return { balanceMg: Number(lot!.balanceMg), entries: Number(entries!.n), discrepancies: Number(discrepancies!.n) };
}
