/**
 * Outbox delivery end to end: a password reset asked for over HTTP is queued in the request's transaction and
 * delivered by the dispatcher to a real SMTP server started here; rolled-back changes send nothing; without SMTP the
 * message is logged; the dispatcher never keeps a transaction open while it talks to SMTP, and stopping it waits for
 * the pass in flight.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../src/db/repos/users';
import { outbox } from '../../src/db/schema';
import { loadConfig } from '../../src/server/config';
import { queueMessage } from '../../src/server/outbox/messages';
import { backoffMs, dispatchDue, logTransport, smtpTransport, startDispatcher, transportFromConfig, type Transport } from '../../src/server/outbox/dispatcher';
import { issuePasswordLink } from '../../src/server/password-links';
import { queryRows } from '../../src/db/database';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { TEST_DB } from '../helpers/test-db';
import { captureLog, clearOutbox, dispatcherDeps, outboxRow, outboxRows, sleep, waitUntil } from './outbox-helpers';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

let t: TestApp;
let sink: SmtpSink;

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
});

describe('outbox delivery over SMTP', () => {
  it('delivers a password-reset link asked for over HTTP exactly once to a real SMTP server, and the link works', async () => {
    const asked = await t.call(null, { method: 'POST', url: '/api/password-reset', payload: { email: 'nurse@demo.tilth.test' } });
    expect(asked.statusCode).toBe(202);

    const [queued, ...others] = await outboxRows(t.database);
    expect(others).toHaveLength(0);
    expect(queued).toMatchObject({ kind: 'reset-password', recipient: 'nurse@demo.tilth.test', status: 'pending', attempts: 0 });
    expect(sink.received).toHaveLength(0);

    const deps = dispatcherDeps(t, smtpTransport(sink.url));
    expect(await dispatchDue(deps)).toEqual({ sent: 1, failed: 0 });

    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0]!;
    expect(mail.rcptTo).toEqual(['nurse@demo.tilth.test']);
    expect(mail.to).toContain('nurse@demo.tilth.test');
    expect(mail.subject).toBe('Reset your Tilth password');
    expect(mail.from).toContain('no-reply@tilth.invalid');
    expect(mail.envelopeFrom).toBe('no-reply@tilth.invalid');
    const link = /(\S+\/set-password\?token=(\S+))/.exec(mail.text);
    expect(link, mail.text).not.toBeNull();
    expect(link![1]).toMatch(new RegExp(`^${t.deps.config.publicUrl}/set-password\\?token=${queued!.clinicId}\\.`));

    const row = await outboxRow(t.database, queued!.clinicId, queued!.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, lockedUntil: null });
    expect(row.sentAt?.getTime()).toBe(t.clock.now.epochMilliseconds);

    // The delivered link is the real one: it sets the password (once).
    const password = 'Outbox-delivered link, 4 the ward!';
    const done = await t.call(null, { method: 'POST', url: '/api/password-reset/complete', payload: { token: link![2], password } });
    expect(done.statusCode, done.body).toBe(204);
    await expect(t.signIn('nurse@demo.tilth.test', password)).resolves.toBeTruthy();
    const again = await t.call(null, { method: 'POST', url: '/api/password-reset/complete', payload: { token: link![2], password } });
    expect(again.statusCode).toBe(400);

    // Nothing is due any more: a second pass (or a much later one) sends nothing again.
    expect(await dispatchDue(deps)).toEqual({ sent: 0, failed: 0 });
    t.clock.advance({ hours: 2 });
    expect(await dispatchDue(deps)).toEqual({ sent: 0, failed: 0 });
    expect(sink.received).toHaveLength(1);
  });

  it('queues nothing for an unknown address (and the answer is the same)', async () => {
    const asked = await t.call(null, { method: 'POST', url: '/api/password-reset', payload: { email: 'nobody@demo.tilth.test' } });
    expect(asked.statusCode).toBe(202);
    expect(await outboxRows(t.database)).toHaveLength(0);
  });
});

describe('outbox rows are written in the transaction of the change', () => {
  it('leaves no message (and no token) when the transaction that queued it rolls back', async () => {
    const { db } = t.database;
    const user = (await findUserByEmail(db, 'therapist@demo.tilth.test'))!;
    const tokensBefore = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM auth_tokens`);
    await expect(
      db.transaction(async (tx) => {
        await issuePasswordLink(t.deps, tx, user, 'reset-password', 'Demo clinic');
        expect(await tx.select().from(outbox)).toHaveLength(1); // visible inside the transaction
        if (TEST_DB === 'postgres') {
          // ...but not to anyone else (a dispatcher on another connection) before the commit.
          expect(await db.select().from(outbox)).toHaveLength(0);
        }
        throw new Error('the change failed after queueing');
      }),
    ).rejects.toThrow('the change failed after queueing');

    expect(await outboxRows(t.database)).toHaveLength(0);
    expect(await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM auth_tokens`)).toEqual(tokensBefore);
    expect(await dispatchDue(dispatcherDeps(t, smtpTransport(sink.url)))).toEqual({ sent: 0, failed: 0 });
    expect(sink.received).toHaveLength(0);
  });

  it('delivers the message once its transaction commits', async () => {
    const { db } = t.database;
    const user = (await findUserByEmail(db, 'therapist@demo.tilth.test'))!;
    const link = await db.transaction((tx) => issuePasswordLink(t.deps, tx, user, 'set-password', 'Demo clinic'));
    expect(await dispatchDue(dispatcherDeps(t, smtpTransport(sink.url)))).toEqual({ sent: 1, failed: 0 });
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.subject).toBe('Your Demo clinic account on Tilth');
    expect(sink.received[0]!.text).toContain(link);
  });
});

describe('without SMTP configured', () => {
  it('writes the message to the log and marks it sent', async () => {
    const id = await queueMessage(t.database.db, t.demoClinicId, { kind: 'test', to: 'someone@example.test', subject: 'Hello', text: 'Body with a link' }, t.clock.now);
    const log = captureLog();
    const transport = transportFromConfig(loadConfig({}), log);
    const deps = { ...dispatcherDeps(t, transport) };
    expect(await dispatchDue(deps)).toEqual({ sent: 1, failed: 0 });
    const logged = log.entries.filter((e) => e.level === 'info');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.obj).toEqual({ to: 'someone@example.test', subject: 'Hello', text: 'Body with a link' });
    expect(logged[0]!.msg).toMatch(/no SMTP_URL/);
    expect(await outboxRow(t.database, t.demoClinicId, id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sink.received).toHaveLength(0);
  });

  it('sends by SMTP when SMTP_URL is set', async () => {
    const id = await queueMessage(t.database.db, t.demoClinicId, { kind: 'test', to: 'someone@example.test', subject: 'Hello', text: 'Body' }, t.clock.now);
    const log = captureLog();
    const transport = transportFromConfig(loadConfig({ SMTP_URL: sink.url }), log);
    expect(await dispatchDue(dispatcherDeps(t, transport))).toEqual({ sent: 1, failed: 0 });
    expect(log.entries).toHaveLength(0);
    expect(sink.received.map((m) => m.rcptTo)).toEqual([['someone@example.test']]);
    expect(await outboxRow(t.database, t.demoClinicId, id)).toMatchObject({ status: 'sent' });
  });

  it('logTransport logs every field needed to act on the message', async () => {
    const log = captureLog();
    await logTransport(log).send({ from: 'a@b.test', to: 'c@d.test', subject: 'S', text: 'T' });
    expect(log.entries).toEqual([{ level: 'info', obj: { to: 'c@d.test', subject: 'S', text: 'T' }, msg: expect.stringContaining('logged instead of sent') }]);
  });
});

describe('the dispatcher and the database', () => {
  it('holds no transaction or row lock while it talks to SMTP', async () => {
    const { db } = t.database;
    const id = await queueMessage(db, t.demoClinicId, { kind: 'test', to: 'lock@example.test', subject: 'S', text: 'T' }, t.clock.now);
    const smtp = smtpTransport(sink.url);
    let checked = false;
    const transport: Transport = {
      async send(m) {
        // A transaction touching the very row being sent must go through at once: it would wait forever behind a
        // dispatcher transaction (PGlite runs one transaction at a time; PostgreSQL would hold the row lock).
        const write = db.transaction(async (tx) => {
          await tx.execute(sql`UPDATE outbox SET last_error = 'touched during send' WHERE id = ${id}`);
        });
        await Promise.race([write, sleep(3000).then(() => Promise.reject(new Error('blocked behind the dispatcher')))]);
        if (TEST_DB === 'postgres') {
          const open = await queryRows<{ n: number }>(
            db,
            sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
          );
          expect(open[0]!.n).toBe(0);
        }
        checked = true;
        await smtp.send(m);
      },
    };
    expect(await dispatchDue(dispatcherDeps(t, transport))).toEqual({ sent: 1, failed: 0 });
    expect(checked).toBe(true);
    expect(await outboxRow(t.database, t.demoClinicId, id)).toMatchObject({ status: 'sent', lastError: null });
  });

  it('stop() waits for the pass in flight, finishes its batch, claims no more and polls no more', async () => {
    const { db } = t.database;
    for (let i = 0; i < 25; i++) {
      await queueMessage(db, t.demoClinicId, { kind: 'test', to: `stop-${i}@example.test`, subject: `S${i}`, text: 'T' }, t.clock.now);
    }
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const smtp = smtpTransport(sink.url);
    let calls = 0;
    const transport: Transport = {
      async send(m) {
        calls++;
        if (calls === 1) await gate;
        await smtp.send(m);
      },
    };
    const dispatcher = startDispatcher(dispatcherDeps(t, transport), 5);
    await waitUntil(() => calls === 1, 5000, 'the first send');

    let stopped = false;
    const stopping = dispatcher.stop().then(() => (stopped = true));
    await sleep(100);
    expect(stopped).toBe(false); // the first message of the first batch is still being sent
    release();
    await stopping;

    // The claimed batch (20) was finished and marked before stop() resolved; the rest was never claimed.
    const rows = await outboxRows(t.database);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(20);
    const left = rows.filter((r) => r.status === 'pending');
    expect(left).toHaveLength(5);
    for (const r of left) expect(r).toMatchObject({ attempts: 0, lockedUntil: null });
    expect(sink.received).toHaveLength(20);

    await sleep(100);
    expect(calls).toBe(20); // no pass after stop()
  });

  it('counts a send that never answers as a failed attempt instead of hanging the dispatcher (and its stop())', async () => {
    const id = await queueMessage(t.database.db, t.demoClinicId, { kind: 'test', to: 'hang@example.test', subject: 'S', text: 'T' }, t.clock.now);
    const hanging: Transport = { send: () => new Promise<void>(() => undefined) };
    const deps = { ...dispatcherDeps(t, hanging), sendTimeoutMs: 50 };
    const dispatcher = startDispatcher(deps, 5);
    await waitUntil(async () => (await outboxRow(t.database, t.demoClinicId, id)).attempts === 1 && deps.log.entries.length > 0, 5000, 'the timed-out attempt');
    await dispatcher.stop();
    const row = await outboxRow(t.database, t.demoClinicId, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lockedUntil: null });
    expect(row.lastError).toMatch(/no answer from the mail server within 50 ms/);
    expect(row.nextAttemptAt.getTime()).toBe(t.clock.now.epochMilliseconds + backoffMs(1));
  });

  it('stop() before the first pass sends nothing', async () => {
    await queueMessage(t.database.db, t.demoClinicId, { kind: 'test', to: 'never@example.test', subject: 'S', text: 'T' }, t.clock.now);
    const dispatcher = startDispatcher(dispatcherDeps(t, smtpTransport(sink.url)), 5);
    await dispatcher.stop();
    await sleep(50);
    expect(sink.received).toHaveLength(0);
    expect((await outboxRows(t.database))[0]).toMatchObject({ status: 'pending', attempts: 0 });
  });
});
