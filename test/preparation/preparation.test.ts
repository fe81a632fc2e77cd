/**
 * Preparation (issue #6 §1), on PGlite and PostgreSQL: the therapist's guide for a preparation session round-trips
 * (created 201, replaced 200, read back with who and when and what is still empty); bad answers are 400 naming each
 * and change nothing; a cancelled session's guide is 409; a save over someone else's change is 409. Access: the
 * care team's therapist and a prescriber keep the guide; therapist2 (off the team), the nurse, the admin, the patient
 * and another clinic get 404, as does a dosing appointment. Audit events name the keys changed, never the text.
 * The safety plan: the patient reads their own (and no one else's); the dosing staff read it on the record.
 */
import { and, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, toDate } from '../../src/db/ids';
import { insertAppointments } from '../../src/db/repos/scheduling';
import { appointments, auditEvents, patients, preparationGuides, rooms } from '../../src/db/schema';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { createOtherClinic, DEMO, expectError, fieldPaths } from '../http/support';

const HOPES = 'To feel something other than flat; to sleep through the night again.';
const WHAT_HELPS = 'Slow breathing, the music off, a hand on her shoulder (agreed).';
const CONTACT = { 'safetyPlan.contact.1.name': 'Sam Morgan', 'safetyPlan.contact.1.relationship': 'partner', 'safetyPlan.contact.1.phone': '+1 510 555 0134' };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let therapist: Session;
let therapist2: Session;
let prescriber: Session;
let nurse: Session;
let admin: Session;
let patient1: Session;
let patient2: Session;
let stranger: Session;
let averyId = '';
let preparationId = '';
let dosingId = '';

const url = (id: string) => `/api/appointments/${id}/preparation-guide`;
const put = (who: Session, id: string, payload: Record<string, unknown>) => t.call(who, { method: 'PUT', url: url(id), payload });
const get = (who: Session, id: string) => t.call(who, { method: 'GET', url: url(id) });

