/**
 * Load against the running server: autocannon closed loops (N connections, each sending its next request when the
 * previous one is answered), autocannon's fixed overall rate, and an open-loop generator with Poisson arrivals whose
 * latencies count from when each request was due (so a slow server cannot hide its queue).
 */
import http from 'node:http';
import autocannon, { type Request as AcRequest } from 'autocannon';
import type { Scenario } from './scenarios';
import { nowMs, rng, Samples, type LatencySummary } from './stats';

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
}

function headersFor(s: Scenario, who: Credentials | undefined): Record<string, string> {
  return {
    ...(who?.cookie ? { cookie: who.cookie } : {}),
    ...(s.body ? { 'content-type': 'application/json' } : {}),
  };
}

export async function closedLoop(
  baseUrl: string, s: Scenario, sessions: Credentials[],
  o: { connections: number; seconds: number; warmupSeconds: number; overallRate?: number; onMeasureStart?: () => void },
): Promise<HttpResult> {
  let i = 0;
  const request = {
    method: s.method,
    ...(s.body ? { body: s.body } : {}),
    setupRequest: (req: AcRequest) => {
      const n = i++;
      req.path = s.path(n);
      req.headers = headersFor(s, sessions[n % Math.max(1, sessions.length)]);
      return req;
    },
  };
  const base = { url: baseUrl, connections: o.connections, timeout: 10, requests: [request] };
  if (o.warmupSeconds > 0) await autocannon({ ...base, duration: o.warmupSeconds });

  const samples = new Samples();
  const statusCodes: Record<string, number> = {};
  o.onMeasureStart?.();
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

/** Requests arrive independently at `rate` per second on average (exponential gaps), as many users' clicks do. */
export async function openLoop(
  baseUrl: string, s: Scenario, sessions: Credentials[],
  o: { rate: number; seconds: number; warmupSeconds: number; seed: number; onMeasureStart?: () => void },
): Promise<HttpResult> {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const random = rng(o.seed);
  const samples = new Samples();
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let non2xx = 0;
  let inFlight = 0;
  let n = 0;

  const send = (due: number, measured: boolean) => {
    const i = n++;
    inFlight++;
    const req = http.request(
      { host: url.hostname, port: url.port, method: s.method, path: s.path(i), headers: headersFor(s, sessions[i % Math.max(1, sessions.length)]), agent },
      (res) => {
        res.resume();
        res.on('end', () => {
          inFlight--;
          const status = res.statusCode ?? 0;
          if (!measured) return;
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
          if (status >= 200 && status < 300) samples.add(nowMs() - due);
          else non2xx++;
        });
      },
    );
    req.on('error', () => {
      inFlight--;
      if (measured) errors++;
    });
    if (s.body) req.end(s.body);
    else req.end();
  };

  const run = (seconds: number, measured: boolean) =>
    new Promise<void>((resolve) => {
      const start = nowMs();
      const end = start + seconds * 1000;
      let due = start;
      const tick = () => {
        const now = nowMs();
        while (due <= now && due < end) {
          send(due, measured);
          due += (-Math.log(1 - random()) * 1000) / o.rate;
        }
        if (due >= end) {
          const wait = () => (inFlight === 0 || nowMs() > end + 10_000 ? resolve() : setTimeout(wait, 5));
          wait();
          return;
        }
        setTimeout(tick, Math.max(0, Math.min(1, due - nowMs())));
      };
      tick();
    });

  await run(o.warmupSeconds, false);
  o.onMeasureStart?.();
  await run(o.seconds, true);
  agent.destroy();
  return { ...samples.summary(o.seconds), connections: 0, non2xx, errors, statusCodes, targetRate: o.rate };
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
