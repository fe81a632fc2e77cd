/** Writing messages to people: always into the outbox, inside the caller's transaction. */
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/database';
import { newId, toDate } from '../../db/ids';
import { enqueueMessage } from '../../db/repos/outbox';

export interface OutgoingMessage {
  kind: string;
  to: string;
  subject: string;
  text: string;
}

export async function queueMessage(ex: Executor, clinicId: string, message: OutgoingMessage, now: Temporal.Instant): Promise<string> {
  const id = newId();
  await enqueueMessage(ex, {
    clinicId,
    id,
    kind: message.kind,
    recipient: message.to,
    subject: message.subject,
    bodyText: message.text,
    nextAttemptAt: toDate(now),
    createdAt: toDate(now),
  });
  return id;
}
