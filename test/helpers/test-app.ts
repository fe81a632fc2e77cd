/**
 * The real app on a real test database with the demo clinic seeded, and helpers to sign in and call it through
 * Fastify's inject. The clock is controllable so tests can move time (session expiry, throttling).
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app';
import { loadConfig, type Config } from '../../src/server/config';
import type { AppDeps } from '../../src/server/deps';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/demo/seed-demo';
import { loadCommonPasswords } from '../../src/server/passwords';
import { createTestDatabase, type TestDatabase } from './test-db';

export interface TestClock {
  now: Temporal.Instant;
  advance(duration: Temporal.DurationLike): void;
}

export interface Session {
  cookie: string;
  csrfToken: string;
  user: { id: string; role: string; clinicId: string; patientId?: string; staffId?: string };
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  database: TestDatabase;
  clock: TestClock;
  demoClinicId: string;
  signIn(email: string, password?: string): Promise<Session>;
  /** Signs in several accounts at once; the sessions come back in the same order. */
  signInAll<T extends readonly string[]>(...emails: T): Promise<{ -readonly [K in keyof T]: Session }>;
  /** Calls the API as `session` (or anonymously), adding the cookie and CSRF header. */
  call(session: Session | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let commonPasswords: ReadonlySet<string> | undefined;

/** A fixed test key for psychotherapy notes (tests of rotation pass their own). */
export const TEST_NOTE_KEYS = `test1:${Buffer.alloc(32, 7).toString('base64')}`;

export async function createTestApp(options: { env?: Record<string, string>; seed?: boolean } = {}): Promise<TestApp> {
  const seed = options.seed !== false;
  const database = await createTestDatabase({ seeded: seed });
  const clock: TestClock = {
    // The demo clinic was seeded once per run at `seededAt`: time starts there, as if it had been seeded just now.
    now: seed ? Temporal.Instant.from(inject('seededAt')) : Temporal.Now.instant(),
    advance(duration) {
      this.now = this.now.add(Temporal.Duration.from(duration));
    },
  };
  const config: Config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000', PSYCHOTHERAPY_NOTE_KEYS: TEST_NOTE_KEYS, ...options.env });
  commonPasswords ??= loadCommonPasswords();
  const deps: AppDeps = { database, config, clock: () => clock.now, commonPasswords, webRoot: undefined };
  // Finds the demo clinic already in the seeded template (seeding only if it is not there).
  const seeded = seed ? await seedDemo(database, deps.clock) : null;
  const app = await buildApp(deps);
  await app.ready();

  const call: TestApp['call'] = (session, opts) => {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined) };
    if (session) {
      headers.cookie = session.cookie;
      if (!('x-csrf-token' in headers)) headers['x-csrf-token'] = session.csrfToken;
    }
    return app.inject({ ...opts, headers });
  };

  const signIn: TestApp['signIn'] = async (email, password = DEMO_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
    const setCookie = res.cookies.find((c) => c.name === 'tilth_session');
    const body = res.json() as { csrfToken: string; user: Session['user'] };
    return { cookie: `tilth_session=${setCookie!.value}`, csrfToken: body.csrfToken, user: body.user };
  };

  const signInAll = (<T extends readonly string[]>(...emails: T) =>
    Promise.all(emails.map((e) => signIn(e)))) as TestApp['signInAll'];

  return {
    app,
    deps,
    database,
    clock,
    demoClinicId: seeded?.clinicId ?? '',
    signIn,
    signInAll,
    call,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
