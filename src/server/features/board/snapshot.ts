/**
 * The clinic floor board (issue #5 §7): today's dosing sessions (clinic-local day) by room, each with the patient's
 * initials, phase, minutes since the dose, the next checkpoint due, open alerts (threshold alerts not yet acknowledged
 * and overdue checkpoints) and who is present. A few reads of the database for all sessions together, the core for the rest.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { checkpointSchedule, checkpointStatus, whoIsPresent } from '../../../core/dosing';
import type { ProtocolDefinition } from '../../../core/scheduling/protocol';
import type { Executor } from '../../../db/database';
import { dosingAppointmentsBetween, loadBundles, openAlertsOf, vitalsSummaries, type DosingSessionRow } from '../../../db/repos/dosing';
import { clinics, courses, patients, protocols, rooms } from '../../../db/schema';
import { DEFAULT_PROTOCOL, loadStaff, parsedProtocol, presenceLog } from '../dosing/load';


export async function boardSnapshot(ex: Executor, clinicId: string, now: number) {
  const [clinic] = await ex.select({ timeZone: clinics.timeZone }).from(clinics).where(eq(clinics.id, clinicId));
  const timeZone = clinic!.timeZone;
  const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(timeZone).toPlainDate();
  const from = today.toZonedDateTime({ timeZone });
  const to = today.add({ days: 1 }).toZonedDateTime({ timeZone });
  const rows = await dosingAppointmentsBetween(ex, clinicId, new Date(from.epochMilliseconds), new Date(to.epochMilliseconds));
  const sessions = rows.map((r) => r.session).filter((s): s is DosingSessionRow => s !== null);
  const patientIds = [...new Set(rows.map((r) => r.appointment.patientId))];
  const sessionIds = sessions.map((x) => x.appointmentId);
  // The board shows the readings' times and the latest, who is present and the open alerts: nothing else of a
  // session is read. The reads are independent of each other (sent together where the database has a pool).
  const [bundles, vitals, alerts, people, roomRows, staff, protocolOf] = await Promise.all([
    loadBundles(ex, clinicId, sessions, ['presence']),
    vitalsSummaries(ex, clinicId, sessionIds),
    openAlertsOf(ex, clinicId, sessionIds),
    patientIds.length
      ? ex.select({ id: patients.id, g: patients.givenName, f: patients.familyName }).from(patients).where(and(eq(patients.clinicId, clinicId), inArray(patients.id, patientIds)))
      : [],
    ex.select({ id: rooms.id, name: rooms.name, kind: rooms.kind }).from(rooms).where(eq(rooms.clinicId, clinicId)),
    loadStaff(ex, clinicId),
    protocolsFor(ex, clinicId, rows.map((r) => r.appointment.courseId).filter((x): x is string => Boolean(x))),
  ]);
  const initials = new Map(people.map((p) => [p.id, `${p.g[0] ?? ''}${p.f[0] ?? ''}`.toUpperCase()]));

  const items = rows.map(({ appointment: a, session }) => {
    const b = bundles.get(a.id);
    const protocol = (a.courseId && protocolOf.get(a.courseId)) || DEFAULT_PROTOCOL;
    const dosedAt = session?.dosedAt?.getTime() ?? null;
    const state = session?.state ?? 'scheduled';
    const readingTimes = vitals.get(a.id)?.takenAt ?? [];
    let nextCheckpoint: { label: string; dueAt: string; status: string } | null = null;
    const overdue: { label: string; dueAt: string }[] = [];
    if (dosedAt !== null && state !== 'discharged' && state !== 'aborted') {
      const plannedEnd = Math.max(a.endsAt.getTime(), dosedAt + protocol.durations.monitoringMinutes * 60_000);
      const schedule = checkpointSchedule(protocol, dosedAt, plannedEnd);
      if (schedule.ok) {
        const report = checkpointStatus(schedule.value, readingTimes, now, protocol.dosing.checkpoints.overdueGraceMinutes);
        if (report.nextDue) nextCheckpoint = { label: report.nextDue.label, dueAt: new Date(report.nextDue.dueAt).toISOString(), status: report.nextDue.status };
        // Overdue (5 minutes past due, unrecorded), or missed with no reading taken since it fell due: both mean
        // nobody has checked the patient when the protocol said to. A later reading clears a missed one.
        const lastReading = readingTimes.at(-1) ?? -Infinity;
        for (const c of report.checkpoints) {
          if (c.status === 'overdue' || (c.status === 'missed' && lastReading < c.dueAt)) overdue.push({ label: c.label, dueAt: new Date(c.dueAt).toISOString() });
        }
      }
    }
    const present = whoIsPresent(presenceLog(b, staff), now).map((p) => ({ name: staff.get(p.staffId)?.name ?? 'Staff', role: p.role }));
    const openAlerts = (alerts.get(a.id) ?? []).map((x) => ({ id: x.id, level: x.level, vital: x.vital, message: x.message, raisedAt: x.raisedAt.toISOString() }));
    const latest = vitals.get(a.id)?.latest ?? null;
    return {
      appointmentId: a.id,
      room: roomRows.find((r) => r.id === a.roomId)?.name ?? 'Room',
      roomId: a.roomId,
      patientInitials: initials.get(a.patientId) ?? '?',
      start: a.startsAt.toISOString(),
      end: a.endsAt.toISOString(),
      state,
      dosedAt: dosedAt === null ? null : new Date(dosedAt).toISOString(),
      minutesSinceDose: dosedAt === null ? null : Math.floor((now - dosedAt) / 60_000),
      nextCheckpoint,
      overdueGraceMinutes: protocol.dosing.checkpoints.overdueGraceMinutes,
      overdueCheckpoints: overdue,
      openAlerts,
      present,
      therapist: staff.get(a.therapistId)?.name ?? null,
      latestVitals: latest,
      version: session?.version ?? 0,
    };
  });
  return { date: today.toString(), timeZone, generatedAt: new Date(now).toISOString(), sessions: items, patientIds };
}

export type BoardSnapshot = Awaited<ReturnType<typeof boardSnapshot>>;

async function protocolsFor(ex: Executor, clinicId: string, courseIds: string[]): Promise<Map<string, ProtocolDefinition>> {
  const out = new Map<string, ProtocolDefinition>();
  if (courseIds.length === 0) return out;
  const rows = await ex
    .select({ courseId: courses.id, id: protocols.id, version: protocols.version, definition: protocols.definition })
    .from(courses)
    .innerJoin(protocols, and(eq(protocols.clinicId, courses.clinicId), eq(protocols.id, courses.protocolId), eq(protocols.version, courses.protocolVersion)))
    .where(and(eq(courses.clinicId, clinicId), inArray(courses.id, [...new Set(courseIds)])));
  for (const r of rows) out.set(r.courseId, parsedProtocol(clinicId, r));
  return out;
}
