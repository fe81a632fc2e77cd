/**
 * Rescheduling one appointment of a booked course (issue #4 §3). The moved appointment must fit (room, staff,
 * patient, hours); then every later appointment of the course is checked against what it depends on (an integration
 * on its dose's window, a dose on the spacing after the previous dose and its integration, the first dose on the
 * preparation) and only those that no longer fit are moved — to the first valid slot from their old time on, or the
 * first in their window. The result lists each move; nothing is applied here. Rules the moves cannot mend (moving a
 * dose earlier than its predecessor allows) come back as violations, which only an exception with a reason may book.
 */
import { Temporal } from 'temporal-polyfill';
import { dayStart, localEpochDay } from './local-days';
import { checkCourse, type CourseAppointment, type Violation } from './course-rules';
import { durationMinutes, fitSlot, REASONS, slotStarts, take, toInstant, type PlanningContext, type Reason, type SlotFit } from './resources';

export interface BookedAppointment extends CourseAppointment {
  roomId: string;
  nurseId: string | null;
}

export interface Placement {
  start: number;
  end: number;
  roomId: string;
  nurseId: string | null;
}

export interface Move {
  id: string;
  kind: BookedAppointment['kind'];
  number: number;
  from: { start: Temporal.Instant; end: Temporal.Instant; roomId: string };
  to: { start: Temporal.Instant; end: Temporal.Instant; roomId: string; nurseId: string | null };
}

export type RescheduleResult =
  | { ok: true; moves: Move[] }
  | { ok: false; kind: 'slot'; reason: Reason; message: string }
  | { ok: false; kind: 'dependent'; appointmentId: string; reason: Reason; message: string; moves: Move[] }
  | { ok: false; kind: 'rules'; violations: Violation[]; moves: Move[] };

const ORDER = { preparation: 0, dosing: 1, integration: 2 } as const;
/** Course order: preparations, then dose 1, integration 1, dose 2, … */
export function courseOrder(a: { kind: BookedAppointment['kind']; number: number }): number {
  return a.kind === 'preparation' ? a.number : 100 + a.number * 2 + (ORDER[a.kind] === 2 ? 1 : 0);
}

const placementOf = (a: BookedAppointment): Placement => ({ start: a.start.epochMilliseconds, end: a.end.epochMilliseconds, roomId: a.roomId, nurseId: a.nurseId });

/**
 * The context with the decided course appointments taken (those before the one being placed; later ones are placed
 * after it), rooms ordered so `preferRoom` is tried first.
 */
function contextWith(base: PlanningContext, course: readonly BookedAppointment[], placed: Map<string, Placement>, decided: ReadonlySet<string>, preferRoom: string | null): PlanningContext {
  let ctx = base;
  for (const a of course) {
    if (!decided.has(a.id)) continue;
    const p = placed.get(a.id)!;
    ctx = take(ctx, p.start, p.end, { roomId: p.roomId, nurseId: p.nurseId });
  }
  if (!preferRoom) return ctx;
  return { ...ctx, rooms: [...ctx.rooms].sort((x, y) => (x.id === preferRoom ? -1 : y.id === preferRoom ? 1 : 0)) };
}

/** Where an appointment may start, given the (possibly moved) appointments before it. */
function windowFor(ctx: PlanningContext, a: BookedAppointment, course: readonly BookedAppointment[], placed: Map<string, Placement>, horizonEnd: number): [number, number] {
  const p = ctx.protocol;
  const find = (kind: BookedAppointment['kind'], n: number) => {
    const x = course.find((c) => c.kind === kind && c.number === n);
    return x ? placed.get(x.id)! : undefined;
  };
  const day = (ms: number, plus: number) => dayStart(localEpochDay(ms, ctx.zone) + plus, ctx.zone);
  if (a.kind === 'preparation') {
    const prev = find('preparation', a.number - 1);
    return [prev ? day(prev.start, 1) : 0, horizonEnd];
  }
  if (a.kind === 'integration') {
    const dose = find('dosing', a.number)!;
    return [Math.max(dose.start + p.integrationWindowHours.min * 3600_000, dose.end), dose.start + p.integrationWindowHours.max * 3600_000];
  }
  if (a.number === 1) {
    const lastPrep = find('preparation', p.prepSessions) ?? [...course].filter((c) => c.kind === 'preparation').map((c) => placed.get(c.id)!).pop();
    return [lastPrep ? Math.max(day(lastPrep.start, p.prepToFirstDoseDays), lastPrep.end) : 0, horizonEnd];
  }
  const prevDose = find('dosing', a.number - 1)!;
  const prevIntegration = find('integration', a.number - 1);
  return [Math.max(day(prevDose.start, p.doseSpacingDays.min), prevIntegration?.end ?? 0), day(prevDose.start, p.doseSpacingDays.max + 1) - 1];
}

