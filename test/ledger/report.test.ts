/**
 * The period report and its CSV export, in a clinic of its own (Europe/Berlin) so the figures are exactly this test's:
 * entries before the period make up the opening balance, days are the clinic's (an entry at 00:30 on 1 February in
 * Berlin is February's, though it is still January in UTC), and text people typed cannot run as a spreadsheet formula.
 */
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { addStaff, auditRows, createOtherClinic, expectError, type OtherClinic } from '../http/support';
import { lotBody, post, type DiscrepancyJson, type LotJson } from './support';

const ZONE = 'Europe/Berlin';
let t: TestApp;
let clinic: OtherClinic;
let nurseEmail: string;
let lotA: LotJson;
let lotB: LotJson;
let discrepancy: DiscrepancyJson;

/** Moves the clock to a Berlin wall-clock time and signs in afresh (sessions expire while time jumps). */
async function at(local: string, email: string): Promise<Session> {
  t.clock.now = Temporal.PlainDateTime.from(local).toZonedDateTime(ZONE).toInstant();
  return t.signIn(email);
}
const ok = async (res: Awaited<ReturnType<TestApp['call']>>, status = 201) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Record<string, unknown>;
};

beforeAll(async () => {
  t = await createTestApp();
  clinic = await createOtherClinic(t);
  nurseEmail = (await addStaff(t, clinic.clinicId, 'nurse')).email;
  const witness = { email: clinic.prescriber.email, password: DEMO_PASSWORD };

  // January: two lots come in; some waste, an adjustment.
  let nurse = await at('2031-01-10T10:00', nurseEmail);
  lotA = ((await ok(await post(t, nurse, '/api/ledger/lots', lotBody({ lotNumber: 'A-1', quantityMg: 3000, expiresOn: '2033-01-31', supplier: "=cmd|' /C calc'!A0" })))).lot as LotJson);
  lotB = ((await ok(await post(t, nurse, '/api/ledger/lots', lotBody({ lotNumber: 'B-1', form: 'vial 500 mg/10 mL', quantityMg: 2500, expiresOn: '2032-06-30' })))).lot as LotJson);
  nurse = await at('2031-01-20T09:00', nurseEmail);
  await ok(await post(t, nurse, `/api/ledger/lots/${lotA.id}/waste`, { quantityMg: 100, reason: 'Dropped troches', witness }));
  let prescriber = await at('2031-01-20T09:30', clinic.prescriber.email);
  await ok(await post(t, prescriber, `/api/ledger/lots/${lotB.id}/adjustments`, { quantityMg: 10, reason: 'Overfill found on receipt check' }));

  // February (Berlin): 00:30 on the 1st is still 31 January in UTC.
  nurse = await at('2031-02-01T00:30', nurseEmail);
  await ok(await post(t, nurse, `/api/ledger/lots/${lotA.id}/waste`, { quantityMg: 50, reason: 'Partial troche', witness }));
  nurse = await at('2031-02-10T11:00', nurseEmail);
  await ok(await post(t, nurse, `/api/ledger/lots/${lotB.id}/receipts`, { quantityMg: 500 }));
  prescriber = await at('2031-02-10T11:30', clinic.prescriber.email);
  await ok(await post(t, prescriber, `/api/ledger/lots/${lotA.id}/adjustments`, { quantityMg: -5, reason: 'Crumbled troche' }));
  nurse = await at('2031-02-12T17:00', nurseEmail);
  discrepancy = ((await ok(await post(t, nurse, `/api/ledger/lots/${lotA.id}/counts`, { countedMg: 2840 }))).discrepancy as DiscrepancyJson);
  const admin = await at('2031-02-28T23:30', clinic.admin.email);
  await ok(await post(t, admin, `/api/ledger/discrepancies/${discrepancy.id}/resolve`, { resolution: '@SUM(1+1) recount confirmed 2,840 mg', adjust: true }), 200);

  // March: after the period.
  nurse = await at('2031-03-01T00:10', nurseEmail);
  await ok(await post(t, nurse, `/api/ledger/lots/${lotB.id}/waste`, { quantityMg: 20, reason: 'Vial cracked', witness }));
  // A lot received later: not in February's report at all.
  await ok(await post(t, nurse, '/api/ledger/lots', lotBody({ lotNumber: 'C-1', quantityMg: 1000, expiresOn: '2033-03-31' })));
});
afterAll(() => t.close());

