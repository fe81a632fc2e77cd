/**
 * One timeline of the course (issue #6 §5), on PGlite and PostgreSQL: a course lived through (support.ts) reads back
 * for staff as one ordered list with the dose's route, mg and mg/kg, the vitals peak and the alert, the adverse event,
 * both scores with the baseline and the response marked, the check-in, the integration session with the themes of
 * its signed note, the action-plan change and the shared journal entry, and nothing of the private entry, the note's
 * text or the psychotherapy note. The patient's version has their private entry (marked) and no staff content. A
 * therapist off the care team, the admin and the patient on the staff route get 404; each read is audited.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { DEMO, expectError, fieldPaths } from '../http/support';
import { liveCourse, staffSessions, TEXT, type LivedCourse, type Staff } from './support';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let course: LivedCourse;
let staff: Staff;

beforeAll(async () => {
  t = await createTestApp();
  course = await liveCourse(t);
  staff = await staffSessions(t);
});
afterAll(async () => {
  await t?.close();
});

const get = async (who: Session, url: string, status = 200): Promise<Json> => {
  const res = await t.call(who, { method: 'GET', url });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Json;
};
const staffUrl = (query = '') => `/api/patients/${course.patientId}/timeline${query}`;

describe('the staff timeline', () => {
  let v: Json;
  let events: Json[];
  const one = (kind: string, pred: (e: Json) => boolean = () => true) => {
    const found = events.filter((e) => e.kind === kind && pred(e));
    expect(found, `${kind} in ${JSON.stringify(events.map((e) => e.kind))}`).toHaveLength(1);
    return found[0]!;
  };

  beforeAll(async () => {
    v = await get(staff.therapist, staffUrl());
    events = v.events;
  });

  it('defaults to the patient’s current course and names its range', () => {
    expect(v.course).toMatchObject({ id: course.courseId, status: 'booked', route: 'sublingual', to: null, firstDoseAt: course.dosedAt });
    expect(v.courses.map((c: Json) => c.id)).toEqual([course.courseId]);
    expect(v.instruments.map((i: Json) => i.id)).toEqual(['phq-9']);
  });

  it('holds each event once, in time order', () => {
    const ats = events.map((e) => e.at);
    expect(ats).toEqual([...ats].sort());
    const order = [
      one('intention'), one('questionnaire', (e) => e.baseline), one('dose', (e) => e.number === 1), one('vitals-alert'), one('adverse-event'), one('checkin'),
      one('questionnaire', (e) => !e.baseline), one('session', (e) => e.appointmentId === course.integrationId), one('action-plan'), one('journal'),
    ].map((e) => events.indexOf(e));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('shows the dose with route, mg, mg/kg, the vitals peak against the pre-dose reading and the alerts by level', () => {
    const dose = one('dose', (e) => e.number === 1);
    expect(dose).toMatchObject({ appointmentId: course.appointmentId, at: course.dosedAt, state: 'given', dosed: true });
    expect(dose.summary).toMatchObject({
      route: 'sublingual', orderedMg: 200, givenMg: 200, weightKg: 80, mgPerKg: 2.5, overridden: false, adverseEvents: 1, peakDissociation: 3, peakSedation: 0,
      alerts: { warn: 1, act: 0, unacknowledged: 1 },
      vitals: { readings: 3, peakSystolic: 172, peakDiastolic: 98, peakHeartRate: 96, lowestSpo2: 95, preDose: { systolic: 128, diastolic: 80, heartRate: 70, spo2: 99 } },
    });
    expect(one('vitals-alert')).toMatchObject({ doseNumber: 1, level: 'warn', acknowledged: false });
    expect(one('adverse-event')).toMatchObject({ eventType: 'nausea-vomiting', severity: 'mild', actionTaken: TEXT.adverseAction });
    // Sedation, dissociation and the suicide-risk check; the ride's arrival is logistics and is left out.
    expect(events.filter((e) => e.kind === 'observation').map((e) => e.observation).sort()).toEqual(['dissociation', 'dissociation', 'sedation', 'suicide-risk-check']);
    // Later doses of the course are there too, booked.
    expect(events.filter((e) => e.kind === 'dose' && e.number > 1).every((e) => e.state === 'booked' && e.dosed === false)).toBe(true);
  });

  it('marks the baseline and the response on the scores', () => {
    expect(one('questionnaire', (e) => e.baseline)).toMatchObject({ responseId: course.ids.baseline, total: 18, severity: 'moderately-severe', change: null, response: false });
    expect(one('questionnaire', (e) => !e.baseline)).toMatchObject({
      responseId: course.ids.followUp, instrumentId: 'phq-9', instrumentTitle: 'PHQ-9', total: 8, maxTotal: 27, change: -10, response: true, firstResponse: true, remission: false,
    });
  });

  it('shows the intention, the check-in, the integration themes of the signed note, the plan change and the shared entry', () => {
    expect(one('intention')).toMatchObject({ text: TEXT.intention, writtenBy: 'patient', doseNumber: 1, revisions: 1 });
    expect(one('checkin')).toMatchObject({ doseNumber: 1, mood: 7, sleep: 'well', safety: 'no' });
    expect(one('session', (e) => e.appointmentId === course.integrationId)).toMatchObject({ sessionKind: 'integration', number: 1, themes: [TEXT.themes] });
    expect(one('action-plan')).toMatchObject({ itemId: expect.any(String), change: 'created', commitment: TEXT.commitment, by: 'staff' });
    expect(one('journal')).toMatchObject({ entryId: course.ids.sharedEntry, text: TEXT.shared, shared: true, doseNumber: 1 });
  });

  it('has no private journal entry and no note text: not the progress note’s, a draft’s themes or the psychotherapy note’s', () => {
    const body = JSON.stringify(v);
    for (const hidden of [TEXT.private, course.ids.privateEntry, TEXT.noteText, TEXT.noteInsights, TEXT.draftThemes, TEXT.psychotherapy]) expect(body).not.toContain(hidden);
  });

  it('reads the same for the prescriber and the nurse', async () => {
    for (const who of [staff.prescriber, staff.nurse]) expect((await get(who, staffUrl())).events).toEqual(events);
  });

  it('takes a course id: the patient’s own course, 404 for another patient’s, 400 for a malformed one', async () => {
    expect((await get(staff.nurse, staffUrl(`?courseId=${course.courseId}`))).course.id).toBe(course.courseId);
    const other = (await t.database.db.query.courses.findFirst({ where: (c, { and: both, ne }) => both(eq(c.clinicId, t.demoClinicId), ne(c.patientId, course.patientId)) }))!;
    expectError(await t.call(staff.nurse, { method: 'GET', url: staffUrl(`?courseId=${other.id}`) }), 404, 'NOT_FOUND');
    const bad = expectError(await t.call(staff.nurse, { method: 'GET', url: staffUrl('?courseId=nope') }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(bad)).toEqual(['courseId']);
  });

  it('is audited as a read of the record, naming the course and no text', async () => {
    const requestId = `timeline-${Date.now()}`;
    const res = await t.call(staff.prescriber, { method: 'GET', url: staffUrl(), headers: { 'x-request-id': requestId } });
    expect(res.statusCode).toBe(200);
    const rows = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.clinicId, t.demoClinicId), eq(auditEvents.requestId, requestId)));
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ action: 'timeline.read', resourceType: 'course', resourceId: course.courseId, patientId: course.patientId, actorId: staff.prescriber.user.staffId, outcome: 'allowed' });
    expect(JSON.stringify(row.detail)).not.toMatch(/[a-z]{12,}/i);
  });
});

describe('access', () => {
  it('answers 404 to a therapist off the care team, the admin and the patient on the staff route, and audits the denial', async () => {
    const [therapist2, admin] = await t.signInAll(DEMO.therapist2, DEMO.admin);
    for (const who of [therapist2, admin, course.patientSession]) expectError(await t.call(who, { method: 'GET', url: staffUrl() }), 404, 'NOT_FOUND');
    const denied = await t.database.db.select().from(auditEvents)
      .where(and(eq(auditEvents.patientId, course.patientId), eq(auditEvents.action, 'timeline.read'), eq(auditEvents.outcome, 'denied')));
    expect(denied.map((d) => d.actorId)).toEqual(expect.arrayContaining([therapist2.user.staffId, course.patientId]));
  });

  it('answers 403 to staff on the patient’s own route', async () => {
    expectError(await t.call(staff.nurse, { method: 'GET', url: '/api/me/timeline' }), 403, 'FORBIDDEN');
  });
});

describe('the patient’s timeline', () => {
  let v: Json;
  beforeAll(async () => {
    v = await get(course.patientSession, '/api/me/timeline');
  });

  it('shows their course: intention, dose with route and mg, scores in plain words, check-in, sessions, plan change', () => {
    expect(v.course).toMatchObject({ id: course.courseId, firstDoseAt: course.dosedAt });
    const kinds = new Set(v.events.map((e: Json) => e.kind));
    expect(kinds).toEqual(new Set(['session', 'intention', 'questionnaire', 'dose', 'checkin', 'action-plan', 'journal']));
    expect(v.events.find((e: Json) => e.kind === 'intention')).toMatchObject({ text: TEXT.intention, doseNumber: 1 });
    expect(v.events.find((e: Json) => e.kind === 'dose' && e.number === 1)).toEqual({ kind: 'dose', id: `dose:${course.appointmentId}`, at: course.dosedAt, number: 1, state: 'given', route: 'sublingual', mg: 200 });
    expect(v.events.filter((e: Json) => e.kind === 'questionnaire').map((e: Json) => [e.title, e.total, e.band, e.start, e.halvedSinceStart])).toEqual([
      ['Mood (PHQ-9)', 18, 'Fairly strong symptoms', true, false], ['Mood (PHQ-9)', 8, 'Mild symptoms', false, true],
    ]);
    expect(v.events.find((e: Json) => e.kind === 'session' && e.sessionKind === 'integration' && e.number === 1)).toEqual({
      kind: 'session', id: `session:${course.integrationId}`, at: course.integrationStart, sessionKind: 'integration', number: 1, status: 'booked',
    });
  });

  it('includes their private journal entry, marked private, beside the shared one', () => {
    const journal = v.events.filter((e: Json) => e.kind === 'journal');
    expect(journal.map((e: Json) => [e.entryId, e.text, e.shared])).toEqual([[course.ids.sharedEntry, TEXT.shared, true], [course.ids.privateEntry, TEXT.private, false]]);
  });

  it('carries no staff content: no themes, note text, monitoring detail, mg/kg or flags', () => {
    const body = JSON.stringify(v);
    for (const hidden of [TEXT.themes, TEXT.draftThemes, TEXT.noteText, TEXT.noteInsights, TEXT.psychotherapy, TEXT.adverseAction, 'vitals', 'mgPerKg', 'themes', 'flagged', 'Denies thoughts']) {
      expect(body).not.toContain(hidden);
    }
  });

  it('is audited as the patient’s own read', async () => {
    const rows = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.patientId, course.patientId), eq(auditEvents.action, 'timeline.read-own')));
    expect(rows.at(-1)).toMatchObject({ actorType: 'patient', resourceType: 'course', resourceId: course.courseId, outcome: 'allowed' });
  });

  it('refuses another patient’s course as not found', async () => {
    const other = (await t.database.db.query.courses.findFirst({ where: (c, { and: both, ne }) => both(eq(c.clinicId, t.demoClinicId), ne(c.patientId, course.patientId)) }))!;
    expectError(await t.call(course.patientSession, { method: 'GET', url: `/api/me/timeline?courseId=${other.id}` }), 404, 'NOT_FOUND');
  });
});
