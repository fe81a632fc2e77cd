/**
 * Two app instances (two connection pools to one PostgreSQL database), each running several dispatcher passes at
 * once against a real SMTP server: every message goes out exactly once.
 *
 * PostgreSQL only: PGlite is an embedded, single-process database (one connection, one app instance per data folder),
 * so there is no second instance to race with there; the lease and SKIP LOCKED logic it shares is covered by
 * retry-and-lease.test.ts on both engines.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/db/database';
import { toDate } from '../../src/db/ids';
import { claimDueMessages } from '../../src/db/repos/outbox';
import { dispatchDue, LEASE_MS, smtpTransport, startDispatcher } from '../../src/server/outbox/dispatcher';
import { queueMessage } from '../../src/server/outbox/messages';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { TEST_DB } from '../helpers/test-db';
import { clearOutbox, dispatcherDeps, outboxRows, waitUntil } from './outbox-helpers';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

describe.skipIf(TEST_DB === 'pglite')('two app instances on one PostgreSQL database', () => {
  let t: TestApp;
  let second: Database;
  let sink: SmtpSink;

  beforeAll(async () => {
    t = await createTestApp();
    second = openPostgres(t.database.url!, { maxConnections: 10 });
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
    await second?.close();
    await t?.close();
  });
  beforeEach(async () => {
    await clearOutbox(t.database);
    sink.received.length = 0;
    sink.dataDelayMs = () => Math.floor(Math.random() * 4);
  });

  async function queueMany(n: number, prefix: string): Promise<Map<string, string>> {
    const byRecipient = new Map<string, string>();
    // Queued from both instances, in several transactions.
    for (let i = 0; i < n; i += 10) {
      const database = (i / 10) % 2 === 0 ? t.database : second;
      await database.db.transaction(async (tx) => {
        for (let j = i; j < Math.min(n, i + 10); j++) {
          const to = `${prefix}-${j}@example.test`;
          byRecipient.set(to, await queueMessage(tx, t.demoClinicId, { kind: 'test', to, subject: `Message ${j}`, text: `Number ${j}` }, t.clock.now));
        }
      });
    }
    return byRecipient;
  }

  async function expectEachDeliveredOnce(byRecipient: Map<string, string>) {
    expect(sink.received).toHaveLength(byRecipient.size);
    for (const to of byRecipient.keys()) expect(sink.countFor(to), to).toBe(1);
    const rows = await outboxRows(t.database);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(byRecipient.size);
    expect(rows.every((r) => r.attempts === 1 && r.lockedUntil === null)).toBe(true);
  }

  it('claims each due message for one claimer only, with many claimers on both pools at once', async () => {
    const byRecipient = await queueMany(50, 'claim');
    const now = toDate(t.clock.now);
    const claims = await Promise.all(
      Array.from({ length: 16 }, (_, i) => claimDueMessages((i % 2 ? second : t.database).db, now, LEASE_MS, 4)),
    );
    const ids = claims.flat().map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length); // no message claimed twice
    expect(ids.length).toBe(Math.min(50, 16 * 4));
    expect(new Set(ids)).toEqual(new Set(byRecipient.values()));
  });

  it('delivers 50 messages exactly once with concurrent passes on two instances', async () => {
    const byRecipient = await queueMany(50, 'pass');
    const a = dispatcherDeps(t, smtpTransport(sink.url));
    const b = dispatcherDeps(t, smtpTransport(sink.url), second);
    const started = Date.now();
    const results = await Promise.all([
      dispatchDue(a, 4), dispatchDue(b, 4), dispatchDue(a, 4), dispatchDue(b, 4), dispatchDue(a, 4), dispatchDue(b, 4),
    ]);
    const durationMs = Date.now() - started;
    const sentByA = results[0]!.sent + results[2]!.sent + results[4]!.sent;
    const sentByB = results[1]!.sent + results[3]!.sent + results[5]!.sent;
    console.info(`two instances, concurrent passes: A sent ${sentByA}, B sent ${sentByB} in ${durationMs} ms`);
    expect(sentByA + sentByB).toBe(50);
    expect(results.every((r) => r.failed === 0)).toBe(true);
    expect(sentByA).toBeGreaterThan(0);
    expect(sentByB).toBeGreaterThan(0);
    await expectEachDeliveredOnce(byRecipient);

    // Further passes on both find nothing to send.
    expect(await Promise.all([dispatchDue(a), dispatchDue(b)])).toEqual([{ sent: 0, failed: 0 }, { sent: 0, failed: 0 }]);
    expect(sink.received).toHaveLength(50);
  });

  it('delivers exactly once with both instances polling (startDispatcher) while messages keep arriving', async () => {
    const a = dispatcherDeps(t, smtpTransport(sink.url));
    const b = dispatcherDeps(t, smtpTransport(sink.url), second);
    const dispatchers = [startDispatcher(a, 2), startDispatcher(b, 2), startDispatcher(a, 3), startDispatcher(b, 3)];
    let byRecipient = new Map<string, string>();
    try {
      byRecipient = new Map([...(await queueMany(30, 'poll-a')), ...(await queueMany(30, 'poll-b'))]);
      await waitUntil(() => sink.received.length >= byRecipient.size, 20_000, 'all messages delivered');
      await waitUntil(async () => (await outboxRows(t.database)).every((r) => r.status === 'sent'), 5000, 'all rows marked sent');
    } finally {
      await Promise.all(dispatchers.map((d) => d.stop()));
    }
    await expectEachDeliveredOnce(byRecipient);
    expect([...a.log.entries, ...b.log.entries].filter((e) => e.level !== 'info')).toEqual([]);
  });
});
