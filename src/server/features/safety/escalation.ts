/**
 * Escalating safety alerts nobody acknowledged in time (clinic setting, default 4 hours): a message to the patient's
 * prescriber and the clinic's admins through the outbox, once per alert even with several app instances.
 */
import { and, eq } from 'drizzle-orm';
import type { Temporal } from 'temporal-polyfill';
import type { Database } from '../../../db/database';
import { newId, toDate } from '../../../db/ids';
import { appendAuditEvents } from '../../../db/repos/audit';
import { loadCareTeamMembers } from '../../../db/repos/patients';
import { claimAlertsToEscalate } from '../../../db/repos/safety';
import { staffMembers } from '../../../db/schema';
import { queueMessage } from '../../outbox/messages';

export async function escalateSafetyAlerts(database: Database, clock: () => Temporal.Instant, publicUrl: string): Promise<number> {
  const now = clock();
  return database.db.transaction(async (tx) => {
    const alerts = await claimAlertsToEscalate(tx, toDate(now));
    for (const alert of alerts) {
      const team = (await loadCareTeamMembers(tx, alert.clinicId, [alert.patientId])).get(alert.patientId) ?? [];
      const admins = await tx
        .select({ id: staffMembers.id, email: staffMembers.email })
        .from(staffMembers)
        .where(and(eq(staffMembers.clinicId, alert.clinicId), eq(staffMembers.role, 'admin'), eq(staffMembers.active, true)));
      const prescriberIds = team.filter((m) => m.role === 'prescriber').map((m) => m.staffId);
      const prescribers = prescriberIds.length
        ? await tx.select({ id: staffMembers.id, email: staffMembers.email }).from(staffMembers).where(and(eq(staffMembers.clinicId, alert.clinicId), eq(staffMembers.id, prescriberIds[0]!)))
        : [];
      const recipients = new Map([...prescribers, ...admins].map((s) => [s.email, s]));
      for (const email of recipients.keys()) {
        await queueMessage(tx, alert.clinicId, {
          kind: 'safety-alert-escalation',
          to: email,
          subject: 'Tilth: a safety alert is still open',
          text: `A safety alert raised at ${alert.createdAt.toISOString()} has not been acknowledged.\n\nPlease make sure a clinician acts on it now:\n${publicUrl}/safety\n`,
        }, now);
      }
      await appendAuditEvents(tx, alert.clinicId, [{
        id: newId(), clinicId: alert.clinicId, occurredAt: new Date(now.epochMilliseconds).toISOString(), actorType: 'system', actorId: null, actorRole: null,
        patientId: alert.patientId, action: 'safety-alert.escalate', resourceType: 'safety-alert', resourceId: alert.id, requestId: null, outcome: 'allowed',
        detail: { recipients: recipients.size },
      }]);
    }
    return alerts.length;
  });
}
