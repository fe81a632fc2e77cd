/**
 * What-if, without touching the server: the database part of a *lean* vitals request — the ≈ 9 round trips the
 * findings propose instead of today's 34 — run through the app's own pool and repositories on the same data, one at a
 * time: the real session lookup (`countAndFindSession`), the care team, one joined load of the appointment with its
 * course, protocol, clinic, patient and room, then in a transaction: lock the session row, insert the reading, bump
 * the version, `appendAuditEvents`, commit. Prepared statements where the app has them (`queryPrepared`). HTTP,
 * Fastify, Zod and the vitals rules are left out: they stay as today.
 */
import { sql } from 'drizzle-orm';
import { queryPrepared, type Database } from '../../src/db/database';
import { newId } from '../../src/db/ids';
import { appendAuditEvents } from '../../src/db/repos/audit';
import { loadCareTeam } from '../../src/db/repos/patients';
import { countAndFindSession } from '../../src/db/repos/sessions';
import { nowMs, sleep } from '../lib/stats';
import { vitalsFor } from './setup';
import { statsOf, type Stats } from './stats';

export interface LeanResult {
  statements: number;
  /** The lean path's database part. */
  wall: Stats;
  /** Today's whole request (HTTP, one at a time), measured alternately with the lean path, so both see the same machine. */
  today: Stats;
}

/** `today` sends one real vitals request and returns its wall time; it alternates with the lean path. */
export async function leanVitals(
  database: Database, clinicId: string, appointmentIds: string[], next: number[], staffId: string, rounds: number, today: (i: number) => Promise<number>,
): Promise<LeanResult> {
  const { db } = database;
  const once = async (i: number) => {
    const appointmentId = appointmentIds[i]!;
    const now = new Date();
    await countAndFindSession(db, clinicId, 'bench-lean-token-hash', 'bench-lean-rate-key', now, 60_000);
    const [a] = await queryPrepared<{ patient_id: string; definition: unknown; time_zone: string }>(db, sql`
      SELECT a.patient_id, a.course_id, a.room_id, a.starts_at, a.ends_at, p.definition, cl.time_zone, pt.given_name, pt.family_name, r.name AS room_name
        FROM appointments a
        JOIN clinics cl ON cl.id = a.clinic_id
        JOIN patients pt ON pt.clinic_id = a.clinic_id AND pt.id = a.patient_id
        LEFT JOIN rooms r ON r.clinic_id = a.clinic_id AND r.id = a.room_id
        LEFT JOIN courses c ON c.clinic_id = a.clinic_id AND c.id = a.course_id
        LEFT JOIN protocols p ON p.clinic_id = c.clinic_id AND p.id = c.protocol_id AND p.version = c.protocol_version
       WHERE a.clinic_id = ${clinicId}::uuid AND a.id = ${appointmentId}::uuid`);
    const patientId = a!.patient_id;
    await loadCareTeam(db, clinicId, patientId);
    const v = vitalsFor(next[i]!++);
    await db.transaction(async (tx) => {
      await queryPrepared(tx, sql`SELECT state, dosed_at, version, state_changed_at FROM dosing_sessions WHERE clinic_id = ${clinicId}::uuid AND appointment_id = ${appointmentId}::uuid FOR UPDATE`);
      const id = newId();
      await queryPrepared(tx, sql`
        INSERT INTO vital_readings (clinic_id, id, appointment_id, patient_id, taken_at, systolic, diastolic, heart_rate, spo2, respiratory_rate, recorded_by, recorded_at)
        VALUES (${clinicId}::uuid, ${id}::uuid, ${appointmentId}::uuid, ${patientId}::uuid, ${now.toISOString()}::timestamptz, ${v.systolic}, ${v.diastolic}, ${v.heartRate}, ${v.spo2}, NULL, ${staffId}::uuid, ${now.toISOString()}::timestamptz)`);
      await queryPrepared(tx, sql`UPDATE dosing_sessions SET version = version + 1, updated_at = ${now.toISOString()}::timestamptz WHERE clinic_id = ${clinicId}::uuid AND appointment_id = ${appointmentId}::uuid`);
      await appendAuditEvents(tx, clinicId, [{
        id: newId(), clinicId, occurredAt: now.toISOString(), actorType: 'staff', actorId: staffId, actorRole: 'nurse', patientId, action: 'dosing-session.vitals',
        resourceType: 'dosing-session', resourceId: appointmentId, requestId: null, outcome: 'allowed', detail: { readingId: id, level: 'normal' },
      }]);
    });
  };
  for (let r = 0; r < 3; r++) await once(r % appointmentIds.length);
  const wall: number[] = [];
  const real: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const i = r % appointmentIds.length;
    const t0 = nowMs();
    await once(i);
    wall.push(nowMs() - t0);
    await sleep(10);
    real.push(await today((i + 1) % appointmentIds.length));
    await sleep(10);
  }
  // session lookup, joined load, care team, BEGIN, lock, INSERT, UPDATE, audit_append, COMMIT
  return { statements: 9, wall: statsOf(wall), today: statsOf(real) };
}
