/**
 * The controlled-substance ledger end to end (issue #5 §4): receiving stock, witnessed waste, adjustments, counts that
 * match and that differ, the discrepancy an admin resolves; a balance that never goes below zero; the witness rules;
 * who may do what. Runs on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, toDate } from '../../src/db/ids';
import { appendEntry, recordAdministrationEntry } from '../../src/db/repos/ledger';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { addStaff, auditRows, createOtherClinic, DEMO, expectError, fieldPaths, type OtherClinic } from '../http/support';
import { lotBody, lotDetail, post, receiveLot, stored, type DiscrepancyJson, type EntryJson, type LotJson } from './support';

let t: TestApp;
let admin: Session, prescriber: Session, nurse: Session, therapist: Session, patient: Session;
let other: OtherClinic;

beforeAll(async () => {
  t = await createTestApp();
  [admin, prescriber, nurse, therapist, patient] = await t.signInAll(DEMO.admin, DEMO.prescriber, DEMO.nurse, DEMO.therapist, DEMO.patient1);
  other = await createOtherClinic(t);
});
afterAll(() => t.close());

const witness = (email: string, password = DEMO_PASSWORD) => ({ email, password });
const waste = (lotId: string, quantityMg: number, w = witness(DEMO.prescriber), who = nurse) =>
  post(t, who, `/api/ledger/lots/${lotId}/waste`, { quantityMg, reason: 'Drawn up, not given', witness: w });

describe('the ledger', () => {
  it('lists the demo clinic’s lots, received weeks ago, counted with a matching figure, and drawn from for Avery’s two doses', async () => {
    const res = await t.call(nurse, { method: 'GET', url: '/api/ledger' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { lots: LotJson[]; timeZone: string; permissions: Record<string, boolean>; openDiscrepancies: number };
    expect(body.timeZone).toBe('America/Los_Angeles');
    expect(body.permissions).toEqual({ record: true, adjust: false, resolve: false });
    const demo = body.lots.filter((l) => l.lotNumber.startsWith('KT-') || l.lotNumber.startsWith('KV-'));
    expect(demo.map((l) => [l.form, l.balanceMg, l.expired, l.lastCount?.matched])).toEqual(
      expect.arrayContaining([['troche 100 mg', 3000 - 150 - 200, false, true], ['vial 500 mg/10 mL (IM)', 2500, false, true]]),
    );
    expect((await t.call(admin, { method: 'GET', url: '/api/ledger' })).json()).toMatchObject({ permissions: { record: false, adjust: true, resolve: true } });
  });

  it('receives, wastes with a witness, adjusts, counts, and an admin resolves the discrepancy with an adjustment', async () => {
    const received = await t.call(nurse, { method: 'POST', url: '/api/ledger/lots', payload: lotBody({ quantityMg: 1000, note: 'Invoice 4471' }) });
    expect(received.statusCode, received.body).toBe(201);
    const { lot, entry } = received.json() as { lot: LotJson; entry: EntryJson };
    expect(lot).toMatchObject({ balanceMg: 1000, expired: false, lastCount: null, openDiscrepancies: 0 });
    expect(entry).toMatchObject({ kind: 'received', quantityMg: 1000, balanceAfterMg: 1000, reason: 'Invoice 4471', by: { name: 'Sam Okafor' }, witness: null });

    const more = await post(t, nurse, `/api/ledger/lots/${lot.id}/receipts`, { quantityMg: 500 });
    expect(more.statusCode, more.body).toBe(201);
    expect((more.json() as { lot: LotJson }).lot.balanceMg).toBe(1500);

    const wasted = await waste(lot.id, 25.5);
    expect(wasted.statusCode, wasted.body).toBe(201);
    expect(wasted.json()).toMatchObject({ lot: { balanceMg: 1474.5 }, entry: { kind: 'wasted', quantityMg: -25.5, witness: { id: prescriber.user.staffId, name: 'Priya Shah' } } });

    const adjusted = await post(t, prescriber, `/api/ledger/lots/${lot.id}/adjustments`, { quantityMg: -4.5, reason: 'Crumbled troche' });
    expect(adjusted.statusCode, adjusted.body).toBe(201);
    expect((adjusted.json() as { lot: LotJson }).lot.balanceMg).toBe(1470);

    const matching = await post(t, nurse, `/api/ledger/lots/${lot.id}/counts`, { countedMg: 1470 });
    expect(matching.statusCode, matching.body).toBe(201);
    expect(matching.json()).toMatchObject({ matches: true, expectedMg: 1470, countedMg: 1470, differenceMg: 0, discrepancy: null, lot: { lastCount: { matched: true } } });

    const differing = await post(t, nurse, `/api/ledger/lots/${lot.id}/counts`, { countedMg: 1460 });
    expect(differing.statusCode, differing.body).toBe(201);
    const counted = differing.json() as { matches: boolean; discrepancy: DiscrepancyJson; message: string; lot: LotJson };
    expect(counted).toMatchObject({ matches: false, differenceMg: -10, discrepancy: { status: 'open', expectedMg: 1470, countedMg: 1460, differenceMg: -10 } });
    expect(counted.message).toContain('discrepancy');
    // The count changed nothing.
    expect(counted.lot).toMatchObject({ balanceMg: 1470, openDiscrepancies: 1, lastCount: { countedMg: 1460, expectedMg: 1470, matched: false } });

    const open = await t.call(prescriber, { method: 'GET', url: '/api/ledger/discrepancies?status=open' });
    expect((open.json() as { items: DiscrepancyJson[] }).items.map((d) => d.id)).toContain(counted.discrepancy.id);

    const resolveUrl = `/api/ledger/discrepancies/${counted.discrepancy.id}/resolve`;
    const body = { resolution: 'Recount found a crushed troche in the bin; disposal documented.', adjust: true };
    expectError(await post(t, nurse, resolveUrl, body), 403, 'FORBIDDEN');
    expectError(await post(t, prescriber, resolveUrl, body), 403, 'FORBIDDEN');
    const resolved = await post(t, admin, resolveUrl, body);
    expect(resolved.statusCode, resolved.body).toBe(200);
    const settled = resolved.json() as { discrepancy: DiscrepancyJson; adjustment: EntryJson; lot: LotJson };
    expect(settled.adjustment).toMatchObject({ kind: 'adjustment', quantityMg: -10, balanceAfterMg: 1460, by: { id: admin.user.staffId } });
    expect(settled.adjustment.reason).toContain('Recount found a crushed troche');
    expect(settled.discrepancy).toMatchObject({ status: 'resolved', resolvedBy: 'Morgan Reyes', adjustmentEntryId: settled.adjustment.id });
    expect(settled.lot).toMatchObject({ balanceMg: 1460, openDiscrepancies: 0 });
    expectError(await post(t, admin, resolveUrl, body), 409, 'CONFLICT');

    const detail = await lotDetail(t, nurse, lot.id);
    expect(detail.entries.map((e) => [e.kind, e.quantityMg, e.balanceAfterMg])).toEqual([
      ['received', 1000, 1000], ['received', 500, 1500], ['wasted', -25.5, 1474.5], ['adjustment', -4.5, 1470],
      ['count', 0, 1470], ['count', 0, 1470], ['adjustment', -10, 1460],
    ]);
    expect(detail.entries.find((e) => e.kind === 'wasted')?.witness?.name).toBe('Priya Shah');
    expect(detail.discrepancies).toMatchObject([{ status: 'resolved' }]);
    expect(detail.entries.reduce((s, e) => s + e.quantityMg, 0)).toBe(detail.lot.balanceMg);
    expect(await stored(t, t.demoClinicId, lot.id)).toEqual({ balanceMg: 1460, entries: 7, discrepancies: 1 });

    // Every write is in the audit trail; the witness's password is in none of it.
    const trail = await auditRows(t, { clinicId: t.demoClinicId });
    const actions = trail.filter((e) => e.resourceId === lot.id || e.resourceId === counted.discrepancy.id).map((e) => e.action);
    expect(actions).toEqual(['ledger.lot.receive', 'ledger.receipt', 'ledger.waste', 'ledger.adjustment', 'ledger.count', 'ledger.count', 'ledger.discrepancy.resolve']);
    expect(JSON.stringify(trail)).not.toContain(DEMO_PASSWORD);
  });

  it('resolves a discrepancy without an adjustment, leaving the balance as it is', async () => {
    const lot = await receiveLot(t, nurse, { quantityMg: 200 });
    const counted = (await post(t, nurse, `/api/ledger/lots/${lot.id}/counts`, { countedMg: 210 })).json() as { discrepancy: DiscrepancyJson };
    const resolved = await post(t, admin, `/api/ledger/discrepancies/${counted.discrepancy.id}/resolve`, { resolution: 'Miscounted; a recount gave 200 mg.' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ adjustment: null, discrepancy: { status: 'resolved', adjustmentEntryId: null }, lot: { balanceMg: 200 } });
    const list = (await t.call(admin, { method: 'GET', url: '/api/ledger/discrepancies?status=resolved' })).json() as { items: DiscrepancyJson[] };
    expect(list.items[0]).toMatchObject({ id: counted.discrepancy.id, resolution: 'Miscounted; a recount gave 200 mg.' });
  });
});

describe('a balance never goes below zero', () => {
  it('refuses waste or an adjustment beyond the balance with 409, recording nothing', async () => {
    const lot = await receiveLot(t, nurse, { quantityMg: 100 });
    const before = await stored(t, t.demoClinicId, lot.id);
    const tooMuch = expectError(await waste(lot.id, 100.01), 409, 'CONFLICT');
    expect(tooMuch.message).toBe(`Lot ${lot.lotNumber} holds only 100 mg; wasting 100.01 mg would take it below zero.`);
    expectError(await post(t, prescriber, `/api/ledger/lots/${lot.id}/adjustments`, { quantityMg: -150, reason: 'Lost' }), 409, 'CONFLICT');
    expect(await stored(t, t.demoClinicId, lot.id)).toEqual(before);

    // Exactly the balance is fine; the lot is then empty and refuses more.
    expect((await waste(lot.id, 100)).statusCode).toBe(201);
    expect(await stored(t, t.demoClinicId, lot.id)).toMatchObject({ balanceMg: 0 });
    expectError(await waste(lot.id, 0.01), 409, 'CONFLICT');
    const positive = await post(t, prescriber, `/api/ledger/lots/${lot.id}/adjustments`, { quantityMg: 5, reason: 'Found in the safe' });
    expect(positive.statusCode, positive.body).toBe(201);
  });

  it('maps the database’s own refusal (past the early check) to a clear conflict', async () => {
    const lot = await receiveLot(t, nurse, { quantityMg: 50 });
    const refused = await appendEntry(t.database.db, {
      clinicId: t.demoClinicId, lotId: lot.id, change: { kind: 'wasted', quantityMg: -60 as never, reason: 'test' },
      witnessId: prescriber.user.staffId!, by: nurse.user.staffId!, at: toDate(t.clock.now),
    });
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONFLICT', message: `Lot ${lot.lotNumber} holds only 50 mg; wasting 60 mg would take it below zero.` }) });
    expect(await stored(t, t.demoClinicId, lot.id)).toMatchObject({ balanceMg: 50, entries: 1 });
  });

  it('gives the dosing code an administration entry that refuses to overdraw a lot', async () => {
    const lot = await receiveLot(t, nurse, { quantityMg: 100 });
    const base = { clinicId: t.demoClinicId, lotId: lot.id, administrationId: newId(), by: nurse.user.staffId!, at: toDate(t.clock.now) };
    const over = await recordAdministrationEntry(t.database.db, { ...base, quantityMg: 150 });
    expect(over.ok ? null : over.error).toMatchObject({ code: 'CONFLICT', message: `Lot ${lot.lotNumber} holds only 100 mg; administering 150 mg would take it below zero.` });
    const zero = await recordAdministrationEntry(t.database.db, { ...base, quantityMg: 0 });
    expect(zero.ok ? null : zero.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'quantityMg' }] });
    const noLot = await recordAdministrationEntry(t.database.db, { ...base, lotId: newId(), quantityMg: 10 });
    expect(noLot.ok ? null : noLot.error).toMatchObject({ code: 'NOT_FOUND' });
    // An administration id that names no dose administration: the foreign key refuses it, nothing is taken.
    const unknown = await recordAdministrationEntry(t.database.db, { ...base, quantityMg: 10 });
    expect(unknown.ok ? null : unknown.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(await stored(t, t.demoClinicId, lot.id)).toMatchObject({ balanceMg: 100, entries: 1 });
  });
});

describe('an expired lot', () => {
  it('is flagged, takes in no more stock and gives no doses, but its remainder can still be wasted or counted', async () => {
    const today = t.clock.now.toZonedDateTimeISO('America/Los_Angeles').toPlainDate();
    const lot = await receiveLot(t, nurse, { quantityMg: 200, expiresOn: today.toString() });
    expect(lot.expired).toBe(false);
    const started = t.clock.now;
    t.clock.advance({ hours: 48 });
    try {
      const [n, p] = await t.signInAll(DEMO.nurse, DEMO.prescriber);
      const listed = (await t.call(n, { method: 'GET', url: '/api/ledger' })).json() as { lots: LotJson[] };
      expect(listed.lots.find((l) => l.id === lot.id)?.expired).toBe(true);
      const refused = expectError(await post(t, n, `/api/ledger/lots/${lot.id}/receipts`, { quantityMg: 10 }), 409, 'CONFLICT');
      expect(refused.message).toContain(`expired on ${today.toString()}`);
      const dose = await recordAdministrationEntry(t.database.db, {
        clinicId: t.demoClinicId, lotId: lot.id, administrationId: newId(), quantityMg: 50, by: n.user.staffId!, at: toDate(t.clock.now),
      });
      expect(dose.ok ? null : dose.error).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'lotId', message: 'expired' }] });
      expect((await t.call(n, { method: 'POST', url: `/api/ledger/lots/${lot.id}/waste`, payload: { quantityMg: 200, reason: 'Expired: disposed of', witness: witness(DEMO.prescriber) } })).statusCode).toBe(201);
      expect((await post(t, p, `/api/ledger/lots/${lot.id}/counts`, { countedMg: 0 })).json()).toMatchObject({ matches: true });
    } finally {
      t.clock.now = started;
    }
  });
});

describe('the witness of a waste', () => {
  it('is another active prescriber or nurse of the clinic, signing with their own password', async () => {
    const lot = await receiveLot(t, nurse, { quantityMg: 300 });
    const before = await stored(t, t.demoClinicId, lot.id);
    const refusals: [string, ReturnType<typeof witness>, string][] = [
      ['own signature', witness(DEMO.nurse), 'second person'],
      ['therapist', witness(DEMO.therapist), 'must be a prescriber or nurse'],
      ['admin', witness(DEMO.admin), 'must be a prescriber or nurse'],
      ['patient', witness(DEMO.patient1), 'prescriber or nurse of this clinic'],
      ['another clinic’s prescriber', witness(other.prescriber.email), 'prescriber or nurse of this clinic'],
    ];
    for (const [label, w, message] of refusals) {
      const error = expectError(await waste(lot.id, 10, w), 403, 'FORBIDDEN');
      expect(error.message, label).toContain(message);
      expect(fieldPaths(error), label).toEqual(['witness.email']);
    }
    const wrong = expectError(await waste(lot.id, 10, witness(DEMO.prescriber, 'not-the-password')), 403, 'FORBIDDEN');
    expect(wrong.message).toBe('The witness’s email or password is not correct; nothing was recorded.');
    expect(fieldPaths(wrong)).toEqual(['witness.password']);
    expectError(await waste(lot.id, 10, witness('nobody@demo.tilth.test')), 403, 'FORBIDDEN');
    expect(await stored(t, t.demoClinicId, lot.id)).toEqual(before);

    // A nurse witnesses a prescriber's waste just as well.
    const ok = await waste(lot.id, 10, witness(DEMO.nurse), prescriber);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ entry: { by: { id: prescriber.user.staffId }, witness: { id: nurse.user.staffId, name: 'Sam Okafor' } } });

    // Refused witness signatures are in the trail as denied, without the password.
    const denied = (await auditRows(t, { clinicId: t.demoClinicId })).filter((e) => e.action === 'ledger.waste' && e.outcome === 'denied');
    expect(denied.length).toBeGreaterThanOrEqual(refusals.length + 2);
    expect(JSON.stringify(denied)).not.toContain('not-the-password');
  });

  it('cannot be guessed: wrong passwords count against the witness’s sign-in throttle', async () => {
    const colleague = await addStaff(t, t.demoClinicId, 'nurse');
    const lot = await receiveLot(t, nurse, { quantityMg: 300 });
    for (let i = 0; i < 5; i++) expectError(await waste(lot.id, 1, witness(colleague.email, `guess-${i}`)), 403, 'FORBIDDEN');
    const locked = expectError(await waste(lot.id, 1, witness(colleague.email)), 429, 'SIGN_IN_THROTTLED');
    expect(locked.message).toContain('Too many wrong passwords');
    expect((await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: colleague.email, password: DEMO_PASSWORD } })).statusCode).toBe(429);
    expect(await stored(t, t.demoClinicId, lot.id)).toMatchObject({ balanceMg: 300, entries: 1 });
  });
});

describe('bad input', () => {
  it('answers 400 naming the field', async () => {
    const lots = async (over: Record<string, unknown>) => fieldPaths(expectError(await post(t, nurse, '/api/ledger/lots', lotBody(over)), 400, 'VALIDATION_FAILED'));
    expect(await lots({ supplier: ' ' })).toContain('supplier');
    expect(await lots({ quantityMg: 0 })).toContain('quantityMg');
    expect(await lots({ quantityMg: 1.005 })).toContain('quantityMg');
    expect(await lots({ expiresOn: '31/12/2099' })).toContain('expiresOn');
    expect(await lots({ expiresOn: '2020-01-31' })).toContain('expiresOn');
    expect(await lots({ extra: 1 })).toContain('(body)');

    const lot = await receiveLot(t, nurse, { quantityMg: 100 });
    const duplicate = expectError(await post(t, nurse, '/api/ledger/lots', lotBody({ lotNumber: lot.lotNumber })), 409, 'CONFLICT');
    expect(fieldPaths(duplicate)).toEqual(['lotNumber']);
    const on = async (path: string, body: unknown, who = nurse) => fieldPaths(expectError(await post(t, who, `/api/ledger/lots/${lot.id}/${path}`, body), 400, 'VALIDATION_FAILED'));
    expect(await on('waste', { quantityMg: 5, reason: 'x' })).toContain('witness');
    expect(await on('waste', { quantityMg: 5, reason: ' ', witness: witness(DEMO.prescriber) })).toContain('reason');
    expect(await on('waste', { quantityMg: 5, reason: 'x', witness: { email: 'not an email', password: 'x' } })).toContain('witness.email');
    expect(await on('adjustments', { quantityMg: 0, reason: 'nothing' }, prescriber)).toContain('quantityMg');
    expect(await on('adjustments', { quantityMg: 5 }, prescriber)).toContain('reason');
    expect(await on('counts', { countedMg: -1 })).toContain('countedMg');
    expect(await on('receipts', { quantityMg: -1 })).toContain('quantityMg');

    const report = async (query: string) => fieldPaths(expectError(await t.call(nurse, { method: 'GET', url: `/api/ledger/report?${query}` }), 400, 'VALIDATION_FAILED'));
    expect(await report('from=2026-03-02&to=2026-03-01')).toEqual(['to']);
    expect(await report('from=2026-02-30&to=2026-03-01')).toEqual(['from']);
    expect(await report('to=2026-03-01')).toContain('from');
    expect(await report('from=2026-03-01&to=2026-03-31&format=xlsx')).toContain('format');
    expect(fieldPaths(expectError(await t.call(nurse, { method: 'GET', url: '/api/ledger/discrepancies?status=maybe' }), 400, 'VALIDATION_FAILED'))).toContain('status');
  });
});

describe('who may use the ledger', () => {
  it('is admins, prescribers and nurses; therapists and patients get 403, another clinic’s staff 404 for this clinic’s records', async () => {
    const lot = await receiveLot(t, nurse, { quantityMg: 100 });
    const counted = (await post(t, nurse, `/api/ledger/lots/${lot.id}/counts`, { countedMg: 90 })).json() as { discrepancy: DiscrepancyJson };
    for (const who of [therapist, patient]) {
      expectError(await t.call(who, { method: 'GET', url: '/api/ledger' }), 403, 'FORBIDDEN');
      expectError(await t.call(who, { method: 'GET', url: `/api/ledger/lots/${lot.id}` }), 403, 'FORBIDDEN');
      expectError(await t.call(who, { method: 'GET', url: '/api/ledger/report?from=2026-01-01&to=2026-01-31' }), 403, 'FORBIDDEN');
      expectError(await post(t, who, '/api/ledger/lots', lotBody()), 403, 'FORBIDDEN');
      expectError(await post(t, who, `/api/ledger/lots/${lot.id}/counts`, { countedMg: 100 }), 403, 'FORBIDDEN');
    }
    expectError(await post(t, admin, '/api/ledger/lots', lotBody()), 403, 'FORBIDDEN');
    expectError(await waste(lot.id, 1, witness(DEMO.prescriber), admin), 403, 'FORBIDDEN');
    expectError(await post(t, nurse, `/api/ledger/lots/${lot.id}/adjustments`, { quantityMg: 1, reason: 'x' }), 403, 'FORBIDDEN');

    const stranger = await t.signIn(other.prescriber.email);
    expectError(await t.call(stranger, { method: 'GET', url: `/api/ledger/lots/${lot.id}` }), 404, 'NOT_FOUND');
    expectError(await post(t, stranger, `/api/ledger/lots/${lot.id}/counts`, { countedMg: 100 }), 404, 'NOT_FOUND');
    expectError(await post(t, stranger, `/api/ledger/lots/${lot.id}/adjustments`, { quantityMg: -1, reason: 'x' }), 404, 'NOT_FOUND');
    const strangerAdmin = await t.signIn(other.admin.email);
    expectError(await post(t, strangerAdmin, `/api/ledger/discrepancies/${counted.discrepancy.id}/resolve`, { resolution: 'Not yours to resolve' }), 404, 'NOT_FOUND');
    const theirs = (await t.call(stranger, { method: 'GET', url: '/api/ledger' })).json() as { lots: LotJson[] };
    expect(theirs.lots).toEqual([]);
    expect(await stored(t, t.demoClinicId, lot.id)).toMatchObject({ balanceMg: 100, discrepancies: 1 });
  });
});
