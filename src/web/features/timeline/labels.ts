/** Words for the timeline: each kind of event (shown beside every item, so nothing is told by colour alone). */
import { formatDay, localDateOf } from '../../app/time';
import { COURSE_STATUS_LABEL, ROUTE_LABEL } from '../courses/labels';
import type { Route } from '../courses/types';
import type { CourseRef, DoseState, PatientEvent, StaffEvent } from './types';

/** Each kind's name in the filters (many) and on an item (one). */
export interface KindWords {
  many: string;
  one: string;
}

export const STAFF_KINDS: Record<StaffEvent['kind'], KindWords> = {
  session: { many: 'Sessions', one: 'Session' },
  intention: { many: 'Intentions', one: 'Intention' },
  dose: { many: 'Doses', one: 'Dose' },
  'vitals-alert': { many: 'Vitals alerts', one: 'Vitals alert' },
  observation: { many: 'Observations', one: 'Observation' },
  'adverse-event': { many: 'Adverse events', one: 'Adverse event' },
  questionnaire: { many: 'Questionnaires', one: 'Questionnaire' },
  checkin: { many: 'Check-ins', one: 'Check-in' },
  journal: { many: 'Shared journal entries', one: 'Journal (shared)' },
  'action-plan': { many: 'Action plan', one: 'Action plan' },
};

export const PATIENT_KINDS: Record<PatientEvent['kind'], KindWords> = {
  session: { many: 'Sessions', one: 'Session' },
  intention: { many: 'Intentions', one: 'Intention' },
  dose: { many: 'Doses', one: 'Dose' },
  questionnaire: { many: 'Questionnaires', one: 'Questionnaire' },
  checkin: { many: 'Check-ins', one: 'Check-in' },
  journal: { many: 'Journal', one: 'Journal' },
  'action-plan': { many: 'Action plan', one: 'Action plan' },
};

export const DOSE_STATE_LABEL: Record<DoseState, string> = {
  booked: 'Booked',
  'in-progress': 'In progress',
  given: 'Given',
  aborted: 'Stopped',
  'no-show': 'Missed',
};

export const SESSION_LABEL: Record<string, string> = { preparation: 'Preparation session', integration: 'Integration session', 'follow-up': 'Follow-up' };
export const SESSION_STATUS_LABEL: Record<string, string> = { booked: 'booked', completed: 'held', cancelled: 'cancelled', 'no-show': 'missed' };
export const SLEEP_WORDS: Record<string, string> = { well: 'slept well', some: 'slept some', poorly: 'slept poorly', 'not-at-all': 'did not sleep' };
export const SAFETY_WORDS: Record<string, string> = { no: 'no thoughts of self-harm', passive: 'passive thoughts of self-harm', active: 'active thoughts of self-harm' };
export const PLAN_CHANGE_LABEL: Record<string, string> = { created: 'Added to the action plan', revised: 'Action plan item revised', reviewed: 'Action plan item reviewed' };
export const PLAN_STATUS_LABEL: Record<string, string> = { active: 'active', done: 'done', dropped: 'dropped' };
export const OBSERVATION_LABEL: Record<string, string> = {
  sedation: 'Sedation', dissociation: 'Dissociation', state: 'Patient state', 'suicide-risk-check': 'Suicide-risk check', note: 'Note',
};

export const routeLabel = (route: string | null): string => (route ? (ROUTE_LABEL[route as Route] ?? route) : 'Not ordered yet');

/** "200 mg", "12.5 mg". */
export const mg = (n: number): string => `${Number.isInteger(n) ? n : n.toFixed(2).replace(/0$/, '')} mg`;

/** "Sublingual (lozenge) course from Mon, Mar 2, 2026 (booked)". */
export function courseOption(c: CourseRef, timeZone: string): { value: string; label: string } {
  return { value: c.id, label: `${ROUTE_LABEL[c.route as Route] ?? c.route} course from ${formatDay(localDateOf(c.createdAt, timeZone), true)} (${COURSE_STATUS_LABEL[c.status].toLowerCase()})` };
}
