/**
 * Every time the demo starts (issue #5 §8): today has one dosing session in monitoring, dosed about 30 minutes
 * before start-up with its vitals so far, and one dosing session scheduled later today, so a new user sees the board
 * and the console working at once. Runs on each `npm start`; does nothing when both are already there.
 *
 * The patients are Hannah Becker (a maintenance dose after her completed course) and Jamal Harris (maintenance),
 * single dosing appointments outside any course, so the demo courses (Avery's, Victor's) stay as they are.
 */
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { ROUTE_SNOMED } from '../../core/dosing';
import type { Database, Executor } from '../../db/database';
import { newId, toDate } from '../../db/ids';
import { insertAdministration, insertChecklistEntry, insertConsent, latestConsent, insertEvent, insertObservation, insertOrder, insertPresence, insertVitals } from '../../db/repos/dosing';
import { listLots, recordAdministrationEntry } from '../../db/repos/ledger';
import { findClinicBySlug } from '../../db/repos/clinics';
import { appointments, dosingSessions, patients, rooms, staffMembers } from '../../db/schema';
import { DEMO_SLUG } from './seed-demo';

const MONITORING_PATIENT = { givenName: 'Hannah', familyName: 'Becker' };
const LATER_PATIENT = { givenName: 'Jamal', familyName: 'Harris' };
const DOSING_MINUTES = 150;

export async function seedDosingToday(database: Database, now: Temporal.Instant): Promise<{ created: string[] }> {
  const { db } = database;
  const clinic = await findClinicBySlug(db, DEMO_SLUG);
  if (!clinic) return { created: [] };
  const clinicId = clinic.id;
  const zone = clinic.timeZone;
  const day = now.toZonedDateTimeISO(zone).toPlainDate();
  const dayStart = toDate(day.toZonedDateTime({ timeZone: zone }).toInstant());
  const dayEnd = toDate(day.add({ days: 1 }).toZonedDateTime({ timeZone: zone }).toInstant());
  const today = await db
    .select({ a: appointments, s: dosingSessions })
    .from(appointments)
    .leftJoin(dosingSessions, and(eq(dosingSessions.clinicId, appointments.clinicId), eq(dosingSessions.appointmentId, appointments.id)))
    .where(and(eq(appointments.clinicId, clinicId), eq(appointments.kind, 'dosing'), gte(appointments.startsAt, dayStart), lt(appointments.startsAt, dayEnd), inArray(appointments.status, ['booked'])));
  const recentMonitoring = today.some((x) => x.s && (x.s.state === 'monitoring' || x.s.state === 'dosed') && x.s.dosedAt && now.epochMilliseconds - x.s.dosedAt.getTime() < 90 * 60_000);
  const laterScheduled = today.some((x) => !x.s && x.a.startsAt.getTime() > now.epochMilliseconds);
  const created: string[] = [];
  const staff = await db.select().from(staffMembers).where(eq(staffMembers.clinicId, clinicId));
  const byEmail = (prefix: string) => staff.find((s) => s.email.startsWith(`${prefix}@`))!;
  const nurse = byEmail('nurse');
  const prescriber = byEmail('prescriber');
  if (!recentMonitoring) {
    const id = await bookDose(db, clinicId, MONITORING_PATIENT, now.subtract({ minutes: 40 }), [byEmail('therapist').id, byEmail('therapist2').id]);
    if (id) {
      await db.transaction((tx) => startedSession(tx, clinicId, id.appointmentId, id.patientId, now, { nurse: nurse.id, prescriber: prescriber.id, therapist: id.therapistId }));
      created.push('a session in monitoring');
    }
  }
  if (!laterScheduled) {
    const later = now.add({ minutes: 150 });
    const id = await bookDose(db, clinicId, LATER_PATIENT, later, [byEmail('therapist2').id, byEmail('therapist').id]);
    if (id) {
      // Signed when the maintenance doses began, so the checklist's consent item passes.
      if (!(await latestConsent(db, clinicId, id.patientId, null))) {
        await insertConsent(db, { clinicId, id: newId(), patientId: id.patientId, courseId: null, documentVersion: 'KAP maintenance consent v2', signedAt: toDate(now.subtract({ hours: 24 * 20 })), recordedBy: nurse.id, createdAt: toDate(now) });
      }
      created.push('a session later today');
    }
  }
  return { created };
}

/** A single dosing appointment at `start` in a free dosing room with the first free therapist; null if none is free. */
async function bookDose(db: Database['db'], clinicId: string, who: { givenName: string; familyName: string }, start: Temporal.Instant, therapists: string[]) {
  const [patient] = await db.select({ id: patients.id }).from(patients).where(and(eq(patients.clinicId, clinicId), eq(patients.givenName, who.givenName), eq(patients.familyName, who.familyName)));
  if (!patient) return null;
  const dosingRooms = (await db.select().from(rooms).where(eq(rooms.clinicId, clinicId))).filter((r) => r.kind === 'dosing');
  const at = toDate(start);
  for (const room of dosingRooms) {
    for (const therapistId of therapists) {
      const appointmentId = newId();
      try {
        // The exclusion constraints decide: a taken room, therapist or patient refuses the row, and we try the next.
        await db.insert(appointments).values({
          clinicId, id: appointmentId, courseId: null, patientId: patient.id, kind: 'dosing', number: 1, startsAt: at, endsAt: toDate(start.add({ minutes: DOSING_MINUTES })),
          roomId: room.id, therapistId, nurseId: null, status: 'booked', createdAt: at, updatedAt: at,
        });
        return { appointmentId, patientId: patient.id, therapistId };
      } catch {
        continue;
      }
    }
  }
  return null;
}