function firstFit(ctx: PlanningContext, a: BookedAppointment, from: number, to: number): { start: number; end: number; fit: SlotFit } | { reason: Reason } {
  const length = durationMinutes(ctx.protocol, a.kind) * 60_000;
  let last: Reason = 'horizon';
  for (const start of slotStarts(ctx, from, to, length)) {
    const r = fitSlot(ctx, a.kind, start, start + length);
    if (r.ok) return { start, end: start + length, fit: r.fit };
    last = r.reason;
  }
  return { reason: last };
}

/** `waive`: slot checks overridden for the moved appointment by an exception with a written reason (never for its dependents). */
export function planReschedule(
  base: PlanningContext, course: readonly BookedAppointment[], moveId: string, newStart: Temporal.Instant, horizonEnd: Temporal.Instant, waive?: ReadonlySet<Reason>,
): RescheduleResult {
  const sorted = [...course].sort((a, b) => courseOrder(a) - courseOrder(b));
  const target = sorted.find((a) => a.id === moveId);
  if (!target) throw new Error('the appointment is not part of the course');
  const placed = new Map(sorted.map((a) => [a.id, placementOf(a)]));
  const length = target.end.epochMilliseconds - target.start.epochMilliseconds;
  const start = newStart.epochMilliseconds;
  const decided = new Set(sorted.slice(0, sorted.indexOf(target)).map((a) => a.id));
  const own = fitSlot(contextWith(base, sorted, placed, decided, target.roomId), target.kind, start, start + length, waive);
  if (!own.ok) return { ok: false, kind: 'slot', reason: own.reason, message: `${target.kind} ${target.number} cannot move there: ${REASONS[own.reason]}.` };
  placed.set(target.id, { start, end: start + length, ...own.fit });
  decided.add(target.id);

  for (const a of sorted.slice(sorted.indexOf(target) + 1)) {
    const current = placed.get(a.id)!;
    const [from, to] = windowFor(base, a, sorted, placed, horizonEnd.epochMilliseconds);
    const ctx = contextWith(base, sorted, placed, decided, a.roomId);
    decided.add(a.id);
    const stillFine = current.start >= from && current.start <= to && fitSlot(ctx, a.kind, current.start, current.end).ok;
    if (stillFine) continue;
    const later = firstFit(ctx, a, Math.max(from, current.start), to);
    const found = 'start' in later ? later : firstFit(ctx, a, from, to);
    if (!('start' in found)) {
      return { ok: false, kind: 'dependent', appointmentId: a.id, reason: found.reason, message: `${a.kind} ${a.number} cannot be moved to fit: ${REASONS[found.reason]}.`, moves: movesOf(sorted, placed) };
    }
    placed.set(a.id, { start: found.start, end: found.end, ...found.fit });
  }
  const moves = movesOf(sorted, placed);
  const after = sorted.map((a) => ({ ...a, start: toInstant(placed.get(a.id)!.start), end: toInstant(placed.get(a.id)!.end) }));
  const violations = checkCourse(base.protocol, after, base.zone);
  return violations.length ? { ok: false, kind: 'rules', violations, moves } : { ok: true, moves };
}

function movesOf(sorted: readonly BookedAppointment[], placed: Map<string, Placement>): Move[] {
  return sorted
    .filter((a) => {
      const p = placed.get(a.id)!;
      return p.start !== a.start.epochMilliseconds || p.roomId !== a.roomId || p.nurseId !== a.nurseId;
    })
    .map((a) => {
      const p = placed.get(a.id)!;
      return {
        id: a.id, kind: a.kind, number: a.number,
        from: { start: a.start, end: a.end, roomId: a.roomId },
        to: { start: toInstant(p.start), end: toInstant(p.end), roomId: p.roomId, nurseId: p.nurseId },
      };
    });
}
