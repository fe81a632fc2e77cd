/** What the planner checks a slot against: the clinic, the patient, the staff and the rooms, as interval sets. */
import { Temporal } from 'temporal-polyfill';
import type { IntervalSet } from './intervals';
import { needsNurse, type AppointmentKind, type ProtocolDefinition, type Route } from './protocol';

export interface StaffResource {
  id: string;
  working: IntervalSet;
  busy: IntervalSet;
}

export interface RoomResource {
  id: string;
  kind: 'dosing' | 'consult' | 'group';
  equipment: readonly string[];
  busy: IntervalSet;
}

export interface PlanningContext {
  protocol: ProtocolDefinition;
  route: Route;
  zone: string;
  /** Slot starts are on this grid (minutes past the start of an opening interval). */
  stepMinutes: number;
  open: IntervalSet;
  patient: { windows: IntervalSet; busy: IntervalSet };
  therapist: StaffResource;
  /** On site = working; a prescriber oversees several rooms, so their bookings do not block. */
  prescribers: readonly StaffResource[];
  nurses: readonly StaffResource[];
  rooms: readonly RoomResource[];
}

export const REASONS = {
  closed: 'the clinic is closed',
  'patient-preference': 'outside the patient’s preferred days and times',
  'patient-busy': 'the patient has another appointment',
  'therapist-off': 'the therapist is not working',
  'therapist-busy': 'the therapist is booked',
  'no-room': 'no suitable room is free',
  'no-suitable-room': 'the clinic has no room with what this session needs',
  'no-prescriber': 'no prescriber is on site',
  'no-nurse': 'no nurse is free',
  'integration-window': 'no integration session fits in the window after the dose',
  'dose-spacing': 'the next dose cannot be placed within the spacing after this one',
  horizon: 'the course does not fit before the planning horizon',
} as const;
export type Reason = keyof typeof REASONS;

export interface SlotFit {
  roomId: string;
  nurseId: string | null;
}

export function durationMinutes(p: ProtocolDefinition, kind: AppointmentKind): number {
  return kind === 'preparation' ? p.durations.preparationMinutes : kind === 'dosing' ? p.durations.dosingMinutes : p.durations.integrationMinutes;
}

const NO_WAIVER: ReadonlySet<Reason> = new Set();

/**
 * Whether [start, end) works for an appointment of this kind, and with which room and nurse; else why not. `waive`
 * skips the checks a staff member has overridden with a written reason (an exception); every other check still applies,
 * so an exception for "the clinic is closed" never books a busy or unsuitable room.
 */
export function fitSlot(ctx: PlanningContext, kind: AppointmentKind, start: number, end: number, waive: ReadonlySet<Reason> = NO_WAIVER): { ok: true; fit: SlotFit } | { ok: false; reason: Reason } {
  if (!waive.has('closed') && !ctx.open.covers(start, end)) return { ok: false, reason: 'closed' };
  if (!waive.has('patient-preference') && !ctx.patient.windows.covers(start, end)) return { ok: false, reason: 'patient-preference' };
  if (ctx.patient.busy.overlaps(start, end)) return { ok: false, reason: 'patient-busy' };
  if (!waive.has('therapist-off') && !ctx.therapist.working.covers(start, end)) return { ok: false, reason: 'therapist-off' };
  if (ctx.therapist.busy.overlaps(start, end)) return { ok: false, reason: 'therapist-busy' };
  const need = ctx.protocol.rooms[kind];
  const suitable = ctx.rooms.filter((r) => need.kinds.includes(r.kind) && need.equipment.every((e) => r.equipment.includes(e)));
  if (suitable.length === 0) return { ok: false, reason: 'no-suitable-room' };
  const room = suitable.find((r) => !r.busy.overlaps(start, end));
  if (!room) return { ok: false, reason: 'no-room' };
  let nurseId: string | null = null;
  if (kind === 'dosing') {
    if (ctx.protocol.presence.prescriberOnSite && !waive.has('no-prescriber') && !ctx.prescribers.some((p) => p.working.covers(start, end))) return { ok: false, reason: 'no-prescriber' };
    if (needsNurse(ctx.protocol, ctx.route)) {
      const nurse = ctx.nurses.find((n) => n.working.covers(start, end) && !n.busy.overlaps(start, end));
      if (!nurse) return { ok: false, reason: 'no-nurse' };
      nurseId = nurse.id;
    }
  }
  return { ok: true, fit: { roomId: room.id, nurseId } };
}

/** Slot starts in [from, to] on the step grid, inside opening hours, early first. */
export function* slotStarts(ctx: PlanningContext, from: number, to: number, durationMs: number): Generator<number> {
  const step = ctx.stepMinutes * 60_000;
  for (const open of ctx.open.within(from, to + durationMs)) {
    // The grid starts at the opening interval's own start, not at the clipped `from`.
    const base = ctx.open.containing(open.start)?.start ?? open.start;
    let t = base + Math.ceil((open.start - base) / step) * step;
    for (; t <= to && t + durationMs <= open.end; t += step) yield t;
  }
}

/** A copy of the context with an appointment's time taken from the patient, therapist, room and nurse. */
export function take(ctx: PlanningContext, start: number, end: number, fit: SlotFit): PlanningContext {
  return {
    ...ctx,
    patient: { ...ctx.patient, busy: ctx.patient.busy.with(start, end) },
    therapist: { ...ctx.therapist, busy: ctx.therapist.busy.with(start, end) },
    rooms: ctx.rooms.map((r) => (r.id === fit.roomId ? { ...r, busy: r.busy.with(start, end) } : r)),
    nurses: ctx.nurses.map((n) => (n.id === fit.nurseId ? { ...n, busy: n.busy.with(start, end) } : n)),
  };
}

export const toInstant = (ms: number): Temporal.Instant => Temporal.Instant.fromEpochMilliseconds(ms);
