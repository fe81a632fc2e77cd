/** Password reset by a single-use, expiring token sent through the outbox; changing one's password. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { DEMO, expectError, fieldPaths, latestLink, signInRaw } from './support';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ask = (email: string) => t.app.inject({ method: 'POST', url: '/api/password-reset', payload: { email } });
const complete = (token: string, password: string) => t.app.inject({ method: 'POST', url: '/api/password-reset/complete', payload: { token, password } });
const messagesTo = async (email: string) => (await t.database.db.select().from(outbox).where(eq(outbox.recipient, email))).length;
const canSignIn = async (email: string, password: string) => (await signInRaw(t, { email, password })).statusCode === 200;

describe('asking for a reset link', () => {
  it('answers the same 202 whether or not the account exists, and queues a message only for a real one', async () => {
    const before = await messagesTo(DEMO.patient2);
    const known = await ask('Patient2@demo.tilth.test');
    const unknown = await ask('nobody-at-all@demo.tilth.test');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    expect(await messagesTo(DEMO.patient2)).toBe(before + 1);
    expect(await messagesTo('nobody-at-all@demo.tilth.test')).toBe(0);
    const link = await latestLink(t, DEMO.patient2);
    expect(link).toMatchObject({ kind: 'reset-password', subject: 'Reset your Tilth password' });
    expect(link.token.startsWith(`${t.demoClinicId}.`)).toBe(true);
  });

  it('needs no session or CSRF token, and refuses a malformed body', async () => {
    const err = expectError(await t.app.inject({ method: 'POST', url: '/api/password-reset', payload: { email: 1 } }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toContain('email');
  });
});

describe('completing a reset', () => {
  it('sets the new password, ends every existing session, and works once only', async () => {
    const oldSession = await t.signIn(DEMO.therapist2);
    expect((await ask(DEMO.therapist2)).statusCode).toBe(202);
    const { token } = await latestLink(t, DEMO.therapist2);
    const newPassword = 'correct horse battery staple 7';
    expect((await complete(token, newPassword)).statusCode).toBe(204);

    expectError(await t.call(oldSession, { method: 'GET', url: '/api/me' }), 401, 'SESSION_EXPIRED');
    expect(await canSignIn(DEMO.therapist2, DEMO_PASSWORD)).toBe(false);
    expect(await canSignIn(DEMO.therapist2, newPassword)).toBe(true);

    const again = expectError(await complete(token, 'yet another fine passphrase'), 400, 'TOKEN_INVALID');
    expect(fieldPaths(again)).toEqual(['token']);
    expect(await canSignIn(DEMO.therapist2, newPassword)).toBe(true);
  });

  it('lifts a sign-in lock on the account, as the lock message promises', async () => {
    const email = DEMO.patient2;
    for (let i = 0; i < 5; i++) expectError(await signInRaw(t, { email, password: `guess ${i}` }), 401, 'INVALID_CREDENTIALS');
    const locked = expectError(await signInRaw(t, { email, password: DEMO_PASSWORD }), 429, 'SIGN_IN_THROTTLED');
    expect(locked.message).toContain('reset your password');
    expect((await ask(email)).statusCode).toBe(202);
    expect((await complete((await latestLink(t, email)).token, 'my brand new passphrase')).statusCode).toBe(204);
    expect(await canSignIn(email, 'my brand new passphrase')).toBe(true);
  });

  it('refuses a token after its hour is over, changing nothing', async () => {
    expect((await ask(DEMO.nurse)).statusCode).toBe(202);
    const { token } = await latestLink(t, DEMO.nurse);
    t.clock.advance({ minutes: 61 });
    expectError(await complete(token, 'a perfectly good passphrase'), 400, 'TOKEN_INVALID');
    expect(await canSignIn(DEMO.nurse, DEMO_PASSWORD)).toBe(true);
  });

  it('refuses weak passwords with the field path, without spending the token', async () => {
    expect((await ask(DEMO.prescriber)).statusCode).toBe(202);
    const { token } = await latestLink(t, DEMO.prescriber);
    for (const weak of ['short-one', '1qaz2wsx3edc', 'aaaaaaaaaaaaaaaa', 'my prescriber password']) {
      const err = expectError(await complete(token, weak), 400, 'WEAK_PASSWORD');
      expect(fieldPaths(err), weak).toEqual(['password']);
    }
    expect(await canSignIn(DEMO.prescriber, DEMO_PASSWORD)).toBe(true);
    expect((await complete(token, 'a perfectly good passphrase')).statusCode).toBe(204);
    expect(await canSignIn(DEMO.prescriber, 'a perfectly good passphrase')).toBe(true);
  });

  it('refuses made-up and mangled tokens', async () => {
    expect((await ask(DEMO.admin)).statusCode).toBe(202);
    const { token } = await latestLink(t, DEMO.admin);
    const [clinicId, secret] = token.split('.') as [string, string];
    const mangled = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`; // never the real token
    for (const bad of [`${clinicId}.${mangled}`, `00000000-0000-4000-8000-000000000000.${secret}`, secret, 'x'.repeat(40)]) {
      expectError(await complete(bad, 'a perfectly good passphrase'), 400, 'TOKEN_INVALID');
    }
    expect(await canSignIn(DEMO.admin, DEMO_PASSWORD)).toBe(true);
  });
});

describe('changing one’s password', () => {
  it('needs the current password, checks the new one, and ends the other sessions but not this one', async () => {
    const current = await t.signIn(DEMO.patient1);
    const other = await t.signIn(DEMO.patient1);
    const change = (currentPassword: string, newPassword: string) =>
      t.call(current, { method: 'POST', url: '/api/me/password', payload: { currentPassword, newPassword } });

    const wrong = expectError(await change('not my password', 'a fine new passphrase'), 401, 'INVALID_CREDENTIALS');
    expect(fieldPaths(wrong)).toEqual(['currentPassword']);
    const weak = expectError(await change(DEMO_PASSWORD, 'qwerty123456'), 400, 'WEAK_PASSWORD');
    expect(fieldPaths(weak)).toEqual(['newPassword']);
    expect((await t.call(other, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);

    expect((await change(DEMO_PASSWORD, 'a fine new passphrase')).statusCode).toBe(204);
    expect((await t.call(current, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    expectError(await t.call(other, { method: 'GET', url: '/api/me' }), 401, 'SESSION_EXPIRED');
    expect(await canSignIn(DEMO.patient1, 'a fine new passphrase')).toBe(true);
    expect(await canSignIn(DEMO.patient1, DEMO_PASSWORD)).toBe(false);
  });
});
