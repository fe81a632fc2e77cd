/**
 * Every API route × every role (admin, prescriber, nurse, therapist, patient), anonymous and a user of another
 * clinic (a prescriber there: the widest patient access a stranger could have). The app's routes are collected as
 * they register; a route without a row here fails the first test, so no new route skips the matrix.
 *
 * Requests carry valid bodies and target fresh resources, so the status shows the authorization decision:
 * "team" targets a patient on therapist@'s care team (for the patient column: their own record), "not team" a
 * patient on therapist2@'s team (for the patient column: another patient's record).
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, toDate } from '../../../src/db/ids';
import { insertCredential, listRooms } from '../../../src/db/repos/clinics';
import { enqueueMessage } from '../../../src/db/repos/outbox';
import { buildApp } from '../../../src/server/app';
import { DEMO_PASSWORD } from '../../../src/server/demo/seed-demo';
import { issuePasswordLink } from '../../../src/server/password-links';
import { createTestApp, type Session, type TestApp } from '../../helpers/test-app';
import { addPatient, addStaff, createOtherClinic, DEMO, totpCode, unique, type OtherClinic } from '../support';

import { row, WHO, type Case, type Expected, type MatrixEnv, type Who } from './env';
import { featureMatrices } from './index';

const secrets = new Map<Who, string | null>();
let t: TestApp;
let other: OtherClinic;
const sessions = new Map<Who, Session>();
const routes = new Set<string>();
let ids: { therapist: string; therapist2: string; prescriber: string; patient1: string; patient2: string; room: string };

const emailOf = (who: Who): string =>
  who === 'patient' ? DEMO.patient1 : who === 'otherClinic' ? other.prescriber.email : who === 'anonymous' ? DEMO.therapist2 : DEMO[who];

/** A fresh patient on therapist@'s care team, or for the patient column their own record. */
const teamPatient = async (who: Who) =>
  who === 'patient' ? ids.patient1 : (await addPatient(t, t.demoClinicId, { therapistIds: [ids.therapist], prescriberId: ids.prescriber })).id;
/** A fresh patient on therapist2@'s care team, or for the patient column another patient's record. */
const otherTeamPatient = async (who: Who) =>
  who === 'patient' ? ids.patient2 : (await addPatient(t, t.demoClinicId, { therapistIds: [ids.therapist2], prescriberId: ids.prescriber })).id;

const patientCases = (path: string, method: InjectOptions['method'], payload: unknown, team: string, notTeam: string): Case[] => [
  { name: 'team', expect: row(team), request: async (who) => ({ method, url: `/api/patients/${await teamPatient(who)}${path}`, payload: payload as never }) },
  { name: 'not team', expect: row(notTeam), request: async (who) => ({ method, url: `/api/patients/${await otherTeamPatient(who)}${path}`, payload: payload as never }) },
];

const totpOf = async (who: Who): Promise<string | null> => {
  if (who === 'anonymous' || who === 'patient') return null;
  const started = await t.call(sessions.get(who)!, { method: 'POST', url: '/api/me/totp' });
  expect(started.statusCode, started.body).toBe(200);
  return (started.json() as { secret: string }).secret;
};
const disableTotp = async (who: Who, secret: string) => {
  t.clock.advance({ seconds: 30 });
  const res = await t.call(sessions.get(who)!, { method: 'DELETE', url: '/api/me/totp', payload: { code: await totpCode(t, secret) } });
  expect(res.statusCode, res.body).toBe(204);
};

