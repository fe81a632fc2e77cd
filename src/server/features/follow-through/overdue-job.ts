/**
 * "Overdue integration alerts the therapist and admin through the outbox" (issue #6 §2): when a given dose's
 * integration window has ended and no integration session was held for it (src/core/integration/status.ts), one
 * message goes to the course's therapist (while active) and one to each active admin of the clinic, whatever the
 * course's state now (a course paused or stopped after a dose still owes that dose its integration). Messages name the
 * patient by initials only and link to the course page.
 *
 * Once per dose, even with several app instances and repeated runs: the run holds a transaction-scoped advisory lock
 * (an instance that cannot take it leaves the work to the one that has it), and a dose whose messages exist (outbox
 * ref "integration-overdue:<doseId>", pending or sent) is skipped; the messages and that check commit together.
 * Windows that ended more than LOOKBACK_DAYS ago are left alone (a job that was down for long, or older data when the
 * feature is switched on: the follow-through list shows them).
 */
import { sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { integrationStatus } from '../../../core/integration/status';
import { queryRows, type Database, type Executor } from '../../../db/database';
import { newId } from '../../../db/ids';
import { appendAuditEvents } from '../../../db/repos/audit';
import { queueMessage } from '../../outbox/messages';
import { initials } from '../calendar/appointments';
import { formatLocal } from '../courses/reminders';
import { loadCourseFacts } from './load';

export const LOOKBACK_DAYS = 7;
/** The longest window a protocol allows (ProtocolDefinition: integrationWindowHours.max ≤ 14 days). */
const MAX_WINDOW_HOURS = 24 * 14;
const LOCK = sql`hashtext('tilth:integration-overdue-alerts')`;

export const integrationOverdueRef = (doseId: string): string => `integration-overdue:${doseId}`;

interface Candidate {
  clinic_id: string;
  id: string;
  course_id: string;
  patient_id: string;
  patient_given: string;
  patient_family: string;
  clinic_name: string;
  time_zone: string;
  therapist_email: string | null;
}

export async function alertOverdueIntegrations(database: Database, now: Temporal.Instant, publicUrl: string): Promise<number> {
  const nowIso = new Date(now.epochMilliseconds).toISOString();
  const earliest = new Date(now.epochMilliseconds - (LOOKBACK_DAYS * 24 + MAX_WINDOW_HOURS) * 3600_000).toISOString();
  return database.db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(${LOCK}) AS locked`);
    if (!lock?.locked) return 0;
    // Doses whose window (from the appointment's start) has ended, with no integration of their number held and no
    // alert yet: the core rules below decide (the dose given? held by a session of another number?).
    const candidates = await queryRows<Candidate>(tx, sql`
      SELECT d.clinic_id, d.id, d.course_id, d.patient_id, p.given_name AS patient_given, p.family_name AS patient_family,
             cl.name AS clinic_name, cl.time_zone, CASE WHEN s.active THEN s.email END AS therapist_email
        FROM appointments d
        JOIN courses c ON c.clinic_id = d.clinic_id AND c.id = d.course_id
        JOIN protocols pr ON pr.clinic_id = c.clinic_id AND pr.id = c.protocol_id AND pr.version = c.protocol_version
        JOIN staff_members s ON s.clinic_id = c.clinic_id AND s.id = c.therapist_id
        JOIN patients p ON p.clinic_id = d.clinic_id AND p.id = d.patient_id
        JOIN clinics cl ON cl.id = d.clinic_id
       WHERE d.kind = 'dosing' AND d.status IN ('booked', 'completed')
         AND d.starts_at > ${earliest}::timestamptz
         AND d.starts_at + make_interval(hours => coalesce((pr.definition->'integrationWindowHours'->>'max')::int, 48)) < ${nowIso}::timestamptz
         AND NOT EXISTS (
           SELECT 1 FROM appointments i
            WHERE i.clinic_id = d.clinic_id AND i.course_id = d.course_id AND i.kind = 'integration' AND i.status = 'completed' AND i.number = d.number)
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.clinic_id = d.clinic_id AND o.ref = 'integration-overdue:' || d.id::text)
       ORDER BY d.starts_at
       LIMIT 500`);
    let alerted = 0;
    for (const [clinicId, list] of groupBy(candidates, (c) => c.clinic_id)) {
      const facts = await loadCourseFacts(tx, clinicId, list.map((c) => c.course_id));
      const admins = await activeAdminEmails(tx, clinicId);
      for (const d of list) {
        const course = facts.get(d.course_id);
        const dose = course?.doses.find((x) => x.id === d.id);
        if (!course || !dose) continue;
        const status = integrationStatus(dose, course.doses, course.integrations, course.window, now);
        if (status?.status !== 'overdue') continue;
        if (Temporal.Instant.compare(status.windowEnd, now.subtract({ hours: LOOKBACK_DAYS * 24 })) < 0) continue;
        const recipients = [...new Set([d.therapist_email, ...admins].filter((e): e is string => Boolean(e)))];
        if (recipients.length === 0) continue;
        const who = initials(d.patient_given, d.patient_family);
        const text = [
          `Dose ${dose.number} of ${who}'s course at ${d.clinic_name} was given on ${formatLocal(status.givenAt, d.time_zone)}.`,
          `Its integration session was due within ${course.window.min}–${course.window.max} hours, by ${formatLocal(status.windowEnd, d.time_zone)},`,
          status.integration?.status === 'booked'
            ? `and is booked only for ${formatLocal(status.integration.start, d.time_zone)}, after the window (or was not recorded as held).`
            : 'and none was held.',
          '',
          `See the course and book or record the session: ${publicUrl}/patients/${d.patient_id}/course`,
        ].join('\n');
        for (const to of recipients) {
          await queueMessage(tx, clinicId, { kind: 'integration-overdue', to, subject: `Integration overdue: ${who}, dose ${dose.number}`, text, ref: integrationOverdueRef(d.id) }, now);
        }
        await appendAuditEvents(tx, clinicId, [{
          id: newId(), clinicId, occurredAt: new Date(now.epochMilliseconds).toISOString(), actorType: 'system', actorId: null, actorRole: null,
          patientId: d.patient_id, action: 'integration-overdue.alert', resourceType: 'appointment', resourceId: d.id, requestId: null, outcome: 'allowed',
          detail: { courseId: d.course_id, dose: dose.number, recipients: recipients.length },
        }]);
        alerted++;
      }
    }
    return alerted;
  });
}

async function activeAdminEmails(ex: Executor, clinicId: string): Promise<string[]> {
  const rows = await queryRows<{ email: string }>(ex, sql`SELECT email FROM staff_members WHERE clinic_id = ${clinicId}::uuid AND role = 'admin' AND active ORDER BY email`);
  return rows.map((r) => r.email);
}

function groupBy<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const group = out.get(k);
    if (group) group.push(x);
    else out.set(k, [x]);
  }
  return out;
}
