/**
 * The clinic's calendar in memory while the existing bookings are generated: opening hours, staff working time and
 * every booking so far, as the interval sets the core planner works on. Courses are planned by the app's own planner
 * (`planCourse`) against it and taken out of it, one after another, so the six months of bookings obey every course
 * rule and never overlap for a room, a therapist, a nurse or a patient — exactly what the database's exclusion
 * constraints demand.
 */
import { Temporal } from 'temporal-polyfill';
import { weeklyIntervals, workingTime, type WeeklyHours as CoreWeeklyHours } from '../../src/core/scheduling/availability';
import { IntervalSet } from '../../src/core/scheduling/intervals';
import { planCourse, type PlannedAppointment } from '../../src/core/scheduling/planner';
import type { ProtocolDefinition, Route } from '../../src/core/scheduling/protocol';
import { fitSlot, slotStarts, type PlanningContext, type StaffResource } from '../../src/core/scheduling/resources';
import { CLOSED_DATES, OPENING_HOURS, TODAY, ZONE, type StaffDef, type WeeklyHours } from './clinic';

export interface CalendarRoom {
  id: string;
  kind: 'dosing' | 'consult' | 'group';
  equipment: string[];
}

export interface Booking {
  start: number;
  end: number;
  roomId: string;
  therapistId: string;
  nurseId: string | null;
  patientId: string;
}

const DAY_MS = 86_400_000;

export class Calendar {
  readonly open: IntervalSet;
  private readonly working = new Map<string, IntervalSet>();
  private readonly staffBusy = new Map<string, IntervalSet>();
  private readonly roomBusy = new Map<string, IntervalSet>();
  private readonly patientBusy = new Map<string, IntervalSet>();

  constructor(
    private readonly rooms: CalendarRoom[],
    private readonly staff: { id: string; def: StaffDef }[],
    range: { from: Temporal.PlainDate; to: Temporal.PlainDate },
  ) {
    this.open = weeklyIntervals(OPENING_HOURS as CoreWeeklyHours, range, ZONE, new Set(CLOSED_DATES));
    for (const s of staff) {
      const off = timeOff(s.def).map((o) => ({ start: Temporal.Instant.fromEpochMilliseconds(o.start), end: Temporal.Instant.fromEpochMilliseconds(o.end), kind: 'off' as const }));
      this.working.set(s.id, workingTime(s.def.hours as CoreWeeklyHours, off, range, ZONE));
    }
  }

  private resource(id: string): StaffResource {
    return { id, working: this.working.get(id) ?? IntervalSet.empty, busy: this.staffBusy.get(id) ?? IntervalSet.empty };
  }

  /** The planner's view for one patient and therapist (no patient preferences: these courses were booked long ago). */
  contextFor(patientId: string, therapistId: string, protocol: ProtocolDefinition, route: Route): PlanningContext {
    const byRole = (role: string) => this.staff.filter((s) => s.def.role === role).map((s) => this.resource(s.id));
    return {
      protocol,
      route,
      zone: ZONE,
      stepMinutes: 15,
      open: this.open,
      patient: { windows: this.open, busy: this.patientBusy.get(patientId) ?? IntervalSet.empty },
      therapist: this.resource(therapistId),
      prescribers: byRole('prescriber'),
      nurses: byRole('nurse'),
      rooms: this.rooms.map((r) => ({ ...r, busy: this.roomBusy.get(r.id) ?? IntervalSet.empty })),
    };
  }

  /** A whole course planned by the app's planner from `from`, or null when none fits in 84 days. */
  planCourse(patientId: string, therapistId: string, protocol: ProtocolDefinition, route: Route, from: Temporal.Instant): PlannedAppointment[] | null {
    const result = planCourse(this.contextFor(patientId, therapistId, protocol, route), { start: from, horizonDays: 84 });
    return result.ok ? result.appointments : null;
  }

  /**
   * The first free slot for a one-hour follow-up with the patient's therapist on or after `from` (any suitable room),
   * searching at most `days` days; null when there is none.
   */
  findFollowUp(patientId: string, therapistId: string, protocol: ProtocolDefinition, from: number, days: number): { start: number; end: number; roomId: string } | null {
    const ctx = this.contextFor(patientId, therapistId, protocol, 'sublingual');
    const length = 60 * 60_000;
    for (const start of slotStarts(ctx, from, from + days * DAY_MS, length)) {
      const fit = fitSlot(ctx, 'integration', start, start + length);
      if (fit.ok) return { start, end: start + length, roomId: fit.fit.roomId };
    }
    return null;
  }

  take(b: Booking): void {
    const add = (map: Map<string, IntervalSet>, key: string) => map.set(key, (map.get(key) ?? IntervalSet.empty).with(b.start, b.end));
    add(this.roomBusy, b.roomId);
    add(this.staffBusy, b.therapistId);
    if (b.nurseId) add(this.staffBusy, b.nurseId);
    add(this.patientBusy, b.patientId);
  }
}

const dayStart = (date: Temporal.PlainDate, plus: number): number => date.add({ days: plus }).toZonedDateTime({ timeZone: ZONE }).epochMilliseconds;

/** A staff member's time off as instants (whole local days from midnight to midnight). */
export const timeOff = (def: StaffDef): { start: number; end: number }[] =>
  def.offDays.map((o) => ({ start: dayStart(TODAY, o.from), end: dayStart(TODAY, o.from + o.days) }));

export type { WeeklyHours };
