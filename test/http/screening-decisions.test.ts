/** Eligibility decisions: agreeing, overriding with a reason, co-signature by a second prescriber (issue #3 §4). */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibilityDecisions, outbox } from '../../src/db/schema';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { insertResponse, screeningPatient, statusOf } from './screening-support';
import { addPatient, addStaff, auditRows, DEMO, expectError, fieldPaths } from './support';

let t: TestApp;
let prescriber: Session;
let prescriber2: Session;
let prescriber2Email: string;
let nurse: Session;
let therapist: Session;
let therapist2: Session;
let admin: Session;
let patient: Session;

beforeAll(async () => {
  t = await createTestApp();
  prescriber = await t.signIn(DEMO.prescriber);
  nurse = await t.signIn(DEMO.nurse);
  therapist = await t.signIn(DEMO.therapist);
  therapist2 = await t.signIn(DEMO.therapist2);
  admin = await t.signIn(DEMO.admin);
  patient = await t.signIn(DEMO.patient1);
  prescriber2Email = (await addStaff(t, t.demoClinicId, 'prescriber')).email;
  prescriber2 = await t.signIn(prescriber2Email);
});
afterAll(() => t.close());

interface DecisionJson {
  id: string;
  patientId: string;
  decision: string;
  status: string;
  evaluatedOutcome: string;
  override: boolean;
  overrideReason: string | null;
  reasons: { rule: string }[];
  facts: Record<string, unknown>;
  ruleSetVersion: string;
  decidedBy: string;
  decidedByName: string | null;
  cosignedBy: string | null;
  cosignedAt: string | null;
  permissions: { cosign: boolean; withdraw: boolean };
}

/** A patient in screening on therapist@'s care team, with this screening record. */
async function patientWith(record: { indications: string[]; conditions: string[]; bloodPressure?: { systolic: number; diastolic: number } }) {
  const id = await screeningPatient(t, nurse, { therapistIds: [therapist.user.staffId!], prescriberId: prescriber.user.staffId! });
  const res = await t.call(nurse, { method: 'PUT', url: `/api/patients/${id}/screening`, payload: record });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}
const decide = (s: Session, id: string, payload: unknown) => t.call(s, { method: 'POST', url: `/api/patients/${id}/eligibility-decisions`, payload: payload as never });
const cosign = (s: Session, id: string) => t.call(s, { method: 'POST', url: `/api/eligibility-decisions/${id}/cosign` });
const withdraw = (s: Session, id: string) => t.call(s, { method: 'POST', url: `/api/eligibility-decisions/${id}/withdraw` });
const list = async (s: Session, id: string) => {
  const res = await t.call(s, { method: 'GET', url: `/api/patients/${id}/eligibility-decisions` });
  return { res, items: res.statusCode === 200 ? (res.json() as { items: DecisionJson[] }).items : [] };
};
/** The eligibility and patient audit events of one request (what a status change triggers elsewhere is left out). */
const actions = async (res: { headers: Record<string, unknown> }) =>
  (await auditRows(t, { clinicId: t.demoClinicId, requestId: res.headers['x-request-id'] as string }))
    .map((e) => e.action)
    .filter((a) => a.startsWith('eligibility-decision.') || a.startsWith('patient.'));

