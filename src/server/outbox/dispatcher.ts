/**
 * Delivers outbox messages: claim a batch (lease + SKIP LOCKED, so several instances never send one message twice),
 * send each outside any transaction, then mark it sent or schedule a retry with exponential backoff. A message that
 * keeps failing stops after its attempt budget and is shown to admins as failed.
 */
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/database';
import { toDate } from '../../db/ids';
import { claimDueMessages, markAttemptFailed, markSent, type OutboxRow } from '../../db/repos/outbox';
import type { Temporal } from 'temporal-polyfill';

export interface Transport {
  send(message: { from: string; to: string; subject: string; text: string }): Promise<void>;
}

export function smtpTransport(url: string): Transport {
  const transporter = nodemailer.createTransport(url);
  return { send: async (m) => void (await transporter.sendMail(m)) };
}

/** Without SMTP configured, messages are written to the log (and count as delivered). */
export function logTransport(log: Pick<FastifyBaseLogger, 'info'>): Transport {
  return {
    send: async (m) => log.info({ to: m.to, subject: m.subject, text: m.text }, 'outbox message (no SMTP_URL set: logged instead of sent)'),
  };
}

export const LEASE_MS = 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface DispatcherDeps {
  database: Database;
  clock: () => Temporal.Instant;
  transport: Transport;
  mailFrom: string;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
}

/** One pass: deliver every message due now (in batches). Returns how many were sent. */
export async function dispatchDue(deps: DispatcherDeps, batchSize = 20): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const batch = await claimDueMessages(deps.database.db, toDate(deps.clock()), LEASE_MS, batchSize);
    if (batch.length === 0) break;
    for (const message of batch) {
      (await deliver(deps, message)) ? sent++ : failed++;
    }
    if (batch.length < batchSize) break;
  }
  return { sent, failed };
}

async function deliver(deps: DispatcherDeps, message: OutboxRow): Promise<boolean> {
  try {
    await deps.transport.send({ from: deps.mailFrom, to: message.recipient, subject: message.subject, text: message.bodyText });
    await markSent(deps.database.db, message.clinicId, message.id, toDate(deps.clock()));
    return true;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const giveUp = message.attempts >= message.maxAttempts;
    const next = giveUp ? null : new Date(deps.clock().epochMilliseconds + backoffMs(message.attempts));
    await markAttemptFailed(deps.database.db, message.clinicId, message.id, reason.slice(0, 500), next);
    deps.log.warn({ messageId: message.id, attempts: message.attempts, giveUp, reason }, 'outbox delivery failed');
    return false;
  }
}

/** Polls every `intervalMs` until stopped. */
export function startDispatcher(deps: DispatcherDeps, intervalMs: number): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = dispatchDue(deps)
      .catch((err) => deps.log.error({ err }, 'outbox dispatcher pass failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
