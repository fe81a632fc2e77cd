/**
 * A V8 CPU profile of this process (the app, the screens and the load generator all run in it) while a load runs,
 * summarised as shares of the sampled time by where the code lives. Answers "what is Node doing" when requests queue.
 */
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const CATEGORIES: [name: string, test: (url: string, fn: string) => boolean][] = [
  ['idle', (_u, fn) => fn === '(idle)'],
  ['garbage collection', (_u, fn) => fn === '(garbage collector)'],
  ['native bindings: socket writes (writev), buffer decoding, …', (u, fn) => u === '' && /^[a-z]\w*$/i.test(fn) && fn !== '(program)'],
  ['Drizzle ORM (building each query, mapping rows)', (u) => u.includes('drizzle-orm')],
  ['pg driver and protocol (encoding, parsing rows)', (u) => /node_modules\/pg(-protocol|-types)?\//.test(u)],
  ['app: board snapshot and the dosing core (checkpoints)', (u) => u.includes('/src/server/features/board/') || u.includes('/src/core/dosing/')],
  ['app: everything else in src/', (u) => u.includes('/src/')],
  ['Zod (request and response validation)', (u) => u.includes('node_modules/zod')],
  ['Fastify', (u) => /node_modules\/(fastify|@fastify|find-my-way|light-my-request|avvio)/.test(u)],
  ['the bench itself (HTTP client, event-stream parsing)', (u) => u.includes('/bench/') || u.includes('undici') || u.includes('webstreams')],
  ['Temporal polyfill', (u) => u.includes('temporal-polyfill')],
  ['other dependencies', (u) => u.includes('node_modules')],
  ['Node core (streams, buffers, timers, JSON)', () => true],
];

export interface CpuShares {
  sampledMs: number;
  shares: { category: string; percent: number }[];
  /** The functions with the most self time. */
  top: { fn: string; percent: number }[];
}

export async function profiled<T>(fn: () => Promise<T>): Promise<{ result: T; cpu: CpuShares }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const result = await fn();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    return { result, cpu: summarise(profile) };
  } finally {
    session.disconnect();
  }
}

function summarise(profile: Profile): CpuShares {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const { url, functionName, lineNumber } = node.callFrame;
    const category = CATEGORIES.find(([, test]) => test(url, functionName))![0];
    totals.set(category, (totals.get(category) ?? 0) + dt);
    const where = url.replace(/.*node_modules\//, '').replace(/.*\/(src|bench)\//, '$1/');
    const key = `${functionName || '(anonymous)'}${where ? ` (${where}:${lineNumber + 1})` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  const pct = (t: number) => (100 * t) / Math.max(1, total);
  return {
    sampledMs: total / 1000,
    shares: [...totals].map(([category, t]) => ({ category, percent: pct(t) })).sort((a, b) => b.percent - a.percent),
    top: [...self].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 8).map(([fn, t]) => ({ fn, percent: pct(t) })),
  };
}
