/** Progress-note rows: reads and writes used by the use-cases (no rules here; see src/core/notes). */
import { and, asc, desc, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../../db/database';
import { noteTemplates, progressNoteAddenda, progressNotes, staffMembers } from '../../../db/schema';

export type NoteRow = typeof progressNotes.$inferSelect;
export type AddendumRow = typeof progressNoteAddenda.$inferSelect;

export async function findOwnNote(ex: Executor, clinicId: string, appointmentId: string, authorId: string, lock = false): Promise<NoteRow | undefined> {
  const q = ex.select().from(progressNotes).where(and(eq(progressNotes.clinicId, clinicId), eq(progressNotes.appointmentId, appointmentId), eq(progressNotes.authorId, authorId))).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function findNote(ex: Executor, clinicId: string, id: string): Promise<NoteRow | undefined> {
  const [row] = await ex.select().from(progressNotes).where(and(eq(progressNotes.clinicId, clinicId), eq(progressNotes.id, id))).limit(1);
  return row;
}

/** Notes visible to `viewerId`: every signed note, and the viewer's own drafts (a draft is its author's work in progress). */
const visibleTo = (viewerId: string) => or(eq(progressNotes.status, 'signed'), eq(progressNotes.authorId, viewerId));

export async function listAppointmentNotes(ex: Executor, clinicId: string, appointmentId: string, viewerId: string): Promise<NoteRow[]> {
  return ex.select().from(progressNotes)
    .where(and(eq(progressNotes.clinicId, clinicId), eq(progressNotes.appointmentId, appointmentId), visibleTo(viewerId)))
    .orderBy(asc(progressNotes.createdAt), asc(progressNotes.id));
}

export async function listPatientNotes(ex: Executor, clinicId: string, patientId: string, viewerId: string): Promise<NoteRow[]> {
  return ex.select().from(progressNotes)
    .where(and(eq(progressNotes.clinicId, clinicId), eq(progressNotes.patientId, patientId), visibleTo(viewerId)))
    .orderBy(desc(progressNotes.createdAt), desc(progressNotes.id));
}

export async function listAddenda(ex: Executor, clinicId: string, noteIds: string[]): Promise<AddendumRow[]> {
  if (!noteIds.length) return [];
  return ex.select().from(progressNoteAddenda)
    .where(and(eq(progressNoteAddenda.clinicId, clinicId), inArray(progressNoteAddenda.noteId, noteIds)))
    .orderBy(asc(progressNoteAddenda.signedAt), asc(progressNoteAddenda.id));
}

export async function staffNames(ex: Executor, clinicId: string): Promise<Map<string, string>> {
  const rows = await ex.select({ id: staffMembers.id, g: staffMembers.givenName, f: staffMembers.familyName }).from(staffMembers).where(eq(staffMembers.clinicId, clinicId));
  return new Map(rows.map((r) => [r.id, `${r.g} ${r.f}`]));
}

export async function listTemplates(ex: Executor, clinicId: string) {
  return ex.select().from(noteTemplates).where(eq(noteTemplates.clinicId, clinicId));
}
