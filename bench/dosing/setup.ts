/**
 * The floor the benchmark runs on: the real app listening on a port (one or two instances on one PostgreSQL
 * database), and today's dosing sessions — one per bench room, each with its own patient (eligible, weighed, on a
 * course of the demo's sublingual protocol) and therapist — brought to monitoring through the API the way the clinic
 * does it: consent, check-in, checklist, pre-dose vitals, checks passed, the prescriber's order, the dose from a stock
 * lot, the first post-dose reading.
 */
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Database } from '../../src/db/database';
import { newId, toDate } from '../../src/db/ids';
import { insertRoom, insertStaff } from '../../src/db/repos/clinics';
import { listLots } from '../../src/db/repos/ledger';
import { insertPatient, replaceCareTeam } from '../../src/db/repos/patients';
import { listLatestProtocols } from '../../src/db/repos/scheduling';
import { appointments, clinics, courses, eligibilityDecisions, patientWeights, staffMembers } from '../../src/db/schema';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { AppDeps } from '../../src/server/deps';
import { loadCommonPasswords } from '../../src/server/passwords';
import { expectCall, type Session } from './http';

export const VITALS_ROUTE = '/api/appointments/:id/session/vitals';

export interface Instance {
  app: FastifyInstance;
  base: string;
  database: Database;
  /** While set, the server-side time (Fastify's reply.elapsedTime) of every vitals POST is pushed here. */
  vitalsSink: number[] | null;
  close(): Promise<void>;
}

/** Builds the app the way src/server/main.ts does (defaults from the environment, real clock) and listens on a free port. */
export async function startInstance(database: Database): Promise<Instance> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const deps: AppDeps = { database, config, clock: () => Temporal.Now.instant(), commonPasswords: loadCommonPasswords(), webRoot: undefined };
  const app = await buildApp(deps);
  let closing: Promise<void> | undefined;
  const instance: Instance = {
    app, base: '', database, vitalsSink: null,
    close: () => (closing ??= app.close()),
  };
  app.addHook('onResponse', async (request, reply) => {
    if (instance.vitalsSink && request.method === 'POST' && request.routeOptions.url === VITALS_ROUTE) instance.vitalsSink.push(reply.elapsedTime);
  });
  await app.ready();
  instance.base = await app.listen({ port: 0, host: '127.0.0.1' });
  return instance;
}

/** The readings the bench posts encode their sequence number, so a board snapshot says which reading it shows. */
export function vitalsFor(k: number) {
  return { systolic: 105 + (k % 30), diastolic: 65 + (Math.floor(k / 30) % 20), heartRate: 60 + (Math.floor(k / 600) % 40), spo2: 97 };
}

export function sequenceOf(v: { systolic: number; diastolic: number; heartRate: number }): number {
  return (v.systolic - 105) + 30 * (v.diastolic - 65) + 600 * (v.heartRate - 60);
}

const GIVEN = ['Ada', 'Bruno', 'Chloe', 'Dev', 'Elena', 'Farid', 'Greta', 'Hugo', 'Iris', 'Jonas', 'Kira', 'Luis', 'Mona', 'Nils', 'Olga', 'Pavel', 'Quinn', 'Rosa', 'Sami', 'Tess'];
const FAMILY = ['Ng', 'Okafor', 'Price', 'Quist', 'Reyes', 'Stone', 'Tran', 'Ueda', 'Vance', 'Wolfe', 'Xu', 'Young', 'Zell', 'Abbott', 'Banks', 'Cole', 'Diaz', 'Egan', 'Ford', 'Gill'];

export interface Floor {
  clinicId: string;
  appointmentIds: string[];
  courseIds: string[];
  lotId: string;
  timeZone: string;
}

