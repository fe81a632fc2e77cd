import { describe, expect, it } from 'vitest';
import { buildTimeline, compareEvents } from './build';
import { courseRange, defaultCourse, questionnairesFrom, type CourseIn } from './course-range';
import { doseState, summarizeDose, vitalsPeak } from './dose-summary';
import type { AppointmentIn, TimelineEvent } from './events';
import { plainBand, toPatientTimeline } from './patient';
import { scoreMarkers } from './scores';
import { at, courseInput, PHQ9 } from './test-fixtures';

type Ev<K extends TimelineEvent['kind']> = Extract<TimelineEvent, { kind: K }>;
const find = <K extends TimelineEvent['kind']>(events: TimelineEvent[], kind: K, id: string) => events.find((e) => e.kind === kind && e.id === id) as Ev<K>;

describe('per-dose summary', () => {
  const input = courseInput();
  const rows = (id: string) => ({
    orders: input.orders.filter((o) => o.appointmentId === id), administrations: input.administrations.filter((a) => a.appointmentId === id),
    vitals: input.vitals.filter((v) => v.appointmentId === id), alerts: input.alerts.filter((a) => a.appointmentId === id),
    observations: input.observations.filter((o) => o.appointmentId === id),
  });

  it('takes the latest order, sums the parts given and recomputes mg/kg from what was given', () => {
    const s = summarizeDose(rows('dose1'), at('2026-03-09T17:20'));
    expect(s).toMatchObject({ route: 'sublingual', product: 'Troche 100 mg', orderedMg: 200, givenMg: 150, weightKg: 80, mgPerKg: 1.88, overridden: false });
  });

  it('gives each vital’s own peak over the session and the last pre-dose reading to compare with', () => {
    const s = summarizeDose(rows('dose1'), at('2026-03-09T17:20'));
    expect(s.vitals).toEqual({ readings: 3, peakSystolic: 172, peakDiastolic: 99, peakHeartRate: 92, lowestSpo2: 96, preDose: { systolic: 128, diastolic: 82, heartRate: 70, spo2: 99 } });
    expect(vitalsPeak([], null)).toBeNull();
    expect(vitalsPeak(input.vitals, null)!.preDose).toBeNull();
  });

  it('counts alerts by level (and those still open), adverse events and the deepest sedation and dissociation', () => {
    const s = summarizeDose(rows('dose1'), at('2026-03-09T17:20'));
    expect(s.alerts).toEqual({ warn: 1, act: 1, unacknowledged: 1 });
    expect(s).toMatchObject({ adverseEvents: 1, peakSedation: 2, peakDissociation: 3 });
  });

  it('before anything is given shows the order’s mg/kg, and nothing at all without an order', () => {
    const ordered = summarizeDose({ ...rows('dose1'), administrations: [] }, null);
    expect(ordered).toMatchObject({ orderedMg: 200, givenMg: null, mgPerKg: 2.5 });
    const none = summarizeDose(rows('dose2'), null);
    expect(none).toMatchObject({ route: null, orderedMg: null, givenMg: null, mgPerKg: null, vitals: null, alerts: { warn: 0, act: 0, unacknowledged: 0 } });
  });

  it('names where a dose stands', () => {
    const a = (status: AppointmentIn['status']): AppointmentIn => ({ id: 'd', kind: 'dosing', number: 1, start: at('2026-03-09T17:00'), end: at('2026-03-09T19:00'), status });
    const s = (state: 'scheduled' | 'monitoring' | 'discharged' | 'aborted') => ({ appointmentId: 'd', state, dosedAt: null, dischargedAt: null, abortReason: state === 'aborted' ? 'BP' : null });
    expect(doseState(a('booked'), undefined)).toBe('booked');
    expect(doseState(a('booked'), s('scheduled'))).toBe('booked');
    expect(doseState(a('booked'), s('monitoring'))).toBe('in-progress');
    expect(doseState(a('completed'), s('discharged'))).toBe('given');
    expect(doseState(a('booked'), s('aborted'))).toBe('aborted');
    expect(doseState(a('no-show'), undefined)).toBe('no-show');
  });
});