describe('eligibility decisions', () => {
  it('records a decision that agrees with the rules, stores what it was made on, and moves the status', async () => {
    const id = await patientWith({ indications: ['treatment-resistant-depression'], conditions: [], bloodPressure: { systolic: 124, diastolic: 78 } });
    const res = await decide(prescriber, id, { decision: 'eligible' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      patientId: id, decision: 'eligible', status: 'final', evaluatedOutcome: 'eligible', override: false, overrideReason: null, reasons: [],
      facts: { indications: ['treatment-resistant-depression'], conditions: [], bloodPressure: { systolic: 124, diastolic: 78 } },
      ruleSetVersion: 'default-1', decidedBy: prescriber.user.staffId, decidedByName: 'Priya Shah', cosignedBy: null,
    });
    expect(await statusOf(t, nurse, id)).toBe('eligible');
    expect(await actions(res)).toEqual(['eligibility-decision.create', 'patient.change-status']);
  });

  it('records an agreed ineligible decision with the rules’ reasons as the status reason', async () => {
    const id = await patientWith({ indications: ['ptsd'], conditions: ['pregnancy'] });
    const res = await decide(prescriber, id, { decision: 'ineligible' });
    expect(res.json()).toMatchObject({ decision: 'ineligible', status: 'final', evaluatedOutcome: 'ineligible', reasons: [{ rule: 'exclude-pregnancy' }] });
    const detail = (await t.call(nurse, { method: 'GET', url: `/api/patients/${id}` })).json() as { status: string; statusReason: string };
    expect(detail).toMatchObject({ status: 'ineligible', statusReason: 'Pregnancy' });
  });

  it('needs a written reason to decide eligible against needs-review', async () => {
    const id = await patientWith({ indications: ['ptsd'], conditions: ['substance-use-disorder-history'] });
    const bare = await decide(prescriber, id, { decision: 'eligible' });
    expect(fieldPaths(expectError(bare, 400, 'VALIDATION_FAILED'))).toEqual(['reason']);
    expect(fieldPaths(expectError(await decide(prescriber, id, { decision: 'eligible', reason: '   ' }), 400, 'VALIDATION_FAILED'))).toEqual(['reason']);
    expect(await statusOf(t, nurse, id)).toBe('screening');
    expect((await list(prescriber, id)).items).toEqual([]);

    const reason = 'Alcohol use disorder in sustained remission for 6 years; reviewed with the patient.';
    const res = await decide(prescriber, id, { decision: 'eligible', reason });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ decision: 'eligible', status: 'final', evaluatedOutcome: 'needs-review', override: true, overrideReason: reason });
    const detail = (await t.call(nurse, { method: 'GET', url: `/api/patients/${id}` })).json() as { status: string; statusReason: string };
    expect(detail).toMatchObject({ status: 'eligible', statusReason: reason });
  });

  it('needs a reason to decide ineligible when the rules found no exclusion', async () => {
    const id = await patientWith({ indications: ['ptsd'], conditions: [] });
    expect(fieldPaths(expectError(await decide(prescriber, id, { decision: 'ineligible' }), 400, 'VALIDATION_FAILED'))).toEqual(['reason']);
    const res = await decide(prescriber, id, { decision: 'ineligible', reason: 'Prefers to start with psychotherapy alone.' });
    expect(res.json()).toMatchObject({ status: 'final', override: true });
    expect(await statusOf(t, nurse, id)).toBe('ineligible');
  });

  it('makes an override of ineligible wait for a second prescriber’s co-signature', async () => {
    const id = await patientWith({ indications: ['treatment-resistant-depression'], conditions: [], bloodPressure: { systolic: 162, diastolic: 96 } });
    expect(fieldPaths(expectError(await decide(prescriber, id, { decision: 'eligible' }), 400, 'VALIDATION_FAILED'))).toEqual(['reason']);

    const reason = 'White-coat hypertension: home readings 128/82 over two weeks; cardiology cleared.';
    const made = await decide(prescriber, id, { decision: 'eligible', reason });
    expect(made.statusCode, made.body).toBe(201);
    const decision = made.json() as DecisionJson;
    expect(decision).toMatchObject({ status: 'awaiting-cosign', evaluatedOutcome: 'ineligible', override: true, overrideReason: reason, cosignedBy: null, permissions: { cosign: false, withdraw: true } });
    expect(decision.reasons.map((r) => r.rule)).toEqual(['bp-hold', 'bp-warn']);
    expect(await statusOf(t, nurse, id)).toBe('screening');
    expect(await actions(made)).toEqual(['eligibility-decision.create']);
    // The other prescribers are asked to co-sign (by email, without clinical detail).
    const asked = await t.database.db.select().from(outbox).where(eq(outbox.kind, 'eligibility-cosign'));
    expect(asked.map((m) => m.recipient)).toContain(prescriber2Email);
    expect(asked.map((m) => m.recipient)).not.toContain('prescriber@demo.tilth.test');

    // No second decision while one waits; the deciding prescriber cannot co-sign; others may not at all.
    expectError(await decide(prescriber2, id, { decision: 'ineligible' }), 409, 'CONFLICT');
    const self = await cosign(prescriber, decision.id);
    expect(expectError(self, 409, 'CONFLICT').message).toMatch(/second prescriber/);
    for (const s of [nurse, therapist, admin, patient]) expectError(await cosign(s, decision.id), 404, 'NOT_FOUND');
    expectError(await withdraw(prescriber2, decision.id), 403, 'FORBIDDEN');
    expect(await statusOf(t, nurse, id)).toBe('screening');

    const pending = (await t.call(prescriber2, { method: 'GET', url: '/api/eligibility-decisions/awaiting-cosign' })).json() as { items: (DecisionJson & { patientName: string })[] };
    const item = pending.items.find((d) => d.id === decision.id);
    expect(item).toMatchObject({ patientId: id, patientName: expect.stringMatching(/^Screen /), permissions: { cosign: true, withdraw: false } });
    const nursesQueue = (await t.call(nurse, { method: 'GET', url: '/api/eligibility-decisions/awaiting-cosign' })).json() as { items: unknown[] };
    expect(nursesQueue.items).toEqual([]);

    const signed = await cosign(prescriber2, decision.id);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ id: decision.id, status: 'final', decision: 'eligible', cosignedBy: prescriber2.user.staffId, decidedBy: prescriber.user.staffId });
    expect((signed.json() as DecisionJson).cosignedAt).not.toBeNull();
    expect(await statusOf(t, nurse, id)).toBe('eligible');
    expect(await actions(signed)).toEqual(['eligibility-decision.cosign', 'patient.change-status']);

    const again = await cosign(prescriber2, decision.id);
    expect(expectError(again, 409, 'CONFLICT').message).toMatch(/final already/);
    expectError(await withdraw(prescriber, decision.id), 409, 'CONFLICT');
    const [row] = await t.database.db.select().from(eligibilityDecisions).where(and(eq(eligibilityDecisions.clinicId, t.demoClinicId), eq(eligibilityDecisions.id, decision.id)));
    expect(row).toMatchObject({ status: 'final', decidedBy: prescriber.user.staffId, cosignedBy: prescriber2.user.staffId, ruleSetVersion: 'default-1' });
  });

  it('lets the deciding prescriber withdraw a decision awaiting co-signature, after which a new one may be made', async () => {
    const id = await patientWith({ indications: ['ptsd'], conditions: ['ketamine-hypersensitivity'] });
    const made = (await decide(prescriber, id, { decision: 'eligible', reason: 'Reaction was to another excipient.' })).json() as DecisionJson;
    expect(made.status).toBe('awaiting-cosign');
    const res = await withdraw(prescriber, made.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', permissions: { cosign: false, withdraw: false } });
    expect(await actions(res)).toEqual(['eligibility-decision.withdraw']);
    expect(expectError(await cosign(prescriber2, made.id), 409, 'CONFLICT').message).toMatch(/withdrawn/);
    expect(await statusOf(t, nurse, id)).toBe('screening');

    const agreed = await decide(prescriber, id, { decision: 'ineligible' });
    expect(agreed.json()).toMatchObject({ status: 'final', decision: 'ineligible' });
    expect((await list(prescriber, id)).items.map((d) => d.status)).toEqual(['final', 'withdrawn']);
  });

  it('refuses a co-signature once the patient has left screening', async () => {
    const id = await patientWith({ indications: ['ptsd'], conditions: ['arteriovenous-malformation'] });
    const made = (await decide(prescriber, id, { decision: 'eligible', reason: 'AVM resected in 2019, neurosurgery cleared.' })).json() as DecisionJson;
    const moved = await t.call(nurse, { method: 'POST', url: `/api/patients/${id}/status`, payload: { status: 'withdrawn', reason: 'Moved away' } });
    expect(moved.statusCode).toBe(200);
    expectError(await cosign(prescriber2, made.id), 409, 'INVALID_TRANSITION');
    expect((await list(prescriber, id)).items[0]).toMatchObject({ status: 'awaiting-cosign' });
    expect(await statusOf(t, nurse, id)).toBe('withdrawn');
  });

  it('answers 409 with a clear message when the patient is not in screening', async () => {
    const referred = await screeningPatient(t, nurse, { therapistIds: [therapist.user.staffId!], status: 'referred' });
    const res = await decide(prescriber, referred, { decision: 'eligible' });
    expect(expectError(res, 409, 'INVALID_TRANSITION').message).toMatch(/"referred".*back to screening/);

    const id = await patientWith({ indications: ['ptsd'], conditions: [] });
    expect((await decide(prescriber, id, { decision: 'eligible' })).statusCode).toBe(201);
    expectError(await decide(prescriber, id, { decision: 'eligible' }), 409, 'INVALID_TRANSITION');
    expect((await list(prescriber, id)).items).toHaveLength(1);
  });

  it('lets exactly one of two simultaneous decisions or co-signatures through', async () => {
    const id = await patientWith({ indications: ['ptsd'], conditions: [] });
    const both = await Promise.all([decide(prescriber, id, { decision: 'eligible' }), decide(prescriber2, id, { decision: 'eligible' })]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await list(prescriber, id)).items).toHaveLength(1);

    const waiting = await patientWith({ indications: ['ptsd'], conditions: ['pregnancy'] });
    const racing = await Promise.all([
      decide(prescriber, waiting, { decision: 'eligible', reason: 'Negative pregnancy test today.' }),
      decide(prescriber2, waiting, { decision: 'eligible', reason: 'Negative pregnancy test today.' }),
    ]);
    expect(racing.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const made = racing.find((r) => r.statusCode === 201)!.json() as DecisionJson;
    const third = await t.signIn((await addStaff(t, t.demoClinicId, 'prescriber')).email);
    const other = made.decidedBy === prescriber.user.staffId ? prescriber2 : prescriber;
    const signs = await Promise.all([cosign(other, made.id), cosign(third, made.id)]);
    expect(signs.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await statusOf(t, nurse, waiting)).toBe('eligible');
  });

  it('decides on the latest questionnaire facts too (PHQ-9 item 9 asks for review)', async () => {
    const id = await patientWith({ indications: ['major-depressive-disorder'], conditions: [] });
    await insertResponse(t, id, 'phq-9', [2, 2, 2, 2, 2, 2, 2, 2, 1], { enteredBy: nurse.user.staffId! });
    expectError(await decide(prescriber, id, { decision: 'eligible' }), 400, 'VALIDATION_FAILED');
    const res = await decide(prescriber, id, { decision: 'eligible', reason: 'Passive ideation only; C-SSRS screen negative for intent and plan; safety plan made.' });
    expect(res.json()).toMatchObject({ evaluatedOutcome: 'needs-review', facts: { phq9Item9: 1 }, reasons: [{ rule: 'phq9-item9' }] });
  });

  it('lets only prescribers decide; clinical roles read the decisions; admins and therapists off the team get 404', async () => {
    const id = await patientWith({ indications: ['ptsd'], conditions: [] });
    for (const s of [nurse, therapist, therapist2, admin, patient]) {
      const res = await decide(s, id, { decision: 'eligible' });
      expectError(res, 404, 'NOT_FOUND');
    }
    const denied = await decide(nurse, id, { decision: 'eligible' });
    expect(await auditRows(t, { clinicId: t.demoClinicId, requestId: denied.headers['x-request-id'] as string })).toEqual([
      expect.objectContaining({ action: 'eligibility-decision.create', outcome: 'denied', patientId: id }),
    ]);
    expect(await statusOf(t, nurse, id)).toBe('screening');
    await decide(prescriber, id, { decision: 'eligible' });

    for (const s of [prescriber, prescriber2, nurse, therapist]) {
      const { res, items } = await list(s, id);
      expect(res.statusCode).toBe(200);
      expect(items).toHaveLength(1);
    }
    const read = await list(nurse, id);
    expect(await actions(read.res)).toEqual(['eligibility-decision.list']);
    expectError((await list(therapist2, id)).res, 404, 'NOT_FOUND');
    expectError((await list(admin, id)).res, 404, 'NOT_FOUND');
  });

  it('shows the patient their own final decisions only', async () => {
    const account = await addPatient(t, t.demoClinicId, { therapistIds: [therapist.user.staffId!], prescriberId: prescriber.user.staffId!, account: true });
    const id = account.id;
    expect((await t.call(nurse, { method: 'POST', url: `/api/patients/${id}/status`, payload: { status: 'screening' } })).statusCode).toBe(200);
    await t.call(nurse, { method: 'PUT', url: `/api/patients/${id}/screening`, payload: { indications: ['ptsd'], conditions: ['raised-intracranial-pressure'] } });
    const self = await t.signIn(account.email);

    const first = (await decide(prescriber, id, { decision: 'eligible', reason: 'Resolved after shunt revision.' })).json() as DecisionJson;
    await withdraw(prescriber, first.id);
    const second = (await decide(prescriber, id, { decision: 'eligible', reason: 'Resolved after shunt revision; neurology letter on file.' })).json() as DecisionJson;
    const before = await list(self, id);
    expect(before.res.statusCode).toBe(200);
    expect(before.items).toEqual([]);
    expect((await list(prescriber, id)).items.map((d) => d.status)).toEqual(['awaiting-cosign', 'withdrawn']);

    await cosign(prescriber2, second.id);
    const after = await list(self, id);
    expect(after.items).toEqual([expect.objectContaining({ id: second.id, status: 'final', decision: 'eligible', permissions: { cosign: false, withdraw: false } })]);
    expect(await actions(after.res)).toEqual(['eligibility-decision.list']);

    // Another patient's decisions stay hidden.
    expectError((await list(patient, id)).res, 404, 'NOT_FOUND');
  });
});
