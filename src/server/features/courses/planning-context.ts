/**
 * Builds the planner's view of the clinic from the database: opening hours and closed days, rooms, staff working
 * time and bookings, the patient's preferences and bookings — all for one date range, in the clinic's zone.
 * Batched: a handful of queries whatever the course length.
 */
import { and, eq, gt, inArray, lt, ne } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { patientWindows, weeklyIntervals, workingTime, type TimeOfDay, type WeeklyHours } from '../../../core/scheduling/availability';
import { IntervalSet, type Interval } from '../../../core/scheduling/intervals';
import type { ProtocolDefinition, Route } from '../../../core/scheduling/protocol';
import type { PlanningContext, StaffResource } from '../../../core/scheduling/resources';
import type { Executor } from '../../../db/database';
import { toInstant } from '../../../db/ids';
import {
  appointments, clinics, patientSchedulingPreferences, rooms, settingsOf, staffAvailability, staffAvailabilityExceptions, staffMembers,
} from '../../../db/schema';

export interface ContextRequest {
  clinicId: string;
  patientId: string;
  therapistId: string;
  protocol: ProtocolDefinition;
  route: Route;
  from: Temporal.Instant;
  days: number;
  /** Appointments to leave out of the busy times (the course being rescheduled). */
  ignoreAppointmentIds?: readonly string[];
}

export interface LoadedContext {
  ctx: PlanningContext;
  zone: string;
  earliestStart: Temporal.Instant;
}

const STEP_MINUTES = 15;

export async function loadPlanningContext(ex: Executor, req: ContextRequest): Promise<LoadedContext> {
  const [clinic] = await ex.select().from(clinics).where(eq(clinics.id, req.clinicId)).limit(1);
  if (!clinic) throw new Error('no such clinic');
  const zone = clinic.timeZone;
  const settings = settingsOf(clinic);
  const fromDate = req.from.toZonedDateTimeISO(zone).toPlainDate();
  const range = { from: fromDate, to: fromDate.add({ days: req.days + 1 }) };
  const rangeStart = new Date(req.from.epochMilliseconds - 24 * 3600_000);
  const rangeEnd = new Date(req.from.epochMilliseconds + (req.days + 2) * 24 * 3600_000);

  // One after another: this often runs inside a transaction, whose single connection takes one query at a time.
  const roomRows = await ex.select().from(rooms).where(and(eq(rooms.clinicId, req.clinicId), eq(rooms.active, true)));
  const staffRows = await ex.select({ id: staffMembers.id, role: staffMembers.role }).from(staffMembers)
    .where(and(eq(staffMembers.clinicId, req.clinicId), eq(staffMembers.active, true), inArray(staffMembers.role, ['prescriber', 'nurse', 'therapist'])));
  const hourRows = await ex.select().from(staffAvailability).where(eq(staffAvailability.clinicId, req.clinicId));
  const exceptionRows = await ex.select().from(staffAvailabilityExceptions)
    .where(and(eq(staffAvailabilityExceptions.clinicId, req.clinicId), lt(staffAvailabilityExceptions.startsAt, rangeEnd), gt(staffAvailabilityExceptions.endsAt, rangeStart)));
  const booked = await ex.select({ id: appointments.id, start: appointments.startsAt, end: appointments.endsAt, roomId: appointments.roomId, therapistId: appointments.therapistId, nurseId: appointments.nurseId, patientId: appointments.patientId })
    .from(appointments)
    .where(and(eq(appointments.clinicId, req.clinicId), ne(appointments.status, 'cancelled'), lt(appointments.startsAt, rangeEnd), gt(appointments.endsAt, rangeStart)));
  const [prefs] = await ex.select().from(patientSchedulingPreferences)
    .where(and(eq(patientSchedulingPreferences.clinicId, req.clinicId), eq(patientSchedulingPreferences.patientId, req.patientId))).limit(1);

  const ignore = new Set(req.ignoreAppointmentIds ?? []);
  const busyBy = (pick: (b: (typeof booked)[number]) => string | null) => {
    const map = new Map<string, Interval[]>();
    for (const b of booked) {
      if (ignore.has(b.id)) continue;
      const key = pick(b);
      if (!key) continue;
      const list = map.get(key);
      const interval = { start: b.start.getTime(), end: b.end.getTime() };
      if (list) list.push(interval);
      else map.set(key, [interval]);
    }
    return map;
  };
  const roomBusy = busyBy((b) => b.roomId);
  const staffBusy = busyBy((b) => b.therapistId);
  for (const [k, v] of busyBy((b) => b.nurseId)) staffBusy.set(k, (staffBusy.get(k) ?? []).concat(v));
  const patientBusy = busyBy((b) => (b.patientId === req.patientId ? b.patientId : null));

  const hoursOf = new Map(hourRows.map((h) => [h.staffId, h.weeklyHours as unknown as WeeklyHours]));
  const resource = (id: string): StaffResource => ({
    id,
    working: workingTime(
      hoursOf.get(id) ?? {},
      exceptionRows.filter((e) => e.staffId === id).map((e) => ({ start: toInstant(e.startsAt), end: toInstant(e.endsAt), kind: e.kind })),
      range,
      zone,
    ),
    busy: new IntervalSet(staffBusy.get(id) ?? []),
  });

  const earliest = prefs?.earliestStart ? Temporal.PlainDate.from(prefs.earliestStart).toZonedDateTime({ timeZone: zone }).toInstant() : req.from;
  const ctx: PlanningContext = {
    protocol: req.protocol,
    route: req.route,
    zone,
    stepMinutes: STEP_MINUTES,
    open: weeklyIntervals(settings.openingHours as unknown as WeeklyHours, range, zone, new Set(settings.closedDates)),
    patient: {
      windows: patientWindows({ weekdays: prefs?.weekdays ?? [], timesOfDay: (prefs?.timesOfDay ?? []) as TimeOfDay[] }, range, zone),
      busy: new IntervalSet(patientBusy.get(req.patientId) ?? []),
    },
    therapist: resource(req.therapistId),
    prescribers: staffRows.filter((s) => s.role === 'prescriber').map((s) => resource(s.id)),
    nurses: staffRows.filter((s) => s.role === 'nurse').map((s) => resource(s.id)),
    rooms: roomRows.map((r) => ({ id: r.id, kind: r.kind, equipment: r.equipment, busy: new IntervalSet(roomBusy.get(r.id) ?? []) })),
  };
  return { ctx, zone, earliestStart: Temporal.Instant.compare(earliest, req.from) > 0 ? earliest : req.from };
}
