/**
 * Add an addendum to a signed progress note: signed and dated at once, never changed afterwards. Any clinician who
 * may write progress notes for the patient may add one (a nurse adding what they saw after discharge, say); the
 * addendum carries its own author. A draft (one's own or another's) takes no addendum: the author edits it, and
 * another author's draft is not visible to anyone else, so it answers 404 like a missing note.
 */
import { fail, ok, type Result } from '../../../core/errors';
import { checkAddendum } from '../../../core/notes';
import { newId } from '../../../db/ids';
import { progressNoteAddenda } from '../../../db/schema';
import { audit, type Ctx } from '../../context';
import { authorizePatient } from '../patients/access';
import { refuseNonStaff, RESOURCE } from './load';
import { findNote, type AddendumRow } from './store';

export async function addAddendum(ctx: Ctx, noteId: string, text: string): Promise<Result<AddendumRow>> {
  const db = ctx.deps.database.db;
  const clinicId = ctx.actor.clinicId;
  const note = await findNote(db, clinicId, noteId);
  if (!note) {
    await audit(ctx, { action: 'progress-note.addendum', resourceType: RESOURCE, resourceId: noteId, outcome: 'denied' });
    return fail('NOT_FOUND', 'No such progress note.');
  }
  const access = await authorizePatient(ctx, note.patientId, 'patient:write-progress-note', 'progress-note.addendum');
  if (!access.ok) return fail('NOT_FOUND', 'No such progress note.');
  if (ctx.actor.kind !== 'staff') return refuseNonStaff(ctx, note.patientId, noteId, 'progress-note.addendum');
  const staffId = ctx.actor.staffId;
  if (note.status !== 'signed' && note.authorId !== staffId) {
    await audit(ctx, { action: 'progress-note.addendum', resourceType: RESOURCE, resourceId: noteId, patientId: note.patientId, outcome: 'denied' });
    return fail('NOT_FOUND', 'No such progress note.');
  }
  const allowed = checkAddendum(note);
  if (!allowed.ok) {
    await audit(ctx, { action: 'progress-note.addendum', resourceType: RESOURCE, resourceId: noteId, patientId: note.patientId, outcome: 'denied', detail: { reason: 'draft' } });
    return allowed;
  }
  const row = { clinicId, id: newId(), noteId, authorId: staffId, text, signedAt: new Date(ctx.deps.clock().epochMilliseconds) };
  await db.transaction(async (tx) => {
    await tx.insert(progressNoteAddenda).values(row);
    await audit(ctx, { action: 'progress-note.addendum', resourceType: RESOURCE, resourceId: noteId, patientId: note.patientId, detail: { addendumId: row.id, appointmentId: note.appointmentId } }, tx);
  });
  return ok(row);
}
