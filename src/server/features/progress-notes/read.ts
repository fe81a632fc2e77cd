/**
 * Reading progress notes: a session's, or all of a patient's (newest first), with their addenda. Reading needs
 * 'patient:read-clinical' and a staff account; every signed note is shown, drafts only to their author.
 */
import { ok, type Result } from '../../../core/errors';
import { audit, type Ctx } from '../../context';
import { authorizePatient } from '../patients/access';
import { loadNoteSession, refuseNonStaff, RESOURCE } from './load';
import { listAddenda, listAppointmentNotes, listPatientNotes, staffNames, type NoteRow } from './store';
import { noteView, type NoteView } from './view';

async function withAddenda(ctx: Ctx, notes: NoteRow[]): Promise<NoteView[]> {
  const db = ctx.deps.database.db;
  const addenda = await listAddenda(db, ctx.actor.clinicId, notes.map((n) => n.id));
  const names = await staffNames(db, ctx.actor.clinicId);
  return notes.map((n) => noteView(n, addenda, names));
}

export async function readSessionNotes(ctx: Ctx, appointmentId: string): Promise<Result<{ appointmentId: string; kind: string; notes: NoteView[] }>> {
  const db = ctx.deps.database.db;
  const loaded = await loadNoteSession(ctx, db, appointmentId, 'patient:read-clinical', 'progress-note.read');
  if (!loaded.ok) return loaded;
  const { appointment, staffId } = loaded.value;
  const notes = await withAddenda(ctx, await listAppointmentNotes(db, ctx.actor.clinicId, appointmentId, staffId));
  await audit(ctx, { action: 'progress-note.read', resourceType: RESOURCE, resourceId: appointmentId, patientId: appointment.patientId, detail: { appointmentId, notes: notes.map((n) => n.id) } });
  return ok({ appointmentId, kind: appointment.kind, notes });
}

export async function readPatientNotes(ctx: Ctx, patientId: string): Promise<Result<{ patientId: string; notes: NoteView[] }>> {
  const db = ctx.deps.database.db;
  const access = await authorizePatient(ctx, patientId, 'patient:read-clinical', 'progress-note.list');
  if (!access.ok) return access;
  if (ctx.actor.kind !== 'staff') {
    await refuseNonStaff(ctx, patientId, patientId, 'progress-note.list');
    return { ok: false, error: { code: 'NOT_FOUND', message: 'No such patient.' } };
  }
  const notes = await withAddenda(ctx, await listPatientNotes(db, ctx.actor.clinicId, patientId, ctx.actor.staffId));
  await audit(ctx, { action: 'progress-note.list', resourceType: RESOURCE, resourceId: patientId, patientId, detail: { notes: notes.length } });
  return ok({ patientId, notes });
}
