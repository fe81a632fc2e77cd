/**
 * Appointment reminders through the outbox (issue #4 §5): to the patient, before each appointment (clinic setting,
 * default 24 h and 2 h), always in the clinic's local time with its zone's name, with the preparation instructions
 * for dosing sessions. Each reminder carries the appointment as its ref: rescheduling replaces the pending ones,
 * cancelling withdraws them.
 */
import { Temporal } from 'temporal-polyfill';
import type { ProtocolDefinition } from '../../../core/scheduling/protocol';
import type { Executor } from '../../../db/database';
import { toInstant } from '../../../db/ids';
import type { AppointmentRow } from '../../../db/repos/scheduling';
import type { ClinicSettings } from '../../../db/schema';
import { queueMessages, withdrawPendingMessages, type OutgoingMessage } from '../../outbox/messages';

export interface ReminderClinic {
  id: string;
  name: string;
  timeZone: string;
  phone: string;
  settings: ClinicSettings;
}

const KIND_LABEL: Record<string, string> = {
  preparation: 'preparation session',
  dosing: 'ketamine session',
  integration: 'integration session',
  'follow-up': 'follow-up appointment',
};

/**
 * "Tuesday, March 10, 2026 at 9:00 AM PDT": clinic-local, with the zone's name. Where English has no abbreviation
 * for the zone (Intl falls back to an offset, "GMT+1", in most of Europe), the full name: "Central European Standard Time".
 */
export function formatLocal(instant: Temporal.Instant, zone: string): string {
  const date = new Date(instant.epochMilliseconds);
  const format = (timeZoneName: 'short' | 'long') => new Intl.DateTimeFormat('en-US', {
    timeZone: zone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName,
  }).format(date);
  const short = format('short');
  return /GMT[+\-\u2212]\d/.test(short) ? format('long') : short;
}

export function reminderText(clinic: ReminderClinic, appointment: Pick<AppointmentRow, 'kind' | 'startsAt'>, protocol: ProtocolDefinition | null): string {
  const when = formatLocal(toInstant(appointment.startsAt), clinic.timeZone);
  const lines = [`This is a reminder of your ${KIND_LABEL[appointment.kind] ?? 'appointment'} at ${clinic.name} on ${when}.`];
  if (appointment.kind === 'dosing') {
    const fasting = protocol?.fasting ?? { foodHours: 2, liquidsMinutes: 30 };
    lines.push(
      '',
      'Before your ketamine session:',
      `- Please do not eat for ${fasting.foodHours} hours, and do not drink for ${fasting.liquidsMinutes} minutes, before the session.`,
      '- Arrange a ride home: you must not drive until the next day, after a restful sleep. Someone needs to take you home.',
      '- Bring your intention for the session, and anything that helps you feel comfortable.',
    );
  }
  lines.push('', `If you need to change or cancel, please call the clinic at ${clinic.phone}.`);
  return lines.join('\n');
}

/** The reminders an appointment gets (the clinic's hours before it that are still ahead); none without an email. */
export function appointmentReminders(
  clinic: ReminderClinic, appointment: AppointmentRow, patientEmail: string | null, protocol: ProtocolDefinition | null, now: Temporal.Instant,
): OutgoingMessage[] {
  if (!patientEmail || appointment.status !== 'booked') return [];
  const start = toInstant(appointment.startsAt);
  return clinic.settings.reminderHoursBefore
    .map((hours) => start.subtract({ hours }))
    .filter((sendAt) => Temporal.Instant.compare(sendAt, now) > 0)
    .map((sendAt) => ({
      kind: 'appointment-reminder',
      to: patientEmail,
      subject: `Reminder: your ${KIND_LABEL[appointment.kind] ?? 'appointment'} on ${formatLocal(start, clinic.timeZone)}`,
      text: reminderText(clinic, appointment, protocol),
      sendAt,
      ref: `appointment:${appointment.id}`,
    }));
}

/** Queues the reminders of one or more appointments in one statement; returns how many. */
export function queueAppointmentReminders(
  tx: Executor, clinic: ReminderClinic, appointment: AppointmentRow | readonly AppointmentRow[], patientEmail: string | null, protocol: ProtocolDefinition | null, now: Temporal.Instant,
): Promise<number> {
  const list = Array.isArray(appointment) ? appointment : [appointment as AppointmentRow];
  return queueMessages(tx, clinic.id, list.flatMap((a) => appointmentReminders(clinic, a, patientEmail, protocol, now)), now);
}

export const withdrawAppointmentReminders = (tx: Executor, clinicId: string, appointmentId: string) =>
  withdrawPendingMessages(tx, clinicId, `appointment:${appointmentId}`);
