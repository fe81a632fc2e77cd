/**
 * A V8 CPU profile of this process (the app runs in it) while some requests run, summarised as shares of the sampled
 * time by where the code lives: the Temporal polyfill, the scheduling core, the rest of the app, Drizzle, pg, Fastify
 * and Zod, garbage collection. Answers "what is Node doing" for the requests whose time is mostly not spent waiting on
 * PostgreSQL.
 */
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const CATEGORIES: [name: string, test: (url: string, fn: string) => boolean][] = [
  ['garbage collection', (_u, fn) => fn === '(garbage collector)'],
  ['idle (waiting on PostgreSQL or the event loop)', (_u, fn) => fn === '(idle)' || fn === '(program)'],
  ['Temporal polyfill (time-zone and calendar arithmetic)', (u) => u.includes('temporal-polyfill')],
  ['scheduling core (planner, interval sets, availability)', (u) => u.includes('/src/core/scheduling/')],
  ['app: courses feature (planning context, booking, rescheduling)', (u) => u.includes('/src/server/features/courses/')],
  ['app: everything else in src/', (u) => u.includes('/src/')],
  ['Drizzle ORM', (u) => u.includes('drizzle-orm')],
  ['pg driver', (u) => /node_modules\/pg[-/]/.test(u)],
  ['Fastify, Zod and other dependencies', (u) => u.includes('node_modules')],
  ['Node core (streams, sockets, timers)', (u) => u.startsWith('node:') || u === ''],
];

export async function profiled<T>(fn: () => Promise<T>): Promise<{ result: T; shares: { category: string; percent: number }[]; sampledMs: number }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 250 });
    await session.post('Profiler.start');
    const result = await fn();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    return { result, ...summarise(profile) };
  } finally {
    session.disconnect();
  }
}

function summarise(profile: Profile): { shares: { category: string; percent: number }[]; sampledMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const { url, functionName } = node.callFrame;
    const category = CATEGORIES.find(([, test]) => test(url, functionName))?.[0] ?? 'other';
    totals.set(category, (totals.get(category) ?? 0) + dt);
    total += dt;
  });
  const shares = [...totals].map(([category, t]) => ({ category, percent: (100 * t) / Math.max(1, total) })).sort((a, b) => b.percent - a.percent);
  return { shares, sampledMs: total / 1000 };
}
