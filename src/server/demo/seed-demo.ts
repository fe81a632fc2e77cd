/**
 * The demo clinic that `npm start` creates on first run (never the production entry): rooms, staff with credentials,
 * and patients at every stage of the pathway, two of whom can sign in to the portal.
 */
import { Temporal } from 'temporal-polyfill';
import type { StaffRole } from '../../core/authorization';
import type { PatientStatus } from '../../core/patient-status';
import type { Database, Executor } from '../../db/database';
import { newId, toDate } from '../../db/ids';
import { findClinicBySlug, insertCredential, insertRoom, insertStaff } from '../../db/repos/clinics';
import { insertPatient, insertStatusHistory, insertWeight, replaceCareTeam } from '../../db/repos/patients';
import { insertUser } from '../../db/repos/users';
import { unwrapOrThrow } from '../../core/result-helpers';
import { createClinic } from '../features/clinic/create-clinic';
import { demoDoseDays, seedMeasurement, type DemoMeasurementPatient } from './seed-measurement';
import { seedCourse, seedSchedulingSetup } from './seed-scheduling';
import { seedLedger } from './seed-ledger';
import { seedCourseHistory } from './seed-course-history';
import { seedCourseReflections } from './seed-course-reflections';
import type { AppointmentRow } from '../../db/repos/scheduling';
import { seedDefaultModules } from '../features/education/store';
import { hashPassword } from '../passwords';

export const DEMO_PASSWORD = 'tilth-demo-2026';
export const DEMO_SLUG = 'demo';
export const DEMO_TIME_ZONE = 'America/Los_Angeles';

export const DEMO_STAFF: { key: string; email: string; givenName: string; familyName: string; role: StaffRole; licence?: [string, string, number] }[] = [
  { key: 'admin', email: 'admin@demo.tilth.test', givenName: 'Morgan', familyName: 'Reyes', role: 'admin' },
  { key: 'prescriber', email: 'prescriber@demo.tilth.test', givenName: 'Priya', familyName: 'Shah', role: 'prescriber', licence: ['MD', 'A-128874', 700] },
  { key: 'nurse', email: 'nurse@demo.tilth.test', givenName: 'Sam', familyName: 'Okafor', role: 'nurse', licence: ['RN', '95521034', 400] },
  { key: 'therapist', email: 'therapist@demo.tilth.test', givenName: 'Jordan', familyName: 'Lee', role: 'therapist', licence: ['LMFT', 'LMFT-118302', 30] },
  { key: 'therapist2', email: 'therapist2@demo.tilth.test', givenName: 'Riley', familyName: 'Chen', role: 'therapist', licence: ['LCSW', 'LCSW-77120', -20] },
];

interface DemoPatient {
  email?: string;
  givenName: string;
  familyName: string;
  preferredName?: string;
  dob: string;
  sex: 'female' | 'male' | 'intersex';
  pronouns: string;
  path: PatientStatus[];
  therapist: 'therapist' | 'therapist2' | 'both';
  weightKg: number;
  canSignIn?: boolean;
}

/** Each patient's path through the statuses, so their history is as real as their current status. */
const DEMO_PATIENTS: DemoPatient[] = [
  { email: 'patient1@demo.tilth.test', givenName: 'Avery', familyName: 'Morgan', dob: '1986-04-12', sex: 'female', pronouns: 'she/her', path: ['referred', 'screening', 'eligible', 'in-course'], therapist: 'therapist', weightKg: 64.5, canSignIn: true },
  { email: 'patient2@demo.tilth.test', givenName: 'Daniel', familyName: 'Okoro', preferredName: 'Dan', dob: '1979-09-30', sex: 'male', pronouns: 'he/him', path: ['referred', 'screening', 'eligible'], therapist: 'therapist2', weightKg: 82.0, canSignIn: true },
  { givenName: 'Maya', familyName: 'Patel', dob: '1992-01-22', sex: 'female', pronouns: 'she/her', path: ['referred', 'screening', 'eligible'], therapist: 'therapist', weightKg: 58.2 },
  { givenName: 'Theo', familyName: 'Lindqvist', dob: '1968-06-03', sex: 'male', pronouns: 'he/him', path: ['referred', 'screening', 'eligible'], therapist: 'therapist2', weightKg: 91.4 },
  { givenName: 'Rosa', familyName: 'Delgado', dob: '1975-11-17', sex: 'female', pronouns: 'she/her', path: ['referred', 'screening', 'eligible'], therapist: 'both', weightKg: 70.1 },
  { givenName: 'Kai', familyName: 'Nakamura', dob: '1998-03-08', sex: 'intersex', pronouns: 'they/them', path: ['referred', 'screening', 'eligible'], therapist: 'therapist', weightKg: 61.0 },
  { givenName: 'Eleanor', familyName: 'Whitfield', dob: '1954-07-25', sex: 'female', pronouns: 'she/her', path: ['referred'], therapist: 'therapist', weightKg: 66.3 },
  { givenName: 'Marcus', familyName: 'Bell', dob: '1983-12-01', sex: 'male', pronouns: 'he/him', path: ['referred', 'screening'], therapist: 'therapist2', weightKg: 88.7 },
  { givenName: 'Sofia', familyName: 'Ivanova', dob: '1990-05-14', sex: 'female', pronouns: 'she/her', path: ['referred', 'screening', 'ineligible'], therapist: 'therapist', weightKg: 59.9 },
  { givenName: 'Jamal', familyName: 'Harris', dob: '1971-02-19', sex: 'male', pronouns: 'he/him', path: ['referred', 'screening', 'eligible', 'in-course', 'maintenance'], therapist: 'therapist2', weightKg: 95.2 },
  { givenName: 'Hannah', familyName: 'Becker', dob: '1988-08-08', sex: 'female', pronouns: 'she/her', path: ['referred', 'screening', 'eligible', 'in-course', 'completed'], therapist: 'therapist', weightKg: 72.4 },
  { givenName: 'Omar', familyName: 'Haddad', dob: '1965-10-10', sex: 'male', pronouns: 'he/him', path: ['referred', 'screening', 'eligible', 'in-course', 'completed', 'discharged'], therapist: 'therapist2', weightKg: 80.0 },
  { givenName: 'Lena', familyName: 'Fischer', dob: '1995-04-30', sex: 'female', pronouns: 'she/her', path: ['referred', 'screening', 'withdrawn'], therapist: 'therapist', weightKg: 55.5 },
  { givenName: 'Victor', familyName: 'Ramos', dob: '1981-06-21', sex: 'male', pronouns: 'he/him', path: ['referred', 'screening', 'eligible', 'in-course'], therapist: 'both', weightKg: 77.7 },
];

