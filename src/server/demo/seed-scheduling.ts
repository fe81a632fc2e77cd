/**
 * The demo clinic's scheduling: opening hours, staff working hours, the two protocols of issue #4 ("Sublingual KAP,
 * 6 sessions" and "IM KAP, 6 sessions"), and a real booked course for each patient in a course, planned by the
 * planner from a start in the past so that two doses (with their integration sessions) are already held and the
 * next dose is booked.
 */
import { eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { planCourse, type PlannedAppointment } from '../../core/scheduling/planner';
import { ProtocolDefinition, type ProtocolInput } from '../../core/scheduling/protocol';
import type { Executor } from '../../db/database';
import { newId, toDate } from '../../db/ids';
import * as repo from '../../db/repos/scheduling';
import { clinics, settingsOf, staffAvailability } from '../../db/schema';
import { loadPlanningContext } from '../features/courses/planning-context';

export const DEMO_PROTOCOLS: ProtocolInput[] = [
  { name: 'Sublingual KAP, 6 sessions', routes: ['sublingual'], prepSessions: 2, dosingSessions: 6 },
  { name: 'IM KAP, 6 sessions', routes: ['intramuscular'], prepSessions: 2, dosingSessions: 6 },
];

const WEEKDAYS = (from: string, to: string) => Object.fromEntries([1, 2, 3, 4, 5].map((d) => [String(d), [[from, to]] as [string, string][]]));

export async function seedSchedulingSetup(tx: Executor, clinicId: string, staff: Map<string, string>, now: Temporal.Instant): Promise<{ sublingual: repo.ProtocolRow }> {
  const [clinic] = await tx.select().from(clinics).where(eq(clinics.id, clinicId));
  await tx.update(clinics).set({ settings: { ...settingsOf(clinic), openingHours: { ...WEEKDAYS('08:00', '18:00'), 6: [['09:00', '13:00']] } } }).where(eq(clinics.id, clinicId));
  const hours: Record<string, Record<string, [string, string][]>> = {
    prescriber: WEEKDAYS('08:00', '17:00'),
    nurse: { ...WEEKDAYS('08:00', '16:30'), 6: [['09:00', '13:00']] },
    therapist: WEEKDAYS('09:00', '17:00'),
    therapist2: { 2: [['10:00', '18:00']], 3: [['10:00', '18:00']], 4: [['10:00', '18:00']], 5: [['10:00', '18:00']], 6: [['09:00', '13:00']] },
    admin: WEEKDAYS('08:00', '17:00'),
  };
  for (const [key, weeklyHours] of Object.entries(hours)) {
    await tx.insert(staffAvailability).values({ clinicId, staffId: staff.get(key)!, weeklyHours, updatedAt: toDate(now) });
  }
  let sublingual: repo.ProtocolRow | undefined;
  for (const input of DEMO_PROTOCOLS) {
    const definition = ProtocolDefinition.parse(input);
    const row = { clinicId, id: newId(), version: 1, name: definition.name, definition, active: true, createdBy: staff.get('admin')!, createdAt: toDate(now) };
    await repo.insertProtocol(tx, row);
    sublingual ??= row;
  }
  return { sublingual: sublingual! };
}

/**
 * Books a course for a patient with `dosesHeld` doses (and their integration sessions) already held: the start of
 * the course is planned from a date in the past, and the rest of it — the next dose onwards — is planned again from
 * now, numbered on, as a clinic would have booked it.
 */
export async function seedCourse(
  tx: Executor, clinicId: string, patientId: string, therapistId: string, protocol: repo.ProtocolRow, now: Temporal.Instant, dosesHeld: number,
): Promise<{ courseId: string; appointments: repo.AppointmentRow[] }> {
  const definition = ProtocolDefinition.parse(protocol.definition);
  const plan = async (def: ProtocolDefinition, from: Temporal.Instant) => {
    const loaded = await loadPlanningContext(tx, { clinicId, patientId, therapistId, protocol: def, route: def.routes[0]!, from, days: 100 });
    return planCourse(loaded.ctx, { start: from, horizonDays: 84 });
  };
  const isPast = (a: PlannedAppointment) => Temporal.Instant.compare(a.end, now) < 0;
  let past: PlannedAppointment[] | null = null;
  for (let daysBack = 30; daysBack >= 3 && !past; daysBack--) {
    const result = await plan(definition, now.subtract({ hours: 24 * daysBack }));
    if (!result.ok) continue;
    const held = result.appointments.filter((a) => a.kind === 'preparation' || a.number <= dosesHeld);
    const lastDose = held.filter((a) => a.kind === 'dosing').at(-1);
    // Everything held is over, and the last held dose is recent enough for the next to follow within the spacing.
    if (held.every(isPast) && lastDose && Temporal.Instant.compare(lastDose.start, now.subtract({ hours: 24 * 9 })) > 0) past = held;
  }
  if (!past) throw new Error('demo: no course start gives the wanted number of held doses');
  const [{ timeZone }] = (await tx.select({ timeZone: clinics.timeZone }).from(clinics).where(eq(clinics.id, clinicId))) as [{ timeZone: string }];
  const lastDoseDate = past.filter((a) => a.kind === 'dosing').at(-1)!.start.toZonedDateTimeISO(timeZone).toPlainDate();
  const spacedFrom = lastDoseDate.add({ days: definition.doseSpacingDays.min }).toZonedDateTime({ timeZone }).toInstant();
  const restFrom = Temporal.Instant.compare(now, spacedFrom) > 0 ? now : spacedFrom;
  const rest = await plan({ ...definition, prepSessions: 0, dosingSessions: definition.dosingSessions - dosesHeld }, restFrom);
  if (!rest.ok) throw new Error(`demo: the rest of the course cannot be planned: ${rest.failure.message}`);
  const chosen = [...past, ...rest.appointments.map((a) => ({ ...a, number: a.number + dosesHeld }))];
  const courseId = newId();
  const at = toDate(now);
  await repo.insertCourse(tx, {
    clinicId, id: courseId, patientId, protocolId: protocol.id, protocolVersion: protocol.version, route: definition.routes[0]!, therapistId,
    status: 'booked', proposal: null, createdAt: toDate(chosen[0]!.start.subtract({ hours: 24 * 7 })), updatedAt: at,
  });
  const rows: repo.AppointmentRow[] = chosen.map((a) => ({
    clinicId, id: newId(), courseId, patientId, kind: a.kind, number: a.number, startsAt: toDate(a.start), endsAt: toDate(a.end), roomId: a.roomId,
    therapistId: a.therapistId, nurseId: a.nurseId, status: isPast(a) ? 'completed' : 'booked', exceptionReason: null, cancelReason: null, createdAt: at, updatedAt: at,
  }));
  await repo.insertAppointments(tx, rows);
  await repo.insertHistory(tx, rows.map((r) => ({
    clinicId, id: newId(), appointmentId: r.id, action: 'booked' as const, before: null,
    after: { start: r.startsAt.toISOString(), end: r.endsAt.toISOString(), roomId: r.roomId }, reason: null, changedBy: null, changedAt: at,
  })));
  return { courseId, appointments: rows };
}
