/**
 * The demo's one psychotherapy note (issue #6 §3): therapist@'s own note on Avery's first integration session, so
 * signing in as therapist@ shows a note that every other account gets 404 for. Written only by the demo entry
 * (`npm start`), which has the demo note key (note-key.ts); the seeding transaction has no key and stays key-free.
 * Does nothing when the note exists or Avery's first integration session is not held yet.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Temporal } from 'temporal-polyfill';
import type { Database } from '../../db/database';
import { findClinicBySlug } from '../../db/repos/clinics';
import { appointments, patients, psychotherapyNotes, staffMembers } from '../../db/schema';
import { seal, type NoteKey } from '../features/psychotherapy-notes/crypto';
import { DEMO_SLUG } from './seed-demo';

const TEXT = 'My own process: I noticed I wanted to hurry her past the grief about her father. Her pace, not mine. '
  + 'Watch my urge to reassure when she goes quiet. Supervision: bring the counter-transference around my own father.';

export async function seedDemoPsychotherapyNote(database: Database, keys: readonly NoteKey[], now: Temporal.Instant): Promise<boolean> {
  const { db } = database;
  const clinic = await findClinicBySlug(db, DEMO_SLUG);
  if (!clinic || keys.length === 0) return false;
  const [therapist] = await db.select({ id: staffMembers.id }).from(staffMembers).where(and(eq(staffMembers.clinicId, clinic.id), eq(staffMembers.email, 'therapist@demo.tilth.test')));
  const [avery] = await db.select({ id: patients.id }).from(patients).where(and(eq(patients.clinicId, clinic.id), eq(patients.email, 'patient1@demo.tilth.test')));
  if (!therapist || !avery) return false;
  const [integration] = await db.select().from(appointments)
    .where(and(eq(appointments.clinicId, clinic.id), eq(appointments.patientId, avery.id), eq(appointments.kind, 'integration'), eq(appointments.status, 'completed'), eq(appointments.therapistId, therapist.id)))
    .orderBy(asc(appointments.startsAt)).limit(1);
  if (!integration) return false;
  const identity = { clinicId: clinic.id, appointmentId: integration.id, authorId: therapist.id };
  const sealed = seal(keys, identity, TEXT);
  if (!sealed.ok) return false;
  const at = new Date(now.epochMilliseconds);
  const inserted = await db.insert(psychotherapyNotes).values({ ...identity, ...sealed.value, createdAt: at, updatedAt: at }).onConflictDoNothing().returning({ id: psychotherapyNotes.appointmentId });
  return inserted.length > 0;
}
