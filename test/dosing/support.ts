/** A booked first dose for a fresh patient (eligibility decided, weight recorded), with the clock at its start. */
import { Temporal } from 'temporal-polyfill';
import { expect } from 'vitest';
import { newId, toDate } from '../../src/db/ids';
import { eligibilityDecisions, patientWeights } from '../../src/db/schema';
import type { Session, TestApp } from '../helpers/test-app';
import { DEMO } from '../http/support';
import { demoProtocols, eligiblePatient, mondayAfter, planAndBook, setClock } from '../courses/support';

export interface BookedDose {
  patientId: string;
  courseId: string;
  appointmentId: string;
  start: Temporal.Instant;
  integrationId: string;
}

/** Moves the clock weeks ahead (sign in again afterwards: sessions expire across the jump). */
export async function bookedDose(t: TestApp, weeksAhead = 6): Promise<BookedDose> {
  setClock(t, `${mondayAfter(t, weeksAhead).toString()}T07:00`);
  const [nurse, therapist, prescriber] = await t.signInAll(DEMO.nurse, DEMO.therapist, DEMO.prescriber);
  const staff = { nurse, therapist, prescriber };
  const p = await eligiblePatient(t, t.demoClinicId, { therapistIds: [staff.therapist.user.staffId!], prescriberId: staff.prescriber.user.staffId! });
  const at = toDate(t.clock.now);
  await t.database.db.insert(eligibilityDecisions).values({
    clinicId: t.demoClinicId, id: newId(), patientId: p.id, evaluatedOutcome: 'eligible', reasons: [], facts: {}, ruleSetVersion: 'test', decision: 'eligible',
    status: 'final', decidedBy: staff.prescriber.user.staffId!, decidedAt: at,
  });
  const { sublingual } = await demoProtocols(t);
  const course = await planAndBook(t, staff.nurse, p.id, { protocolId: sublingual, therapistId: staff.therapist.user.staffId });
  const dose = course.appointments.find((a) => a.kind === 'dosing' && a.number === 1)!;
  const integration = course.appointments.find((a) => a.kind === 'integration' && a.number === 1)!;
  const start = Temporal.Instant.from(dose.start);
  t.clock.now = start.subtract({ minutes: 10 });
  const measuredOn = start.toZonedDateTimeISO('America/Los_Angeles').toPlainDate().subtract({ days: 3 }).toString();
  await t.database.db.insert(patientWeights).values({ clinicId: t.demoClinicId, id: newId(), patientId: p.id, weightKg: '80.0', measuredOn, recordedBy: staff.nurse.user.staffId!, recordedAt: at });
  return { patientId: p.id, courseId: course.id, appointmentId: dose.id!, start, integrationId: integration.id! };
}

export async function firstLot(t: TestApp, session: Session): Promise<{ id: string; balanceMg: number }> {
  const res = await t.call(session, { method: 'GET', url: '/api/ledger' });
  expect(res.statusCode, res.body).toBe(200);
  const lots = (res.json() as { items?: { id: string; balanceMg: number | string; form: string }[]; lots?: { id: string; balanceMg: number | string; form: string }[] });
  const list = lots.items ?? lots.lots ?? [];
  const lot = list.find((l) => /troche|lozenge/i.test(l.form)) ?? list[0]!;
  return { id: lot.id, balanceMg: Number(lot.balanceMg) };
}

export const sessionUrl = (id: string, rest = '') => `/api/appointments/${id}/session${rest}`;
