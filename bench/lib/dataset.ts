/**
 * A clinic some years into its life: the demo clinic (its staff and sign-ins) grown to a few thousand patients with
 * care teams, weights and status histories, and a few hundred thousand audit events on its hash chain. Rows are
 * generated here (deterministically) and inserted in batches straight into the tables; audit events carry the chain
 * hashes audit_append() would have computed, so `tilth audit verify` still passes.
 */
import { randomBytes } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { contentOf, type AuditEventContent } from '../../src/core/audit-chain';
import { migrateDatabase, type Database } from '../../src/db/database';
import { newId } from '../../src/db/ids';
import { sha256Hex } from '../../src/db/repos/audit';
import { sealAuditTrail } from '../../src/db/repos/audit-seal';
import { DEMO_SLUG, seedDemo } from '../../src/server/demo/seed-demo';
import { insertRows, type SqlClient } from './sql';
import { loadMeasurement, type MeasurementData } from './measurement-data';
import { nowMs, rng } from './stats';

export interface DatasetOptions {
  patients: number;
  auditEvents: number;
  /** Patients with a long PHQ-9 trajectory (issue #3 scenarios), and its length. */
  trajectoryPatients: number;
  trajectoryLength: number;
  log: (line: string) => void;
}

export interface StaffRef {
  staffId: string;
  userId: string;
  email: string;
  role: string;
}

export interface Dataset {
  clinicId: string;
  nurse: StaffRef;
  therapist: StaffRef;
  /** Every patient of the clinic (a nurse may open any of them). */
  patientIds: string[];
  /** Patients on the demo therapist's care teams. */
  therapistPatientIds: string[];
  /** A name fragment that matches a realistic share of patients, for `?query=`. */
  searchTerm: string;
  statusFilter: string;
  /** Every staff account (all have the demo password): sign-ins rotate over them. */
  staffEmails: string[];
  /** The demo accounts' stored password hash (the bare sign-in verifies against it). */
  passwordHash: string;
  /** Questionnaires: who has a long PHQ-9 trajectory, who the store scenario submits for. */
  measurement: MeasurementData;
  counts: Record<string, number>;
  loadSeconds: Record<string, number>;
}

const GIVEN = [
  'Aaliyah', 'Aaron', 'Abigail', 'Adam', 'Adrian', 'Aisha', 'Alejandro', 'Alex', 'Alice', 'Amara', 'Amir', 'Ana', 'Andre', 'Angela',
  'Anika', 'Anthony', 'Ari', 'Ava', 'Ben', 'Bianca', 'Blake', 'Brianna', 'Caleb', 'Camila', 'Carlos', 'Chen', 'Chloe', 'Chris', 'Dana',
  'David', 'Deepa', 'Diego', 'Elena', 'Eli', 'Emily', 'Emma', 'Ethan', 'Fatima', 'Felix', 'Gabriel', 'Grace', 'Hana', 'Hassan', 'Ian',
  'Imani', 'Isaac', 'Isabel', 'Jack', 'Jade', 'James', 'Jasmine', 'Javier', 'Jin', 'Jonah', 'Julia', 'Kavya', 'Keisha', 'Kenji', 'Kiara',
  'Laila', 'Leo', 'Liam', 'Lucia', 'Luis', 'Mai', 'Malik', 'Maria', 'Mateo', 'Mei', 'Mia', 'Nadia', 'Noah', 'Nora', 'Olivia', 'Omar',
  'Paul', 'Quinn', 'Rachel', 'Rahul', 'Rosa', 'Ruby', 'Sam', 'Sara', 'Sean', 'Sina', 'Sofia', 'Tariq', 'Tess', 'Tomas', 'Uma', 'Vera',
  'Wei', 'Xavier', 'Yara', 'Yusuf', 'Zoe',
];
const FAMILY = [
  'Abbott', 'Acosta', 'Adams', 'Ahmed', 'Alvarez', 'Anderson', 'Bailey', 'Baker', 'Banerjee', 'Barnes', 'Bell', 'Bennett', 'Brooks', 'Brown',
  'Bui', 'Campbell', 'Carter', 'Castillo', 'Chang', 'Chavez', 'Clark', 'Cohen', 'Collins', 'Cooper', 'Cruz', 'Davis', 'Diaz', 'Dubois',
  'Edwards', 'Evans', 'Fernandez', 'Fisher', 'Flores', 'Foster', 'Garcia', 'Goldberg', 'Gomez', 'Gonzalez', 'Gray', 'Green', 'Gupta',
  'Hall', 'Hansen', 'Harris', 'Hayes', 'Hernandez', 'Hill', 'Hoang', 'Howard', 'Hughes', 'Ito', 'Jackson', 'James', 'Jensen', 'Johnson',
  'Jones', 'Kaur', 'Kelly', 'Khan', 'Kim', 'King', 'Kowalski', 'Kumar', 'Lee', 'Lewis', 'Lopez', 'Martin', 'Martinez', 'Mendoza', 'Miller',
  'Mitchell', 'Moore', 'Morales', 'Morgan', 'Murphy', 'Nguyen', 'Novak', 'Obi', 'Ortiz', 'Park', 'Patel', 'Perez', 'Peterson', 'Phillips',
  'Price', 'Ramirez', 'Reed', 'Reyes', 'Richardson', 'Rivera', 'Roberts', 'Robinson', 'Rodriguez', 'Rossi', 'Russell', 'Sanchez', 'Sato',
  'Schmidt', 'Scott', 'Shah', 'Silva', 'Singh', 'Smith', 'Sullivan', 'Tanaka', 'Taylor', 'Thomas', 'Thompson', 'Torres', 'Tran', 'Turner',
  'Walker', 'Wang', 'Ward', 'Watson', 'White', 'Williams', 'Wilson', 'Wong', 'Wright', 'Yamamoto', 'Young', 'Zhang',
];

