/**
 * Failed deliveries back off and are retried; a message that keeps failing stops after its attempt budget, shows up
 * for an administrator (only) and can be sent again from the API. A message claimed by a dispatcher that then died is
 * delivered by another once the lease runs out, and never while the first one still holds it.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toDate } from '../../src/db/ids';
import { claimDueMessages, markAttemptFailed } from '../../src/db/repos/outbox';
import { backoffMs, dispatchDue, LEASE_MS, smtpTransport, type Transport } from '../../src/server/outbox/dispatcher';
import { queueMessage } from '../../src/server/outbox/messages';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { clearOutbox, dispatcherDeps, outboxRow } from './outbox-helpers';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

let t: TestApp;
let sink: SmtpSink;
let admin: Session;
let nurse: Session;

// Sessions follow the test clock, which these tests move by hours: sign in afresh whenever a session is needed.
const signInBoth = async () => {
  admin = await t.signIn('admin@demo.tilth.test');
  nurse = await t.signIn('nurse@demo.tilth.test');
};

beforeAll(async () => {
  t = await createTestApp();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
  await t?.close();
});
beforeEach(async () => {
  await clearOutbox(t.database);
  sink.received.length = 0;
  sink.failNext = 0;
  sink.rejections = 0;
  sink.refuse = () => false;
  await signInBoth();
});

const queue = (to: string, subject = 'Hello') =>
  queueMessage(t.database.db, t.demoClinicId, { kind: 'test', to, subject, text: `A message for ${to}` }, t.clock.now);

interface ListedMessage {
  id: string;
  recipient: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
}

describe('retry with backoff', () => {
  it('reschedules a refused delivery after backoffMs(attempts), sends nothing before, and delivers after', async () => {
    const asked = await t.call(null, { method: 'POST', url: '/api/password-reset', payload: { email: 'therapist2@demo.tilth.test' } });
    expect(asked.statusCode).toBe(202);
    const [listed] = ((await t.call(admin, { method: 'GET', url: '/api/outbox?status=pending' })).json() as { items: ListedMessage[] }).items;
    const id = listed!.id;
    const deps = dispatcherDeps(t, smtpTransport(sink.url));
    sink.failNext = 2;

    const t0 = t.clock.now.epochMilliseconds;
    expect(await dispatchDue(deps)).toEqual({ sent: 0, failed: 1 });
    let row = await outboxRow(t.database, t.demoClinicId, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lockedUntil: null, sentAt: null });
    expect(row.lastError).toMatch(/451/);
    expect(row.nextAttemptAt.getTime()).toBe(t0 + backoffMs(1));
    expect(sink.rejections).toBe(1);
    expect(deps.log.entries.filter((e) => e.level === 'warn')).toHaveLength(1);

    // The admin sees the pending message with its error.
    const pending = ((await t.call(admin, { method: 'GET', url: '/api/outbox?status=pending' })).json() as { items: ListedMessage[] }).items;
    expect(pending).toEqual([expect.objectContaining({ id, attempts: 1, lastError: expect.stringMatching(/451/), nextAttemptAt: new Date(t0 + backoffMs(1)).toISOString() })]);

    // Not before its time.
    t.clock.advance({ milliseconds: backoffMs(1) - 1 });
    expect(await dispatchDue(deps)).toEqual({ sent: 0, failed: 0 });
    expect(sink.rejections).toBe(1);

    // Due: tried again, refused again, and the wait doubles.
    t.clock.advance({ milliseconds: 1 });
    const t1 = t.clock.now.epochMilliseconds;
    expect(await dispatchDue(deps)).toEqual({ sent: 0, failed: 1 });
    row = await outboxRow(t.database, t.demoClinicId, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row.nextAttemptAt.getTime()).toBe(t1 + backoffMs(2));
    expect(backoffMs(2)).toBe(2 * backoffMs(1));

    t.clock.advance({ milliseconds: backoffMs(2) - 1 });
    expect(await dispatchDue(deps)).toEqual({ sent: 0, failed: 0 });
    t.clock.advance({ milliseconds: 1 });
    expect(await dispatchDue(deps)).toEqual({ sent: 1, failed: 0 });
    expect(sink.rejections).toBe(2);
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.rcptTo).toEqual(['therapist2@demo.tilth.test']);
    expect(sink.received[0]!.text).toContain('/set-password?token=');
    row = await outboxRow(t.database, t.demoClinicId, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
  });

  it('caps the backoff at an hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(8)).toBe(3_600_000);
    expect(backoffMs(50)).toBe(3_600_000);
  });

  it('gives up after maxAttempts, shows the failure to an admin only, and delivers after an admin retry', async () => {
    const id = await queue('poison@example.test', 'Poison');
    const fine = await queue('fine@example.test', 'Fine');
    sink.refuse = (address) => address === 'poison@example.test';
    const deps = dispatcherDeps(t, smtpTransport(sink.url));
    const { maxAttempts } = await outboxRow(t.database, t.demoClinicId, id);
    expect(maxAttempts).toBe(8);

    expect(await dispatchDue(deps)).toEqual({ sent: 1, failed: 1 }); // the other message is not held up
    for (let attempt = 2; attempt <= maxAttempts; attempt++) {
      const before = await outboxRow(t.database, t.demoClinicId, id);
      expect(before).toMatchObject({ status: 'pending', attempts: attempt - 1 });
      t.clock.advance({ milliseconds: before.nextAttemptAt.getTime() - t.clock.now.epochMilliseconds });
      expect(await dispatchDue(deps)).toEqual({ sent: 0, failed: 1 });
    }
    const failed = await outboxRow(t.database, t.demoClinicId, id);
    expect(failed).toMatchObject({ status: 'failed', attempts: maxAttempts, lockedUntil: null, sentAt: null });
    expect(failed.lastError).toMatch(/451/);
    expect(sink.rejections).toBe(maxAttempts);
    expect(deps.log.entries.filter((e) => e.level === 'warn').at(-1)!.obj).toMatchObject({ messageId: id, giveUp: true });

    // Nothing tries it again by itself.
    t.clock.advance({ hours: 48 });
    expect(await dispatchDue(deps)).toEqual({ sent: 0, failed: 0 });
    expect(sink.rejections).toBe(maxAttempts);

    // Visible to the administrator, not to a nurse or anonymously.
    await signInBoth();
    const listed = await t.call(admin, { method: 'GET', url: '/api/outbox?status=failed' });
    expect(listed.statusCode).toBe(200);
    expect((listed.json() as { items: ListedMessage[] }).items).toEqual([
      expect.objectContaining({ id, recipient: 'poison@example.test', status: 'failed', attempts: maxAttempts, lastError: expect.stringMatching(/451/) }),
    ]);
    const sent = (await t.call(admin, { method: 'GET', url: '/api/outbox?status=sent' })).json() as { items: ListedMessage[] };
    expect(sent.items.map((m) => m.id)).toEqual([fine]);
    const forNurse = await t.call(nurse, { method: 'GET', url: '/api/outbox?status=failed' });
    expect(forNurse.statusCode).toBe(403);
    expect((forNurse.json() as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    expect((await t.call(null, { method: 'GET', url: '/api/outbox?status=failed' })).statusCode).toBe(401);

    // A nurse cannot retry it; an admin can, only while it is failed.
    const nurseRetry = await t.call(nurse, { method: 'POST', url: `/api/outbox/${id}/retry` });
    expect(nurseRetry.statusCode).toBe(403);
    expect(await outboxRow(t.database, t.demoClinicId, id)).toMatchObject({ status: 'failed' });
    expect((await t.call(admin, { method: 'POST', url: `/api/outbox/${fine}/retry` })).statusCode).toBe(404);

    sink.refuse = () => false;
    const retried = await t.call(admin, { method: 'POST', url: `/api/outbox/${id}/retry` });
    expect(retried.statusCode).toBe(204);
    expect(await outboxRow(t.database, t.demoClinicId, id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await t.call(admin, { method: 'POST', url: `/api/outbox/${id}/retry` })).statusCode).toBe(404); // not failed any more

    expect(await dispatchDue(deps)).toEqual({ sent: 1, failed: 0 });
    expect(sink.countFor('poison@example.test')).toBe(1);
    expect(await outboxRow(t.database, t.demoClinicId, id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
  });
});

describe('leases', () => {
  it('re-delivers a message claimed by a dispatcher that died once its lease ends, not before', async () => {
    const { db } = t.database;
    const id = await queue('orphan@example.test');
    const [crashed, ...rest] = await claimDueMessages(db, toDate(t.clock.now), LEASE_MS, 10); // ...and then it died
    expect(rest).toHaveLength(0);
    expect(crashed).toMatchObject({ id, attempts: 1 });

    const deps = dispatcherDeps(t, smtpTransport(sink.url));
    expect(await dispatchDue(deps)).toEqual({ sent: 0, failed: 0 });
    t.clock.advance({ milliseconds: LEASE_MS - 1 });
    expect(await dispatchDue(deps)).toEqual({ sent: 0, failed: 0 });
    expect(sink.received).toHaveLength(0);

    t.clock.advance({ milliseconds: 1 });
    expect(await dispatchDue(deps)).toEqual({ sent: 1, failed: 0 });
    expect(sink.countFor('orphan@example.test')).toBe(1);
    expect(await outboxRow(t.database, t.demoClinicId, id)).toMatchObject({ status: 'sent', attempts: 2 });

    // The dead dispatcher coming back late cannot overwrite what happened since.
    expect(await markAttemptFailed(db, crashed!, 'late report from a stale claim', null)).toBe(false);
    expect(await outboxRow(t.database, t.demoClinicId, id)).toMatchObject({ status: 'sent', lastError: null });
  });

  it('does not send a message whose batch lease another instance took over while earlier messages were being sent', async () => {
    const m0 = await queue('batch-0@example.test');
    const m1 = await queue('batch-1@example.test');
    const m2 = await queue('batch-2@example.test');
    await t.database.db.execute(sql`UPDATE outbox SET next_attempt_at = created_at + (CASE id WHEN ${m0}::uuid THEN 0 WHEN ${m1}::uuid THEN 1 ELSE 2 END) * interval '1 millisecond'`);
    t.clock.advance({ milliseconds: 2 });
    const smtp = smtpTransport(sink.url);
    const other = dispatcherDeps(t, smtp); // a second instance sharing the database (and, here, the clock)
    let otherResult: Awaited<ReturnType<typeof dispatchDue>> | undefined;
    const slow: Transport = {
      async send(m) {
        if (m.to === 'batch-0@example.test') t.clock.advance({ milliseconds: LEASE_MS / 2 + 1 }); // a slow server
        if (m.to === 'batch-1@example.test') {
          t.clock.advance({ milliseconds: LEASE_MS / 2 }); // the batch lease is over; batch-1's own is not
          otherResult = await dispatchDue(other);
        }
        await smtp.send(m);
      },
    };
    const result = await dispatchDue(dispatcherDeps(t, slow));
    expect(otherResult).toEqual({ sent: 1, failed: 0 }); // the other instance took over batch-2...
    expect(result).toEqual({ sent: 2, failed: 0 }); // ...and the first one left it alone
    for (const to of ['batch-0@example.test', 'batch-1@example.test', 'batch-2@example.test']) expect(sink.countFor(to), to).toBe(1);
    expect(await outboxRow(t.database, t.demoClinicId, m2)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('marks a message failed when every attempt was claimed and never finished (a message that kills the sender)', async () => {
    const { db } = t.database;
    const id = await queue('crasher@example.test');
    await db.execute(sql`UPDATE outbox SET max_attempts = 2 WHERE id = ${id}`);
    expect(await claimDueMessages(db, toDate(t.clock.now), LEASE_MS, 10)).toHaveLength(1);
    t.clock.advance({ milliseconds: LEASE_MS });
    expect(await claimDueMessages(db, toDate(t.clock.now), LEASE_MS, 10)).toHaveLength(1);

    const deps = dispatcherDeps(t, smtpTransport(sink.url));
    expect(await dispatchDue(deps)).toEqual({ sent: 0, failed: 0 }); // still leased
    t.clock.advance({ milliseconds: LEASE_MS });
    expect(await dispatchDue(deps)).toEqual({ sent: 0, failed: 1 });
    const row = await outboxRow(t.database, t.demoClinicId, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2, lockedUntil: null });
    expect(row.lastError).toMatch(/interrupted/);
    expect(sink.received).toHaveLength(0);
    await signInBoth();
    const listed = (await t.call(admin, { method: 'GET', url: '/api/outbox?status=failed' })).json() as { items: ListedMessage[] };
    expect(listed.items.map((m) => m.id)).toEqual([id]);
  });
});