const CORE_MATRIX: Record<string, Case[]> = {
  'GET /api/health': [{ name: 'public', expect: row('200 200 200 200 200 200 200'), request: () => ({ method: 'GET', url: '/api/health' }) }],
  'GET /api/ready': [{ name: 'public', expect: row('200 200 200 200 200 200 200'), request: () => ({ method: 'GET', url: '/api/ready' }) }],
  'GET /api/openapi.json': [{ name: 'public', expect: row('200 200 200 200 200 200 200'), request: () => ({ method: 'GET', url: '/api/openapi.json' }) }],
  'POST /api/session': [
    { name: 'own credentials', expect: row('200 200 200 200 200 200 200'), request: (who) => ({ method: 'POST', url: '/api/session', payload: { email: emailOf(who), password: DEMO_PASSWORD } }) },
  ],
  'DELETE /api/session': [{ name: 'sign out', freshSession: true, expect: row('204 204 204 204 204 401 204'), request: () => ({ method: 'DELETE', url: '/api/session' }) }],
  'GET /api/me': [{ name: 'self', expect: row('200 200 200 200 200 401 200'), request: () => ({ method: 'GET', url: '/api/me' }) }],
  'GET /api/me/access-log': [{ name: 'patients only', expect: row('404 404 404 404 200 401 404'), request: () => ({ method: 'GET', url: '/api/me/access-log' }) }],
  'POST /api/me/password': [
    { name: 'same password again', expect: row('204 204 204 204 204 401 204'), request: () => ({ method: 'POST', url: '/api/me/password', payload: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD } }) },
  ],
  'POST /api/me/totp': [{ name: 'start set-up (staff)', expect: row('200 200 200 200 403 401 200'), request: () => ({ method: 'POST', url: '/api/me/totp' }) }],
  'POST /api/me/totp/confirm': [
    {
      name: 'current code', expect: row('204 204 204 204 403 401 204'),
      request: async (who) => {
        const secret = await totpOf(who);
        secrets.set(who, secret);
        return { method: 'POST', url: '/api/me/totp/confirm', payload: { code: secret ? await totpCode(t, secret) : '123456' } };
      },
      after: async (who, status) => { if (status === 204) await disableTotp(who, secrets.get(who)!); },
    },
  ],
  'DELETE /api/me/totp': [
    {
      name: 'turn off with a code', expect: row('204 204 204 204 403 401 204'),
      request: async (who) => {
        const secret = await totpOf(who);
        if (secret) {
          const confirmed = await t.call(sessions.get(who)!, { method: 'POST', url: '/api/me/totp/confirm', payload: { code: await totpCode(t, secret) } });
          expect(confirmed.statusCode, confirmed.body).toBe(204);
          t.clock.advance({ seconds: 30 });
        }
        return { method: 'DELETE', url: '/api/me/totp', payload: { code: secret ? await totpCode(t, secret) : '123456' } };
      },
    },
  ],
  'POST /api/password-reset': [
    { name: 'public', expect: row('202 202 202 202 202 202 202'), request: () => ({ method: 'POST', url: '/api/password-reset', payload: { email: 'nobody@nowhere.test' } }) },
  ],
  'POST /api/password-reset/complete': [
    {
      name: 'valid token', expect: row('204 204 204 204 204 204 204'),
      request: async () => {
        const target = await addStaff(t, t.demoClinicId, 'nurse');
        const link = await issuePasswordLink(t.deps, t.database.db, { clinicId: t.demoClinicId, id: target.userId, email: target.email }, 'reset-password', 'Demo');
        return { method: 'POST', url: '/api/password-reset/complete', payload: { token: link.split('token=')[1], password: 'a brand new passphrase 42' } };
      },
    },
  ],
  'GET /api/patients': [{ name: 'list', expect: row('200 200 200 200 200 401 200'), request: () => ({ method: 'GET', url: '/api/patients?limit=5' }) }],
  'POST /api/patients': [
    {
      name: 'create', expect: row('201 201 201 403 403 401 201'),
      request: () => ({ method: 'POST', url: '/api/patients', payload: { givenName: 'Matrix', familyName: unique('Row'), dateOfBirth: '1980-05-05', sexAssignedAtBirth: 'male' } }),
    },
  ],
  'GET /api/patients/:id': patientCases('', 'GET', undefined, '200 200 200 200 200 401 404', '200 200 200 404 404 401 404'),
  'PATCH /api/patients/:id': patientCases('', 'PATCH', { phone: '+1 510 555 0123' }, '200 200 200 404 404 401 404', '200 200 200 404 404 401 404'),
  'POST /api/patients/:id/status': patientCases('/status', 'POST', { status: 'withdrawn', reason: 'Moved away' }, '404 200 200 200 404 401 404', '404 200 200 404 404 401 404'),
  'POST /api/patients/:id/weights': patientCases('/weights', 'POST', { weightKg: 70.5 }, '404 201 201 404 404 401 404', '404 201 201 404 404 401 404'),
  'PUT /api/patients/:id/care-team': [
    {
      name: 'team', expect: row('200 200 404 404 404 401 404'),
      request: async (who) => ({ method: 'PUT', url: `/api/patients/${await teamPatient(who)}/care-team`, payload: { therapistIds: [ids.therapist], prescriberId: ids.prescriber } }),
    },
    {
      name: 'not team', expect: row('200 200 404 404 404 401 404'),
      request: async (who) => ({ method: 'PUT', url: `/api/patients/${await otherTeamPatient(who)}/care-team`, payload: { therapistIds: [ids.therapist2], prescriberId: ids.prescriber } }),
    },
  ],
  'POST /api/patients/:id/portal-invite': patientCases('/portal-invite', 'POST', undefined, '202 202 202 404 404 401 404', '202 202 202 404 404 401 404'),
  'GET /api/clinic': [{ name: 'own clinic', expect: row('200 200 200 200 200 401 200'), request: () => ({ method: 'GET', url: '/api/clinic' }) }],
  'PATCH /api/clinic': [{ name: 'settings', expect: row('200 403 403 403 403 401 403'), request: () => ({ method: 'PATCH', url: '/api/clinic', payload: { phone: '+1 510 555 0142' } }) }],
  'GET /api/rooms': [{ name: 'list', expect: row('200 200 200 200 403 401 200'), request: () => ({ method: 'GET', url: '/api/rooms' }) }],
  'POST /api/rooms': [{ name: 'add', expect: row('201 403 403 403 403 401 403'), request: () => ({ method: 'POST', url: '/api/rooms', payload: { name: unique('Room'), kind: 'consult' } }) }],
  'PATCH /api/rooms/:id': [{ name: 'demo room', expect: row('200 403 403 403 403 401 403'), request: () => ({ method: 'PATCH', url: `/api/rooms/${ids.room}`, payload: { capacity: 1 } }) }],
  'GET /api/staff': [{ name: 'list', expect: row('200 200 200 200 403 401 200'), request: () => ({ method: 'GET', url: '/api/staff' }) }],
  'POST /api/staff': [
    { name: 'add', expect: row('201 403 403 403 403 401 403'), request: () => ({ method: 'POST', url: '/api/staff', payload: { givenName: 'New', familyName: 'Hire', email: `${unique('hire')}@demo.tilth.test`, role: 'nurse' } }) },
  ],
  'PATCH /api/staff/:id': [
    { name: 'other staff member', expect: row('200 403 403 403 403 401 403'), request: () => ({ method: 'PATCH', url: `/api/staff/${ids.therapist2}`, payload: { phone: '+1 510 555 0177' } }) },
  ],
  'POST /api/staff/:id/credentials': [
    {
      name: 'add licence', expect: row('201 403 403 403 403 401 403'),
      request: () => ({ method: 'POST', url: `/api/staff/${ids.therapist2}/credentials`, payload: { licenceType: 'LCSW', licenceNumber: unique('L'), issuingState: 'CA', expiresOn: '2030-01-01' } }),
    },
  ],
  'DELETE /api/staff/:id/credentials/:credentialId': [
    {
      name: 'fresh licence', expect: row('200 403 403 403 403 401 403'),
      request: async () => {
        const id = newId();
        await insertCredential(t.database.db, { clinicId: t.demoClinicId, id, staffId: ids.therapist2, licenceType: 'X', licenceNumber: unique('L'), issuingState: 'CA', createdAt: toDate(t.clock.now) });
        return { method: 'DELETE', url: `/api/staff/${ids.therapist2}/credentials/${id}` };
      },
    },
  ],
  'GET /api/audit-events': [{ name: 'trail', expect: row('200 403 403 403 403 401 403'), request: () => ({ method: 'GET', url: '/api/audit-events?limit=5' }) }],
  'GET /api/outbox': [{ name: 'messages', expect: row('200 403 403 403 403 401 403'), request: () => ({ method: 'GET', url: '/api/outbox' }) }],
  'POST /api/outbox/:id/retry': [
    {
      name: 'failed message', expect: row('204 403 403 403 403 401 403'),
      request: async () => {
        const id = newId();
        const at = toDate(t.clock.now);
        await enqueueMessage(t.database.db, { clinicId: t.demoClinicId, id, kind: 'test', recipient: 'x@example.org', subject: 'S', bodyText: 'B', status: 'failed', nextAttemptAt: at, createdAt: at });
        return { method: 'POST', url: `/api/outbox/${id}/retry` };
      },
    },
  ],
};
const env: MatrixEnv = {
  t: () => t,
  ids: () => ids,
  session: (who) => sessions.get(who)!,
  teamPatient,
  otherTeamPatient,
  patientCases,
};
const MATRIX: Record<string, Case[]> = { ...CORE_MATRIX, ...featureMatrices(env) };

