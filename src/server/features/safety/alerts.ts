/**
 * Opening safety alerts: in the same transaction as the response that raised them (nothing is ever silently dropped),
 * with a message to the care team through the outbox. Messages say only that an alert needs attention: details stay
 * in Tilth, behind sign-in and audit.
 */
import type { RaisedFlag } from '../../../core/instruments/score';
import type { Executor } from '../../../db/database';
import { newId, toDate } from '../../../db/ids';
import { loadCareTeamMembers } from '../../../db/repos/patients';
import { insertSafetyAlerts } from '../../../db/repos/safety';
import { staffMembers } from '../../../db/schema';
import { and, eq, inArray } from 'drizzle-orm';
import { audit, type Ctx } from '../../context';
import { queueMessage } from '../../outbox/messages';

export interface OpenedAlert {
  id: string;
  flag: string;
  message: string;
}

/** What the patient answered that raised the flags (named in the care team's message, never the answers). */
export type AlertSource = 'questionnaire' | 'post-dose check-in';

/** `responseId`: the questionnaire response that raised the flags (null for a post-dose check-in, which names its alert). */
export async function openSafetyAlerts(
  ctx: Ctx, tx: Executor, patientId: string, responseId: string | null, flags: readonly RaisedFlag[], source: AlertSource = 'questionnaire',
): Promise<OpenedAlert[]> {
  if (flags.length === 0) return [];
  const { clinicId } = ctx.actor;
  const now = ctx.deps.clock();
  const alerts = flags.map((f) => ({ id: newId(), flag: f.id, message: f.message }));
  await insertSafetyAlerts(
    tx,
    alerts.map((a) => ({ clinicId, id: a.id, patientId, responseId, flag: a.flag, message: a.message, status: 'open' as const, createdAt: toDate(now) })),
  );
  await audit(ctx, alerts.map((a) => ({ action: 'safety-alert.open', resourceType: 'safety-alert', resourceId: a.id, patientId, detail: { flag: a.flag } })), tx);
  const team = (await loadCareTeamMembers(tx, clinicId, [patientId])).get(patientId) ?? [];
  const recipients = team.length
    ? await tx
        .select({ email: staffMembers.email })
        .from(staffMembers)
        .where(and(eq(staffMembers.clinicId, clinicId), inArray(staffMembers.id, team.map((m) => m.staffId)), eq(staffMembers.active, true)))
    : [];
  for (const { email } of recipients) {
    await queueMessage(
      tx,
      clinicId,
      {
        kind: 'safety-alert',
        to: email,
        subject: 'Tilth: a safety alert needs your attention',
        text: `A patient on your care team answered a ${source} in a way that raised a safety alert.\n\nOpen the safety queue in Tilth and document the action you take:\n${ctx.deps.config.publicUrl}/safety\n`,
      },
      now,
    );
  }
  return alerts;
}
