/**
 * Concurrent draws on one lot (issue #5 §4: a balance that can never go below zero). Two app instances (two Fastify
 * apps, each with its own connection pool) on one PostgreSQL database take 20 simultaneous draws that together exceed
 * the lot's balance. The database queues them on the lot's row lock and refuses each one that would overdraw it: the
 * balance ends at exactly what the successful ones leave, never below zero, and the entries add up to it.
 *
 * PostgreSQL only: PGlite is one in-process connection, so nothing can race there (the same trigger and check are
 * exercised on PGlite by flow.test.ts and database.test.ts).
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/db/database';
import type { Milligrams } from '../../src/core/ledger/quantities';
import { toDate } from '../../src/db/ids';
import { appendEntry, sumOfEntries } from '../../src/db/repos/ledger';
import { buildApp } from '../../src/server/app';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { TEST_DB } from '../helpers/test-db';
import { DEMO } from '../http/support';
import { lotDetail, receiveLot, stored } from './support';

describe.skipIf(TEST_DB === 'pglite')('concurrent draws on one lot with two app instances on one PostgreSQL database', () => {
  let t: TestApp;
  let second: Database;
  let app2: FastifyInstance;
  let prescriber: Session;
  let nurse: Session;

  beforeAll(async () => {
    t = await createTestApp();
    second = openPostgres(t.database.url!, { maxConnections: 10 });
    app2 = await buildApp({ ...t.deps, database: second });
    await app2.ready();
    [prescriber, nurse] = await t.signInAll(DEMO.prescriber, DEMO.nurse);
  });
  afterAll(async () => {
    await app2?.close();
    await second?.close();
    await t?.close();
  });

  const on = (instance: 1 | 2, who: Session, options: InjectOptions): Promise<LightMyRequestResponse> =>
    (instance === 1 ? t.app : app2).inject({ ...options, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken } });

  async function drawConcurrently(lotId: string, sizes: number[]) {
    const results = await Promise.all(sizes.map((quantityMg, i) =>
      on(i % 2 === 0 ? 1 : 2, prescriber, { method: 'POST', url: `/api/ledger/lots/${lotId}/adjustments`, payload: { quantityMg: -quantityMg, reason: `draw ${i}` } })));
    expect(results.filter((r) => r.statusCode !== 201 && r.statusCode !== 409).map((r) => `${r.statusCode} ${r.body}`)).toEqual([]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json()).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringMatching(/holds only .* would take it below zero/) } });
    return sizes.filter((_, i) => results[i]!.statusCode === 201);
  }

  it('20 equal draws of 70 mg on 1,000 mg: exactly 14 succeed, the balance ends at 20 mg', async () => {
    const lot = await receiveLot(t, nurse, { quantityMg: 1000 });
    const taken = await drawConcurrently(lot.id, Array.from({ length: 20 }, () => 70));
    expect(taken).toHaveLength(14);
    expect(await stored(t, t.demoClinicId, lot.id)).toEqual({ balanceMg: 20, entries: 15, discrepancies: 0 });
    expect(await sumOfEntries(t.database.db, t.demoClinicId, lot.id)).toBe(20);
  });

  it('20 draws of different sizes: the balance is what the successful ones leave, never negative, and each running balance follows', async () => {
    const lot = await receiveLot(t, nurse, { quantityMg: 1000 });
    const sizes = Array.from({ length: 20 }, (_, i) => 40 + ((i * 37) % 90) + (i % 3) * 0.25);
    expect(sizes.reduce((s, x) => s + x, 0)).toBeGreaterThan(1000);
    const taken = await drawConcurrently(lot.id, sizes);
    const left = Math.round((1000 - taken.reduce((s, x) => s + x, 0)) * 100) / 100;
    expect(left).toBeGreaterThanOrEqual(0);
    // Every refused draw was larger than what was left when it was refused, so at least the smallest refused one is.
    const refused = sizes.filter((s) => !taken.includes(s));
    expect(refused.length).toBeGreaterThan(0);
    expect(Math.min(...refused)).toBeGreaterThan(left);
    const { balanceMg } = await stored(t, t.demoClinicId, lot.id);
    expect(balanceMg).toBe(left);
    expect(await sumOfEntries(t.database.db, t.demoClinicId, lot.id)).toBe(left);
    // The running balances, in the order the database applied the entries, step down by each draw.
    const entries = (await lotDetail(t, nurse, lot.id)).entries.slice(1);
    const afters = entries.map((e) => e.balanceAfterMg).sort((a, b) => b - a);
    let running = 1000;
    for (const after of afters) {
      const step = Math.round((running - after) * 100) / 100;
      expect(taken).toContain(step);
      running = after;
    }
    expect(running).toBe(left);
  });

  it('20 concurrent entries straight through the repository (no early check): only the database decides', async () => {
    const lot = await receiveLot(t, nurse, { quantityMg: 500 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => appendEntry((i % 2 === 0 ? t.database : second).db, {
      clinicId: t.demoClinicId, lotId: lot.id, change: { kind: 'wasted', quantityMg: -60 as Milligrams, reason: `race ${i}` },
      witnessId: prescriber.user.staffId!, by: nurse.user.staffId!, at: toDate(t.clock.now),
    })));
    expect(results.filter((r) => r.ok)).toHaveLength(8);
    for (const r of results.filter((x) => !x.ok)) expect(r.ok ? null : r.error).toMatchObject({ code: 'CONFLICT', message: `Lot ${lot.lotNumber} holds only 20 mg; wasting 60 mg would take it below zero.` });
    expect(await stored(t, t.demoClinicId, lot.id)).toEqual({ balanceMg: 20, entries: 9, discrepancies: 0 });
    expect(await sumOfEntries(t.database.db, t.demoClinicId, lot.id)).toBe(20);
  });
});
