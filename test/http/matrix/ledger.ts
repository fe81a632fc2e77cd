/**
 * Access-matrix rows for the controlled-substance ledger (issue #5 §4). Admins, prescribers and nurses read it;
 * prescribers and nurses receive stock, record waste and counts; admins and prescribers adjust; admins resolve
 * discrepancies. Therapists and patients get 403; a user of another clinic works on their own clinic's (empty) ledger
 * and gets 404 for this clinic's lots and discrepancies.
 *
 * Each row works on a fresh lot received as the nurse (1,000 mg), so the balance always allows the request.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/server/demo/seed-demo';
import { DEMO } from '../support';
import { row, type Case, type MatrixEnv, type Who } from './env';

const lotPayload = () => ({
  product: 'Ketamine HCl', form: 'troche 100 mg', supplier: 'Matrix Pharma', lotNumber: `MX-${randomBytes(4).toString('hex')}`, expiresOn: '2099-12-31', quantityMg: 1000,
});

export function ledgerMatrix(env: MatrixEnv): Record<string, Case[]> {
  const t = () => env.t();
  const freshLot = async (): Promise<string> => {
    const res = await t().call(env.session('nurse'), { method: 'POST', url: '/api/ledger/lots', payload: lotPayload() });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { lot: { id: string } }).lot.id;
  };
  const openDiscrepancy = async (): Promise<string> => {
    const lotId = await freshLot();
    const res = await t().call(env.session('nurse'), { method: 'POST', url: `/api/ledger/lots/${lotId}/counts`, payload: { countedMg: 990 } });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { discrepancy: { id: string } }).discrepancy.id;
  };
  /** The witness is always someone other than the caller: the nurse witnesses for the prescriber, the prescriber for everyone else. */
  const witnessFor = (who: Who) => ({ email: who === 'prescriber' ? DEMO.nurse : DEMO.prescriber, password: DEMO_PASSWORD });
  const onLot = (path: string, payload: (who: Who) => unknown, expected: string): Case[] => [{
    name: 'fresh lot', expect: row(expected),
    request: async (who) => ({ method: 'POST', url: `/api/ledger/lots/${await freshLot()}/${path}`, payload: payload(who) as never }),
  }];

  return {
    'GET /api/ledger': [{ name: 'lots and balances', expect: row('200 200 200 403 403 401 200'), request: () => ({ method: 'GET', url: '/api/ledger' }) }],
    'POST /api/ledger/lots': [{ name: 'receive a lot', expect: row('403 201 201 403 403 401 201'), request: () => ({ method: 'POST', url: '/api/ledger/lots', payload: lotPayload() }) }],
    'GET /api/ledger/lots/:id': [
      { name: 'a lot of this clinic', expect: row('200 200 200 403 403 401 404'), request: async () => ({ method: 'GET', url: `/api/ledger/lots/${await freshLot()}` }) },
    ],
    'POST /api/ledger/lots/:id/receipts': onLot('receipts', () => ({ quantityMg: 100 }), '403 201 201 403 403 401 404'),
    'POST /api/ledger/lots/:id/waste': onLot('waste', (who) => ({ quantityMg: 10, reason: 'Drawn up, not given', witness: witnessFor(who) }), '403 201 201 403 403 401 404'),
    'POST /api/ledger/lots/:id/adjustments': onLot('adjustments', () => ({ quantityMg: -1, reason: 'Crumbled troche' }), '201 201 403 403 403 401 404'),
    'POST /api/ledger/lots/:id/counts': onLot('counts', () => ({ countedMg: 1000 }), '403 201 201 403 403 401 404'),
    'GET /api/ledger/discrepancies': [{ name: 'open', expect: row('200 200 200 403 403 401 200'), request: () => ({ method: 'GET', url: '/api/ledger/discrepancies?status=open' }) }],
    'POST /api/ledger/discrepancies/:id/resolve': [
      {
        // The other clinic's user is a prescriber: not allowed to resolve at all (403, before anything is looked up).
        name: 'fresh discrepancy', expect: row('200 403 403 403 403 401 403'),
        request: async () => ({ method: 'POST', url: `/api/ledger/discrepancies/${await openDiscrepancy()}/resolve`, payload: { resolution: 'Recounted: a miscount.', adjust: true } }),
      },
    ],
    'GET /api/ledger/report': [
      { name: 'JSON', expect: row('200 200 200 403 403 401 200'), request: () => ({ method: 'GET', url: '/api/ledger/report?from=2026-01-01&to=2026-12-31' }) },
      { name: 'CSV', expect: row('200 200 200 403 403 401 200'), request: () => ({ method: 'GET', url: '/api/ledger/report?from=2026-01-01&to=2026-12-31&format=csv' }) },
    ],
  };
}
