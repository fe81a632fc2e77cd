/**
 * A course lived through for the timeline suite: a booked course (test/dosing/support.ts), the patient's intention,
 * a baseline PHQ-9, a dose run through the dosing API (vitals with an alert, observations, an adverse event,
 * discharge), the morning-after check-in, a second PHQ-9 showing response, a signed integration progress note with
 * themes (and another clinician's draft, and a psychotherapy note), an action-plan change, and a shared and a private
 * journal entry. Rows the journal, action-plan and check-in features own are inserted directly (their APIs are not
 * this suite's subject).
 */
import { and, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { expect } from 'vitest';
import { newId, toDate } from '../../src/db/ids';
import { insertUser } from '../../src/db/repos/users';
import { actionPlanChanges, actionPlanItems, appointments, journalEntries, patients, postDoseCheckins } from '../../src/db/schema';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo';
import { hashPassword } from '../../src/server/passwords';
import type { Session, TestApp } from '../helpers/test-app';
import { DEMO } from '../http/support';
import { bookedDose, firstLot, sessionUrl, type BookedDose } from '../dosing/support';

export const TEXT = {
  intention: 'To meet my grief with kindness.',
  themes: 'The winter her brother left; an image of a frozen lake.',
  noteText: 'PROGRESS-NOTE-FREE-TEXT: long discussion of family history.',
  noteInsights: 'PROGRESS-NOTE-INSIGHTS: grief need not be solved.',
  draftThemes: 'DRAFT-THEMES: not yet signed.',
  psychotherapy: 'PSYCHOTHERAPY-NOTE: my private impressions of the transference.',
  shared: 'I noticed I could breathe again on the walk home.',
  private: 'PRIVATE-JOURNAL: something I am not ready to share.',
  commitment: 'Walk by the river each morning',
  adverseAction: 'Ginger tea; settled in 10 minutes',
};

export interface LivedCourse extends BookedDose {
  patientSession: Session;
  dosedAt: string;
  integrationStart: string;
  ids: { sharedEntry: string; privateEntry: string; planChange: string; checkin: string; baseline: string; followUp: string };
}

export type Staff = Record<'nurse' | 'prescriber' | 'therapist', Session>;
export const staffSessions = async (t: TestApp): Promise<Staff> => {
  const [nurse, prescriber, therapist] = await t.signInAll(DEMO.nurse, DEMO.prescriber, DEMO.therapist);
  return { nurse, prescriber, therapist };
};

async function ok(t: TestApp, who: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload: Record<string, unknown> = {}, status = [200, 201]) {
  const res = await t.call(who, { method, url, ...(method === 'GET' ? {} : { payload }) });
  expect(status, `${method} ${url}: ${res.body}`).toContain(res.statusCode);
  return (res.body ? res.json() : {}) as Record<string, unknown>;
}

/** PHQ-9 answers summing to `total` with item 9 at 0 (no safety alert). */
export const phq9 = (total: number): number[] => Array.from({ length: 9 }, (_, i) => (i === 8 ? 0 : Math.min(3, Math.max(0, total - 3 * i))));

/** A portal account for the booked patient (made without one), signed in. */
async function giveAccount(t: TestApp, patientId: string): Promise<Session> {
  const email = await emailOf(t, patientId);
  await insertUser(t.database.db, { clinicId: t.demoClinicId, id: newId(), email, kind: 'patient', patientId, passwordHash: await hashPassword(DEMO_PASSWORD), createdAt: toDate(t.clock.now) });
  return t.signIn(email);
}

async function runDose(t: TestApp, dose: BookedDose, s: Staff): Promise<string> {
  const url = (rest: string) => sessionUrl(dose.appointmentId, rest);
  await ok(t, s.nurse, 'POST', url('/check-in'));
  await ok(t, s.nurse, 'POST', `/api/courses/${dose.courseId}/consents`, { documentVersion: 'KAP consent v3', signedAt: t.clock.now.toString() });
  for (const [id, value] of [['fasting', { confirmed: true }], ['rideHome', { name: 'Sam Rivera', phone: '+1 415 555 0100' }], ['noDrivingAcknowledged', { acknowledged: true }]] as const) {
    await ok(t, s.nurse, 'PUT', url(`/checklist/${id}`), { value });
  }
  await ok(t, s.nurse, 'POST', url('/vitals'), { systolic: 128, diastolic: 80, heartRate: 70, spo2: 99 });
  await ok(t, s.nurse, 'POST', url('/pass-checks'));
  await ok(t, s.prescriber, 'POST', url('/order'), { route: 'sublingual', product: 'Ketamine HCl troche 100 mg', doseMg: 200 });
  const lot = await firstLot(t, s.nurse);
  await ok(t, s.nurse, 'POST', url('/administrations'), { amountMg: 200, lotId: lot.id });
  const dosedAt = new Date(t.clock.now.epochMilliseconds).toISOString();
  t.clock.advance({ minutes: 15 });
  const high = await ok(t, s.nurse, 'POST', url('/vitals'), { systolic: 172, diastolic: 98, heartRate: 96, spo2: 95 });
  expect(high).toMatchObject({ level: 'warn', alertsRaised: 1 });
  t.clock.advance({ minutes: 5 });
  await ok(t, s.nurse, 'POST', url('/observations'), { kind: 'dissociation', level: 3 });
  t.clock.advance({ minutes: 106 });
  const fresh = await staffSessions(t);
  for (const body of [
    { kind: 'sedation', level: 0 }, { kind: 'dissociation', level: 0 }, { kind: 'suicide-risk-check', text: 'Denies thoughts of self-harm' }, { kind: 'ride-present', text: 'Sam is here' },
    { kind: 'adverse-event', eventType: 'nausea-vomiting', severity: 'mild', actionTaken: TEXT.adverseAction },
  ]) await ok(t, fresh.nurse, 'POST', url('/observations'), body);
  await ok(t, fresh.nurse, 'POST', url('/vitals'), { systolic: 132, diastolic: 84, heartRate: 72, spo2: 98 });
  await ok(t, fresh.nurse, 'POST', url('/discharge'));
  return dosedAt;
}

export async function liveCourse(t: TestApp): Promise<LivedCourse> {
  const dose = await bookedDose(t);
  const clinicId = t.demoClinicId;
  const patientSession = await giveAccount(t, dose.patientId);
  let s = await staffSessions(t);
  await ok(t, patientSession, 'PUT', `/api/appointments/${dose.appointmentId}/intention`, { text: TEXT.intention });
  t.clock.advance({ minutes: 1 });
  const baseline = await ok(t, s.nurse, 'POST', `/api/patients/${dose.patientId}/responses`, { instrument: 'phq-9', answers: phq9(18) });
  t.clock.advance({ minutes: 1 });
  const dosedAt = await runDose(t, dose, s);

  // The morning after: the check-in, then a PHQ-9 at half the baseline or less (a response).
  const [integration] = await t.database.db.select().from(appointments).where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, dose.integrationId)));
  const integrationStart = integration!.startsAt.toISOString();
  const checkinAt = Temporal.Instant.from(dosedAt).add({ hours: 18 });
  const checkin = newId();
  await t.database.db.insert(postDoseCheckins).values({ clinicId, id: checkin, patientId: dose.patientId, appointmentId: dose.appointmentId, mood: 7, sleep: 'well', safety: 'no', createdAt: toDate(checkinAt) });
  t.clock.now = checkinAt.add({ hours: 1 });
  expect(Temporal.Instant.compare(t.clock.now, Temporal.Instant.from(integrationStart))).toBeLessThan(0);
  s = await staffSessions(t);
  const followUp = await ok(t, s.nurse, 'POST', `/api/patients/${dose.patientId}/responses`, { instrument: 'phq-9', answers: phq9(8) });

  // Integration: a signed progress note with themes, a psychotherapy note, an action-plan change reviewed there.
  t.clock.now = Temporal.Instant.from(integrationStart).add({ minutes: 55 });
  s = await staffSessions(t);
  const noteUrl = `/api/appointments/${dose.integrationId}/progress-note`;
  await ok(t, s.therapist, 'PUT', noteUrl, { structured: { themes: TEXT.themes, insights: TEXT.noteInsights, plan: 'Two more integration sessions.', riskAssessment: 'No ideation.' }, text: TEXT.noteText });
  await ok(t, s.therapist, 'POST', `${noteUrl}/sign`);
  // The prescriber's note of the same session stays a draft: its themes are not shown.
  await ok(t, s.prescriber, 'PUT', noteUrl, { structured: { themes: TEXT.draftThemes }, text: '' });
  await ok(t, s.therapist, 'PUT', `/api/appointments/${dose.integrationId}/psychotherapy-note`, { text: TEXT.psychotherapy }, [204]);
  const item = newId();
  const planChange = newId();
  const at = toDate(t.clock.now);
  const snapshot = { insight: 'I hold my breath when I am afraid', commitment: TEXT.commitment, timeframe: 'Two weeks', measure: 'Mornings walked' };
  await t.database.db.insert(actionPlanItems).values({ clinicId, id: item, patientId: dose.patientId, courseId: dose.courseId, ...snapshot, createdByKind: 'staff', createdBy: s.therapist.user.staffId!, createdAt: at, updatedAt: at });
  await t.database.db.insert(actionPlanChanges).values({
    clinicId, id: planChange, itemId: item, patientId: dose.patientId, appointmentId: dose.integrationId, change: 'created', status: 'active', snapshot, byKind: 'staff', by: s.therapist.user.staffId!, at,
  });

  // Journal: one entry shared with the care team, one kept private.
  const sharedEntry = newId();
  const privateEntry = newId();
  const day = (n: number) => toDate(Temporal.Instant.from(integrationStart).add({ hours: 24 * n }));
  await t.database.db.insert(journalEntries).values([
    { clinicId, id: sharedEntry, patientId: dose.patientId, courseId: dose.courseId, appointmentId: dose.appointmentId, text: TEXT.shared, mood: 6, sharedAt: day(1.5), createdAt: day(1), updatedAt: day(1.5) },
    { clinicId, id: privateEntry, patientId: dose.patientId, courseId: null, text: TEXT.private, createdAt: day(2), updatedAt: day(2) },
  ]);
  t.clock.now = Temporal.Instant.from(integrationStart).add({ hours: 24 * 3 });
  const ids = { sharedEntry, privateEntry, planChange, checkin, baseline: (baseline.response as { id: string }).id, followUp: (followUp.response as { id: string }).id };
  // Sessions expire across the clock's jumps: the patient signs in afresh.
  return { ...dose, patientSession: await t.signIn(await emailOf(t, dose.patientId)), dosedAt, integrationStart, ids };
}

async function emailOf(t: TestApp, patientId: string): Promise<string> {
  const [p] = await t.database.db.select({ email: patients.email }).from(patients).where(and(eq(patients.clinicId, t.demoClinicId), eq(patients.id, patientId)));
  return p!.email!;
}