/** Checked in 40 minutes ago, checks passed, 200 mg sublingual given 30 minutes ago, vitals at 0, 15 and 30 minutes. */
async function startedSession(tx: Executor, clinicId: string, appointmentId: string, patientId: string, now: Temporal.Instant, who: { nurse: string; prescriber: string; therapist: string }) {
  const ago = (minutes: number) => toDate(now.subtract({ minutes }));
  const dosedAt = ago(30);
  await tx.insert(dosingSessions).values({
    clinicId, appointmentId, patientId, courseId: null, state: 'monitoring', stateChangedAt: ago(29), checkedInAt: ago(40), dosedAt,
    setting: { music: 'East Forest — "Music for Ketamine Journeys" playlist', eyeMask: true, lighting: 'dim' }, createdAt: ago(40), updatedAt: ago(15),
  });
  const event = (kind: string, from: string | null, to: string | null, by: string, at: Date) => insertEvent(tx, { clinicId, id: newId(), appointmentId, kind, fromState: from, toState: to, detail: null, by, at });
  await event('check-in', 'scheduled', 'checked-in', who.nurse, ago(40));
  for (const [itemId, value] of [
    ['fasting', { confirmed: true }], ['rideHome', { name: 'Lukas Becker', phone: '+1 415 555 0142' }], ['noDrivingAcknowledged', { acknowledged: true }],
    ['intentionRecorded', { text: 'To let go of the tightness I carry around work, and listen to what is underneath it.' }], ['adverseEventsReviewed', { reviewed: true }],
  ] as const) {
    await insertChecklistEntry(tx, { clinicId, id: newId(), appointmentId, itemId, kind: 'record', value, reason: null, by: who.nurse, at: ago(38) });
  }
  await insertPresence(tx, { clinicId, id: newId(), appointmentId, staffId: who.therapist, action: 'enter', handoverTo: null, at: ago(40), recordedBy: who.nurse });
  await insertPresence(tx, { clinicId, id: newId(), appointmentId, staffId: who.nurse, action: 'enter', handoverTo: null, at: ago(40), recordedBy: who.nurse });
  const vitals = (minutesAgo: number, systolic: number, diastolic: number, heartRate: number, spo2: number) =>
    insertVitals(tx, { clinicId, id: newId(), appointmentId, patientId, takenAt: ago(minutesAgo), systolic, diastolic, heartRate, spo2, respiratoryRate: 14, recordedBy: who.nurse, recordedAt: ago(minutesAgo) });
  await vitals(36, 126, 80, 74, 98);
  await event('pass-checks', 'checked-in', 'checks-passed', who.nurse, ago(34));
  const orderId = newId();
  await insertOrder(tx, {
    clinicId, id: orderId, appointmentId, route: 'sublingual', routeCode: ROUTE_SNOMED.sublingual.code, product: 'Ketamine HCl troche 100 mg', doseMg: '200', weightKg: '72.4', mgPerKg: '2.76',
    infusionMinutes: null, limitProblem: null, overrideReason: null, orderedBy: who.prescriber, orderedAt: ago(33),
  });
  const lot = (await listLots(tx, clinicId)).find((l) => /troche/.test(l.form) && Number(l.balanceMg) >= 200 && l.expiresOn > now.toString().slice(0, 10));
  if (lot) {
    const administrationId = newId();
    await insertAdministration(tx, { clinicId, id: administrationId, appointmentId, orderId, amountMg: '200', lotId: lot.id, givenBy: who.nurse, givenAt: dosedAt });
    const drawn = await recordAdministrationEntry(tx, { clinicId, lotId: lot.id, administrationId, quantityMg: 200, by: who.nurse, at: dosedAt });
    if (!drawn.ok) throw new Error(`demo: the dose could not be drawn from lot ${lot.lotNumber}: ${drawn.error.message}`);
  }
  await event('dose', 'checks-passed', 'dosed', who.nurse, dosedAt);
  await vitals(15, 142, 88, 82, 97);
  await event('start-monitoring', 'dosed', 'monitoring', who.nurse, ago(15));
  await insertObservation(tx, { clinicId, id: newId(), appointmentId, kind: 'dissociation', level: 2, eventType: null, severity: null, actionTaken: null, text: null, observedAt: ago(14), by: who.therapist, recordedAt: ago(14) });
  await vitals(1, 148, 90, 80, 97);
}
