/**
 * The course planner (issue #4 §2): the earliest complete plan for a whole course — preparation sessions on separate
 * days, then dose → integration × n — where every appointment has a time, a room and its staff, and every rule holds:
 * opening hours, staff working and free, rooms free and suitable, the patient free and willing, preparation before the
 * first dose, dose spacing by calendar days, the integration window after each dose, durations, and one therapist for
 * the whole course. Doses are searched depth-first with backtracking (a dose whose integration or successor cannot be
 * placed is moved later), within a node budget; when no plan exists it says which step failed and why.
 */
import { Temporal } from 'temporal-polyfill';
import { dayStart, localEpochDay } from './local-days';
import { durationMinutes, fitSlot, REASONS, slotStarts, take, toInstant, type PlanningContext, type Reason, type SlotFit } from './resources';
import type { AppointmentKind } from './protocol';

export interface PlannedAppointment {
  kind: AppointmentKind;
  /** 1-based number within its kind: preparation 1, dosing 3, integration 3 (the integration after dose 3). */
  number: number;
  start: Temporal.Instant;
  end: Temporal.Instant;
  roomId: string;
  therapistId: string;
  nurseId: string | null;
}

export interface PlanFailure {
  /** The step that could not be placed, e.g. "dosing 3". */
  step: string;
  reason: Reason;
  /** How often each reason turned a candidate slot down at that step. */
  counts: Partial<Record<Reason, number>>;
  message: string;
}

export type PlanResult = { ok: true; appointments: PlannedAppointment[] } | { ok: false; failure: PlanFailure };

export interface PlanOptions {
  start: Temporal.Instant;
  horizonDays: number;
  /** Upper bound on dose candidates tried across the search. */
  budget?: number;
}

interface Search {
  ctx: PlanningContext;
  budget: number;
  deepest: { depth: number; step: string; counts: Partial<Record<Reason, number>> };
  horizonEnd: number;
}

const DAY_MS = 24 * 3600_000;

function note(s: Search, depth: number, step: string, reason: Reason): void {
  if (depth > s.deepest.depth) s.deepest = { depth, step, counts: {} };
  if (depth === s.deepest.depth && step === s.deepest.step) s.deepest.counts[reason] = (s.deepest.counts[reason] ?? 0) + 1;
}

/** The first slot of `kind` starting in [from, to]; notes why candidates were refused. */
function firstSlot(s: Search, ctx: PlanningContext, kind: AppointmentKind, from: number, to: number, depth: number, step: string) {
  const length = durationMinutes(ctx.protocol, kind) * 60_000;
  for (const start of slotStarts(ctx, from, Math.min(to, s.horizonEnd), length)) {
    const r = fitSlot(ctx, kind, start, start + length);
    if (r.ok) return { start, end: start + length, fit: r.fit };
    note(s, depth, step, r.reason);
  }
  return null;
}

const appointment = (ctx: PlanningContext, kind: AppointmentKind, number: number, start: number, end: number, fit: SlotFit): PlannedAppointment => ({
  kind, number, start: toInstant(start), end: toInstant(end), roomId: fit.roomId, therapistId: ctx.therapist.id, nurseId: fit.nurseId,
});

function placeDoses(s: Search, ctx: PlanningContext, n: number, from: number, to: number, depthBase: number): PlannedAppointment[] | null {
  const p = ctx.protocol;
  const length = p.durations.dosingMinutes * 60_000;
  const step = `dosing ${n}`;
  const depth = depthBase + (n - 1) * 2;
  const failedDays = new Set<number>();
  for (const start of slotStarts(ctx, from, Math.min(to, s.horizonEnd), length)) {
    if (s.budget-- <= 0) return null;
    const day = localEpochDay(start, ctx.zone);
    if (failedDays.has(day)) continue;
    const fit = fitSlot(ctx, 'dosing', start, start + length);
    if (!fit.ok) {
      note(s, depth, step, fit.reason);
      continue;
    }
    const afterDose = take(ctx, start, start + length, fit.fit);
    const windowFrom = Math.max(start + p.integrationWindowHours.min * 3600_000, start + length);
    const windowTo = start + p.integrationWindowHours.max * 3600_000;
    const integration = firstSlot(s, afterDose, 'integration', windowFrom, windowTo, depth + 1, `integration ${n}`);
    if (!integration) {
      note(s, depth, step, 'integration-window');
      continue;
    }
    const placed = [
      appointment(ctx, 'dosing', n, start, start + length, fit.fit),
      appointment(ctx, 'integration', n, integration.start, integration.end, integration.fit),
    ];
    if (n === p.dosingSessions) return placed;
    const afterIntegration = take(afterDose, integration.start, integration.end, integration.fit);
    const nextFrom = Math.max(dayStart(day + p.doseSpacingDays.min, ctx.zone), integration.end);
    const nextTo = dayStart(day + p.doseSpacingDays.max + 1, ctx.zone) - 1;
    const rest = placeDoses(s, afterIntegration, n + 1, nextFrom, nextTo, depthBase);
    if (rest) return [...placed, ...rest];
    if (s.budget <= 0) return null;
    // The next dose's day range depends on this dose's date: another time on the same day rarely helps.
    failedDays.add(day);
    note(s, depth, step, 'dose-spacing');
  }
  return null;
}

export function planCourse(initial: PlanningContext, options: PlanOptions): PlanResult {
  const p = initial.protocol;
  const s: Search = {
    ctx: initial,
    budget: options.budget ?? 20_000,
    deepest: { depth: -1, step: 'preparation 1', counts: {} },
    horizonEnd: options.start.epochMilliseconds + options.horizonDays * DAY_MS,
  };
  let ctx = initial;
  const out: PlannedAppointment[] = [];
  let from = options.start.epochMilliseconds;
  for (let n = 1; n <= p.prepSessions; n++) {
    const slot = firstSlot(s, ctx, 'preparation', from, s.horizonEnd, n - 1, `preparation ${n}`);
    if (!slot) return failure(s, `preparation ${n}`);
    out.push(appointment(ctx, 'preparation', n, slot.start, slot.end, slot.fit));
    ctx = take(ctx, slot.start, slot.end, slot.fit);
    // Preparation sessions fall on separate days.
    from = dayStart(localEpochDay(slot.start, ctx.zone) + 1, ctx.zone);
  }
  const lastPrep = out[out.length - 1];
  const firstDoseFrom = lastPrep
    ? Math.max(dayStart(localEpochDay(lastPrep.start.epochMilliseconds, ctx.zone) + p.prepToFirstDoseDays, ctx.zone), lastPrep.end.epochMilliseconds)
    : from;
  const doses = placeDoses(s, ctx, 1, firstDoseFrom, s.horizonEnd, p.prepSessions);
  if (!doses) return failure(s, s.deepest.step);
  return { ok: true, appointments: [...out, ...doses] };
}

function failure(s: Search, fallbackStep: string): PlanResult {
  const counts = s.deepest.counts;
  const ranked = (Object.entries(counts) as [Reason, number][]).sort((a, b) => b[1] - a[1]);
  const reason: Reason = s.budget <= 0 ? 'horizon' : (ranked[0]?.[0] ?? 'horizon');
  const step = s.deepest.depth >= 0 ? s.deepest.step : fallbackStep;
  return {
    ok: false,
    failure: { step, reason, counts, message: `No complete plan: ${step} cannot be placed — ${REASONS[reason]}.` },
  };
}
