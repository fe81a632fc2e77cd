/**
 * "An integration session is not booked yet" (issue #4 §5): when a dose was given (a dosing appointment booked or
 * completed) and, the clinic's integrationReminderHours (default 12) after its start, its course has no integration
 * session for it, the course's therapist gets one message through the outbox.
 *
 * An integration session counts for the dose when it is not cancelled and has the dose's number, or starts after the
 * dose and before the course's next dose (an integration booked on its own may carry another number).
 *
 * Once per dose, even with several app instances: the run holds a transaction-scoped advisory lock (an instance that
 * cannot take it leaves the work to the one that has it), and a dose whose message exists (outbox ref
 * "integration-missing:<doseId>", pending or sent) is skipped; the message and that check commit together.
 */
import { sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { ProtocolDefinition } from '../../../core/scheduling/protocol';
import { queryRows, type Database } from '../../../db/database';
import { newId } from '../../../db/ids';
import { appendAuditEvents } from '../../../db/repos/audit';
import { settingsOf, type ClinicSettings } from '../../../db/schema';
import { queueMessage } from '../../outbox/messages';
import { formatLocal } from '../courses/reminders';
import { initials } from './appointments';

/** Doses whose reminder time passed longer ago than this are left alone (a job that was down for long, old data). */
export const LOOKBACK_DAYS = 7;
/** Any integrationReminderHours setting is at most this (PATCH /api/clinic allows 1–72). */
const MAX_REMINDER_HOURS = 72;
const LOCK = sql`hashtext('tilth:integration-missing-reminders')`;

export const integrationMissingRef = (doseId: string): string => `integration-missing:${doseId}`;

interface Candidate {
  clinic_id: string;
  id: string;
  number: number;
  starts_at: string | Date;
  patient_id: string;
  course_id: string;
  therapist_email: string;
  patient_given: string;
  patient_family: string;
  clinic_name: string;
  time_zone: string;
  settings: Partial<ClinicSettings>;
  definition: unknown;
}

export async function remindMissingIntegrations(database: Database, now: Temporal.Instant, publicUrl: string): Promise<number> {
  const nowIso = new Date(now.epochMilliseconds).toISOString();
  const earliest = new Date(now.epochMilliseconds - (LOOKBACK_DAYS * 24 + MAX_REMINDER_HOURS) * 3600_000).toISOString();
  return database.db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(${LOCK}) AS locked`);
    if (!lock?.locked) return 0;
    const candidates = await queryRows<Candidate>(tx, sql`
      SELECT d.clinic_id, d.id, d.number, d.starts_at, d.patient_id, d.course_id,
             s.email AS therapist_email, p.given_name AS patient_given, p.family_name AS patient_family,
             cl.name AS clinic_name, cl.time_zone, cl.settings, pr.definition
        FROM appointments d
        JOIN courses c ON c.clinic_id = d.clinic_id AND c.id = d.course_id
        JOIN protocols pr ON pr.clinic_id = c.clinic_id AND pr.id = c.protocol_id AND pr.version = c.protocol_version
        JOIN staff_members s ON s.clinic_id = c.clinic_id AND s.id = c.therapist_id
        JOIN patients p ON p.clinic_id = d.clinic_id AND p.id = d.patient_id
        JOIN clinics cl ON cl.id = d.clinic_id
       WHERE d.kind = 'dosing' AND d.status IN ('booked', 'completed')
         AND c.status IN ('booked', 'completed')
         AND d.starts_at <= ${nowIso}::timestamptz - interval '1 hour'
         AND d.starts_at > ${earliest}::timestamptz
         AND NOT EXISTS (
           SELECT 1 FROM appointments i
            WHERE i.clinic_id = d.clinic_id AND i.course_id = d.course_id AND i.kind = 'integration' AND i.status <> 'cancelled'
              AND (i.number = d.number OR (i.starts_at > d.starts_at AND NOT EXISTS (
                SELECT 1 FROM appointments n
                 WHERE n.clinic_id = d.clinic_id AND n.course_id = d.course_id AND n.kind = 'dosing' AND n.status <> 'cancelled'
                   AND n.starts_at > d.starts_at AND n.starts_at < i.starts_at))))
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.clinic_id = d.clinic_id AND o.ref = 'integration-missing:' || d.id::text)
       ORDER BY d.starts_at
       LIMIT 500`);
    let queued = 0;
    for (const d of candidates) {
      const settings = settingsOf({ settings: d.settings });
      const doseAt = Temporal.Instant.fromEpochMilliseconds(new Date(d.starts_at).getTime());
      const due = doseAt.add({ hours: settings.integrationReminderHours });
      if (Temporal.Instant.compare(due, now) > 0) continue;
      if (Temporal.Instant.compare(due, now.subtract({ hours: LOOKBACK_DAYS * 24 })) < 0) continue;
      const parsed = ProtocolDefinition.safeParse(d.definition);
      const window = parsed.success ? parsed.data.integrationWindowHours : { min: 24, max: 48 };
      const who = initials(d.patient_given, d.patient_family);
      const when = formatLocal(doseAt, d.time_zone);
      const latest = formatLocal(doseAt.add({ hours: window.max }), d.time_zone);
      await queueMessage(tx, d.clinic_id, {
        kind: 'integration-missing',
        to: d.therapist_email,
        subject: `Integration session not booked: ${who}, dose ${d.number}`,
        text: [
          `Dose ${d.number} of ${who}'s course at ${d.clinic_name} was on ${when}.`,
          `${settings.integrationReminderHours} hours later, no integration session is booked for it.`,
          `The protocol has integration ${window.min}–${window.max} hours after the dose, so by ${latest} at the latest.`,
          '',
          `Book it from the patient's page: ${publicUrl}/patients/${d.patient_id}`,
        ].join('\n'),
        ref: integrationMissingRef(d.id),
      }, now);
      await appendAuditEvents(tx, d.clinic_id, [{
        id: newId(), clinicId: d.clinic_id, occurredAt: new Date(now.epochMilliseconds).toISOString(), actorType: 'system', actorId: null, actorRole: null,
        patientId: d.patient_id, action: 'integration-missing.remind', resourceType: 'appointment', resourceId: d.id, requestId: null, outcome: 'allowed',
        detail: { courseId: d.course_id, dose: d.number },
      }]);
      queued++;
    }
    return queued;
  });
}
