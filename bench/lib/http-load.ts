/**
 * Load against the running server: autocannon closed loops (N connections, each sending its next request when the
 * previous one is answered), autocannon's fixed overall rate, and an open-loop generator with Poisson arrivals whose
 * latencies count from when each request was due (so a slow server cannot hide its queue).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon, { type Request as AcRequest } from 'autocannon';
import { methodAt, type Scenario } from './scenarios';
import type { DoneMessage, RequestSpec, RunMessage } from './open-loop-child';
import { nowMs, Samples, type LatencySummary } from './stats';

export interface Credentials {
  cookie: string;
  csrfToken: string;
}

export interface HttpResult extends LatencySummary {
  connections: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** Requested rate (fixed-rate runs). */
  targetRate?: number;
  /** Open loop: the server fell more than a second's worth of requests behind and the run stopped early. */
  overloaded?: boolean;
  /**
   * Open loop: how the load generator (a process of its own) fared in the measured window. Its pauses (garbage
   * collection, a busy event loop) delay reading answers, and so would inflate the latencies it records.
   */
  generator?: { gcPauseMs: number; gcMaxPauseMs: number; loopDelayP99Ms: number; loopDelayMaxMs: number };
}

/** The session cookie, the CSRF token on a state-changing request, and the content type when there is a body. */
export function headersFor(method: string, body: string | undefined, who: Credentials | undefined): Record<string, string> {
  return {
    ...(who?.cookie ? { cookie: who.cookie } : {}),
    ...(who?.csrfToken && method !== 'GET' ? { 'x-csrf-token': who.csrfToken } : {}),
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
  };
}

export async function closedLoop(
  baseUrl: string, s: Scenario, sessions: Credentials[],
  o: { connections: number; seconds: number; warmupSeconds: number; overallRate?: number; onMeasureStart?: () => void | Promise<void> },
): Promise<HttpResult> {
  let i = 0;
  const request = {
    method: s.method,
    setupRequest: (req: AcRequest) => {
      const n = i++;
      const body = s.bodyFor?.(n);
      req.method = methodAt(s, n);
      req.path = s.path(n);
      req.headers = headersFor(req.method, body, sessions[n % Math.max(1, sessions.length)]);
      req.body = body;
      return req;
    },
  };
  const base = { url: baseUrl, connections: o.connections, timeout: 10, requests: [request] };
  if (o.warmupSeconds > 0) await autocannon({ ...base, duration: o.warmupSeconds });

  const samples = new Samples();
  const statusCodes: Record<string, number> = {};
  await o.onMeasureStart?.();
  const instance = autocannon({
    ...base,
    duration: o.seconds,
    ...(o.overallRate ? { overallRate: o.overallRate, ignoreCoordinatedOmission: true } : {}),
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) samples.add(responseTime);
  });
  const result = await instance;
  return {
    ...samples.summary(result.duration), connections: o.connections, non2xx: result.non2xx, errors: result.errors, statusCodes,
    ...(o.overallRate ? { targetRate: o.overallRate } : {}),
  };
}

/**
 * Requests arrive independently at `rate` per second (Poisson arrivals), as many users' clicks do. The requests are
 * prepared here and sent from a process of their own (open-loop-child.ts), whose pauses are its own and small.
 */
export async function openLoop(
  baseUrl: string, s: Scenario, sessions: Credentials[],
  o: { rate: number; seconds: number; warmupSeconds: number; seed: number; offset?: number; onMeasureStart?: () => void | Promise<void> },
): Promise<HttpResult> {
  const total = Math.round(o.rate * o.warmupSeconds) + Math.round(o.rate * o.seconds);
  const requests: RequestSpec[] = Array.from({ length: total }, (_, n) => {
    const i = (o.offset ?? 0) + n;
    const method = methodAt(s, i);
    const body = s.bodyFor?.(i);
    return { method, path: s.path(i), headers: headersFor(method, body, sessions[i % Math.max(1, sessions.length)]), body };
  });
  const child = fork(fileURLToPath(new URL('./open-loop-child.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const done = await new Promise<DoneMessage>((resolve, reject) => {
      child.on('message', (m: { type?: string }) => {
        if (m?.type === 'measure-start') {
          void Promise.resolve(o.onMeasureStart?.()).then(() => child.send({ type: 'go' }), reject);
        } else if (m?.type === 'done') resolve(m as DoneMessage);
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the load generator exited (code ${code}) before it finished`)));
      const run: RunMessage = { type: 'run', baseUrl, rate: o.rate, seconds: o.seconds, warmupSeconds: o.warmupSeconds, seed: o.seed, requests };
      child.send(run);
    });
    const samples = new Samples();
    for (const ms of done.latencies) samples.add(ms);
    return {
      ...samples.summary(done.elapsedSeconds), connections: 0, non2xx: done.non2xx, errors: done.errors, statusCodes: done.statusCodes,
      targetRate: o.rate, overloaded: done.overloaded, generator: done.generator,
    };
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

/** Signs in over HTTP: the session cookie and the CSRF token. */
export async function signInHttp(baseUrl: string, email: string, password: string): Promise<Credentials> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken: body.csrfToken };
}

/** Waits until the server answers a database round trip (/api/ready) quickly: a backlog from an overload has drained. */
export async function settle(baseUrl: string, maxSeconds = 60): Promise<void> {
  const deadline = nowMs() + maxSeconds * 1000;
  while (nowMs() < deadline) {
    const t0 = nowMs();
    try {
      await fetch(`${baseUrl}/api/ready`);
    } catch {
      /* keep waiting */
    }
    if (nowMs() - t0 < 50) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