describe('questionnaire markers', () => {
  it('marks the treatment-episode baseline, the change from it, and where response and remission were reached', () => {
    const input = courseInput();
    const points = scoreMarkers(input.responses, input.instruments, at('2026-03-09T17:20'));
    const by = new Map(points.map((p) => [p.point.id, p]));
    expect(by.get('r0')).toMatchObject({ baseline: false, change: null, response: false, remission: false });
    expect(by.get('r1')).toMatchObject({ baseline: true, change: null, response: false });
    expect(by.get('r2')).toMatchObject({ baseline: false, change: -9, response: true, remission: false, firstResponse: true, firstRemission: false });
    expect(by.get('r3')).toMatchObject({ change: -14, response: true, remission: true, firstResponse: false, firstRemission: true });
  });

  it('needs an elevated baseline for response; remission is absolute', () => {
    const low = [
      { id: 'a', instrumentId: 'phq-9', total: 8, severity: 'mild', flagged: false, doseEventId: null, offsetHours: null, submittedAt: at('2026-03-01T10:00') },
      { id: 'b', instrumentId: 'phq-9', total: 3, severity: 'minimal', flagged: false, doseEventId: null, offsetHours: null, submittedAt: at('2026-03-12T10:00') },
    ];
    const [, b] = scoreMarkers(low, new Map([['phq-9', PHQ9]]), at('2026-03-09T17:00'));
    expect(b).toMatchObject({ response: false, remission: true, change: -5 });
  });
});

describe('course range and default course', () => {
  const course = (id: string, status: CourseIn['status'], createdAt: string): CourseIn => ({ id, status, createdAt: at(createdAt), updatedAt: at(createdAt) });
  const appts = courseInput().appointments;

  it('defaults to the running course, else an open one, else the latest', () => {
    const old = course('old', 'completed', '2025-01-01T00:00');
    const planned = course('planned', 'planned', '2026-04-01T00:00');
    const booked = course('booked', 'booked', '2026-02-01T00:00');
    expect(defaultCourse([old, planned, booked])?.id).toBe('booked');
    expect(defaultCourse([old, planned])?.id).toBe('planned');
    expect(defaultCourse([old, course('older', 'cancelled', '2024-01-01T00:00')])?.id).toBe('old');
    expect(defaultCourse([])).toBeNull();
  });

  it('runs from creation or the first appointment to open-ended while the course is open', () => {
    expect(courseRange(course('c', 'booked', '2026-03-05T00:00'), appts, [])).toEqual({ from: at('2026-03-02T17:00'), to: null });
    expect(courseRange(course('c', 'booked', '2026-02-25T00:00'), appts, []).from).toBe(at('2026-02-25T00:00'));
  });

  it('ends four weeks after the last appointment of a closed course, capped at the next course', () => {
    const done = course('c', 'completed', '2026-02-25T00:00');
    expect(courseRange(done, appts, []).to).toBe(at('2026-04-13T19:00'));
    expect(courseRange(done, appts, [done, course('next', 'booked', '2026-04-01T00:00')]).to).toBe(at('2026-04-01T00:00'));
    // A cancelled appointment does not stretch the range.
    expect(courseRange(done, [...appts, { ...appts[0]!, id: 'x', start: at('2026-05-01T00:00'), end: at('2026-05-01T01:00'), status: 'cancelled' }], []).to).toBe(at('2026-04-13T19:00'));
  });

  it('reads questionnaires from 90 days before the range, for the baseline', () => {
    expect(questionnairesFrom({ from: at('2026-03-02T17:00'), to: null })).toBe(at('2025-12-02T17:00'));
  });
});