/** How far each status got along the pathway, and how common it is in a clinic some years old. */
const PATHS: [weight: number, path: string[]][] = [
  [8, ['referred']],
  [8, ['referred', 'screening']],
  [9, ['referred', 'screening', 'eligible']],
  [4, ['referred', 'screening', 'ineligible']],
  [20, ['referred', 'screening', 'eligible', 'in-course']],
  [22, ['referred', 'screening', 'eligible', 'in-course', 'maintenance']],
  [14, ['referred', 'screening', 'eligible', 'in-course', 'completed']],
  [9, ['referred', 'screening', 'eligible', 'in-course', 'completed', 'discharged']],
  [6, ['referred', 'screening', 'eligible', 'withdrawn']],
];

const EXTRA_STAFF: { role: string; count: number }[] = [
  { role: 'therapist', count: 11 },
  { role: 'prescriber', count: 2 },
  { role: 'nurse', count: 3 },
  { role: 'admin', count: 1 },
];

const DAY_MS = 86_400_000;

export async function loadClinic(database: Database, sql: SqlClient, options: DatasetOptions): Promise<Dataset> {
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = nowMs();
    const result = await fn();
    timings[name] = (nowMs() - t0) / 1000;
    options.log(`  ${name}: ${timings[name]!.toFixed(1)} s`);
    return result;
  };
  const random = rng(20_260_501);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const clock = () => Temporal.Now.instant();
  const now = Date.now();

  await step('migrate + demo seed', async () => {
    await migrateDatabase(database);
    await seedDemo(database, clock);
  });

  const [clinic] = (await sql.query<{ id: string }>('SELECT id FROM clinics WHERE slug = $1', [DEMO_SLUG])).rows;
  const clinicId = clinic!.id;
  const demoStaff = (
    await sql.query<{ staff_id: string; user_id: string; email: string; role: string; password_hash: string }>(
      `SELECT s.id AS staff_id, u.id AS user_id, u.email, s.role, u.password_hash
         FROM staff_members s JOIN users u ON u.clinic_id = s.clinic_id AND u.staff_id = s.id
        WHERE s.clinic_id = $1 ORDER BY u.email`,
      [clinicId],
    )
  ).rows;
  const passwordHash = demoStaff[0]!.password_hash;
  const ref = (email: string): StaffRef => {
    const s = demoStaff.find((d) => d.email === email)!;
    return { staffId: s.staff_id, userId: s.user_id, email: s.email, role: s.role };
  };
  const nurse = ref('nurse@demo.tilth.test');
  const therapist = ref('therapist@demo.tilth.test');

  // Staff: the demo five plus a realistic team for a clinic of this size.
  const staffRows: Record<string, unknown>[] = [];
  const userRows: Record<string, unknown>[] = [];
  const staffByRole = new Map<string, string[]>();
  for (const s of demoStaff) staffByRole.set(s.role, [...(staffByRole.get(s.role) ?? []), s.staff_id]);
  const createdAt = new Date(now - 3 * 365 * DAY_MS).toISOString();
  for (const { role, count } of EXTRA_STAFF) {
    for (let i = 0; i < count; i++) {
      const id = newId();
      const email = `${role}${i + 10}@bench.tilth.test`;
      staffRows.push({ clinic_id: clinicId, id, given_name: pick(GIVEN), family_name: pick(FAMILY), role, email, phone: null, active: true, created_at: createdAt });
      userRows.push({
        clinic_id: clinicId, id: newId(), email, password_hash: passwordHash, kind: 'staff', staff_id: id, patient_id: null, totp_secret: null,
        totp_enabled: false, disabled: false, created_at: createdAt, password_changed_at: createdAt,
      });
      staffByRole.set(role, [...(staffByRole.get(role) ?? []), id]);
    }
  }
  await step('staff', async () => {
    await insertRows(sql, 'staff_members', staffRows);
    await insertRows(sql, 'users', userRows);
  });

  const therapists = staffByRole.get('therapist')!;
  const prescribers = staffByRole.get('prescriber')!;
  const nurses = staffByRole.get('nurse')!;
  const clinicians = [...therapists, ...prescribers, ...nurses];
  const pathTotal = PATHS.reduce((a, [w]) => a + w, 0);
  const pickPath = () => {
    let r = random() * pathTotal;
    for (const [w, path] of PATHS) if ((r -= w) < 0) return path;
    return PATHS[0]![1];
  };

  const patients: Record<string, unknown>[] = [];
  const history: Record<string, unknown>[] = [];
  const team: Record<string, unknown>[] = [];
  const weights: Record<string, unknown>[] = [];
  const portalUsers: Record<string, unknown>[] = [];
  for (let i = 0; i < options.patients; i++) {
    const id = newId();
    const given = pick(GIVEN);
    const family = pick(FAMILY);
    const path = pickPath();
    const status = path[path.length - 1]!;
    const referredAt = now - Math.floor(random() * 900 + 30) * DAY_MS;
    const referred = new Date(referredAt).toISOString();
    const dob = new Date(now - Math.floor((21 + random() * 55) * 365.25) * DAY_MS).toISOString().slice(0, 10);
    const sex = random() < 0.52 ? 'female' : random() < 0.97 ? 'male' : 'intersex';
    patients.push({
      clinic_id: clinicId, id, given_name: given, family_name: family, preferred_name: random() < 0.15 ? pick(GIVEN) : null,
      date_of_birth: dob, sex_assigned_at_birth: sex, pronouns: sex === 'female' ? 'she/her' : sex === 'male' ? 'he/him' : 'they/them',
      email: `${given}.${family}.${i}@example.org`.toLowerCase(), phone: `+1 510 555 ${String(i % 10_000).padStart(4, '0')}`,
      address: { line1: `${100 + (i % 900)} Grand Ave`, city: 'Oakland', region: 'CA', postalCode: '94610', country: 'US' },
      emergency_contact: { name: `${pick(GIVEN)} ${family}`, relationship: pick(['partner', 'sibling', 'parent', 'friend']), phone: '+1 510 555 0199' },
      status, status_reason: status === 'withdrawn' ? 'Moved out of state' : status === 'ineligible' ? 'Uncontrolled hypertension' : null,
      created_at: referred, updated_at: new Date(Math.min(now, referredAt + path.length * 14 * DAY_MS)).toISOString(),
    });
    let from: string | null = null;
    path.forEach((to, step) => {
      history.push({
        clinic_id: clinicId, id: newId(), patient_id: id, from_status: from, to_status: to,
        reason: to === 'withdrawn' ? 'Moved out of state' : null, changed_by: step === 0 ? nurses[0] : pick(prescribers),
        changed_at: new Date(Math.min(now - 60_000, referredAt + step * 14 * DAY_MS)).toISOString(),
      });
      from = to;
    });
    // Care team: one therapist (the demo therapist carries a full caseload), sometimes two, and a prescriber.
    const members = new Set([pick(therapists)]);
    if (random() < 0.15) members.add(pick(therapists));
    for (const staffId of members) team.push({ clinic_id: clinicId, patient_id: id, staff_id: staffId, role: 'therapist', added_at: referred });
    if (random() < 0.95) team.push({ clinic_id: clinicId, patient_id: id, staff_id: pick(prescribers), role: 'prescriber', added_at: referred });
    const treated = path.includes('in-course');
    const nWeights = treated ? 2 + Math.floor(random() * 8) : 1;
    let kg = 50 + random() * 60;
    for (let w = 0; w < nWeights; w++) {
      kg += (random() - 0.5) * 2;
      weights.push({
        clinic_id: clinicId, id: newId(), patient_id: id, weight_kg: kg.toFixed(1),
        measured_on: new Date(Math.min(now, referredAt + w * 10 * DAY_MS)).toISOString().slice(0, 10), recorded_by: pick(nurses),
        recorded_at: new Date(Math.min(now, referredAt + w * 10 * DAY_MS)).toISOString(),
      });
    }
    if (treated && random() < 0.3) {
      portalUsers.push({
        clinic_id: clinicId, id: newId(), email: `portal.${i}@example.org`, password_hash: null, kind: 'patient', staff_id: null, patient_id: id,
        totp_secret: null, totp_enabled: false, disabled: false, created_at: referred, password_changed_at: null,
      });
    }
  }
  await step(`${options.patients} patients with care teams, weights, history`, async () => {
    await insertRows(sql, 'patients', patients);
    await insertRows(sql, 'patient_status_history', history, 2000);
    await insertRows(sql, 'care_team_members', team, 2000);
    await insertRows(sql, 'patient_weights', weights, 2000);
    await insertRows(sql, 'users', portalUsers);
  });

  const measurement = await step(
    `questionnaires: ${options.trajectoryPatients} trajectories of ${options.trajectoryLength} PHQ-9, the rest of the clinic's, doses`,
    () => loadMeasurement(sql, { clinicId, nurseStaffIds: nurses, trajectoryPatients: options.trajectoryPatients, trajectoryLength: options.trajectoryLength }),
  );

  // Audit history: reads and list views over the past months by the clinical staff, appended in order.
  const patientIds = patients.map((p) => p.id as string);
  const staffRole = new Map<string, string>();
  for (const [role, ids] of staffByRole) for (const id of ids) staffRole.set(id, role);
  const auditStart = now - 180 * DAY_MS;
  const auditStep = (now - 3_600_000 - auditStart) / Math.max(1, options.auditEvents);
  // Appended the way audit_append() appends (unchained, receipt numbers from audit_event_seq) but set-wise: the plpgsql
  // function per event would take most of the run's time budget for history alone. Then the app's own sealer chains
  // them, as the server's job does every second.
  await step(`${options.auditEvents.toLocaleString('en-US')} audit events (appended, then sealed by the app's sealer)`, async () => {
    // Reserve a block of receipt numbers: nothing else appends while the clinic is loaded.
    const [reserved] = (await sql.query<{ first: string }>(
      `SELECT (nextval('audit_event_seq') + 0)::text AS first, setval('audit_event_seq', currval('audit_event_seq') + $1::bigint) AS last`,
      [options.auditEvents],
    )).rows;
    let seq = Number(reserved!.first) - 1;
    // Secondary indexes are dropped for the bulk insert and built again afterwards (much faster than row by row).
    const indexes = (
      await sql.query<{ indexname: string; indexdef: string }>(
        `SELECT i.indexname, i.indexdef FROM pg_indexes i
          WHERE i.tablename = 'audit_events' AND i.schemaname = current_schema()
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      )
    ).rows;
    for (const ix of indexes) await sql.query(`DROP INDEX ${ix.indexname}`);
    const batchSize = 5000;
    for (let i = 0; i < options.auditEvents; i += batchSize) {
      const rows: Record<string, unknown>[] = [];
      for (let j = i; j < Math.min(options.auditEvents, i + batchSize); j++) {
        const actor = pick(clinicians);
        const patientId = pick(patientIds);
        const r = random();
        // Reads of one record, list views (one event naming every patient shown, as the app writes them now),
        // questionnaire reads and submissions, sign-ins and edits.
        const action =
          r < 0.5 ? 'patient.read' : r < 0.55 ? 'patient.list' : r < 0.72 ? 'trajectory.read' : r < 0.88 ? 'questionnaire-response.create'
            : r < 0.95 ? 'session.sign-in' : 'patient.update';
        const list = action === 'patient.list';
        const shown = list ? Array.from({ length: 50 }, () => pick(patientIds)) : undefined;
        const resourceType = action === 'session.sign-in' ? 'session' : action.startsWith('patient.') ? 'patient' : 'questionnaire-response';
        const event: AuditEventContent = {
          id: newId(), clinicId, occurredAt: new Date(auditStart + j * auditStep).toISOString(), actorType: 'staff', actorId: actor,
          actorRole: staffRole.get(actor) ?? null, patientId: action === 'session.sign-in' || list ? null : patientId,
          ...(shown ? { patientIds: shown } : {}), action, resourceType,
          resourceId: action === 'patient.read' || action === 'patient.update' ? patientId : action === 'questionnaire-response.create' ? newId() : null,
          requestId: randomBytes(8).toString('hex'), outcome: 'allowed',
          detail: action === 'patient.update' ? { fields: ['phone'] } : list ? { shown: 50 } : action === 'trajectory.read' ? { instrument: 'phq-9' } : null,
        };
        const contentHash = sha256Hex(contentOf(event));
        seq += 1;
        rows.push({
          clinic_id: clinicId, seq, id: event.id, occurred_at: event.occurredAt, actor_type: event.actorType, actor_id: event.actorId,
          actor_role: event.actorRole, patient_id: event.patientId, patient_ids: event.patientIds ?? null, action: event.action, resource_type: event.resourceType,
          resource_id: event.resourceId, request_id: event.requestId, outcome: event.outcome, detail: event.detail, content_hash: contentHash,
        });
      }
      await insertRows(sql, 'audit_events', rows, batchSize);
    }
    // More memory for the index builds than the default 64 MB (the GIN index on patient_ids builds several times faster).
    await sql.onOneConnection(async (c) => {
      await c.query("SET maintenance_work_mem = '256MB'");
      for (const ix of indexes) await c.query(ix.indexdef);
      await c.query('RESET maintenance_work_mem');
    });
    const sealed = await sealAuditTrail(database, { batchSize: 20_000 });
    if (sealed.cutoff === null) throw new Error('the audit sealer timed out: a transaction stayed open during loading');
  });

  await step('ANALYZE', async () => {
    await sql.query('ANALYZE');
  });
  // Write the loaded clinic out now: otherwise PostgreSQL's next timed checkpoint flushes these hundreds of megabytes
  // during a measurement (seen: a checkpoint writing the load's buffers for 14 s under the trajectory's target check,
  // its p99 24 ms against 14 ms in the runs around it). What the measurements themselves write is checkpointed as usual.
  await step('CHECKPOINT', async () => {
    await sql.query('CHECKPOINT');
  });

  const counts: Record<string, number> = {};
  for (const table of [
    'patients', 'care_team_members', 'patient_status_history', 'patient_weights', 'users', 'staff_members', 'audit_events', 'questionnaire_responses',
    'dose_events', 'safety_alerts',
  ]) {
    counts[table] = Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
  }

  // The demo's own patients are part of the clinic too.
  const allIds = (await sql.query<{ id: string }>('SELECT id FROM patients WHERE clinic_id = $1 ORDER BY id', [clinicId])).rows.map((r) => r.id);
  const theirs = (
    await sql.query<{ patient_id: string }>(
      `SELECT patient_id FROM care_team_members WHERE clinic_id = $1 AND staff_id = $2 AND role = 'therapist' ORDER BY patient_id`,
      [clinicId, therapist.staffId],
    )
  ).rows.map((r) => r.patient_id);

  return {
    clinicId, nurse, therapist, patientIds: allIds, therapistPatientIds: theirs, searchTerm: 'son', statusFilter: 'in-course', passwordHash,
    staffEmails: [...demoStaff.map((d) => d.email), ...userRows.map((u) => u.email as string)], measurement: measurement.data, counts,
    loadSeconds: timings,
  };
}
