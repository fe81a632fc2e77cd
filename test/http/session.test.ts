/** Signing in and out, the session cookie, idle and absolute expiry, CSRF, and sessions shared by app instances. */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/db/database';
import { sessions } from '../../src/db/schema';
import { buildApp } from '../../src/server/app';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { DEMO, expectError, fieldPaths, sessionOf, signInRaw } from './support';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const me = (s: Session | null) => t.call(s, { method: 'GET', url: '/api/me' });
const sessionCount = async (userId: string) => (await t.database.db.select().from(sessions).where(eq(sessions.userId, userId))).length;

describe('signing in', () => {
  it('answers the user and a CSRF token, and sets an HttpOnly SameSite=Lax cookie (not Secure over plain HTTP)', async () => {
    const res = await signInRaw(t, { email: DEMO.nurse, password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user).toMatchObject({ role: 'nurse', clinicId: t.demoClinicId });
    expect(body.user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.user).not.toHaveProperty('patientId');
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
    const cookie = res.cookies.find((c) => c.name === 'tilth_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    // The cookie carries a random token, not the CSRF token or anything guessable.
    expect(cookie.value).not.toContain(body.csrfToken);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('gives a patient their patientId, and accepts the email in any case', async () => {
    const res = await signInRaw(t, { email: '  Patient1@Demo.Tilth.Test ', password: DEMO_PASSWORD });
    const body = res.json() as { user: { role: string; patientId?: string } };
    expect(res.statusCode).toBe(200);
    expect(body.user.role).toBe('patient');
    expect(body.user.patientId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('marks the cookie Secure behind a TLS-terminating proxy when trustProxy is on, and only then', async () => {
    const proxied = await buildApp({ ...t.deps, config: { ...t.deps.config, trustProxy: true } });
    try {
      const payload = { email: DEMO.therapist, password: DEMO_PASSWORD };
      const viaTls = await proxied.inject({ method: 'POST', url: '/api/session', payload, headers: { 'x-forwarded-proto': 'https' } });
      expect(viaTls.cookies.find((c) => c.name === 'tilth_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
      const plain = await proxied.inject({ method: 'POST', url: '/api/session', payload });
      expect(plain.cookies.find((c) => c.name === 'tilth_session')!.secure).toBeFalsy();
    } finally {
      await proxied.close();
    }
    // Without trustProxy a client cannot claim TLS with a header.
    const spoofed = await signInRaw(t, { email: DEMO.therapist, password: DEMO_PASSWORD }, { headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.cookies.find((c) => c.name === 'tilth_session')!.secure).toBeFalsy();
  });

  it('answers the same 401 INVALID_CREDENTIALS for an unknown email and a wrong password, without a cookie', async () => {
    const unknown = await signInRaw(t, { email: 'nobody-here@demo.tilth.test', password: DEMO_PASSWORD });
    const wrong = await signInRaw(t, { email: DEMO.prescriber, password: 'not the password at all' });
    expectError(unknown, 401, 'INVALID_CREDENTIALS');
    expectError(wrong, 401, 'INVALID_CREDENTIALS');
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.cookies).toHaveLength(0);
    expect(wrong.cookies).toHaveLength(0);
  });

  it('refuses a malformed sign-in body with field paths', async () => {
    const err = expectError(await signInRaw(t, { email: 'x', password: '' }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('answers /api/me for the signed-in user and 401 UNAUTHENTICATED without a cookie', async () => {
    const nurse = await t.signIn(DEMO.nurse);
    const res = await me(nurse);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: nurse.user.id, role: 'nurse', clinicId: t.demoClinicId }, csrfToken: nurse.csrfToken, email: DEMO.nurse, name: 'Sam Okafor' });
    expectError(await me(null), 401, 'UNAUTHENTICATED');
  });

  it('rejects a tampered cookie or a real token presented under another clinic id', async () => {
    const nurse = await t.signIn(DEMO.nurse);
    const [clinicId, token] = nurse.cookie.replace('tilth_session=', '').split('.') as [string, string];
    const flipped = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await me({ ...nurse, cookie: `tilth_session=${clinicId}.${flipped}` })).statusCode).toBe(401);
    expect((await me({ ...nurse, cookie: `tilth_session=00000000-0000-4000-8000-000000000000.${token}` })).statusCode).toBe(401);
    expect((await me({ ...nurse, cookie: 'tilth_session=garbage' })).statusCode).toBe(401);
    expect((await me(nurse)).statusCode).toBe(200);
  });
});

describe('signing out', () => {
  it('ends the session in the database and clears the cookie', async () => {
    const therapist = await t.signIn(DEMO.therapist);
    const before = await sessionCount(therapist.user.id);
    const res = await t.call(therapist, { method: 'DELETE', url: '/api/session' });
    expect(res.statusCode).toBe(204);
    const cleared = res.cookies.find((c) => c.name === 'tilth_session')!;
    expect(cleared.value).toBe('');
    expect(await sessionCount(therapist.user.id)).toBe(before - 1);
    expectError(await me(therapist), 401, 'SESSION_EXPIRED');
  });
});

describe('session lifetime', () => {
  it('ends a staff session after 30 minutes idle, but not while it is used', async () => {
    const nurse = await t.signIn(DEMO.nurse);
    t.clock.advance({ minutes: 29 });
    expect((await me(nurse)).statusCode).toBe(200);
    t.clock.advance({ minutes: 29 });
    expect((await me(nurse)).statusCode).toBe(200);
    t.clock.advance({ minutes: 30 });
    const res = await me(nurse);
    expectError(res, 401, 'SESSION_EXPIRED');
    expect(res.cookies.find((c) => c.name === 'tilth_session')?.value).toBe('');
    // The expired session is gone from the database, so it stays expired.
    expectError(await me(nurse), 401, 'SESSION_EXPIRED');
  });

  it('ends a staff session after 12 hours even when it is used all along', async () => {
    const prescriber = await t.signIn(DEMO.prescriber);
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      t.clock.advance({ minutes: 25 });
      expect((await me(prescriber)).statusCode, `after ${minutes} minutes`).toBe(200);
    }
    t.clock.advance({ minutes: 25 });
    expectError(await me(prescriber), 401, 'SESSION_EXPIRED');
  });

  it('gives patients 60 minutes idle where staff get 30', async () => {
    const patient = await t.signIn(DEMO.patient1);
    const staff = await t.signIn(DEMO.therapist);
    t.clock.advance({ minutes: 45 });
    expect((await me(patient)).statusCode).toBe(200);
    expectError(await me(staff), 401, 'SESSION_EXPIRED');
    t.clock.advance({ minutes: 59 });
    expect((await me(patient)).statusCode).toBe(200);
    t.clock.advance({ minutes: 60 });
    expectError(await me(patient), 401, 'SESSION_EXPIRED');
  });

  it('ends the sessions of a deactivated staff member and refuses their sign-in', async () => {
    const admin = await t.signIn(DEMO.admin);
    const therapist2 = await t.signIn(DEMO.therapist2);
    const off = await t.call(admin, { method: 'PATCH', url: `/api/staff/${therapist2.user.staffId}`, payload: { active: false } });
    expect(off.statusCode).toBe(200);
    expect((await me(therapist2)).statusCode).toBe(401);
    expectError(await signInRaw(t, { email: DEMO.therapist2, password: DEMO_PASSWORD }), 401, 'INVALID_CREDENTIALS');
    expect((await t.call(admin, { method: 'PATCH', url: `/api/staff/${therapist2.user.staffId}`, payload: { active: true } })).statusCode).toBe(200);
    expect((await signInRaw(t, { email: DEMO.therapist2, password: DEMO_PASSWORD })).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the token (403 CSRF_TOKEN_MISSING) or with a wrong one (403 CSRF_TOKEN_INVALID), changing nothing', async () => {
    const nurse = await t.signIn(DEMO.nurse);
    const patient1 = (await t.signIn(DEMO.patient1)).user.patientId!;
    const patch = { method: 'PATCH' as const, url: `/api/patients/${patient1}`, payload: { phone: '+1 999 999 9999' } };
    expectError(await t.call(nurse, { ...patch, headers: { 'x-csrf-token': '' } }), 403, 'CSRF_TOKEN_MISSING');
    const noHeader = await t.app.inject({ ...patch, headers: { cookie: nurse.cookie } });
    expectError(noHeader, 403, 'CSRF_TOKEN_MISSING');
    expectError(await t.call(nurse, { ...patch, headers: { 'x-csrf-token': `${nurse.csrfToken.slice(0, -1)}x` } }), 403, 'CSRF_TOKEN_INVALID');
    // Another session's token does not do either.
    const other = await t.signIn(DEMO.nurse);
    expectError(await t.call(nurse, { ...patch, headers: { 'x-csrf-token': other.csrfToken } }), 403, 'CSRF_TOKEN_INVALID');
    const after = (await t.call(nurse, { method: 'GET', url: `/api/patients/${patient1}` })).json() as { phone: string };
    expect(after.phone).not.toBe('+1 999 999 9999');
    // Sign-out needs it too; reads do not.
    expectError(await t.call(nurse, { method: 'DELETE', url: '/api/session', headers: { 'x-csrf-token': '' } }), 403, 'CSRF_TOKEN_MISSING');
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: nurse.cookie } })).statusCode).toBe(200);
  });
});

describe('two app instances on one database', () => {
  let second: FastifyInstance;
  let secondDb: Database | undefined;
  beforeAll(async () => {
    // On PostgreSQL the second instance gets its own connection pool, like a second process would.
    secondDb = t.database.url ? openPostgres(t.database.url, { maxConnections: 2 }) : undefined;
    second = await buildApp({ ...t.deps, database: secondDb ?? t.database });
    await second.ready();
  });
  afterAll(async () => {
    await second.close();
    await secondDb?.close();
  });

  it('accepts on one instance a session opened on the other, and a sign-out on either ends it on both', async () => {
    const signedIn = sessionOf(await second.inject({ method: 'POST', url: '/api/session', payload: { email: DEMO.nurse, password: DEMO_PASSWORD } }));
    expect((await me(signedIn)).statusCode).toBe(200);
    const list = await second.inject({ method: 'GET', url: '/api/patients?limit=1', headers: { cookie: signedIn.cookie } });
    expect(list.statusCode).toBe(200);
    const out = await second.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: signedIn.cookie, 'x-csrf-token': signedIn.csrfToken } });
    expect(out.statusCode).toBe(204);
    expectError(await me(signedIn), 401, 'SESSION_EXPIRED');
  });
});