/** A preparation appointment of Avery's, far ahead so it clashes with nothing. */
async function newPreparation(days: number): Promise<string> {
  const [room] = await t.database.db.select().from(rooms).where(eq(rooms.clinicId, t.demoClinicId)).limit(1);
  const start = Temporal.Instant.fromEpochMilliseconds(Math.ceil(t.clock.now.epochMilliseconds / 3600_000) * 3600_000).add({ hours: 24 * days });
  const id = newId();
  const at = toDate(t.clock.now);
  await insertAppointments(t.database.db, [{
    clinicId: t.demoClinicId, id, courseId: null, patientId: averyId, kind: 'preparation', number: 1, startsAt: toDate(start), endsAt: toDate(start.add({ minutes: 60 })),
    roomId: room!.id, therapistId: therapist.user.staffId!, status: 'booked', createdAt: at, updatedAt: at,
  }]);
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  [therapist, therapist2, prescriber, nurse, admin, patient1, patient2] = await t.signInAll(DEMO.therapist, DEMO.therapist2, DEMO.prescriber, DEMO.nurse, DEMO.admin, DEMO.patient1, DEMO.patient2);
  const other = await createOtherClinic(t);
  stranger = await t.signIn(other.prescriber.email);
  const [avery] = await t.database.db.select().from(patients).where(and(eq(patients.clinicId, t.demoClinicId), eq(patients.givenName, 'Avery')));
  averyId = avery!.id;
  expect(patient1.user.patientId).toBe(averyId);
  // The suite starts with no guide: the demo's two (and the safety plan in them) go first.
  await t.database.db.delete(preparationGuides).where(and(eq(preparationGuides.clinicId, t.demoClinicId), eq(preparationGuides.patientId, averyId)));
  const rows = await t.database.db.select().from(appointments).where(and(eq(appointments.clinicId, t.demoClinicId), eq(appointments.patientId, averyId)));
  preparationId = rows.filter((a) => a.kind === 'preparation').sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).at(-1)!.id;
  dosingId = rows.find((a) => a.kind === 'dosing')!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('the preparation guide', () => {
  it('starts empty, with every section listed and the clinic’s crisis line', async () => {
    const res = await get(therapist, preparationId);
    expect(res.statusCode, res.body).toBe(200);
    const g = res.json() as Json;
    expect(g.sections.map((s: Json) => s.id)).toEqual(['hopes', 'fears', 'intentions', 'safetyPlan', 'whatToExpect', 'consent']);
    expect(g).toMatchObject({ answers: {}, updatedAt: null, updatedBy: null, writable: true, appointment: { id: preparationId, patientId: averyId }, patient: { id: averyId, name: 'Avery Morgan' } });
    expect(g.completeness).toMatchObject({ complete: false, empty: ['hopes', 'fears', 'intentions', 'safetyPlan', 'whatToExpect', 'consent'] });
    expect(g.crisisResources).toContain('988');
    expect(g.sections.find((s: Json) => s.id === 'whatToExpect').questions.map((q: Json) => q.key)).toContain('whatToExpect.goingHome');
  });

  it('round-trips: created, replaced, read back with who and when and what is still empty', async () => {
    const created = await put(therapist, preparationId, { answers: { hopes: `  ${HOPES}  `, 'safetyPlan.whatHelps': WHAT_HELPS, ...CONTACT, 'whatToExpect.room': 'yes', fears: '' } });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json() as Json;
    expect(c.answers).toEqual({ hopes: HOPES, 'safetyPlan.whatHelps': WHAT_HELPS, ...CONTACT, 'whatToExpect.room': 'yes' });
    expect(c.updatedBy).toEqual({ id: therapist.user.staffId, name: expect.any(String) });
    expect(c.updatedAt).toBe(new Date(t.clock.now.epochMilliseconds).toISOString());
    expect(c.completeness.empty).toEqual(['fears', 'intentions', 'consent']);
    expect(c.completeness.sections.find((s: Json) => s.id === 'safetyPlan').status).toBe('complete');
    expect(c.completeness.sections.find((s: Json) => s.id === 'whatToExpect')).toMatchObject({ status: 'partial' });

    t.clock.advance({ minutes: 5 });
    const replaced = await put(prescriber, preparationId, { answers: { ...c.answers, fears: 'Losing control.', 'whatToExpect.room': '' }, baseUpdatedAt: c.updatedAt });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const read = (await get(therapist, preparationId)).json() as Json;
    expect(read.answers).toEqual({ hopes: HOPES, fears: 'Losing control.', 'safetyPlan.whatHelps': WHAT_HELPS, ...CONTACT });
    expect(read.updatedBy.id).toBe(prescriber.user.staffId);
    expect(read.completeness.empty).toEqual(['intentions', 'whatToExpect', 'consent']);
  });

  it('refuses a save over someone else’s change (409), keeping theirs', async () => {
    const stale = expectError(await put(therapist, preparationId, { answers: { hopes: 'overwritten' }, baseUpdatedAt: null }), 409, 'CONFLICT');
    expect(stale.message).toContain('changed');
    const [row] = await t.database.db.select().from(preparationGuides).where(eq(preparationGuides.appointmentId, preparationId));
    expect(row!.answers.hopes).toBe(HOPES);
  });

  it('answers 400 naming unknown and invalid answers, changing nothing', async () => {
    const unknown = expectError(await put(therapist, preparationId, { answers: { hopes: 'x', diagnosis: 'MDD' } }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(unknown)).toEqual(['answers.diagnosis']);
    const invalid = expectError(await put(therapist, preparationId, {
      answers: { hopes: 'x'.repeat(4001), 'consent.walkedThrough': 'maybe', 'safetyPlan.contact.2.phone': 'ring her' },
    }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(invalid)).toEqual(['answers.hopes', 'answers.consent.walkedThrough', 'answers.safetyPlan.contact.2.phone']);
    const notText = expectError(await put(therapist, preparationId, { answers: { hopes: 42 } }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(notText).join(' ')).toContain('answers');
    expectError(await put(therapist, preparationId, {}), 400, 'VALIDATION_FAILED');
    const [row] = await t.database.db.select().from(preparationGuides).where(eq(preparationGuides.appointmentId, preparationId));
    expect(row!.answers.hopes).toBe(HOPES);
    expect(row!.updatedBy).toBe(prescriber.user.staffId);
  });

  it('is read-only once the session is cancelled (409), still readable', async () => {
    const id = await newPreparation(3000);
    expect((await put(therapist, id, { answers: { intentions: 'To listen.' } })).statusCode).toBe(201);
    await t.database.db.update(appointments).set({ status: 'cancelled', cancelReason: 'patient-request' }).where(and(eq(appointments.clinicId, t.demoClinicId), eq(appointments.id, id)));
    const refused = expectError(await put(therapist, id, { answers: { intentions: 'Changed.' } }), 409, 'CONFLICT');
    expect(refused.message).toContain('cancelled');
    const read = await get(therapist, id);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ writable: false, answers: { intentions: 'To listen.' }, appointment: { status: 'cancelled' } });
  });

  it('answers 404 to therapist2, the nurse, the admin, the patient and another clinic; and for a dosing appointment', async () => {
    for (const [who, name] of [[therapist2, 'therapist2'], [nurse, 'nurse'], [admin, 'admin'], [patient1, 'patient'], [stranger, 'other clinic']] as const) {
      expect((await get(who, preparationId)).statusCode, `${name} GET`).toBe(404);
      expect((await put(who, preparationId, { answers: { hopes: 'probe' } })).statusCode, `${name} PUT`).toBe(404);
    }
    expectError(await get(therapist, dosingId), 404, 'NOT_FOUND');
    expectError(await put(therapist, dosingId, { answers: {} }), 404, 'NOT_FOUND');
    expectError(await get(therapist, newId()), 404, 'NOT_FOUND');
    expect((await t.call(null, { method: 'GET', url: url(preparationId) })).statusCode).toBe(401);
    const [row] = await t.database.db.select().from(preparationGuides).where(eq(preparationGuides.appointmentId, preparationId));
    expect(row!.answers.hopes).toBe(HOPES);
  });

  it('is audited on every read and write with the patient and the keys changed, never the text', async () => {
    const rows = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.clinicId, t.demoClinicId), eq(auditEvents.resourceType, 'preparation-guide')));
    const allowed = rows.filter((r) => r.outcome === 'allowed');
    expect(new Set(allowed.map((r) => r.action))).toEqual(new Set(['preparation-guide.read', 'preparation-guide.write']));
    expect(allowed.every((r) => r.patientId === averyId)).toBe(true);
    const first = allowed.find((r) => r.action === 'preparation-guide.write' && r.resourceId === preparationId)!;
    expect(first.detail).toEqual({ created: true, changed: ['hopes', 'safetyPlan.contact.1.name', 'safetyPlan.contact.1.phone', 'safetyPlan.contact.1.relationship', 'safetyPlan.whatHelps', 'whatToExpect.room'] });
    const denied = rows.filter((r) => r.outcome === 'denied');
    expect(denied.map((r) => r.actorId)).toContain(therapist2.user.staffId);
    expect(denied.map((r) => r.actorId)).toContain(nurse.user.staffId);
    const dump = JSON.stringify(rows);
    for (const text of [HOPES, 'Losing control', 'Slow breathing', 'Sam Morgan', '555 0134', 'To listen']) expect(dump).not.toContain(text);
  });
});

