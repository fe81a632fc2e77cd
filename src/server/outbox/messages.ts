/** Writing messages to people: always into the outbox, inside the caller's transaction. */
import type { Temporal } from 'temporal-polyfill';
import { and, eq } from 'drizzle-orm';
import { outbox } from '../../db/schema';
import type { Executor } from '../../db/database';
import { newId, toDate } from '../../db/ids';
import { enqueueMessage, enqueueMessages } from '../../db/repos/outbox';

export interface OutgoingMessage {
  kind: string;
  to: string;
  subject: string;
  text: string;
  /** Deliver no earlier than this (reminders); now when absent. */
  sendAt?: Temporal.Instant;
  /** What the message is about ("appointment:<id>"), so it can be replaced or withdrawn while pending. */
  ref?: string;
}

const rowOf = (clinicId: string, message: OutgoingMessage, now: Temporal.Instant) => ({
  clinicId,
  id: newId(),
  kind: message.kind,
  recipient: message.to,
  subject: message.subject,
  bodyText: message.text,
  nextAttemptAt: toDate(message.sendAt ?? now),
  createdAt: toDate(now),
  ref: message.ref ?? null,
});

export async function queueMessage(ex: Executor, clinicId: string, message: OutgoingMessage, now: Temporal.Instant): Promise<string> {
  const row = rowOf(clinicId, message, now);
  await enqueueMessage(ex, row);
  return row.id;
}

/** Queues several messages in one statement. */
export async function queueMessages(ex: Executor, clinicId: string, messages: readonly OutgoingMessage[], now: Temporal.Instant): Promise<number> {
  await enqueueMessages(ex, messages.map((m) => rowOf(clinicId, m, now)));
  return messages.length;
}

/** Withdraws the messages about `ref` that have not gone out yet (a rescheduled or cancelled appointment's reminders). */
export async function withdrawPendingMessages(ex: Executor, clinicId: string, ref: string): Promise<number> {
  const rows = await ex
    .delete(outbox)
    .where(and(eq(outbox.clinicId, clinicId), eq(outbox.ref, ref), eq(outbox.status, 'pending')))
    .returning({ id: outbox.id });
  return rows.length;
}