/**
 * Runs shard `shard` of `shards` of the matrix's rows (by position, so new routes spread across the files by
 * themselves); shard 0 also checks that every route has a row and that state-changing routes need the CSRF token.
 * Each shard is its own test file with its own app, so Vitest runs them side by side.
 */
export function runAccessMatrix(shard: number, shards: number): void {
  beforeAll(async () => {
    t = await createTestApp();
    // A second instance on the same database, only to list the routes as they register.
    if (shard === 0) {
      const probe = await buildApp(t.deps, {
        onRoute: (route) => {
          for (const method of [route.method].flat()) if (method !== 'HEAD') routes.add(`${method} ${route.url}`);
        },
      });
      await probe.ready();
      await probe.close();
    }
    other = await createOtherClinic(t);
    for (const who of WHO) if (who !== 'anonymous') sessions.set(who, await t.signIn(emailOf(who)));
    const p1 = sessions.get('patient')!.user.patientId!;
    const p2 = (await t.signIn(DEMO.patient2)).user.patientId!;
    const t2 = (await t.signIn(DEMO.therapist2)).user.staffId!;
    const rooms = await listRooms(t.database.db, t.demoClinicId);
    ids = { therapist: sessions.get('therapist')!.user.staffId!, therapist2: t2, prescriber: sessions.get('prescriber')!.user.staffId!, patient1: p1, patient2: p2, room: rooms[0]!.id };
  });
  afterAll(() => t.close());

  const isApiRoute = (key: string) => {
    const path = key.split(' ')[1]!;
    return path.startsWith('/api/') && path !== '/api/docs' && !path.startsWith('/api/docs/');
  };

  describe(`access matrix (part ${shard + 1} of ${shards})`, () => {
    if (shard === 0) it('has a row for every API route, and every row is a real route', () => {
      const apiRoutes = [...routes].filter(isApiRoute).sort();
      expect(apiRoutes.length).toBeGreaterThan(25);
      const missing = apiRoutes.filter((r) => !(r in MATRIX) || MATRIX[r]!.length === 0);
      expect(missing, 'routes without a row in the access matrix').toEqual([]);
      expect(Object.keys(MATRIX).filter((r) => !routes.has(r)), 'rows for routes that do not exist').toEqual([]);
    });

    for (const [route, cases] of Object.entries(MATRIX).filter((_, i) => i % shards === shard)) {
      for (const c of cases) {
        it(`${route} (${c.name})`, async () => {
          const actual = {} as Expected;
          for (const who of WHO) {
            const session = who === 'anonymous' ? null : c.freshSession ? await t.signIn(emailOf(who)) : sessions.get(who)!;
            const res = await t.call(session, await c.request(who));
            actual[who] = res.statusCode;
            if (res.statusCode >= 500) throw new Error(`${route} as ${who}: ${res.statusCode} ${res.body}`);
            await c.after?.(who, res.statusCode);
          }
          expect(actual).toEqual(c.expect);
        });
      }
    }

    if (shard === 0) it('requires the CSRF token on every state-changing route except signing in and password reset', async () => {
      const nurse = await t.signIn(DEMO.nurse);
      const exempt = new Set(['POST /api/session', 'POST /api/password-reset', 'POST /api/password-reset/complete']);
      const changing = [...routes].filter((r) => isApiRoute(r) && /^(POST|PUT|PATCH|DELETE) /.test(r) && !exempt.has(r));
      expect(changing.length).toBeGreaterThan(15);
      for (const r of changing) {
        const [method, path] = r.split(' ') as [InjectOptions['method'], string];
        const url = path.replace(/:[A-Za-z]+/g, newId());
        const res = await t.call(nurse, { method, url, payload: {}, headers: { 'x-csrf-token': '' } });
        expect({ r, status: res.statusCode, code: (res.json() as { error?: { code: string } }).error?.code }).toEqual({ r, status: 403, code: 'CSRF_TOKEN_MISSING' });
      }
    });
  });
}
