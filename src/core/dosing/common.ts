/**
 * Small shared pieces of the dosing core: who did something (staff id and role), and time arithmetic on instants as
 * epoch milliseconds (the convention of src/core/scheduling). No clock here: every function gets `now`.
 */
import type { StaffRole } from '../authorization';

export type { StaffRole };

/** A staff member acting in a session: the id is for the record, the role decides what they may do. */
export interface StaffRef {
  staffId: string;
  role: StaffRole;
}

/** Roles that may give a dose, record clinical observations and sign discharge (kap-brief.md: prescriber, nurse/monitor). */
export const MEDICAL_ROLES: readonly StaffRole[] = ['prescriber', 'nurse'];
/** Roles that can watch over a dosed patient (the therapist stays present through dosing, kap-brief.md). */
export const WATCHER_ROLES: readonly StaffRole[] = ['prescriber', 'nurse', 'therapist'];

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Whole minutes from `now` until `at`, rounded up (so "in 1 minute" until the very instant), never negative. */
export function minutesUntil(now: number, at: number): number {
  return Math.max(0, Math.ceil((at - now) / MINUTE_MS));
}

/** Minutes elapsed from `from` to `to`, rounded down (what a clock shows), never negative. */
export function minutesSince(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / MINUTE_MS));
}

/** "1 minute", "17 minutes". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "prescriber or nurse", for messages. */
export function roleList(roles: readonly StaffRole[]): string {
  if (roles.length <= 1) return roles.join('');
  return `${roles.slice(0, -1).join(', ')} or ${roles[roles.length - 1]}`;
}

/** Formats an instant for a person. The core has no locale: callers pass a formatter; the default is ISO 8601 UTC. */
export type TimeFormatter = (epochMs: number) => string;
export const isoTime: TimeFormatter = (ms) => new Date(ms).toISOString();