describe('the period report', () => {
  it('gives opening, received, wasted, adjusted and closing per lot and in total, with earlier entries in the opening balance', async () => {
    const nurse = await t.signIn(nurseEmail);
    const report = await ok(await t.call(nurse, { method: 'GET', url: '/api/ledger/report?from=2031-02-01&to=2031-02-28' }), 200);
    expect(report.period).toEqual({ from: '2031-02-01', to: '2031-02-28', timeZone: ZONE, start: '2031-01-31T23:00:00.000Z', end: '2031-02-28T23:00:00.000Z' });
    const lots = report.lots as (Record<string, unknown> & { lotNumber: string })[];
    expect(lots.map((l) => l.lotNumber)).toEqual(['B-1', 'A-1']);
    expect(lots.find((l) => l.lotNumber === 'A-1')).toMatchObject({
      openingMg: 2900, receivedMg: 0, administeredMg: 0, wastedMg: 50, adjustedMg: -10, closingMg: 2840,
      counts: 1, discrepanciesOpened: 1, discrepanciesResolved: 1, discrepanciesOpenAtEnd: 0,
    });
    expect(lots.find((l) => l.lotNumber === 'B-1')).toMatchObject({ openingMg: 2510, receivedMg: 500, wastedMg: 0, adjustedMg: 0, closingMg: 3010, counts: 0 });
    expect(report.totals).toEqual({
      openingMg: 5410, receivedMg: 500, administeredMg: 0, wastedMg: 50, adjustedMg: -10, closingMg: 5850,
      counts: 1, discrepanciesOpened: 1, discrepanciesResolved: 1, discrepanciesOpenAtEnd: 0,
    });
    expect(report.discrepancies).toMatchObject([{ id: discrepancy.id, lotNumber: 'A-1', expectedMg: 2845, countedMg: 2840, differenceMg: -5, openedInPeriod: true, resolvedInPeriod: true }]);

    // January closes where February opens; March starts from February's close.
    const january = await ok(await t.call(nurse, { method: 'GET', url: '/api/ledger/report?from=2031-01-01&to=2031-01-31' }), 200);
    expect((january.totals as { closingMg: number }).closingMg).toBe(5410);
    const march = await ok(await t.call(nurse, { method: 'GET', url: '/api/ledger/report?from=2031-03-01&to=2031-03-31' }), 200);
    expect(march.totals).toMatchObject({ openingMg: 5850, receivedMg: 1000, wastedMg: 20, closingMg: 6830 });
    // The closing balance of the last period is what the lots hold now.
    const ledger = (await ok(await t.call(nurse, { method: 'GET', url: '/api/ledger' }), 200)) as { lots: LotJson[] };
    expect(ledger.lots.reduce((s, l) => s + l.balanceMg, 0)).toBe(6830);
  });

  it('exports the same figures as CSV, defusing formulas in typed text', async () => {
    const admin = await t.signIn(clinic.admin.email);
    const res = await t.call(admin, { method: 'GET', url: '/api/ledger/report?from=2031-02-01&to=2031-02-28&format=csv' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="controlled-substance-ledger-2031-02-01-to-2031-02-28.csv"');
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toContain('Opening balance (mg),Received (mg),Administered (mg),Wasted (mg),Adjustments (mg),Closing balance (mg)');
    expect(lines[1]).toBe('2031-02-01,2031-02-28,Ketamine HCl,vial 500 mg/10 mL,Acme Pharma,B-1,2032-06-30,2510.00,500.00,0.00,0.00,0.00,3010.00,0,0,0,0');
    expect(lines[2]).toBe(`2031-02-01,2031-02-28,Ketamine HCl,troche 100 mg,'=cmd|' /C calc'!A0,A-1,2033-01-31,2900.00,0.00,0.00,50.00,-10.00,2840.00,1,1,1,0`);
    expect(lines[3]).toBe('2031-02-01,2031-02-28,All lots,,,,,5410.00,500.00,0.00,50.00,-10.00,5850.00,1,1,1,0');
    expect(lines).toContain(`2031-02-12 17:00,Ketamine HCl,A-1,2845.00,2840.00,-5.00,2031-02-28 23:30,"'@SUM(1+1) recount confirmed 2,840 mg"`);
    // Exporting is in the audit trail.
    const trail = await auditRows(t, { clinicId: clinic.clinicId });
    expect(trail.filter((e) => e.action === 'ledger.report').map((e) => (e.detail as { format: string }).format)).toContain('csv');
  });

  it('is refused to those without the ledger, and for a period that ends before it starts', async () => {
    const patient = await t.signIn(clinic.patient.email);
    expectError(await t.call(patient, { method: 'GET', url: '/api/ledger/report?from=2031-02-01&to=2031-02-28&format=csv' }), 403, 'FORBIDDEN');
    const nurse = await t.signIn(nurseEmail);
    expectError(await t.call(nurse, { method: 'GET', url: '/api/ledger/report?from=2031-02-28&to=2031-02-01' }), 400, 'VALIDATION_FAILED');
  });
});