/** A fixed-offset zone (Etc/GMT±N: the sign is inverted by POSIX convention) in which `now` is 10:00–11:59. */
export function lateMorningZone(now: Temporal.Instant): string {
  const utcHour = now.toZonedDateTimeISO('UTC').hour;
  const offset = Math.max(-12, Math.min(14, 10 - utcHour));
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** Rooms, therapists, patients (eligible, weighed 3 days ago, care team), courses and today's dosing appointments. */
export async function createFloor(database: Database, clinicId: string, sessions: number): Promise<Floor> {
  const { db } = database;
  const now = Temporal.Now.instant();
  const at = toDate(now);
  // The board shows the clinic-local day, so a run that crossed the clinic's midnight would see its sessions leave the
  // board half-way (seen: a run at 08:00 UTC with the demo's America/Los_Angeles). The benchmark's clinic (in a
  // database of its own) is moved to a fixed-offset zone in which it is late morning now.
  const timeZone = lateMorningZone(now);
  await db.update(clinics).set({ timeZone }).where(eq(clinics.id, clinicId));
  const today = now.toZonedDateTimeISO(timeZone).toPlainDate();
  // Started 10 minutes ago (never before the clinic's midnight: the board shows the clinic-local day), 2.5 hours long.
  const dayStart = today.toZonedDateTime({ timeZone }).toInstant();
  const startsAt = Temporal.Instant.compare(now.subtract({ minutes: 10 }), dayStart) < 0 ? dayStart.add({ minutes: 1 }) : now.subtract({ minutes: 10 });
  const protocol = (await listLatestProtocols(db, clinicId)).find((p) => p.name === 'Sublingual KAP, 6 sessions');
  if (!protocol) throw new Error('the demo clinic has no "Sublingual KAP, 6 sessions" protocol');
  const [prescriber] = await db.select({ id: staffMembers.id }).from(staffMembers).where(and(eq(staffMembers.clinicId, clinicId), eq(staffMembers.email, 'prescriber@demo.tilth.test')));
  const lot = (await listLots(db, clinicId)).find((l) => /troche/.test(l.form));
  if (!prescriber || !lot) throw new Error('the demo clinic has no prescriber or no troche lot');
  const floor: Floor = { clinicId, appointmentIds: [], courseIds: [], lotId: lot.id, timeZone };
  await db.transaction(async (tx) => {
    for (let i = 0; i < sessions; i++) {
      const roomId = newId();
      const therapistId = newId();
      const patientId = newId();
      const courseId = newId();
      const appointmentId = newId();
      await insertRoom(tx, { clinicId, id: roomId, name: `Bench Room ${i + 1}`, kind: 'dosing', equipment: ['recliner', 'monitor', 'pulse-oximeter', 'bp-cuff'], capacity: 1, createdAt: at });
      await insertStaff(tx, { clinicId, id: therapistId, givenName: 'Bench', familyName: `Therapist ${i + 1}`, role: 'therapist', email: `bench-therapist-${i + 1}@demo.tilth.test`, createdAt: at });
      await insertPatient(tx, {
        clinicId, id: patientId, givenName: GIVEN[i % GIVEN.length]!, familyName: `${FAMILY[i % FAMILY.length]!}${i >= GIVEN.length ? ` ${i}` : ''}`, dateOfBirth: '1985-06-15',
        sexAssignedAtBirth: 'male', email: `bench-patient-${i + 1}@example.org`, status: 'in-course', createdAt: at, updatedAt: at,
      });
      await replaceCareTeam(tx, clinicId, patientId, [{ staffId: therapistId, role: 'therapist' }, { staffId: prescriber.id, role: 'prescriber' }], at);
      await tx.insert(eligibilityDecisions).values({
        clinicId, id: newId(), patientId, evaluatedOutcome: 'eligible', reasons: [], facts: {}, ruleSetVersion: 'bench', decision: 'eligible', status: 'final', decidedBy: prescriber.id, decidedAt: toDate(now.subtract({ hours: 24 * 7 })),
      });
      await tx.insert(patientWeights).values({ clinicId, id: newId(), patientId, weightKg: '80.0', measuredOn: today.subtract({ days: 3 }).toString(), recordedBy: prescriber.id, recordedAt: at });
      await tx.insert(courses).values({
        clinicId, id: courseId, patientId, protocolId: protocol.id, protocolVersion: protocol.version, route: 'sublingual', therapistId, status: 'booked', createdBy: prescriber.id, createdAt: at, updatedAt: at,
      });
      await tx.insert(appointments).values({
        clinicId, id: appointmentId, courseId, patientId, kind: 'dosing', number: 1, startsAt: toDate(startsAt), endsAt: toDate(startsAt.add({ minutes: 150 })),
        roomId, therapistId, nurseId: null, status: 'booked', createdAt: at, updatedAt: at,
      });
      floor.appointmentIds.push(appointmentId);
      floor.courseIds.push(courseId);
    }
  });
  return floor;
}

const sessionPath = (id: string, rest = '') => `/api/appointments/${id}/session${rest}`;

/** Consent → check-in → checklist → pre-dose reading (sequence 0) → checks passed → order → dose → first post-dose reading (1). */
export async function toMonitoring(base: string, floor: Floor, i: number, nurse: Session, prescriber: Session): Promise<void> {
  const id = floor.appointmentIds[i]!;
  await expectCall(base, nurse, 'POST', `/api/courses/${floor.courseIds[i]!}/consents`, { documentVersion: 'KAP consent v3', signedAt: new Date().toISOString() }, 201);
  await expectCall(base, nurse, 'POST', sessionPath(id, '/check-in'), {}, 200);
  for (const [item, value] of [
    ['fasting', { confirmed: true }], ['rideHome', { name: 'Sam Rivera', phone: '+1 415 555 0100' }], ['noDrivingAcknowledged', { acknowledged: true }],
    ['intentionRecorded', { text: 'To meet what comes with curiosity.' }],
  ] as const) {
    await expectCall(base, nurse, 'PUT', sessionPath(id, `/checklist/${item}`), { value }, 200);
  }
  await expectCall(base, nurse, 'POST', sessionPath(id, '/vitals'), vitalsFor(0), 201);
  await expectCall(base, nurse, 'POST', sessionPath(id, '/pass-checks'), {}, 200);
  await expectCall(base, prescriber, 'POST', sessionPath(id, '/order'), { route: 'sublingual', product: 'Ketamine HCl troche 100 mg', doseMg: 100 }, 201);
  await expectCall(base, nurse, 'POST', sessionPath(id, '/administrations'), { amountMg: 100, lotId: floor.lotId }, 201);
  await new Promise((r) => setTimeout(r, 5)); // the first post-dose reading must be taken after the dose (strictly later)
  const first = await expectCall(base, nurse, 'POST', sessionPath(id, '/vitals'), vitalsFor(1), 201);
  if (first.phase !== 'post-dose') throw new Error(`appointment ${id}: the first reading after the dose was recorded as ${String(first.phase)}`);
}
