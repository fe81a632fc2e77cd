/**
 * The real app, built in this process on the benchmark's database the way `src/server/main.ts` builds it (the same
 * `buildApp`, configuration from the environment's defaults, the common-password list), but with a fixed clock and
 * no background jobs; requests go through Fastify's `inject`, so routing, the session, authorization, validation,
 * planning, the transaction and the audit are all in what is timed. Only the socket is left out.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Temporal } from 'temporal-polyfill';
import type { Database } from '../../src/db/database';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { AppDeps } from '../../src/server/deps';
import { loadCommonPasswords } from '../../src/server/passwords';

export interface Session {
  cookie: string;
  csrfToken: string;
}

export interface BenchApp {
  app: FastifyInstance;
  deps: AppDeps;
  signIn(email: string, password: string): Promise<Session>;
  call(session: Session, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startApp(database: Database, clock: () => Temporal.Instant): Promise<BenchApp> {
  // The only departure from the defaults: the per-session rate limit (1,200 a minute) would stop a benchmark whose
  // clock never moves (its one-minute window never ends). The counter is still written on every request.
  const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '10000000' });
  const deps: AppDeps = { database, config, clock, commonPasswords: loadCommonPasswords(), webRoot: undefined };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    async signIn(email, password) {
      const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'tilth_session');
      return { cookie: `tilth_session=${cookie!.value}`, csrfToken: (res.json() as { csrfToken: string }).csrfToken };
    },
    call: (session, options) =>
      app.inject({ ...options, headers: { ...(options.headers as Record<string, string> | undefined), cookie: session.cookie, 'x-csrf-token': session.csrfToken } }),
    close: () => app.close(),
  };
}