describe('the staff timeline', () => {
  const { events, firstDoseAt } = buildTimeline(courseInput());

  it('orders every event of the course on one time axis', () => {
    expect(firstDoseAt).toBe(at('2026-03-09T17:20'));
    expect(events.map((e) => e.id)).toEqual([
      'questionnaire:r1', 'session:prep1', 'intention:dose1', 'dose:dose1', 'alert:al1', 'observation:ob1', 'observation:ob2', 'adverse:ob3', 'alert:al2',
      'checkin:c1', 'questionnaire:r2', 'session:int1', 'action-plan:ap1', 'journal:j-shared', 'questionnaire:r3', 'dose:dose2',
    ]);
  });

  it('carries the dose’s values, the latest intention, and the baseline score before the range only', () => {
    expect(find(events, 'dose', 'dose:dose1')).toMatchObject({ at: at('2026-03-09T17:20'), number: 1, state: 'given', dosed: true, summary: { givenMg: 150, mgPerKg: 1.88 } });
    expect(find(events, 'dose', 'dose:dose2')).toMatchObject({ at: at('2026-03-16T17:00'), state: 'booked', dosed: false });
    expect(find(events, 'intention', 'intention:dose1')).toMatchObject({ text: 'To meet my grief with kindness', revisions: 2, doseNumber: 1 });
    expect(find(events, 'questionnaire', 'questionnaire:r1')).toMatchObject({ baseline: true, flagged: true, severityLabel: 'Moderately severe', doseNumber: null });
    expect(find(events, 'questionnaire', 'questionnaire:r2')).toMatchObject({ response: true, firstResponse: true, doseNumber: 1, offsetHours: 24, maxTotal: 27 });
    expect(events.some((e) => e.id === 'questionnaire:r0')).toBe(false);
  });

  it('shows the themes of signed integration notes only, and shared journal entries only', () => {
    expect(find(events, 'session', 'session:int1').themes).toEqual(['Grief; the frozen lake']);
    expect(find(events, 'session', 'session:prep1').themes).toEqual([]);
    expect(JSON.stringify(events)).not.toContain('DRAFT THEMES');
    expect(JSON.stringify(events)).not.toContain('Private words');
    expect(find(events, 'journal', 'journal:j-shared')).toMatchObject({ shared: true, doseNumber: 1 });
  });

  it('ignores rows of appointments that are not this course’s doses', () => {
    const stray = courseInput({
      alerts: [{ id: 'x', appointmentId: 'elsewhere', level: 'act', vital: 'spo2', message: 'x', raisedAt: at('2026-03-09T18:00'), acknowledgedAt: null, action: null }],
      checkins: [{ id: 'x', appointmentId: 'int1', mood: 1, sleep: 'poorly', difficult: null, safety: 'no', createdAt: at('2026-03-10T08:00') }],
    });
    const ids = buildTimeline(stray).events.map((e) => e.id);
    expect(ids).not.toContain('alert:x');
    expect(ids).not.toContain('checkin:x');
  });

  it('puts an intention before its dose, and the dose before its alerts, at the same instant', () => {
    const same = at('2026-03-09T17:20');
    const e = (kind: TimelineEvent['kind'], id: string) => ({ kind, id, at: same }) as TimelineEvent;
    const sorted = [e('vitals-alert', 'a'), e('dose', 'b'), e('intention', 'c')].sort(compareEvents);
    expect(sorted.map((x) => x.kind)).toEqual(['intention', 'dose', 'vitals-alert']);
  });
});

describe('the patient’s timeline', () => {
  const staff = buildTimeline(courseInput({ audience: 'patient' })).events;
  const mine = toPatientTimeline(staff);

  it('keeps their own private journal entries, marked, and leaves out monitoring detail', () => {
    const kinds = new Set(mine.map((e) => e.kind));
    expect(kinds).toEqual(new Set(['questionnaire', 'session', 'intention', 'dose', 'checkin', 'action-plan', 'journal']));
    const journal = mine.filter((e) => e.kind === 'journal');
    expect(journal.map((j) => [j.text, j.shared])).toEqual([['Shared words', true], ['Private words', false]]);
  });

  it('shows the dose’s route and mg, never mg/kg, vitals or notes', () => {
    expect(mine.find((e) => e.id === 'dose:dose1')).toEqual({ kind: 'dose', id: 'dose:dose1', at: at('2026-03-09T17:20'), number: 1, state: 'given', route: 'sublingual', mg: 150 });
    const text = JSON.stringify(mine);
    for (const hidden of ['Grief; the frozen lake', 'Systolic 172', 'Ginger tea', 'mgPerKg', 'Troche', 'themes', 'flagged']) expect(text).not.toContain(hidden);
    expect(mine.find((e) => e.id === 'session:int1')).toEqual({ kind: 'session', id: 'session:int1', at: at('2026-03-10T17:00'), sessionKind: 'integration', number: 1, status: 'completed' });
  });

  it('gives scores with the band in plain words and plain milestones', () => {
    expect(mine.find((e) => e.id === 'questionnaire:r3')).toMatchObject({ title: 'Mood (PHQ-9)', total: 4, maxTotal: 27, band: 'Few or no symptoms', halvedSinceStart: true, lowRange: true, start: false });
    expect(mine.find((e) => e.id === 'questionnaire:r1')).toMatchObject({ band: 'Fairly strong symptoms', start: true });
    expect(plainBand('high', 'High')).toBe('High');
    expect(plainBand(null, null)).toBeNull();
  });
});
