/**
 * Delivers outbox messages: claim a batch (lease + SKIP LOCKED, so several instances never send one message twice),
 * then for each message re-check and extend the claim, send it outside any transaction, and mark it sent or schedule
 * a retry with exponential backoff. A message that keeps failing stops after its attempt budget and is shown to admins
 * as failed.
 */
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/database';
import { toDate } from '../../db/ids';
import { claimDueMessages, failAbandonedMessages, markAttemptFailed, markSent, renewClaim, type ClaimedMessage } from '../../db/repos/outbox';
import type { Temporal } from 'temporal-polyfill';
import type { Config } from '../config';

export interface Transport {
  send(message: { from: string; to: string; subject: string; text: string }): Promise<void>;
}

/** How long a claim keeps other instances away from a message. */
export const LEASE_MS = 60_000;
/** A send that takes longer counts as failed: well inside the lease, which is renewed right before each send. */
export const SEND_TIMEOUT_MS = LEASE_MS / 2;

export function smtpTransport(url: string): Transport {
  // nodemailer's defaults (2 minutes to connect, 10 minutes of socket silence) would outlast the lease; settings in
  // the URL's query string still win over these.
  const transporter = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, dnsTimeout: 10_000, socketTimeout: 20_000 });
  return { send: async (m) => void (await transporter.sendMail(m)) };
}

/** Without SMTP configured, messages are written to the log (and count as delivered). */
export function logTransport(log: Pick<FastifyBaseLogger, 'info'>): Transport {
  return {
    send: async (m) => log.info({ to: m.to, subject: m.subject, text: m.text }, 'outbox message (no SMTP_URL set: logged instead of sent)'),
  };
}

/** SMTP when SMTP_URL is set, otherwise the log. */
export function transportFromConfig(config: Pick<Config, 'smtpUrl'>, log: Pick<FastifyBaseLogger, 'info'>): Transport {
  return config.smtpUrl ? smtpTransport(config.smtpUrl) : logTransport(log);
}

export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface DispatcherDeps {
  database: Database;
  clock: () => Temporal.Instant;
  transport: Transport;
  mailFrom: string;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** Defaults to SEND_TIMEOUT_MS. */
  sendTimeoutMs?: number;
}

export interface DispatchOptions {
  batchSize?: number;
  /** Checked before each batch is claimed: once true, the pass finishes the batch it holds and ends. */
  shouldStop?: () => boolean;
}

/**
 * One pass: deliver every message due now (in batches). Returns how many were sent and how many attempts failed
 * (including messages given up on because every attempt was interrupted). Never holds a transaction: each database
 * call is a single statement, so nothing is locked while the transport talks to the mail server.
 */
export async function dispatchDue(deps: DispatcherDeps, options: number | DispatchOptions = {}): Promise<{ sent: number; failed: number }> {
  const { batchSize = 20, shouldStop = () => false } = typeof options === 'number' ? { batchSize: options } : options;
  const { db } = deps.database;
  let sent = 0;
  let failed = await failAbandonedMessages(db, toDate(deps.clock()));
  while (!shouldStop()) {
    const batch = await claimDueMessages(db, toDate(deps.clock()), LEASE_MS, batchSize);
    for (const claimed of batch) {
      const outcome = await deliver(deps, claimed);
      if (outcome === 'sent') sent++;
      else if (outcome === 'failed') failed++;
    }
    if (batch.length < batchSize) break;
  }
  return { sent, failed };
}

async function deliver(deps: DispatcherDeps, claimed: ClaimedMessage): Promise<'sent' | 'failed' | 'skipped'> {
  const { db } = deps.database;
  // The batch's lease may have run out while earlier messages were sent; another instance may own this one now.
  const claim = await renewClaim(db, claimed, toDate(deps.clock()), LEASE_MS);
  if (!claim) {
    deps.log.warn({ messageId: claimed.id }, 'outbox message left alone: its lease ended and another sender took it over');
    return 'skipped';
  }
  try {
    const message = { from: deps.mailFrom, to: claim.recipient, subject: claim.subject, text: claim.bodyText };
    await withTimeout(deps.transport.send(message), deps.sendTimeoutMs ?? SEND_TIMEOUT_MS);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const giveUp = claim.attempts >= claim.maxAttempts;
    const next = giveUp ? null : new Date(deps.clock().epochMilliseconds + backoffMs(claim.attempts));
    const recorded = await markAttemptFailed(db, claim, reason.slice(0, 500), next);
    deps.log.warn({ messageId: claim.id, attempts: claim.attempts, giveUp, reason, recorded }, 'outbox delivery failed');
    return 'failed';
  }
  try {
    await markSent(db, claim.clinicId, claim.id, toDate(deps.clock()));
  } catch (err) {
    // Not a failed delivery (it went out): the lease runs out and the message may go out again, which beats never.
    deps.log.error({ err, messageId: claim.id }, 'outbox message sent but not recorded as sent');
    throw err;
  }
  return 'sent';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the mail server within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Polls every `intervalMs` until stopped. stop() resolves once the pass in flight (if any) has finished the batch it
 * claimed and recorded the outcomes; no batch is claimed and no pass starts after stop() is called.
 */
export function startDispatcher(deps: DispatcherDeps, intervalMs: number, options: Omit<DispatchOptions, 'shouldStop'> = {}): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    timer = undefined;
    running = dispatchDue(deps, { ...options, shouldStop: () => stopped })
      .then(
        () => undefined,
        (err: unknown) => deps.log.error({ err }, 'outbox dispatcher pass failed'),
      )
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