export interface DemoSeedResult {
  created: boolean;
  clinicId: string;
  signIns: { email: string; role: string }[];
}

export async function seedDemo(database: Database, clock: () => Temporal.Instant): Promise<DemoSeedResult> {
  const { db } = database;
  const signIns = [
    ...DEMO_STAFF.map((s) => ({ email: s.email, role: s.role })),
    ...DEMO_PATIENTS.filter((p) => p.canSignIn).map((p) => ({ email: p.email!, role: 'patient' })),
  ];
  const existing = await findClinicBySlug(db, DEMO_SLUG);
  if (existing) return { created: false, clinicId: existing.id, signIns };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const clinicId = await db.transaction((tx) => seedInside(tx, clock, passwordHash));
  return { created: true, clinicId, signIns };
}

async function seedInside(tx: Executor, clock: () => Temporal.Instant, passwordHash: string): Promise<string> {
  const now = clock();
  const at = toDate(now);
  const today = now.toZonedDateTimeISO(DEMO_TIME_ZONE).toPlainDate();
  const { clinicId } = unwrapOrThrow(
    await createClinic({ clock }, tx, {
      name: 'Tilth Demo Clinic',
      slug: DEMO_SLUG,
      timeZone: DEMO_TIME_ZONE,
      address: { line1: '1450 Harbor Way', line2: 'Suite 200', city: 'Oakland', region: 'CA', postalCode: '94607', country: 'US' },
      phone: '+1 510 555 0142',
      email: 'hello@demo.tilth.test',
      website: 'https://demo.tilth.test',
    }),
  );

  const dosingEquipment = ['recliner', 'monitor', 'pulse-oximeter', 'bp-cuff', 'eye-mask', 'sound-system'];
  for (const room of [
    { name: 'Cedar Room', kind: 'dosing' as const, equipment: [...dosingEquipment, 'oxygen'] },
    { name: 'Willow Room', kind: 'dosing' as const, equipment: dosingEquipment },
    { name: 'Fern Room', kind: 'consult' as const, equipment: ['couch'] },
  ]) {
    await insertRoom(tx, { clinicId, id: newId(), ...room, capacity: 1, createdAt: at });
  }

  const staffIds = new Map<string, string>();
  for (const s of DEMO_STAFF) {
    const staffId = newId();
    staffIds.set(s.key, staffId);
    await insertStaff(tx, { clinicId, id: staffId, givenName: s.givenName, familyName: s.familyName, role: s.role, email: s.email, createdAt: at });
    await insertUser(tx, { clinicId, id: newId(), email: s.email, kind: 'staff', staffId, passwordHash, passwordChangedAt: at, createdAt: at });
    if (s.licence) {
      const [licenceType, licenceNumber, daysLeft] = s.licence;
      await insertCredential(tx, { clinicId, id: newId(), staffId, licenceType, licenceNumber, issuingState: 'CA', expiresOn: today.add({ days: daysLeft }).toString(), createdAt: at });
    }
  }

  const measured: DemoMeasurementPatient[] = [];
  for (const [index, p] of DEMO_PATIENTS.entries()) {
    const patientId = newId();
    const status = p.path[p.path.length - 1]!;
    const stepAt = demoTimeline(p, index, now);
    const referredAt = stepAt[0]!;
    await insertPatient(tx, {
      clinicId, id: patientId, givenName: p.givenName, familyName: p.familyName, preferredName: p.preferredName ?? null,
      dateOfBirth: p.dob, sexAssignedAtBirth: p.sex, pronouns: p.pronouns, email: p.email ?? `${p.givenName.toLowerCase()}.${p.familyName.toLowerCase()}@example.org`,
      phone: `+1 510 555 ${String(1000 + index * 37).padStart(4, '0')}`,
      address: { line1: `${100 + index * 11} Grand Ave`, city: 'Oakland', region: 'CA', postalCode: '94610', country: 'US' },
      emergencyContact: { name: `${p.familyName} family contact`, relationship: index % 2 ? 'sibling' : 'partner', phone: '+1 510 555 0199' },
      status, statusReason: status === 'withdrawn' ? 'Moved out of state' : status === 'ineligible' ? 'History of intracerebral haemorrhage' : null,
      createdAt: toDate(referredAt), updatedAt: at,
    });
    let from: PatientStatus | null = null;
    for (const [step, to] of p.path.entries()) {
      await insertStatusHistory(tx, {
        clinicId, id: newId(), patientId, fromStatus: from, toStatus: to, changedBy: staffIds.get(step === 0 ? 'admin' : 'prescriber')!,
        reason: to === 'withdrawn' ? 'Moved out of state' : null, changedAt: toDate(stepAt[step]!),
      });
      from = to;
    }
    measured.push({ id: patientId, key: p.givenName.toLowerCase(), sex: p.sex, path: p.path, stepAt });
    const therapists = p.therapist === 'both' ? ['therapist', 'therapist2'] : [p.therapist];
    await replaceCareTeam(tx, clinicId, patientId, [
      ...therapists.map((k) => ({ staffId: staffIds.get(k)!, role: 'therapist' as const })),
      { staffId: staffIds.get('prescriber')!, role: 'prescriber' as const },
    ], at);
    await insertWeight(tx, { clinicId, id: newId(), patientId, weightKg: p.weightKg.toFixed(1), measuredOn: today.subtract({ days: 10 + index }).toString(), recordedBy: staffIds.get('nurse')!, recordedAt: at });
    if (p.canSignIn) {
      await insertUser(tx, { clinicId, id: newId(), email: p.email!, kind: 'patient', patientId, passwordHash, passwordChangedAt: at, createdAt: at });
    }
  }
  // Patients in a course have a real booked course: two doses held, the next one ahead.
  const { sublingual } = await seedSchedulingSetup(tx, clinicId, staffIds, now);
  const courseDoses = new Map<string, { id: string; at: Temporal.Instant }[]>();
  const courses = new Map<string, { patientId: string; courseId: string; appointments: AppointmentRow[] }>();
  for (const m of measured.filter((x) => x.path.at(-1) === 'in-course')) {
    const demo = DEMO_PATIENTS.find((p) => p.givenName.toLowerCase() === m.key)!;
    const therapistId = staffIds.get(demo.therapist === 'both' ? 'therapist' : demo.therapist)!;
    const { courseId, appointments } = await seedCourse(tx, clinicId, m.id, therapistId, sublingual, now, 2);
    courses.set(m.key, { patientId: m.id, courseId, appointments });
    courseDoses.set(m.key, appointments.filter((a) => a.kind === 'dosing').map((a) => ({ id: a.id, at: Temporal.Instant.fromEpochMilliseconds(a.startsAt.getTime()) })));
  }
  await seedMeasurement(tx, clinicId, measured, { prescriber: staffIds.get('prescriber')!, nurse: staffIds.get('nurse')! }, now, DEMO_TIME_ZONE, courseDoses);
  await seedLedger(tx, clinicId, staffIds, now, DEMO_TIME_ZONE);
  // Avery (patient1@) mid-course: what her two held doses and their sessions left behind.
  const avery = courses.get('avery');
  if (avery) {
    await seedCourseHistory(tx, clinicId, avery.patientId, avery.courseId, avery.appointments, {
      nurse: staffIds.get('nurse')!, prescriber: staffIds.get('prescriber')!, therapist: staffIds.get('therapist')!,
    });
    await seedCourseReflections(tx, clinicId, avery.patientId, avery.courseId, avery.appointments, staffIds.get('therapist')!);
  }
  await seedDefaultModules(tx, clinicId, at);
  return clinicId;
}

/**
 * When each status of a demo patient's path began: a course starts two weeks before its first dose (preparation),
 * and what follows a course comes a week after its last dose; other patients move a week per step.
 */
function demoTimeline(p: DemoPatient, index: number, now: Temporal.Instant): Temporal.Instant[] {
  const days = (n: number) => now.subtract({ hours: Math.round(n * 24) });
  const doses = demoDoseDays(p.givenName.toLowerCase());
  const courseAt = p.path.indexOf('in-course');
  if (courseAt < 0 || doses.length === 0) return p.path.map((_, step) => days(30 + index * 3 - step * 7));
  const first = Math.max(...doses) + 14;
  const last = Math.min(...doses);
  return p.path.map((_, step) => (step <= courseAt ? days(first + (courseAt - step) * 7) : days(Math.max(0.5, last - 7 * (step - courseAt)))));
}
