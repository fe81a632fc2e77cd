/**
 * The action plan and the pre-integration view (issue #6 §2, §4), on PGlite and PostgreSQL. Avery and her therapist
 * add items (insight → commitment, when, how she will know); she revises one; her therapist reviews it at her
 * integration session; every change is kept with a snapshot (the database refuses to change or delete the history).
 * Status changes follow the core's rules; bad input is 400 naming the field; reviews need an integration session of
 * hers; access is the care team's and hers; audit rows carry no wording. The integration view names the dose it
 * follows, with route and mg.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, toDate } from '../../src/db/ids';
import { insertAdministration, insertOrder } from '../../src/db/repos/dosing';
import { listLots } from '../../src/db/repos/ledger';
import { actionPlanChanges, actionPlanItems, auditEvents, doseAdministrations, doseOrders, dosingSessions, type appointments } from '../../src/db/schema';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { expectError, fieldPaths } from '../http/support';
import { auditOf, call, patientData, patientIdOf, signInCast, type Cast, type Json } from './support';

type AppointmentRow = typeof appointments.$inferSelect;

const INSIGHT = 'I go quiet when I am hurt, and then resent it.';
const COMMITMENT = 'Say one true sentence to my partner each evening.';
const REVISED = 'Say one true sentence to my partner each evening, even a small one.';
const NOTE = 'Managed five evenings of seven; the small ones count.';

let t: TestApp;
let c: Cast;
let averyId = '';
let danId = '';
let integration: AppointmentRow;
let dose: AppointmentRow;
let otherDose: AppointmentRow;
let ownItemId = '';
let staffItemId = '';

beforeAll(async () => {
  t = await createTestApp();
  c = await signInCast(t);
  averyId = await patientIdOf(t, 'Avery');
  danId = c.dan.user.patientId!;
  const { appointments } = await patientData(t, averyId);
  integration = appointments.find((a) => a.kind === 'integration' && a.number === 2)!;
  dose = appointments.find((a) => a.kind === 'dosing' && a.number === 2)!;
  otherDose = appointments.find((a) => a.kind === 'dosing' && a.number === 1)!;
});
afterAll(async () => {
  await t?.close();
});

const planUrl = (patientId = averyId) => `/api/patients/${patientId}/action-plan`;
const plan = async (who: Session): Promise<Json[]> => (await call(t, who, 'GET', planUrl())).items;

describe('adding items', () => {
  it('the patient adds one to her own plan: active, with a "created" change holding the wording', async () => {
    const item = await call(t, c.avery, 'POST', planUrl(), { insight: ` ${INSIGHT} `, commitment: COMMITMENT, timeframe: 'Every evening', measure: 'A tick in my diary' }, 201);
    expect(item).toMatchObject({ insight: INSIGHT, commitment: COMMITMENT, status: 'active', createdBy: { kind: 'patient', id: averyId, name: 'Avery Morgan' }, lastReviewedAt: null });
    expect(item.courseId).toBeTruthy();
    expect(item.history).toHaveLength(1);
    expect(item.history[0]).toMatchObject({ change: 'created', status: 'active', snapshot: { insight: INSIGHT, commitment: COMMITMENT, timeframe: 'Every evening', measure: 'A tick in my diary' } });
    ownItemId = item.id;
  });

  it('her therapist adds one too (when and how may wait)', async () => {
    const item = await call(t, c.therapist, 'POST', planUrl(), { insight: 'Walking settles me.', commitment: 'Walk after lunch.' }, 201);
    expect(item).toMatchObject({ timeframe: '', measure: '', createdBy: { kind: 'staff', id: c.therapist.user.staffId } });
    staffItemId = item.id;
  });

  it('names the bad field and adds nothing', async () => {
    const before = (await plan(c.avery)).length;
    const cases: [unknown, string[]][] = [
      [{ insight: INSIGHT }, ['commitment']],
      [{ insight: '  ', commitment: '  ' }, ['commitment', 'insight']],
      [{ insight: INSIGHT, commitment: COMMITMENT, timeframe: 'x'.repeat(501) }, ['timeframe']],
      [{ insight: INSIGHT, commitment: COMMITMENT, measure: 42 }, ['measure']],
    ];
    for (const [payload, fields] of cases) {
      const err = expectError(await t.call(c.avery, { method: 'POST', url: planUrl(), payload: payload as object }), 400, 'VALIDATION_FAILED');
      expect(fieldPaths(err).sort()).toEqual(fields);
    }
    expect((await plan(c.avery)).length).toBe(before);
  });
});

describe('who reaches the plan', () => {
  it('the patient and the clinical staff of her record read it; others get 404', async () => {
    // The demo's items (made at her first integration session) come with the two made here.
    for (const who of [c.avery, c.therapist, c.nurse, c.prescriber]) expect((await plan(who)).map((i) => i.id).filter((id) => [ownItemId, staffItemId].includes(id))).toEqual([ownItemId, staffItemId]);
    for (const who of [c.therapist2, c.admin, c.dan]) {
      expectError(await t.call(who, { method: 'GET', url: planUrl() }), 404, 'NOT_FOUND');
      expectError(await t.call(who, { method: 'POST', url: planUrl(), payload: { insight: 'x', commitment: 'y' } }), 404, 'NOT_FOUND');
      expectError(await t.call(who, { method: 'PATCH', url: `${planUrl()}/${ownItemId}`, payload: { status: 'done' } }), 404, 'NOT_FOUND');
    }
    // Dan's own plan is his: Avery's item is not in it, and cannot be reached through it.
    expect((await call(t, c.dan, 'GET', planUrl(danId))).items).toEqual([]);
    expectError(await t.call(c.dan, { method: 'PATCH', url: `${planUrl(danId)}/${ownItemId}`, payload: { status: 'done' } }), 404, 'NOT_FOUND');
  });
});

describe('revising', () => {
  it('records a "revised" change with the new wording; the created snapshot is kept as it was', async () => {
    t.clock.advance({ minutes: 10 });
    const item = await call(t, c.avery, 'PATCH', `${planUrl()}/${ownItemId}`, { commitment: REVISED, note: 'Lowering the bar.' });
    expect(item.commitment).toBe(REVISED);
    expect(item.history.map((h: Json) => h.change)).toEqual(['created', 'revised']);
    expect(item.history[0].snapshot.commitment).toBe(COMMITMENT);
    expect(item.history[1]).toMatchObject({ snapshot: { commitment: REVISED, insight: INSIGHT }, note: 'Lowering the bar.', by: { kind: 'patient', id: averyId } });
  });

  it('with nothing new records nothing; an empty revision is 400', async () => {
    const item = await call(t, c.avery, 'PATCH', `${planUrl()}/${ownItemId}`, { commitment: ` ${REVISED} ` });
    expect(item.history).toHaveLength(2);
    const err = expectError(await t.call(c.avery, { method: 'PATCH', url: `${planUrl()}/${ownItemId}`, payload: { note: 'only a note' } }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toEqual(['(body)']);
    const blank = expectError(await t.call(c.avery, { method: 'PATCH', url: `${planUrl()}/${ownItemId}`, payload: { commitment: ' ' } }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(blank)).toEqual(['commitment']);
    const status = expectError(await t.call(c.avery, { method: 'PATCH', url: `${planUrl()}/${ownItemId}`, payload: { status: 'finished' } }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(status)).toEqual(['status']);
  });

  it('follows the status rules: done, then not straight to dropped (409), then active again', async () => {
    expect((await call(t, c.therapist, 'PATCH', `${planUrl()}/${staffItemId}`, { status: 'done' })).status).toBe('done');
    const refused = expectError(await t.call(c.therapist, { method: 'PATCH', url: `${planUrl()}/${staffItemId}`, payload: { status: 'dropped' } }), 409, 'INVALID_TRANSITION');
    expect(fieldPaths(refused)).toEqual(['status']);
    const reopened = await call(t, c.nurse, 'PATCH', `${planUrl()}/${staffItemId}`, { status: 'active' });
    expect(reopened.history.map((h: Json) => `${h.change}:${h.status}`)).toEqual(['created:active', 'revised:done', 'revised:active']);
  });
});

describe('reviewing at an integration session', () => {
  it('the therapist reviews with a status and a note; the item and its history show it', async () => {
    t.clock.advance({ minutes: 10 });
    const item = await call(t, c.therapist, 'POST', `${planUrl()}/${ownItemId}/reviews`, { appointmentId: integration.id, status: 'done', note: NOTE }, 201);
    expect(item.status).toBe('done');
    expect(item.history.at(-1)).toMatchObject({ change: 'reviewed', status: 'done', appointmentId: integration.id, note: NOTE, snapshot: { commitment: REVISED }, by: { kind: 'staff', id: c.therapist.user.staffId, name: 'Jordan Lee' } });
    expect(item.lastReviewedAt).toBe(item.history.at(-1).at);
    // A review that keeps the status is a review too.
    const again = await call(t, c.prescriber, 'POST', `${planUrl()}/${ownItemId}/reviews`, { appointmentId: integration.id, status: 'done' }, 201);
    expect(again.history.map((h: Json) => h.change)).toEqual(['created', 'revised', 'reviewed', 'reviewed']);
    expect((await plan(c.avery)).find((i) => i.id === ownItemId)!.history.at(-2).note).toBe(NOTE);
  });

  it('needs an integration session of this patient, a known status and the status rules; the patient cannot review (403)', async () => {
    const review = (who: Session, payload: unknown, patientId = averyId, itemId = ownItemId) => t.call(who, { method: 'POST', url: `${planUrl(patientId)}/${itemId}/reviews`, payload: payload as object });
    const before = (await t.database.db.select().from(actionPlanChanges).where(eq(actionPlanChanges.itemId, ownItemId))).length;
    for (const appointmentId of [dose.id, newId()]) {
      expect(fieldPaths(expectError(await review(c.therapist, { appointmentId, status: 'done' }), 400, 'VALIDATION_FAILED'))).toEqual(['appointmentId']);
    }
    expect(fieldPaths(expectError(await review(c.therapist, { appointmentId: integration.id, status: 'maybe' }), 400, 'VALIDATION_FAILED'))).toEqual(['status']);
    expect(fieldPaths(expectError(await review(c.therapist, { status: 'done' }), 400, 'VALIDATION_FAILED'))).toEqual(['appointmentId']);
    expect(fieldPaths(expectError(await review(c.therapist, { appointmentId: integration.id, status: 'dropped' }), 409, 'INVALID_TRANSITION'))).toEqual(['status']);
    expectError(await review(c.avery, { appointmentId: integration.id, status: 'active' }), 403, 'FORBIDDEN');
    for (const who of [c.therapist2, c.admin, c.dan]) expectError(await review(who, { appointmentId: integration.id, status: 'active' }), 404, 'NOT_FOUND');
    // An item of Avery's reached through another patient's record is missing.
    const vic = await call(t, c.nurse, 'POST', planUrl(danId), { insight: 'x', commitment: 'y' }, 201);
    expectError(await review(c.prescriber, { appointmentId: integration.id, status: 'done' }, danId, ownItemId), 404, 'NOT_FOUND');
    expect(fieldPaths(expectError(await review(c.prescriber, { appointmentId: integration.id, status: 'done' }, danId, vic.id), 400, 'VALIDATION_FAILED'))).toEqual(['appointmentId']);
    expect((await t.database.db.select().from(actionPlanChanges).where(eq(actionPlanChanges.itemId, ownItemId))).length).toBe(before);
  });
});

describe('the history', () => {
  it('cannot be changed or deleted at the database', async () => {
    const db = t.database.db;
    await expect(db.execute(sql`update action_plan_changes set note = 'tampered' where item_id = ${ownItemId}`)).rejects.toThrow();
    await expect(db.execute(sql`update action_plan_changes set status = 'active' where item_id = ${ownItemId}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from action_plan_changes where item_id = ${ownItemId}`)).rejects.toThrow();
    const rows = await db.select().from(actionPlanChanges).where(eq(actionPlanChanges.itemId, ownItemId));
    expect(rows.map((r) => r.change).sort()).toEqual(['created', 'reviewed', 'reviewed', 'revised']);
    expect(rows.find((r) => r.change === 'reviewed' && r.note)!.note).toBe(NOTE);
    const [item] = await db.select().from(actionPlanItems).where(eq(actionPlanItems.id, ownItemId));
    expect(item!.status).toBe('done');
  });

  it('is audited step by step without the wording or the notes', async () => {
    const rows = await auditOf(t, 'action-plan.');
    const allowed = rows.filter((r) => r.outcome === 'allowed');
    expect(new Set(allowed.map((r) => r.action))).toEqual(new Set(['action-plan.create', 'action-plan.read', 'action-plan.revise', 'action-plan.review']));
    const review = allowed.find((r) => r.action === 'action-plan.review' && r.resourceId === ownItemId)!;
    expect(review).toMatchObject({ patientId: averyId, actorId: c.therapist.user.staffId, detail: { appointmentId: integration.id, from: 'active', status: 'done', withNote: true } });
    const revise = allowed.find((r) => r.action === 'action-plan.revise' && r.resourceId === ownItemId)!;
    expect(revise.detail).toMatchObject({ fields: ['commitment'], withNote: true });
    expect(rows.some((r) => r.action === 'action-plan.review' && r.outcome === 'denied' && r.actorId === averyId)).toBe(true);
    const all = JSON.stringify(await t.database.db.select().from(auditEvents).where(eq(auditEvents.clinicId, t.demoClinicId)));
    for (const words of ['go quiet', 'true sentence', 'five evenings', 'Lowering the bar', 'Walking settles']) expect(all).not.toContain(words);
  });
});

describe('the pre-integration view', () => {
  it('names the integration session’s dose, with its route, the mg ordered and given, and how it ended', async () => {
    const db = t.database.db;
    const [seeded] = await db.select().from(dosingSessions).where(and(eq(dosingSessions.clinicId, t.demoClinicId), eq(dosingSessions.appointmentId, dose.id)));
    if (!seeded) {
      // The dose as the session console leaves it, where the demo has not recorded one: ordered, given in two parts, discharged.
      const at = dose.startsAt;
      await db.insert(dosingSessions).values({ clinicId: t.demoClinicId, appointmentId: dose.id, patientId: averyId, courseId: dose.courseId, state: 'discharged', stateChangedAt: at, dosedAt: at, dischargedAt: at, createdAt: at, updatedAt: at });
      const orderId = newId();
      await insertOrder(db, { clinicId: t.demoClinicId, id: orderId, appointmentId: dose.id, route: 'sublingual', routeCode: '37839007', product: 'Ketamine troche', doseMg: '200', orderedBy: c.prescriber.user.staffId!, orderedAt: at });
      const [lot] = await listLots(db, t.demoClinicId);
      for (const mg of ['150', '50']) await insertAdministration(db, { clinicId: t.demoClinicId, id: newId(), appointmentId: dose.id, orderId, amountMg: mg, lotId: lot!.id, givenBy: c.nurse.user.staffId!, givenAt: at });
    }
    const [session] = await db.select().from(dosingSessions).where(and(eq(dosingSessions.clinicId, t.demoClinicId), eq(dosingSessions.appointmentId, dose.id)));
    const order = (await db.select().from(doseOrders).where(eq(doseOrders.appointmentId, dose.id)).orderBy(doseOrders.orderedAt)).at(-1)!;
    const given = await db.select().from(doseAdministrations).where(eq(doseAdministrations.appointmentId, dose.id));
    expect(given.length).toBeGreaterThan(0);
    const view = await call(t, c.therapist, 'GET', `/api/appointments/${integration.id}/integration`);
    expect(view).toMatchObject({
      appointment: { id: integration.id, number: 2, courseId: integration.courseId }, patient: { id: averyId, name: 'Avery Morgan' },
      dose: {
        appointmentId: dose.id, number: 2, route: order.route, product: order.product, orderedMg: Number(order.doseMg),
        givenMg: given.reduce((sum, g) => sum + Number(g.amountMg), 0), state: session!.state, dosedAt: session!.dosedAt!.toISOString(),
      },
    });
    expect(view.dose.orderedMg).toBeGreaterThan(0);
  });

  it('is the care team’s: the patient 403, others 404; a dosing appointment is not an integration session', async () => {
    const url = `/api/appointments/${integration.id}/integration`;
    expectError(await t.call(c.avery, { method: 'GET', url }), 403, 'FORBIDDEN');
    for (const who of [c.therapist2, c.admin, c.dan]) expectError(await t.call(who, { method: 'GET', url }), 404, 'NOT_FOUND');
    expectError(await t.call(c.therapist, { method: 'GET', url: `/api/appointments/${otherDose.id}/integration` }), 404, 'NOT_FOUND');
    const reads = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'integration.read'), eq(auditEvents.outcome, 'allowed')));
    expect(reads.some((r) => (r.detail as Json).doseAppointmentId === dose.id && r.patientId === averyId)).toBe(true);
  });
});
