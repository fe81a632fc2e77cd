/** Sign-in throttling per account and per IP address, and the general rate limit counted in the database. */
import { eq, like } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimits, signInThrottle } from '../../src/db/schema';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { DEMO, expectError, sessionOf, signInRaw } from './support';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let ipCounter = 10;
const freshIp = () => `203.0.113.${ipCounter++}`;
const attempt = (email: string, password: string, ip: string) => signInRaw(t, { email, password }, { remoteAddress: ip });

function expectThrottled(res: Awaited<ReturnType<typeof attempt>>, maxSeconds: number) {
  const err = expectError(res, 429, 'SIGN_IN_THROTTLED');
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(err.message).toMatch(/Try again in \d+ minutes?/);
  expect(res.cookies).toHaveLength(0);
}

describe('sign-in throttling per account', () => {
  it('locks an account for 15 minutes after 5 failures, even for the right password, and lifts the lock afterwards', async () => {
    const ip = freshIp();
    for (let i = 1; i <= 5; i++) expectError(await attempt(DEMO.nurse, `wrong password ${i}`, ip), 401, 'INVALID_CREDENTIALS');
    const locked = await attempt(DEMO.nurse, DEMO_PASSWORD, ip);
    expectThrottled(locked, 15 * 60);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    // The lock is on the account: another address is refused too, and other accounts are not affected.
    expectThrottled(await attempt(DEMO.nurse, DEMO_PASSWORD, freshIp()), 15 * 60);
    expect((await attempt(DEMO.prescriber, DEMO_PASSWORD, ip)).statusCode).toBe(200);

    t.clock.advance({ minutes: 14 });
    const later = await attempt(DEMO.nurse, DEMO_PASSWORD, ip);
    expectThrottled(later, 60);
    t.clock.advance({ minutes: 1, seconds: 1 });
    expect((await attempt(DEMO.nurse, DEMO_PASSWORD, ip)).statusCode).toBe(200);
  });

  it('lets a burst of concurrent attempts check no more passwords than the limit', async () => {
    const ip = freshIp();
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(DEMO.patient2, `burst guess ${i}`, i % 2 ? ip : freshIp())));
    const statuses = burst.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(t.deps.config.signIn.maxFailures);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - t.deps.config.signIn.maxFailures);
    expectThrottled(await attempt(DEMO.patient2, DEMO_PASSWORD, freshIp()), 15 * 60);
    t.clock.advance({ minutes: 16 });
    expect((await attempt(DEMO.patient2, DEMO_PASSWORD, freshIp())).statusCode).toBe(200);
  });

  it('throttles an unknown email exactly like a real one (no account discovery)', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expectError(await attempt('ghost@demo.tilth.test', 'whatever-it-is', ip), 401, 'INVALID_CREDENTIALS');
    expectThrottled(await attempt('ghost@demo.tilth.test', 'whatever-it-is', ip), 15 * 60);
  });

  it('counts the same account whatever case the email is typed in', async () => {
    const ip = freshIp();
    const spellings = ['Therapist@demo.tilth.test', 'THERAPIST@DEMO.TILTH.TEST', ' therapist@demo.tilth.test', 'therapist@Demo.tilth.test', 'therapist@demo.TILTH.test'];
    for (const email of spellings) expectError(await attempt(email, 'not it', ip), 401, 'INVALID_CREDENTIALS');
    expectThrottled(await attempt(DEMO.therapist, DEMO_PASSWORD, ip), 15 * 60);
    t.clock.advance({ minutes: 16 });
  });

  it('starts counting again after a successful sign-in', async () => {
    const ip = freshIp();
    for (let i = 0; i < 4; i++) expectError(await attempt(DEMO.therapist2, 'not it', ip), 401, 'INVALID_CREDENTIALS');
    expect((await attempt(DEMO.therapist2, DEMO_PASSWORD, ip)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expectError(await attempt(DEMO.therapist2, 'not it', ip), 401, 'INVALID_CREDENTIALS');
    expect((await attempt(DEMO.therapist2, DEMO_PASSWORD, ip)).statusCode).toBe(200);
  });
});

describe('sign-in throttling per IP address', () => {
  it('counts failures, not successful sign-ins, against the address', async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i++) expectError(await attempt(`nobody-${i}@demo.tilth.test`, 'not it at all', ip), 401, 'INVALID_CREDENTIALS');
    for (let i = 0; i < 3; i++) expect((await attempt(DEMO.admin, DEMO_PASSWORD, ip)).statusCode).toBe(200);
    const [row] = await t.database.db.select().from(signInThrottle).where(eq(signInThrottle.key, `ip:${ip}`));
    expect(row?.failures).toBe(3);
    expect(await t.database.db.select().from(signInThrottle).where(eq(signInThrottle.key, `account:${DEMO.admin}`))).toHaveLength(0);
  });

  it('locks an address that fails across many accounts, and only that address', async () => {
    const ip = freshIp();
    const limit = t.deps.config.signIn.ipMaxFailures;
    for (let i = 0; i < limit; i++) {
      // A different account each time, so no single account reaches its own limit.
      expectError(await attempt(`spray-${i}@demo.tilth.test`, 'password123456', ip), 401, 'INVALID_CREDENTIALS');
    }
    expectThrottled(await attempt(DEMO.patient1, DEMO_PASSWORD, ip), 15 * 60);
    expect((await attempt(DEMO.patient1, DEMO_PASSWORD, freshIp())).statusCode).toBe(200);
    t.clock.advance({ minutes: 15, seconds: 1 });
    expect((await attempt(DEMO.patient1, DEMO_PASSWORD, ip)).statusCode).toBe(200);
  });
});