describe('the safety plan', () => {
  it('is the patient’s own in the portal: what helps, who to call, the crisis line; nothing else of the guide', async () => {
    const res = await t.call(patient1, { method: 'GET', url: '/api/me/safety-plan' });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json() as Json;
    expect(plan).toMatchObject({ patientId: averyId, whatHelps: WHAT_HELPS, contacts: [{ name: 'Sam Morgan', relationship: 'partner', phone: '+1 510 555 0134' }], appointmentId: preparationId });
    expect(plan.crisisResources).toContain('988');
    expect(plan.clinic.phone.length).toBeGreaterThan(4);
    expect(res.body).not.toContain(HOPES);
    expect(res.body).not.toContain('Losing control');
  });

  it('is no one else’s: another patient sees only their own (none yet) and the crisis line; staff are sent to the record', async () => {
    const res = await t.call(patient2, { method: 'GET', url: '/api/me/safety-plan' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ patientId: patient2.user.patientId, whatHelps: null, contacts: [], updatedAt: null, appointmentId: null });
    expect(res.body).not.toContain('Sam Morgan');
    expect(res.body).not.toContain(WHAT_HELPS);
    expect(res.json().crisisResources).toContain('988');
    for (const staff of [therapist, nurse, admin]) expectError(await t.call(staff, { method: 'GET', url: '/api/me/safety-plan' }), 403, 'FORBIDDEN');
    expect((await t.call(patient2, { method: 'GET', url: `/api/patients/${averyId}/safety-plan` })).statusCode).toBe(404);
    expect((await t.call(patient1, { method: 'GET', url: `/api/patients/${averyId}/safety-plan` })).statusCode).toBe(404);
  });

  it('is read on the record by the dosing staff (nurse, prescriber, the team’s therapist), not therapist2, the admin or another clinic', async () => {
    for (const who of [nurse, prescriber, therapist]) {
      const res = await t.call(who, { method: 'GET', url: `/api/patients/${averyId}/safety-plan` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ whatHelps: WHAT_HELPS, contacts: [{ name: 'Sam Morgan' }] });
    }
    for (const who of [therapist2, admin, stranger]) expectError(await t.call(who, { method: 'GET', url: `/api/patients/${averyId}/safety-plan` }), 404, 'NOT_FOUND');
    const reads = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.clinicId, t.demoClinicId), eq(auditEvents.action, 'safety-plan.read'), eq(auditEvents.outcome, 'allowed')));
    expect(reads.map((r) => r.actorId)).toContain(nurse.user.staffId);
    expect(JSON.stringify(reads)).not.toContain('Sam Morgan');
    const own = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.clinicId, t.demoClinicId), eq(auditEvents.action, 'safety-plan.read-own')));
    expect(own.map((r) => r.patientId)).toEqual(expect.arrayContaining([averyId, patient2.user.patientId]));
  });
});
