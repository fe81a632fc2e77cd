/**
 * Protocol management (issue #4 §1): administrators create protocols, change them (each change a new version; a
 * course keeps the version it started with) and retire or restore them; refusals name the fields and the rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { createOtherClinic, DEMO, expectError, fieldPaths, unique } from '../http/support';
import { eligiblePatient, ok, setClock } from './support';

interface Protocol {
  id: string; version: number; name: string; active: boolean; definition: Record<string, unknown> & { dosingSessions: number; integrationWindowHours: { min: number; max: number } };
  versions: { version: number; courses: number }[];
}
interface Course { id: string; protocol: { id: string; version: number }; appointments: { kind: string }[] }

let t: TestApp;
let admin: Session;
let nurse: Session;
let therapist: Session;
let patient: Session;
let ids: { therapist: string; prescriber: string };

beforeAll(async () => {
  t = await createTestApp();
  setClock(t, '2026-04-06T16:00:00Z');
  [admin, nurse, therapist, patient] = await t.signInAll(DEMO.admin, DEMO.nurse, DEMO.therapist, DEMO.patient1);
  const prescriber = await t.signIn(DEMO.prescriber);
  ids = { therapist: therapist.user.staffId!, prescriber: prescriber.user.staffId! };
});
afterAll(() => t.close());

const create = (s: Session, payload: unknown) => t.call(s, { method: 'POST', url: '/api/protocols', payload: payload as never });

describe('creating', () => {
  it('creates a protocol with the defaults of what is left out, and lists it', async () => {
    const name = unique('Intranasal KAP');
    const p = ok<Protocol>(await create(admin, { name, routes: ['intranasal'], dosingSessions: 4 }), 201);
    expect(p).toMatchObject({ name, version: 1, active: true, versions: [{ version: 1, courses: 0 }] });
    expect(p.definition).toMatchObject({
      prepSessions: 2, dosingSessions: 4, routes: ['intranasal'],
      durations: { preparationMinutes: 60, dosingMinutes: 150, monitoringMinutes: 120, integrationMinutes: 60 },
      doseSpacingDays: { min: 2, max: 14 }, integrationWindowHours: { min: 24, max: 48 },
      presence: { prescriberOnSite: true, nurseForRoutes: ['intramuscular', 'intravenous'] },
    });
    const list = ok<{ items: { id: string }[] }>(await t.call(nurse, { method: 'GET', url: '/api/protocols' }));
    expect(list.items.map((x) => x.id)).toContain(p.id);
    const audit = await t.database.db.select().from(auditEvents);
    expect(audit.some((e) => e.action === 'protocol.create' && e.resourceId === p.id)).toBe(true);
  });

  it('answers 400 naming each field that is wrong', async () => {
    const cases: [unknown, string[]][] = [
      [{ routes: ['sublingual'] }, ['name']],
      [{ name: 'X', routes: [] }, ['routes']],
      [{ name: 'X', routes: ['oral'] }, ['routes.0']],
      [{ name: 'X', routes: ['sublingual'], dosingSessions: 0 }, ['dosingSessions']],
      [{ name: 'X', routes: ['sublingual'], durations: { dosingMinutes: 400 } }, ['durations.dosingMinutes']],
      [{ name: 'X', routes: ['sublingual'], integrationWindowHours: { min: 48, max: 24 } }, ['integrationWindowHours.min']],
      [{ name: 'X', routes: ['sublingual'], doseSpacingDays: { min: 10, max: 3 } }, ['doseSpacingDays.min']],
      [{ name: 'X', routes: ['sublingual'], durations: { dosingMinutes: 90, monitoringMinutes: 120 } }, ['durations.monitoringMinutes']],
      [{ name: 'X', routes: ['sublingual'], rooms: { dosing: { kinds: [] } } }, ['rooms.dosing.kinds']],
    ];
    for (const [payload, fields] of cases) {
      const err = expectError(await create(admin, payload), 400, 'VALIDATION_FAILED');
      expect({ payload, fields: fieldPaths(err) }).toEqual({ payload, fields });
    }
  });

  it('refuses a name another protocol has (whatever the case)', async () => {
    const err = expectError(await create(admin, { name: 'sublingual kap, 6 SESSIONS', routes: ['sublingual'] }), 409, 'CONFLICT');
    expect(fieldPaths(err)).toEqual(['name']);
  });

  it('is for administrators only; other clinics do not see it', async () => {
    for (const s of [nurse, therapist]) expectError(await create(s, { name: unique('P'), routes: ['sublingual'] }), 403, 'FORBIDDEN');
    expectError(await create(patient, { name: unique('P'), routes: ['sublingual'] }), 403, 'FORBIDDEN');
    const p = ok<Protocol>(await create(admin, { name: unique('Mine'), routes: ['sublingual'] }), 201);
    const other = await createOtherClinic(t);
    const stranger = await t.signIn(other.admin.email);
    expectError(await t.call(stranger, { method: 'GET', url: `/api/protocols/${p.id}` }), 404, 'NOT_FOUND');
    expectError(await t.call(stranger, { method: 'PUT', url: `/api/protocols/${p.id}`, payload: { name: 'Taken', routes: ['sublingual'] } }), 404, 'NOT_FOUND');
    expectError(await t.call(stranger, { method: 'PATCH', url: `/api/protocols/${p.id}`, payload: { active: false } }), 404, 'NOT_FOUND');
    expect((ok<{ items: { id: string }[] }>(await t.call(stranger, { method: 'GET', url: '/api/protocols' }))).items).toEqual([]);
  });
});

describe('versions', () => {
  it('saves a change as a new version; a course keeps the version it started with, a new course takes the newest', async () => {
    const name = unique('Versioned KAP');
    const p = ok<Protocol>(await create(admin, { name, routes: ['sublingual'], dosingSessions: 4 }), 201);
    const first = await eligiblePatient(t, { therapistIds: [ids.therapist], prescriberId: ids.prescriber });
    const c1 = ok<Course>(await t.call(nurse, { method: 'POST', url: `/api/patients/${first.id}/courses`, payload: { protocolId: p.id } }), 201);
    expect(c1.protocol).toEqual({ id: p.id, version: 1, name });
    expect(c1.appointments.filter((a) => a.kind === 'dosing')).toHaveLength(4);

    const v2 = ok<Protocol>(await t.call(admin, { method: 'PUT', url: `/api/protocols/${p.id}`, payload: { name, routes: ['sublingual'], dosingSessions: 5, integrationWindowHours: { min: 24, max: 72 } } }));
    expect(v2).toMatchObject({ id: p.id, version: 2, active: true });
    expect(v2.definition.dosingSessions).toBe(5);
    expect(v2.versions).toEqual([expect.objectContaining({ version: 2, courses: 0 }), expect.objectContaining({ version: 1, courses: 1 })]);

    const again = ok<Course>(await t.call(nurse, { method: 'GET', url: `/api/courses/${c1.id}` }));
    expect(again.protocol.version).toBe(1);
    expect(again.appointments.filter((a) => a.kind === 'dosing')).toHaveLength(4);

    const second = await eligiblePatient(t, { therapistIds: [ids.therapist], prescriberId: ids.prescriber });
    const c2 = ok<Course>(await t.call(nurse, { method: 'POST', url: `/api/patients/${second.id}/courses`, payload: { protocolId: p.id } }), 201);
    expect(c2.protocol.version).toBe(2);
    expect(c2.appointments.filter((a) => a.kind === 'dosing')).toHaveLength(5);
  });

  it('saves nothing when the definition did not change, and validates a change like a new protocol', async () => {
    const name = unique('Stable KAP');
    const p = ok<Protocol>(await create(admin, { name, routes: ['sublingual'] }), 201);
    const same = ok<Protocol>(await t.call(admin, { method: 'PUT', url: `/api/protocols/${p.id}`, payload: { name, routes: ['sublingual'], prepSessions: 2 } }));
    expect(same.version).toBe(1);
    expect(same.versions).toHaveLength(1);
    const bad = expectError(await t.call(admin, { method: 'PUT', url: `/api/protocols/${p.id}`, payload: { name, routes: ['sublingual'], integrationWindowHours: { min: 30, max: 30 } } }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(bad)).toEqual(['integrationWindowHours.min']);
    const taken = expectError(await t.call(admin, { method: 'PUT', url: `/api/protocols/${p.id}`, payload: { name: 'IM KAP, 6 sessions', routes: ['sublingual'] } }), 409, 'CONFLICT');
    expect(fieldPaths(taken)).toEqual(['name']);
    expectError(await t.call(therapist, { method: 'PUT', url: `/api/protocols/${p.id}`, payload: { name, routes: ['sublingual'], dosingSessions: 8 } }), 403, 'FORBIDDEN');
    expectError(await t.call(admin, { method: 'PUT', url: `/api/protocols/${crypto.randomUUID()}`, payload: { name: unique('x'), routes: ['sublingual'] } }), 404, 'NOT_FOUND');
  });
});

describe('retiring and restoring', () => {
  it('retires a protocol: no new course starts on it, it leaves the default list, and it comes back when restored', async () => {
    const name = unique('Retiring KAP');
    const p = ok<Protocol>(await create(admin, { name, routes: ['sublingual'], dosingSessions: 4 }), 201);
    const retired = ok<Protocol>(await t.call(admin, { method: 'PATCH', url: `/api/protocols/${p.id}`, payload: { active: false } }));
    expect(retired.active).toBe(false);
    const list = ok<{ items: { id: string }[] }>(await t.call(nurse, { method: 'GET', url: '/api/protocols' }));
    expect(list.items.map((x) => x.id)).not.toContain(p.id);
    const all = ok<{ items: { id: string; active: boolean }[] }>(await t.call(admin, { method: 'GET', url: '/api/protocols?includeInactive=true' }));
    expect(all.items.find((x) => x.id === p.id)?.active).toBe(false);

    const someone = await eligiblePatient(t, { therapistIds: [ids.therapist], prescriberId: ids.prescriber });
    const refused = expectError(await t.call(nurse, { method: 'POST', url: `/api/patients/${someone.id}/courses`, payload: { protocolId: p.id } }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(refused)).toEqual(['protocolId']);
    // A change to a retired protocol keeps it retired.
    expect(ok<Protocol>(await t.call(admin, { method: 'PUT', url: `/api/protocols/${p.id}`, payload: { name, routes: ['sublingual'], dosingSessions: 6 } })).active).toBe(false);

    expect(ok<Protocol>(await t.call(admin, { method: 'PATCH', url: `/api/protocols/${p.id}`, payload: { active: true } })).active).toBe(true);
    ok(await t.call(nurse, { method: 'POST', url: `/api/patients/${someone.id}/courses`, payload: { protocolId: p.id } }), 201);
    expectError(await t.call(nurse, { method: 'PATCH', url: `/api/protocols/${p.id}`, payload: { active: false } }), 403, 'FORBIDDEN');
    expect(fieldPaths(expectError(await t.call(admin, { method: 'PATCH', url: `/api/protocols/${p.id}`, payload: { active: 'no' } }), 400, 'VALIDATION_FAILED'))).toEqual(['active']);
    expectError(await t.call(admin, { method: 'PATCH', url: `/api/protocols/${crypto.randomUUID()}`, payload: { active: true } }), 404, 'NOT_FOUND');
  });
});