describe('behind a proxy (TRUST_PROXY=true)', () => {
  it('takes the address the proxy saw, so a client cannot dodge the address lock with X-Forwarded-For', async () => {
    const proxied = await buildApp({ ...t.deps, config: { ...t.deps.config, trustProxy: true } });
    try {
      const client = '198.51.100.7';
      const viaProxy = (email: string, password: string, forged: string) =>
        proxied.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': `${forged}, ${client}` } });
      for (let i = 0; i < t.deps.config.signIn.ipMaxFailures; i++) {
        expectError(await viaProxy(`proxied-${i}@demo.tilth.test`, 'not it at all', `192.0.2.${i}`), 401, 'INVALID_CREDENTIALS');
      }
      expectThrottled(await viaProxy(DEMO.prescriber, DEMO_PASSWORD, '192.0.2.250'), 15 * 60);
    } finally {
      await proxied.close();
    }
  });
});

describe('general rate limit', () => {
  const LIMIT = 5;
  let limited: FastifyInstance;
  let limitedTwin: FastifyInstance;
  beforeAll(async () => {
    // Two instances on the same database with a small limit: the counters are rows in rate_limits, shared by both.
    const deps = { ...t.deps, config: loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: String(LIMIT) }) };
    expect(deps.config.rateLimitPerMinute).toBe(LIMIT);
    limited = await buildApp(deps);
    limitedTwin = await buildApp(deps);
  });
  afterAll(async () => {
    await limited.close();
    await limitedTwin.close();
  });

  it('answers 429 RATE_LIMITED with Retry-After once a session passes the limit, counting across instances', async () => {
    const s = sessionOf(await limited.inject({ method: 'POST', url: '/api/session', payload: { email: DEMO.admin, password: DEMO_PASSWORD }, remoteAddress: freshIp() }));
    const get = (app: FastifyInstance) => app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } });
    for (let i = 0; i < LIMIT; i++) expect((await get(i % 2 ? limited : limitedTwin)).statusCode).toBe(200);
    const over = await get(limited);
    expectError(over, 429, 'RATE_LIMITED');
    const retryAfter = Number(over.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await get(limitedTwin)).statusCode).toBe(429);
    // Another session has its own counter; the session's counter is keyed by a hash, never the token itself.
    const other = sessionOf(await limited.inject({ method: 'POST', url: '/api/session', payload: { email: DEMO.nurse, password: DEMO_PASSWORD }, remoteAddress: freshIp() }));
    expect((await limited.inject({ method: 'GET', url: '/api/me', headers: { cookie: other.cookie } })).statusCode).toBe(200);
    const token = s.cookie.split('.')[1]!;
    const rows = await t.database.db.select().from(rateLimits).where(like(rateLimits.key, '%s:%'));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) expect(r.key).not.toContain(token.slice(0, 8));
    // The window ends: requests pass again.
    t.clock.advance({ seconds: 61 });
    expect((await get(limited)).statusCode).toBe(200);
  });

  it('counts anonymous callers per address, and a made-up cookie does not buy a fresh counter', async () => {
    const ip = freshIp();
    const fakeCookie = () => `tilth_session=${t.demoClinicId}.${Math.random().toString(36).slice(2).padEnd(24, 'x')}`;
    const hit = (url = '/api/session') => limited.inject({ method: 'POST', url, payload: {}, remoteAddress: ip, headers: { cookie: fakeCookie() } });
    for (let i = 0; i < LIMIT; i++) expect((await hit()).statusCode).toBe(400);
    expectError(await hit(), 429, 'RATE_LIMITED');
    // A percent-encoded path reaches the same route and the same counter.
    expectError(await hit('/%61pi/session'), 429, 'RATE_LIMITED');
    // Health checks are never limited; another address is not affected.
    expect((await limited.inject({ method: 'GET', url: '/api/health', remoteAddress: ip })).statusCode).toBe(200);
    expect((await limited.inject({ method: 'POST', url: '/api/session', payload: {}, remoteAddress: freshIp() })).statusCode).toBe(400);
  });

  it('limits password-reset requests per address to 10 a minute (no mail bombing)', async () => {
    const ip = freshIp();
    const ask = () => t.app.inject({ method: 'POST', url: '/api/password-reset', payload: { email: DEMO.patient2 }, remoteAddress: ip });
    for (let i = 0; i < 10; i++) expect((await ask()).statusCode).toBe(202);
    const over = await ask();
    expectError(over, 429, 'RATE_LIMITED');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  });
});
