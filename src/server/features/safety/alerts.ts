/**
 * Opening safety alerts: in the same transaction as the response that raised them (nothing is ever silently dropped),
 * with a message to the care team through the outbox. Messages say only that an alert needs attention: details stay
 * in Tilth, behind sign-in and audit.
 */
import type { RaisedFlag } from '../../../core/instruments/score';
import type { Executor } from '../../../db/database';
import { newId, toDate } from '../../../db/ids';
import { activeCareTeamEmails, insertSafetyAlerts } from '../../../db/repos/safety';
import { audit, type AuditInput, type Ctx } from '../../context';
import { queueMessages } from '../../outbox/messages';

export interface OpenedAlert {
  id: string;
  flag: string;
  message: string;
}

/** What the patient answered that raised the flags (named in the care team's message, never the answers). */
export type AlertSource = 'questionnaire' | 'post-dose check-in';

/**
 * `responseId`: the questionnaire response that raised the flags (null for a post-dose check-in, which names its alert).
 * `auditInto`: where the caller collects its transaction's audit events to append them once, last (the clinic's chain
 * head is then locked only from that append to COMMIT); without it the alerts' events are appended here.
 */
export async function openSafetyAlerts(
  ctx: Ctx, tx: Executor, patientId: string, responseId: string | null, flags: readonly RaisedFlag[], source: AlertSource = 'questionnaire',
  auditInto?: AuditInput[],
): Promise<OpenedAlert[]> {
  if (flags.length === 0) return [];
  const { clinicId } = ctx.actor;
  const now = ctx.deps.clock();
  const alerts = flags.map((f) => ({ id: newId(), flag: f.id, message: f.message }));
  await insertSafetyAlerts(
    tx,
    alerts.map((a) => ({ clinicId, id: a.id, patientId, responseId, flag: a.flag, message: a.message, status: 'open' as const, createdAt: toDate(now) })),
  );
  const events: AuditInput[] = alerts.map((a) => ({ action: 'safety-alert.open', resourceType: 'safety-alert', resourceId: a.id, patientId, detail: { flag: a.flag } }));
  if (auditInto) auditInto.push(...events);
  else await audit(ctx, events, tx);
  const recipients = await activeCareTeamEmails(tx, clinicId, patientId);
  await queueMessages(
    tx,
    clinicId,
    recipients.map((email) => ({
      kind: 'safety-alert',
      to: email,
      subject: 'Tilth: a safety alert needs your attention',
      text: `A patient on your care team answered a ${source} in a way that raised a safety alert.\n\nOpen the safety queue in Tilth and document the action you take:\n${ctx.deps.config.publicUrl}/safety\n`,
    })),
    now,
  );
  return alerts;
}
