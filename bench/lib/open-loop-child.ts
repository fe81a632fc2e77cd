/**
 * The open-loop load generator, in a process of its own (forked by `openLoop` in http-load.ts). The benchmark's main
 * process holds the generated clinic, the traces and every result, and its garbage collections and busy moments
 * stalled the generator for up to 15–20 ms at a time, which it then counted as the server's latency. Here the heap
 * holds only the requests to send and the latencies measured.
 *
 * Protocol (IPC messages): the parent sends `{ type: 'run', … }`; the child answers `{ type: 'measure-start' }` when
 * the warm-up is over and waits for `{ type: 'go' }` (the parent snapshots CPU use then), and ends with
 * `{ type: 'done', … }`.
 */
import http from 'node:http';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { nowMs, rng } from './stats';

export interface RequestSpec {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | undefined;
}

export interface RunMessage {
  type: 'run';
  baseUrl: string;
  rate: number;
  seconds: number;
  warmupSeconds: number;
  seed: number;
  /** One per request, warm-up first, then the measured window's. */
  requests: RequestSpec[];
}

export interface DoneMessage {
  type: 'done';
  latencies: number[];
  statusCodes: Record<string, number>;
  non2xx: number;
  errors: number;
  overloaded: boolean;
  elapsedSeconds: number;
  generator: { gcPauseMs: number; gcMaxPauseMs: number; loopDelayP99Ms: number; loopDelayMaxMs: number };
}

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
  gc.observe({ entryTypes: ['gc'] });
  loop.enable();
  return () => {
    gc.disconnect();
    loop.disable();
    return { gcPauseMs, gcMaxPauseMs, loopDelayP99Ms: loop.percentile(99) / 1e6, loopDelayMaxMs: loop.max / 1e6 };
  };
}

const waitFor = (type: string) =>
  new Promise<void>((resolve) => {
    const on = (m: { type?: string }) => {
      if (m?.type !== type) return;
      process.off('message', on);
      resolve();
    };
    process.on('message', on);
  });

async function run(o: RunMessage): Promise<DoneMessage> {
  const url = new URL(o.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const random = rng(o.seed);
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let non2xx = 0;
  let inFlight = 0;
  let n = 0;
  let lastDone = 0;
  let overloaded = false;

  const send = (due: number, measured: boolean) => {
    const spec = o.requests[n++ % o.requests.length]!;
    inFlight++;
    const req = http.request({ host: url.hostname, port: url.port, method: spec.method, path: spec.path, headers: spec.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        inFlight--;
        const status = res.statusCode ?? 0;
        if (!measured) return;
        lastDone = nowMs();
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        if (status >= 200 && status < 300) latencies.push(lastDone - due);
        else non2xx++;
      });
    });
    req.on('error', () => {
      inFlight--;
      if (measured) errors++;
    });
    if (spec.body !== undefined) req.end(spec.body);
    else req.end();
  };

  const phase = (seconds: number, measured: boolean) =>
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

  await phase(o.warmupSeconds, false);
  // An overloaded warm-up says nothing about the measured window (which starts once the warm-up's backlog is gone).
  overloaded = false;
  const go = waitFor('go');
  process.send!({ type: 'measure-start' });
  await go;
  const stop = watchGenerator();
  const start = nowMs();
  await phase(o.seconds, true);
  const generator = stop();
  agent.destroy();
  // Answers that came after the window still count, over the time they took to come.
  const elapsedSeconds = (overloaded ? lastDone - start : Math.max(o.seconds * 1000, lastDone - start)) / 1000;
  return { type: 'done', latencies, statusCodes, non2xx, errors, overloaded, elapsedSeconds, generator };
}

process.on('message', (m: { type?: string }) => {
  if (m?.type !== 'run') return;
  void run(m as RunMessage).then((done) => process.send!(done, () => process.exit(0)));
});
