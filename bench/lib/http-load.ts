/**
 * Load against the running server: autocannon closed loops (N connections, each sending its next request when the
 * previous one is answered), autocannon's fixed overall rate, and an open-loop generator with Poisson arrivals whose
 * latencies count from when each request was due (so a slow server cannot hide its queue).
 */
import http from 'node:http';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import autocannon, { type Request as AcRequest } from 'autocannon';
import { methodAt, type Scenario } from './scenarios';
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
  /** Open loop: the server fell more than a second's worth of requests behind and the run stopped early. */
  overloaded?: boolean;
  /**
   * Open loop: how the load generator itself fared in the measured window. Its pauses (garbage collection of the
   * benchmark's own heap, a busy event loop) delay reading answers, and so inflate the latencies it records.
   */
  generator?: { gcPauseMs: number; gcMaxPauseMs: number; loopDelayP99Ms: number; loopDelayMaxMs: number };
}

/** Watches this process's garbage-collection pauses and event-loop delay from `start()` to `stop()`. */
function watchGenerator() {
  let gcPauseMs = 0;
  let gcMaxPauseMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcPauseMs += e.duration;
      gcMaxPauseMs = Math.max(gcMaxPauseMs, e.duration);
    }
  });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  return {
    start() {
      gc.observe({ entryTypes: ['gc'] });
      loop.enable();
    },
    stop() {
      gc.disconnect();
      loop.disable();
      return { gcPauseMs, gcMaxPauseMs, loopDelayP99Ms: loop.percentile(99) / 1e6, loopDelayMaxMs: loop.max / 1e6 };
    },
  };
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

/** Requests arrive independently at `rate` per second (Poisson arrivals), as many users' clicks do. */
export async function openLoop(
  baseUrl: string, s: Scenario, sessions: Credentials[],
  o: { rate: number; seconds: number; warmupSeconds: number; seed: number; offset?: number; onMeasureStart?: () => void | Promise<void> },
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
  let lastDone = 0;
  let overloaded = false;

  const send = (due: number, measured: boolean) => {
    const i = (o.offset ?? 0) + n++;
    inFlight++;
    const method = methodAt(s, i);
    const body = s.bodyFor?.(i);
    const req = http.request(
      { host: url.hostname, port: url.port, method, path: s.path(i), headers: headersFor(method, body, sessions[i % Math.max(1, sessions.length)]), agent },
      (res) => {
        res.resume();
        res.on('end', () => {
          inFlight--;
          const status = res.statusCode ?? 0;
          if (!measured) return;
          lastDone = nowMs();
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
    if (body !== undefined) req.end(body);
    else req.end();
  };

  const run = (seconds: number, measured: boolean) =>
    new Promise<void>((resolve) => {
      const start = nowMs();
      const end = start + seconds * 1000;
      // Exactly rate × seconds arrivals at independent uniform times: a Poisson process given its count, so every
      // run offers the requested rate (a free-running one would offer a few per cent more or less, seed by seed).
      const offsets = Array.from({ length: Math.round(o.rate * seconds) }, () => random() * seconds * 1000).sort((a, b) => a - b);
      let next = 0;
      let due = offsets.length ? start + offsets[0]! : end;
      const tick = () => {
        const now = nowMs();
        while (due <= now && due < end) {
          send(due, measured);
          next++;
          due = next < offsets.length ? start + offsets[next]! : end;
        }
        // A server that cannot keep up builds an ever longer queue: past a second's worth of waiting requests the
        // answer is known (overloaded), so stop adding to it.
        if (inFlight > o.rate) {
          overloaded = true;
          due = end;
        }
        if (due >= end) {
          const wait = () => (inFlight === 0 || nowMs() > end + 5_000 ? resolve() : setTimeout(wait, 5));
          wait();
          return;
        }
        setTimeout(tick, Math.max(0, Math.min(1, due - nowMs())));
      };
      tick();
    });

  await run(o.warmupSeconds, false);
  // An overloaded warm-up says nothing about the measured window (which starts once the warm-up's backlog is gone).
  overloaded = false;
  await o.onMeasureStart?.();
  const watch = watchGenerator();
  watch.start();
  const start = nowMs();
  await run(o.seconds, true);
  const generator = watch.stop();
  agent.destroy();
  // Answers that came after the window still count, over the time they took to come.
  const elapsed = (overloaded ? lastDone - start : Math.max(o.seconds * 1000, lastDone - start)) / 1000;
  return { ...samples.summary(elapsed), connections: 0, non2xx, errors, statusCodes, targetRate: o.rate, overloaded, generator };
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
