/** One audit event per read or write of patient data, denied reads recorded, the patient's access log, the admin trail. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { auditRows, createOtherClinic, DEMO, expectError, unique, type OtherClinic } from './support';

let t: TestApp;
let nurse: Session;
let therapist2: Session;
let admin: Session;
let patient1: Session;
let other: OtherClinic;
beforeAll(async () => {
  t = await createTestApp();
  [nurse, therapist2, admin, patient1] = await Promise.all([t.signIn(DEMO.nurse), t.signIn(DEMO.therapist2), t.signIn(DEMO.admin), t.signIn(DEMO.patient1)]);
  other = await createOtherClinic(t);
});
afterAll(() => t.close());

let n = 0;
const rid = () => `audit-test-${++n}-${unique('r')}`;
const as = (s: Session | null, requestId: string, options: Parameters<TestApp['call']>[1]) =>
  t.call(s, { ...options, headers: { ...(options.headers as Record<string, string>), 'x-request-id': requestId } });
const patient1Id = () => patient1.user.patientId!;

describe('audit events', () => {
  it('records one allowed event for reading a patient: actor, clinic, patient, action, resource, time and request id', async () => {
    const requestId = rid();
    const res = await as(nurse, requestId, { method: 'GET', url: `/api/patients/${patient1Id()}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe(requestId);
    const rows = await auditRows(t, { clinicId: t.demoClinicId, requestId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      clinicId: t.demoClinicId, actorType: 'staff', actorId: nurse.user.staffId, actorRole: 'nurse', patientId: patient1Id(),
      action: 'patient.read', resourceType: 'patient', resourceId: patient1Id(), outcome: 'allowed', requestId,
    });
    expect(rows[0]!.occurredAt.getTime()).toBe(t.clock.now.epochMilliseconds);
  });

  it('records every patient shown by a list in one event, and nothing for an empty page', async () => {
    const requestId = rid();
    const res = await as(nurse, requestId, { method: 'GET', url: '/api/patients?limit=3' });
    const shown = (res.json() as { items: { id: string }[] }).items.map((p) => p.id);
    expect(shown).toHaveLength(3);
    const rows = await auditRows(t, { clinicId: t.demoClinicId, requestId });
    expect(rows.map((r) => [r.action, r.patientId, r.patientIds, r.outcome])).toEqual([['patient.list', null, shown, 'allowed']]);
    const none = rid();
    const empty = await as(nurse, none, { method: 'GET', url: `/api/patients?query=${unique('nobody')}` });
    expect((empty.json() as { total: number }).total).toBe(0);
    expect(await auditRows(t, { clinicId: t.demoClinicId, requestId: none })).toHaveLength(0);
  });

  it('records exactly one event for each write', async () => {
    const createId = rid();
    const created = await as(nurse, createId, {
      method: 'POST', url: '/api/patients', payload: { givenName: 'Audit', familyName: unique('Write'), dateOfBirth: '1970-01-01', sexAssignedAtBirth: 'unknown' },
    });
    expect(created.statusCode).toBe(201);
    const patientId = (created.json() as { id: string }).id;
    // Moving a patient into screening also gives the measurement plan's intake questionnaires: a second, separate write.
    const followUps: Record<string, string[]> = { 'patient.change-status': ['measurement-plan.apply'] };
    const writes: [string, Parameters<TestApp['call']>[1], string][] = [
      [createId, { method: 'POST', url: '/api/patients' }, 'patient.create'],
      [rid(), { method: 'PATCH', url: `/api/patients/${patientId}`, payload: { pronouns: 'they/them' } }, 'patient.update'],
      [rid(), { method: 'POST', url: `/api/patients/${patientId}/status`, payload: { status: 'screening' } }, 'patient.change-status'],
      [rid(), { method: 'POST', url: `/api/patients/${patientId}/weights`, payload: { weightKg: 61.2 } }, 'patient.record-weight'],
    ];
    for (const [requestId, options, action] of writes) {
      if (requestId !== createId) expect((await as(nurse, requestId, options)).statusCode).toBeLessThan(300);
      const rows = await auditRows(t, { clinicId: t.demoClinicId, requestId });
      expect(rows.map((r) => [r.action, r.patientId, r.outcome]), action).toEqual([action, ...(followUps[action] ?? [])].map((a) => [a, patientId, 'allowed']));
    }
  });

  it('records nothing when bad input changes nothing', async () => {
    const requestId = rid();
    expectError(await as(nurse, requestId, { method: 'PATCH', url: `/api/patients/${patient1Id()}`, payload: { dateOfBirth: 'yesterday' } }), 400, 'VALIDATION_FAILED');
    expect(await auditRows(t, { clinicId: t.demoClinicId, requestId })).toHaveLength(0);
  });

  it('records a denied read as denied, and a probe from another clinic only in that clinic’s trail', async () => {
    const requestId = rid();
    expectError(await as(therapist2, requestId, { method: 'GET', url: `/api/patients/${patient1Id()}` }), 404, 'NOT_FOUND');
    expect((await auditRows(t, { clinicId: t.demoClinicId, requestId })).map((r) => [r.action, r.actorId, r.patientId, r.outcome])).toEqual([
      ['patient.read', therapist2.user.staffId, patient1Id(), 'denied'],
    ]);

    const stranger = await t.signIn(other.prescriber.email);
    const probeId = rid();
    expectError(await as(stranger, probeId, { method: 'GET', url: `/api/patients/${patient1Id()}` }), 404, 'NOT_FOUND');
    expect(await auditRows(t, { clinicId: t.demoClinicId, requestId: probeId })).toHaveLength(0);
    expect((await auditRows(t, { clinicId: other.clinicId, requestId: probeId })).map((r) => [r.outcome, r.patientId, r.resourceId])).toEqual([
      ['denied', null, patient1Id()],
    ]);
  });
});

describe('a patient’s access log', () => {
  it('shows who (by name and role) read the record and when, including denied attempts, and nothing about others', async () => {
    const prescriber = await t.signIn(DEMO.prescriber);
    expect((await t.call(prescriber, { method: 'GET', url: `/api/patients/${patient1Id()}` })).statusCode).toBe(200);
    expect((await t.call(therapist2, { method: 'GET', url: `/api/patients/${patient1Id()}` })).statusCode).toBe(404);
    expect((await t.call(nurse, { method: 'GET', url: '/api/patients?query=avery' })).statusCode).toBe(200);
    const res = await t.call(patient1, { method: 'GET', url: '/api/me/access-log?limit=200' });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: { at: string; who: string; role: string; action: string; outcome: string }[] }).items;
    expect(items).toEqual(expect.arrayContaining([
      expect.objectContaining({ who: 'Priya Shah', role: 'prescriber', action: 'patient.read', outcome: 'allowed' }),
      expect.objectContaining({ who: 'Sam Okafor', role: 'nurse', action: 'patient.list', outcome: 'allowed' }),
      expect.objectContaining({ who: 'Riley Chen', role: 'therapist', action: 'patient.read', outcome: 'denied' }),
    ]));
    for (const item of items) expect(Number.isNaN(Date.parse(item.at))).toBe(false);

    const patient2 = await t.signIn(DEMO.patient2);
    const theirs = (await t.call(patient2, { method: 'GET', url: '/api/me/access-log?limit=200' })).json() as { items: { who: string }[] };
    expect(theirs.items.some((i) => i.who === 'Priya Shah')).toBe(false);
  });
});

describe('the admin audit trail', () => {
  it('filters by patient, by staff member and by time, names people, and pages', async () => {
    const patientId = patient1Id();
    t.clock.advance({ hours: 1 });
    const [prescriber, nurse, admin] = await Promise.all([t.signIn(DEMO.prescriber), t.signIn(DEMO.nurse), t.signIn(DEMO.admin)]);
    const from = t.clock.now.toString();
    const read = async (s: Session) => expect((await t.call(s, { method: 'GET', url: `/api/patients/${patientId}` })).statusCode).toBe(200);
    await read(prescriber);
    await read(nurse);
    t.clock.advance({ minutes: 1 });
    const to = t.clock.now.toString();
    t.clock.advance({ minutes: 1 });
    await read(nurse);

    type Trail = { items: { seq: number; at: string; actorId: string; actorName: string; patientId: string | null; patientIds: string[] | null; patientName: string; action: string; requestId: string }[]; nextBefore: number | null };
    const trail = async (query: string) => {
      const res = await t.call(admin, { method: 'GET', url: `/api/audit-events?${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Trail;
    };
    const byPatient = await trail(`patientId=${patientId}&limit=500`);
    expect(byPatient.items.length).toBeGreaterThan(3);
    // Events about the patient alone, or list views that showed them among others.
    for (const e of byPatient.items) expect(e.patientId === patientId || e.patientIds?.includes(patientId), JSON.stringify(e)).toBe(true);
    expect(byPatient.items[0]).toMatchObject({ patientName: 'Avery Morgan' });

    const byActor = await trail(`actorId=${prescriber.user.staffId}&limit=500`);
    expect(byActor.items.length).toBeGreaterThan(0);
    for (const e of byActor.items) expect(e).toMatchObject({ actorId: prescriber.user.staffId, actorName: 'Priya Shah' });

    const window = await trail(`patientId=${patientId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(window.items.map((e) => [e.actorName, e.action])).toEqual([['Sam Okafor', 'patient.read'], ['Priya Shah', 'patient.read']]);

    const page1 = await trail(`patientId=${patientId}&limit=2`);
    expect(page1.items).toHaveLength(2);
    expect(page1.nextBefore).toBe(page1.items[1]!.seq);
    const page2 = await trail(`patientId=${patientId}&limit=2&before=${page1.nextBefore}`);
    expect(page2.items[0]!.seq).toBeLessThan(page1.items[1]!.seq);

    // Reading the trail is itself recorded, and bad filters are refused with field paths.
    const readsOfTrail = await trail(`actorId=${admin.user.staffId}&limit=5`);
    expect(readsOfTrail.items.some((e) => e.action === 'audit.read')).toBe(true);
    const bad = expectError(await t.call(admin, { method: 'GET', url: '/api/audit-events?patientId=nope&from=yesterday' }), 400, 'VALIDATION_FAILED');
    expect(bad.fields!.map((f) => f.path).sort()).toEqual(['from', 'patientId']);
  });

  it('never shows another clinic’s events', async () => {
    const otherAdmin = await t.signIn(other.admin.email);
    const res = await t.call(otherAdmin, { method: 'GET', url: `/api/audit-events?patientId=${patient1Id()}` });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { items: unknown[] }).items).toEqual([]);
    const all = (await t.call(otherAdmin, { method: 'GET', url: '/api/audit-events?limit=500' })).json() as {
      items: { actorId: string | null; actorName: string | null; patientName: string | null; action: string }[];
    };
    expect(all.items.length).toBeGreaterThan(0);
    const demoStaff = new Set([nurse.user.staffId, admin.user.staffId, therapist2.user.staffId]);
    for (const e of all.items) {
      expect(demoStaff.has(e.actorId ?? '')).toBe(false);
      expect([e.actorName, e.patientName]).not.toContain('Avery Morgan');
      expect(e.actorName).not.toBe('Sam Okafor');
    }
  });
});
