/** The optional TOTP second factor for staff, and enrolment forced on administrators when the clinic requires it. */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { addStaff, DEMO, epochOf, expectError, fieldPaths, sessionOf, signInRaw, totpCode } from './support';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function enrol(session: Session): Promise<string> {
  const started = await t.call(session, { method: 'POST', url: '/api/me/totp' });
  expect(started.statusCode, started.body).toBe(200);
  const { secret } = started.json() as { secret: string };
  const confirmed = await t.call(session, { method: 'POST', url: '/api/me/totp/confirm', payload: { code: await totpCode(t, secret) } });
  expect(confirmed.statusCode, confirmed.body).toBe(204);
  return secret;
}
const me = async (s: Session) => (await t.call(s, { method: 'GET', url: '/api/me' })).json() as { totpEnabled: boolean; mustEnrollTotp: boolean };

describe('TOTP for staff', () => {
  it('sets up with a secret and an otpauth URI, and turns on only with a current code', async () => {
    const nurse = await t.signIn(DEMO.nurse);
    const started = await t.call(nurse, { method: 'POST', url: '/api/me/totp' });
    expect(started.statusCode).toBe(200);
    const { secret, uri } = started.json() as { secret: string; uri: string };
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=Tilth');

    const stale = await generate({ secret, epoch: epochOf(t) - 120 });
    const err = expectError(await t.call(nurse, { method: 'POST', url: '/api/me/totp/confirm', payload: { code: stale } }), 401, 'TOTP_INVALID');
    expect(fieldPaths(err)).toEqual(['code']);
    expect((await me(nurse)).totpEnabled).toBe(false);
    expect(fieldPaths(expectError(await t.call(nurse, { method: 'POST', url: '/api/me/totp/confirm', payload: { code: '12ab56' } }), 400, 'VALIDATION_FAILED'))).toEqual(['code']);

    const ok = await t.call(nurse, { method: 'POST', url: '/api/me/totp/confirm', payload: { code: await totpCode(t, secret) } });
    expect(ok.statusCode).toBe(204);
    expect((await me(nurse)).totpEnabled).toBe(true);
    // A second set-up cannot silently replace the enrolled secret.
    expectError(await t.call(nurse, { method: 'POST', url: '/api/me/totp' }), 409, 'CONFLICT');
  });

  it('then asks for a code at sign-in: TOTP_REQUIRED without one, TOTP_INVALID for a wrong or old one', async () => {
    const therapist = await t.signIn(DEMO.therapist);
    const secret = await enrol(therapist);
    const body = { email: DEMO.therapist, password: DEMO_PASSWORD };

    const required = await signInRaw(t, body);
    expect(fieldPaths(expectError(required, 401, 'TOTP_REQUIRED'))).toEqual(['totp']);
    expect(required.cookies).toHaveLength(0);
    const wrongCode = (await totpCode(t, secret)) === '000000' ? '111111' : '000000';
    expectError(await signInRaw(t, { ...body, totp: wrongCode }), 401, 'TOTP_INVALID');
    expectError(await signInRaw(t, { ...body, totp: await generate({ secret, epoch: epochOf(t) - 120 }) }), 401, 'TOTP_INVALID');
    // A right code with a wrong password is still just wrong credentials.
    expectError(await signInRaw(t, { ...body, password: 'not the password', totp: await totpCode(t, secret) }), 401, 'INVALID_CREDENTIALS');

    // The code that confirmed enrolment was used: it is not accepted again (replay protection).
    expectError(await signInRaw(t, { ...body, totp: await totpCode(t, secret) }), 401, 'TOTP_INVALID');
    t.clock.advance({ seconds: 30 });
    const code = await totpCode(t, secret);
    const signedIn = sessionOf(await signInRaw(t, { ...body, totp: code }));
    expect(signedIn.user.role).toBe('therapist');
    expectError(await signInRaw(t, { ...body, totp: code }), 401, 'TOTP_INVALID');
    // Asking for the code is not a failure: the two-step form may do it any number of times.
    for (let i = 0; i < 6; i++) expectError(await signInRaw(t, body), 401, 'TOTP_REQUIRED');
    t.clock.advance({ seconds: 30 });
    expect((await signInRaw(t, { ...body, totp: await totpCode(t, secret) })).statusCode).toBe(200);
  });

  it('counts wrong codes towards the account lock', async () => {
    const staff = await addStaff(t, t.demoClinicId, 'prescriber');
    const secret = await enrol(await t.signIn(staff.email));
    const body = { email: staff.email, password: DEMO_PASSWORD };
    const wrongCode = (await totpCode(t, secret)) === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expectError(await signInRaw(t, { ...body, totp: wrongCode }), 401, 'TOTP_INVALID');
    expectError(await signInRaw(t, { ...body, totp: await totpCode(t, secret) }), 429, 'SIGN_IN_THROTTLED');
  });

  it('turns off with a current code, after which sign-in needs the password only', async () => {
    const staff = await addStaff(t, t.demoClinicId, 'nurse');
    const session = await t.signIn(staff.email);
    const secret = await enrol(session);
    const wrongCode = (await totpCode(t, secret)) === '000000' ? '111111' : '000000';
    expectError(await t.call(session, { method: 'DELETE', url: '/api/me/totp', payload: { code: wrongCode } }), 401, 'TOTP_INVALID');
    expect((await me(session)).totpEnabled).toBe(true);
    t.clock.advance({ seconds: 30 });
    expect((await t.call(session, { method: 'DELETE', url: '/api/me/totp', payload: { code: await totpCode(t, secret) } })).statusCode).toBe(204);
    expect((await signInRaw(t, { email: staff.email, password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it('is not offered to patients', async () => {
    const patient = await t.signIn(DEMO.patient1);
    expectError(await t.call(patient, { method: 'POST', url: '/api/me/totp' }), 403, 'FORBIDDEN');
    expectError(await t.call(patient, { method: 'POST', url: '/api/me/totp/confirm', payload: { code: '123456' } }), 403, 'FORBIDDEN');
    expectError(await t.call(patient, { method: 'DELETE', url: '/api/me/totp', payload: { code: '123456' } }), 403, 'FORBIDDEN');
  });
});

describe('TOTP required for administrators', () => {
  it('forces enrolment on admins, including sessions already open, and nobody else', async () => {
    const admin = await t.signIn(DEMO.admin);
    const secondAdmin = await addStaff(t, t.demoClinicId, 'admin');
    const openBefore = await t.signIn(secondAdmin.email);
    const prescriber = await t.signIn(DEMO.prescriber);

    const turnedOn = await t.call(admin, { method: 'PATCH', url: '/api/clinic', payload: { settings: { requireAdminTotp: true } } });
    expect(turnedOn.statusCode).toBe(200);
    expect((turnedOn.json() as { settings: { requireAdminTotp: boolean } }).settings.requireAdminTotp).toBe(true);

    // A fresh sign-in says so, and everything but enrolment, /api/me and signing out is refused.
    const fresh = await signInRaw(t, { email: DEMO.admin, password: DEMO_PASSWORD });
    expect((fresh.json() as { mustEnrollTotp: boolean }).mustEnrollTotp).toBe(true);
    const restricted = sessionOf(fresh);
    for (const s of [restricted, admin, openBefore]) {
      expectError(await t.call(s, { method: 'GET', url: '/api/patients' }), 403, 'TOTP_ENROLLMENT_REQUIRED');
      expectError(await t.call(s, { method: 'GET', url: '/api/audit-events' }), 403, 'TOTP_ENROLLMENT_REQUIRED');
      expectError(await t.call(s, { method: 'PATCH', url: '/api/clinic', payload: { settings: { requireAdminTotp: false } } }), 403, 'TOTP_ENROLLMENT_REQUIRED');
      expect((await me(s)).mustEnrollTotp).toBe(true);
    }
    // Other roles are not affected.
    expect((await t.call(prescriber, { method: 'GET', url: '/api/patients' })).statusCode).toBe(200);

    const secret = await enrol(restricted);
    expect((await t.call(restricted, { method: 'GET', url: '/api/patients' })).statusCode).toBe(200);
    expect((await me(admin)).mustEnrollTotp).toBe(false);
    expect((await t.call(admin, { method: 'GET', url: '/api/audit-events' })).statusCode).toBe(200);
    expectError(await t.call(openBefore, { method: 'GET', url: '/api/patients' }), 403, 'TOTP_ENROLLMENT_REQUIRED');

    // An admin cannot turn the factor off while the clinic requires it, and sign-in now needs the code.
    t.clock.advance({ seconds: 30 });
    expectError(await t.call(admin, { method: 'DELETE', url: '/api/me/totp', payload: { code: await totpCode(t, secret) } }), 403, 'FORBIDDEN');
    expectError(await signInRaw(t, { email: DEMO.admin, password: DEMO_PASSWORD }), 401, 'TOTP_REQUIRED');
    const signedOut = await t.call(openBefore, { method: 'DELETE', url: '/api/session' });
    expect(signedOut.statusCode).toBe(204);
  });
});
