/**
 * The live board over server-sent events (issue #5 §7): a subscriber gets a snapshot at once and another within a
 * second of a change, without asking; a new connection (after a drop) starts with the current snapshot. On
 * PostgreSQL a change made through a second app instance reaches a subscriber of the first one.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/db/database';
import { buildApp } from '../../src/server/app';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { TEST_DB } from '../helpers/test-db';
import { DEMO } from '../http/support';
import { bookedDose, sessionUrl, type BookedDose } from './support';

let t: TestApp;
let nurse: Session;
let dose: BookedDose;
let base = '';

interface Snapshot {
  sessions: { appointmentId: string; state: string; latestVitals: { systolic: number } | null }[];
}

/** Reads `event: board` messages from the stream as they come. */
async function subscribe(url: string, session: Session) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { cookie: session.cookie, accept: 'text/event-stream' }, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const queue: { at: number; data: Snapshot }[] = [];
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = message.split('\n').find((l) => l.startsWith('data: '));
          if (message.includes('event: board') && data) queue.push({ at: performance.now(), data: JSON.parse(data.slice(6)) as Snapshot });
        }
      }
    } catch {
      // aborted
    }
  })();
  const next = async (predicate: (s: Snapshot) => boolean, timeoutMs = 3000): Promise<{ at: number; data: Snapshot }> => {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const i = queue.findIndex((m) => predicate(m.data));
      if (i >= 0) return queue.splice(0, i + 1).at(-1)!;
      if (performance.now() > until) throw new Error('no matching board message in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { next, close: async () => { controller.abort(); await pump; } };
}

const row = (s: Snapshot) => s.sessions.find((x) => x.appointmentId === dose.appointmentId);

beforeAll(async () => {
  t = await createTestApp();
  dose = await bookedDose(t);
  nurse = await t.signIn(DEMO.nurse);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await t?.close();
});

describe('the board as server-sent events', () => {
  it('sends a snapshot at once, then a new one within a second of each change', async () => {
    const stream = await subscribe(`${base}/api/board/events`, nurse);
    try {
      const first = await stream.next((s) => row(s)?.state === 'scheduled');
      expect(first.data.sessions.length).toBeGreaterThan(0);
      const sent = performance.now();
      const res = await t.call(nurse, { method: 'POST', url: sessionUrl(dose.appointmentId, '/check-in'), payload: {} });
      expect(res.statusCode, res.body).toBe(200);
      const update = await stream.next((s) => row(s)?.state === 'checked-in');
      expect(update.at - sent).toBeLessThan(1000);
      await t.call(nurse, { method: 'POST', url: sessionUrl(dose.appointmentId, '/vitals'), payload: { systolic: 131, diastolic: 82, heartRate: 70, spo2: 98 } });
      await stream.next((s) => row(s)?.latestVitals?.systolic === 131);
    } finally {
      await stream.close();
    }
  });

  it('starts a new connection (after a drop) with the current state', async () => {
    const again = await subscribe(`${base}/api/board/events`, nurse);
    try {
      const first = await again.next(() => true);
      expect(row(first.data)).toMatchObject({ state: 'checked-in', latestVitals: { systolic: 131 } });
    } finally {
      await again.close();
    }
  });

  it('refuses the stream to roles without the board', async () => {
    const admin = await t.signIn(DEMO.admin);
    const res = await fetch(`${base}/api/board/events`, { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(403);
    const anonymous = await fetch(`${base}/api/board/events`);
    expect(anonymous.status).toBe(401);
  });
});

describe.skipIf(TEST_DB === 'pglite')('two app instances on one PostgreSQL database', () => {
  let second: Database;
  let app2: FastifyInstance;
  beforeAll(async () => {
    second = openPostgres(t.database.url!, { maxConnections: 4 });
    app2 = await buildApp({ ...t.deps, database: second });
    await app2.ready();
  });
  afterAll(async () => {
    await app2?.close();
    await second?.close();
  });

  it('delivers a change made on the other instance within a second', async () => {
    const stream = await subscribe(`${base}/api/board/events`, nurse);
    try {
      await stream.next(() => true);
      const sent = performance.now();
      const res = await app2.inject({
        method: 'POST', url: sessionUrl(dose.appointmentId, '/vitals'), payload: { systolic: 137, diastolic: 84, heartRate: 71, spo2: 98 },
        headers: { cookie: nurse.cookie, 'x-csrf-token': nurse.csrfToken },
      });
      expect(res.statusCode, res.body).toBe(201);
      const update = await stream.next((s) => row(s)?.latestVitals?.systolic === 137);
      expect(update.at - sent).toBeLessThan(1000);
    } finally {
      await stream.close();
    }
  });
});
