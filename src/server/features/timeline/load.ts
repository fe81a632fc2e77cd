/**
 * Load → core for the course timeline. The caller has authorized already (routes.ts). One query per source, scoped
 * by clinic, patient and course (src/db/repos/timeline.ts), then the pure core builds and orders the events.
 */
import type { InstrumentDefinition } from '../../../core/instruments/definition';
import { OUTCOME_RULES } from '../../../core/measurement/outcomes';
import {
  buildTimeline, courseRange, defaultCourse, plainBand, plainTitle, questionnairesFrom, toPatientTimeline, type CourseIn, type InstrumentInfo, type TimelineInput,
} from '../../../core/timeline';
import type { Executor } from '../../../db/database';
import { listCourseAppointments, listCourses, type CourseRow } from '../../../db/repos/scheduling';
import * as repo from '../../../db/repos/timeline';
import { clinicInstruments } from '../instruments/registry';

export type Audience = 'staff' | 'patient';

const courseIn = (c: CourseRow): CourseIn => ({ id: c.id, status: c.status, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() });
const courseRef = (c: CourseRow) => ({ id: c.id, status: c.status, route: c.route, createdAt: c.createdAt.toISOString() });

export function instrumentInfo(definition: InstrumentDefinition): InstrumentInfo {
  const maxTotal = definition.items.reduce((sum, item) => {
    if (!item.scored) return sum;
    const values = (definition.answerSets[item.answerSet] ?? []).map((o) => o.value);
    return values.length ? sum + Math.max(...values) : sum;
  }, 0);
  return {
    id: definition.id, title: definition.title, shortTitle: definition.shortTitle, maxTotal,
    bands: (definition.scoring.severity ?? []).map((b) => ({ band: b.band, label: b.label, min: b.min, max: b.max })),
    rules: OUTCOME_RULES[definition.id] ?? { mcid: definition.scoring.mcid },
  };
}

/** The course's rows, all sources at once; the patient's load leaves out what the patient never sees. */
async function loadInput(ex: Executor, clinicId: string, course: CourseRow, others: CourseRow[], audience: Audience): Promise<TimelineInput> {
  const appointments = (await listCourseAppointments(ex, clinicId, course.id)).filter((a) => a.patientId === course.patientId).map(repo.toAppointmentIn);
  const range = courseRange(courseIn(course), appointments, others.map(courseIn));
  const held = appointments.filter((a) => a.status !== 'cancelled');
  const scope: repo.Scope = {
    clinicId, patientId: course.patientId, courseId: course.id, range, doseIds: held.filter((a) => a.kind === 'dosing').map((a) => a.id), appointmentIds: held.map((a) => a.id),
  };
  const staff = audience === 'staff';
  const none = Promise.resolve([]);
  const [sessions, orders, administrations, vitals, alerts, observations, intentions, responses, notes, journal, actionPlan, checkins, registered] = await Promise.all([
    repo.loadSessions(ex, scope), repo.loadOrders(ex, scope), repo.loadAdministrations(ex, scope),
    staff ? repo.loadVitals(ex, scope) : none, staff ? repo.loadAlerts(ex, scope) : none, staff ? repo.loadObservations(ex, scope) : none,
    repo.loadIntentions(ex, scope), repo.loadResponses(ex, scope, questionnairesFrom(range)), staff ? repo.loadSignedThemes(ex, scope) : none,
    repo.loadJournal(ex, scope, staff), repo.loadActionPlanChanges(ex, scope), repo.loadCheckins(ex, scope), clinicInstruments(ex, clinicId),
  ]);
  const used = new Set(responses.map((r) => r.instrumentId));
  const instruments = new Map(registered.filter((r) => used.has(r.definition.id)).map((r) => [r.definition.id, instrumentInfo(r.definition)]));
  return { audience, range, appointments, sessions, orders, administrations, vitals, alerts, observations, intentions, responses, instruments, notes, journal, actionPlan, checkins };
}

export type CourseChoice = { ok: true; course: CourseRow | null; courses: CourseRow[] } | { ok: false };

/** The asked-for course of the patient (none of theirs: not ok), else the current or latest one (null: no course). */
export async function chooseCourse(ex: Executor, clinicId: string, patientId: string, courseId: string | undefined): Promise<CourseChoice> {
  const courses = await listCourses(ex, clinicId, patientId);
  if (courseId) {
    const course = courses.find((c) => c.id === courseId);
    return course ? { ok: true, course, courses } : { ok: false };
  }
  const chosen = defaultCourse(courses.map(courseIn));
  return { ok: true, course: courses.find((c) => c.id === chosen?.id) ?? null, courses };
}

export async function staffTimeline(ex: Executor, clinicId: string, patientId: string, choice: Extract<CourseChoice, { ok: true }>) {
  const base = { patientId, courses: choice.courses.map(courseRef) };
  if (!choice.course) return { ...base, course: null, instruments: [], events: [] };
  const input = await loadInput(ex, clinicId, choice.course, choice.courses, 'staff');
  const { events, firstDoseAt } = buildTimeline(input);
  return {
    ...base,
    course: { ...courseRef(choice.course), from: input.range.from, to: input.range.to, firstDoseAt },
    instruments: [...input.instruments.values()].map((i) => ({
      id: i.id, title: i.title, shortTitle: i.shortTitle, maxTotal: i.maxTotal, bands: i.bands,
      remissionBelow: i.rules.remissionBelow ?? null, responseBaselineAtLeast: i.rules.responseBaselineAtLeast ?? null,
    })),
    events,
  };
}

export async function patientTimeline(ex: Executor, clinicId: string, choice: Extract<CourseChoice, { ok: true }>) {
  const base = { courses: choice.courses.map(courseRef) };
  if (!choice.course) return { ...base, course: null, instruments: [], events: [] };
  const input = await loadInput(ex, clinicId, choice.course, choice.courses, 'patient');
  const { events, firstDoseAt } = buildTimeline(input);
  return {
    ...base,
    course: { ...courseRef(choice.course), from: input.range.from, to: input.range.to, firstDoseAt },
    instruments: [...input.instruments.values()].map((i) => ({
      id: i.id, title: plainTitle(i.id, i.shortTitle), maxTotal: i.maxTotal,
      bands: i.bands.map((b) => ({ label: plainBand(b.band, b.label) ?? b.label, min: b.min, max: b.max })),
    })),
    events: toPatientTimeline(events),
  };
}
