/**
 * Which course a timeline shows by default, and the stretch of time it covers.
 *
 * - Default: the patient's current course (booked or paused, else planned: an open course), the newest if several;
 *   else the latest course of any status.
 * - Range: from the course's creation or its first appointment, whichever is earlier (intake questionnaires fall
 *   between), to nothing for an open course (everything since belongs to it), or for a closed one (completed,
 *   cancelled) to four weeks after its last appointment or its closing, whichever is later, so the questionnaires and
 *   journal entries of the weeks after the last dose still show; never past the start of the patient's next course.
 * - Questionnaires are read from BASELINE_LOOKBACK_DAYS before the range: the treatment-episode baseline (the last score
 *   before the first dose) is often an intake score taken before the course was created.
 */
import { Temporal } from 'temporal-polyfill';
import type { AppointmentIn } from './events';

export type CourseStatus = 'planned' | 'booked' | 'paused' | 'completed' | 'cancelled';

export interface CourseIn {
  id: string;
  status: CourseStatus;
  createdAt: string;
  updatedAt: string;
}

export interface CourseRange {
  from: string;
  /** Null: open-ended (a course still under way). */
  to: string | null;
}

export const FOLLOW_UP_HOURS = 28 * 24;
export const BASELINE_LOOKBACK_DAYS = 90;

const RUNNING: readonly CourseStatus[] = ['booked', 'paused'];
const OPEN: readonly CourseStatus[] = ['booked', 'paused', 'planned'];

const newestFirst = (a: CourseIn, b: CourseIn) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1);

export function defaultCourse<C extends CourseIn>(courses: readonly C[]): C | null {
  const sorted = [...courses].sort(newestFirst);
  return sorted.find((c) => RUNNING.includes(c.status)) ?? sorted.find((c) => OPEN.includes(c.status)) ?? sorted[0] ?? null;
}

export const isOpenCourse = (status: CourseStatus): boolean => OPEN.includes(status);

/**
 * `appointments` of the course (cancelled ones are ignored); `others` are the patient's other courses, whose
 * creation caps a closed course's range.
 */
export function courseRange(course: CourseIn, appointments: readonly AppointmentIn[], others: readonly CourseIn[]): CourseRange {
  const held = appointments.filter((a) => a.status !== 'cancelled');
  const starts = held.map((a) => a.start);
  const from = [course.createdAt, ...starts].reduce((m, x) => (x < m ? x : m));
  if (isOpenCourse(course.status)) return { from, to: null };
  const lastEnd = [course.updatedAt, ...held.map((a) => a.end)].reduce((m, x) => (x > m ? x : m));
  let to = iso(Temporal.Instant.from(lastEnd).add({ hours: FOLLOW_UP_HOURS }));
  const next = others.filter((c) => c.id !== course.id && c.createdAt > course.createdAt).map((c) => c.createdAt).sort()[0];
  if (next && next < to) to = next > lastEnd ? next : lastEnd;
  return { from, to };
}

/** Where to start reading questionnaires for a range (see above). */
export function questionnairesFrom(range: CourseRange): string {
  return iso(Temporal.Instant.from(range.from).subtract({ hours: BASELINE_LOOKBACK_DAYS * 24 }));
}

export function inRange(at: string, range: CourseRange): boolean {
  return at >= range.from && (range.to === null || at <= range.to);
}

const iso = (i: Temporal.Instant) => new Date(i.epochMilliseconds).toISOString();
