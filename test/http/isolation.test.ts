/**
 * Nothing of one clinic is reachable from another, on every patient route and every clinic resource; and within a
 * clinic each role sees what it should (admins demographics but no clinical data, patients only themselves).
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, toDate } from '../../src/db/ids';
import { findPatient } from '../../src/db/repos/patients';
import { listRooms, insertCredential, findClinic } from '../../src/db/repos/clinics';
import { enqueueMessage } from '../../src/db/repos/outbox';
import { buildApp } from '../../src/server/app';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { addStaff, createOtherClinic, DEMO, expectError, fieldPaths, unique, type OtherClinic } from './support';

let t: TestApp;
let other: OtherClinic;
let demo: Record<'admin' | 'prescriber' | 'nurse' | 'therapist' | 'patient1', Session>;
let strangers: Record<'admin' | 'prescriber' | 'patient', Session>;
const patientRoutes: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const probe = await buildApp(t.deps, {
    onRoute: (r) => {
      for (const m of [r.method].flat()) if (m !== 'HEAD' && r.url.startsWith('/api/patients/:id')) patientRoutes.push(`${m} ${r.url}`);
    },
  });
  await probe.close();
  other = await createOtherClinic(t);
  const [admin, prescriber, nurse, therapist, patient1] = await Promise.all([DEMO.admin, DEMO.prescriber, DEMO.nurse, DEMO.therapist, DEMO.patient1].map((e) => t.signIn(e)));
  demo = { admin: admin!, prescriber: prescriber!, nurse: nurse!, therapist: therapist!, patient1: patient1! };
  const [sa, sp, spat] = await Promise.all([other.admin.email, other.prescriber.email, other.patient.email].map((e) => t.signIn(e)));
  strangers = { admin: sa!, prescriber: sp!, patient: spat! };
});
afterAll(() => t.close());

/** A valid request for each patient route; a new patient route without an entry here fails the test. */
function patientRequest(route: string, patientId: string, team: { therapistId: string; prescriberId: string }): InjectOptions {
  const [method, path] = route.split(' ') as [InjectOptions['method'], string];
  // A sub-resource of the patient (an action-plan item) gets a fresh id: the patient check comes first either way.
  const url = path.replace(':id', patientId).replace(':itemId', newId());
  const payloads: Record<string, unknown> = {
    'GET /api/patients/:id': undefined,
    'PATCH /api/patients/:id': { phone: '+1 510 555 0000' },
    'POST /api/patients/:id/status': { status: 'withdrawn', reason: 'probe' },
    'POST /api/patients/:id/weights': { weightKg: 99 },
    'PUT /api/patients/:id/care-team': { therapistIds: [team.therapistId], prescriberId: team.prescriberId },
    'POST /api/patients/:id/portal-invite': undefined,
    'GET /api/patients/:id/screening': undefined,
    'PUT /api/patients/:id/screening': { indications: ['ptsd'], conditions: [] },
    'GET /api/patients/:id/eligibility-decisions': undefined,
    'POST /api/patients/:id/eligibility-decisions': { decision: 'eligible' },
    'GET /api/patients/:id/questionnaires': undefined,
    'GET /api/patients/:id/responses': undefined,
    'POST /api/patients/:id/responses': { instrument: 'phq-9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] },
    'GET /api/patients/:id/questionnaire-schedules': undefined,
    'POST /api/patients/:id/questionnaire-schedules': { instrument: 'phq-9', kind: 'once' },
    'GET /api/patients/:id/doses': undefined,
    'POST /api/patients/:id/doses': { dosedAt: '2026-01-05T18:00:00Z' },
    'POST /api/patients/:id/measurement-plan': { phase: 'intake' },
    'GET /api/patients/:id/trajectory': undefined,
    'GET /api/patients/:id/scheduling-preferences': undefined,
    'PUT /api/patients/:id/scheduling-preferences': { weekdays: [1, 2], timesOfDay: ['morning'], earliestStart: '2030-01-01' },
    'POST /api/patients/:id/courses': { protocolId: newId() },
    'GET /api/patients/:id/courses': undefined,
    'GET /api/patients/:id/progress-notes': undefined,
    'GET /api/patients/:id/education': undefined,
    'GET /api/patients/:id/safety-plan': undefined,
    'GET /api/patients/:id/journal': undefined,
    'GET /api/patients/:id/action-plan': undefined,
    'POST /api/patients/:id/action-plan': { insight: 'A probe.', commitment: 'Nothing at all.' },
    'PATCH /api/patients/:id/action-plan/:itemId': { status: 'done' },
    'POST /api/patients/:id/action-plan/:itemId/reviews': { appointmentId: newId(), status: 'active' },
    'GET /api/patients/:id/checkins': undefined,
    'POST /api/patients/:id/checkins': { appointmentId: newId(), mood: 5, sleep: 'some', safety: 'no' },
    'GET /api/patients/:id/timeline': undefined,
  };
  expect(Object.keys(payloads), `a request for ${route}`).toContain(route);
  return { method, url, payload: payloads[route] as never };
}

describe('across clinics', () => {
  it('answers 404 on every patient route for a patient of another clinic, in both directions, changing nothing', async () => {
    expect(patientRoutes.length).toBeGreaterThanOrEqual(6);
    const demoPatientId = demo.patient1.user.patientId!;
    const demoTeam = { therapistId: demo.therapist.user.staffId!, prescriberId: demo.prescriber.user.staffId! };
    const otherTeam = { therapistId: other.prescriber.staffId, prescriberId: other.prescriber.staffId };
    const demoBefore = await findPatient(t.database.db, t.demoClinicId, demoPatientId);
    const otherBefore = await findPatient(t.database.db, other.clinicId, other.patient.id);
    for (const route of patientRoutes) {
      for (const [who, s] of Object.entries(strangers)) {
        const res = await t.call(s, patientRequest(route, demoPatientId, otherTeam));
        expect({ route, who, status: res.statusCode }).toEqual({ route, who, status: 404 });
        expect(res.body).not.toContain('Avery');
      }
      for (const [who, s] of Object.entries(demo)) {
        const res = await t.call(s, patientRequest(route, other.patient.id, demoTeam));
        expect({ route, who, status: res.statusCode }).toEqual({ route, who, status: 404 });
      }
    }
    expect(await findPatient(t.database.db, t.demoClinicId, demoPatientId)).toEqual(demoBefore);
    expect(await findPatient(t.database.db, other.clinicId, other.patient.id)).toEqual(otherBefore);
  });

  it('lists only the caller’s own clinic’s patients, even when searching by a name from the other clinic', async () => {
    const theirs = (await t.call(strangers.prescriber, { method: 'GET', url: '/api/patients?limit=200' })).json() as { items: { id: string }[]; total: number };
    expect(theirs.items.map((p) => p.id)).toEqual([other.patient.id]);
    expect(theirs.total).toBe(1);
    const search = (await t.call(strangers.admin, { method: 'GET', url: '/api/patients?query=avery' })).json() as { total: number };
    expect(search.total).toBe(0);
    const ours = (await t.call(demo.nurse, { method: 'GET', url: '/api/patients?limit=200' })).json() as { items: { id: string }[] };
    expect(ours.items.map((p) => p.id)).not.toContain(other.patient.id);
  });

  it('keeps staff, rooms, clinic settings and outgoing messages apart', async () => {
    const demoRoom = (await listRooms(t.database.db, t.demoClinicId))[0]!;
    const therapistId = demo.therapist.user.staffId!;
    const credentialId = newId();
    const at = toDate(t.clock.now);
    await insertCredential(t.database.db, { clinicId: t.demoClinicId, id: credentialId, staffId: therapistId, licenceType: 'X', licenceNumber: unique('L'), issuingState: 'CA', createdAt: at });
    const messageId = newId();
    await enqueueMessage(t.database.db, { clinicId: t.demoClinicId, id: messageId, kind: 'test', recipient: 'demo@example.org', subject: 'S', bodyText: 'B', status: 'failed', nextAttemptAt: at, createdAt: at });

    const s = strangers.admin;
    const probes: InjectOptions[] = [
      { method: 'PATCH', url: `/api/rooms/${demoRoom.id}`, payload: { name: 'Taken over' } },
      { method: 'PATCH', url: `/api/staff/${therapistId}`, payload: { active: false } },
      { method: 'POST', url: `/api/staff/${therapistId}/credentials`, payload: { licenceType: 'X', licenceNumber: 'Y', issuingState: 'CA' } },
      { method: 'DELETE', url: `/api/staff/${therapistId}/credentials/${credentialId}` },
      { method: 'POST', url: `/api/outbox/${messageId}/retry` },
    ];
    for (const p of probes) expectError(await t.call(s, p), 404, 'NOT_FOUND');

    const lists = await Promise.all(['/api/staff', '/api/rooms', '/api/outbox'].map(async (url) => (await t.call(s, { method: 'GET', url })).body));
    for (const body of lists) {
      for (const leak of [therapistId, demoRoom.id, messageId, 'demo@example.org', 'Jordan', 'Cedar Room']) expect(body).not.toContain(leak);
    }
    const clinic = (await t.call(s, { method: 'GET', url: '/api/clinic' })).json() as { id: string };
    expect(clinic.id).toBe(other.clinicId);
    expect((await t.call(s, { method: 'PATCH', url: '/api/clinic', payload: { name: 'Renamed Other' } })).statusCode).toBe(200);
    expect((await findClinic(t.database.db, t.demoClinicId))!.name).toBe('Tilth Demo Clinic');
    expect((await t.call(demo.therapist, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
  });

  it('refuses another clinic’s staff on a care team', async () => {
    const res = await t.call(demo.prescriber, {
      method: 'POST', url: '/api/patients',
      payload: { givenName: 'Cross', familyName: 'Team', dateOfBirth: '1990-01-01', sexAssignedAtBirth: 'male', therapistIds: [other.prescriber.staffId], prescriberId: other.prescriber.staffId },
    });
    expect(fieldPaths(expectError(res, 400, 'VALIDATION_FAILED')).sort()).toEqual(['prescriberId', 'therapistIds.0']);
    const put = await t.call(demo.prescriber, { method: 'PUT', url: `/api/patients/${demo.patient1.user.patientId}/care-team`, payload: { therapistIds: [demo.therapist.user.staffId], prescriberId: other.prescriber.staffId } });
    expect(fieldPaths(expectError(put, 400, 'VALIDATION_FAILED'))).toEqual(['prescriberId']);
  });
});

describe('within a clinic', () => {
  const get = (s: Session, id: string) => t.call(s, { method: 'GET', url: `/api/patients/${id}` });

  it('shows admins demographics without clinical data, and clinicians the weights', async () => {
    const id = demo.patient1.user.patientId!;
    const asAdmin = (await get(demo.admin, id)).json() as Record<string, unknown>;
    expect(asAdmin).toMatchObject({ givenName: 'Avery', familyName: 'Morgan', dateOfBirth: '1986-04-12' });
    expect(asAdmin).not.toHaveProperty('weights');
    for (const s of [demo.prescriber, demo.nurse, demo.therapist, demo.patient1]) {
      const body = (await get(s, id)).json() as { weights?: { weightKg: number }[] };
      expect(body.weights?.[0]?.weightKg).toBe(64.5);
    }
    // An ineligibility reason names a contraindication: clinicians see it, the admin sees only the status.
    const ineligible = ((await t.call(demo.nurse, { method: 'GET', url: '/api/patients?status=ineligible' })).json() as { items: { id: string }[] }).items[0]!.id;
    type Detail = { status: string; statusReason: string | null; statusHistory: { to: string; reason: string | null }[] };
    const clinician = (await get(demo.prescriber, ineligible)).json() as Detail;
    expect(clinician.statusReason).toMatch(/haemorrhage/);
    const adminView = (await get(demo.admin, ineligible)).json() as Detail;
    expect(adminView).toMatchObject({ status: 'ineligible', statusReason: null });
    expect(adminView.statusHistory.map((h) => h.to)).toEqual(clinician.statusHistory.map((h) => h.to));
    expect(JSON.stringify(adminView)).not.toMatch(/haemorrhage/);
  });

  it('lets a patient see only themselves, read-only', async () => {
    const list = (await t.call(demo.patient1, { method: 'GET', url: '/api/patients?limit=200' })).json() as { items: { id: string }[]; total: number };
    expect(list.items.map((p) => p.id)).toEqual([demo.patient1.user.patientId]);
    expect(list.total).toBe(1);
    const own = (await get(demo.patient1, demo.patient1.user.patientId!)).json() as { permissions: Record<string, boolean>; allowedNextStatuses: string[] };
    // A patient reads their own record, questionnaires and schedule, answers their questionnaires, and changes nothing else.
    const granted = Object.entries(own.permissions).filter(([, v]) => v).map(([k]) => k).sort();
    expect(granted).toEqual(['readClinical', 'readSchedule', 'submitResponse']);
    expect(own.allowedNextStatuses).toEqual([]);
  });

  it('lets a therapist reach only care-team patients, and a removed therapist loses access at once', async () => {
    const therapist = await addStaff(t, t.demoClinicId, 'therapist');
    const session = await t.signIn(therapist.email);
    expect((await t.call(session, { method: 'GET', url: '/api/patients' })).json()).toMatchObject({ total: 0 });
    const id = demo.patient1.user.patientId!;
    expectError(await get(session, id), 404, 'NOT_FOUND');
    const team = { therapistIds: [demo.therapist.user.staffId, therapist.staffId], prescriberId: demo.prescriber.user.staffId };
    expect((await t.call(demo.prescriber, { method: 'PUT', url: `/api/patients/${id}/care-team`, payload: team })).statusCode).toBe(200);
    expect((await get(session, id)).statusCode).toBe(200);
    expect((await t.call(session, { method: 'GET', url: '/api/patients' })).json()).toMatchObject({ total: 1 });
    const back = { therapistIds: [demo.therapist.user.staffId], prescriberId: demo.prescriber.user.staffId };
    expect((await t.call(demo.prescriber, { method: 'PUT', url: `/api/patients/${id}/care-team`, payload: back })).statusCode).toBe(200);
    expectError(await get(session, id), 404, 'NOT_FOUND');
  });
});
