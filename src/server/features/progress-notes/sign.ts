/** Sign the caller's draft progress note of a session: draft → signed, after which it never changes. */
import { and, eq } from 'drizzle-orm';
import { fail, ok, type Result } from '../../../core/errors';
import { signNote } from '../../../core/notes';
import { progressNotes } from '../../../db/schema';
import { audit, type Ctx } from '../../context';
import { transact } from '../../transact';
import { loadNoteSession, RESOURCE } from './load';
import { findOwnNote, type NoteRow } from './store';

export async function signOwnNote(ctx: Ctx, appointmentId: string): Promise<Result<NoteRow>> {
  const db = ctx.deps.database.db;
  const loaded = await loadNoteSession(ctx, db, appointmentId, 'patient:write-progress-note', 'progress-note.sign');
  if (!loaded.ok) return loaded;
  const { appointment, staffId } = loaded.value;
  const clinicId = ctx.actor.clinicId;
  const now = ctx.deps.clock().epochMilliseconds;
  const result = await transact(db, async (tx) => {
    const note = await findOwnNote(tx, clinicId, appointmentId, staffId, true);
    if (!note) return fail('NOT_FOUND', 'You have no draft progress note for this session: write one first.');
    const signature = signNote(note, staffId, now);
    if (!signature.ok) return signature;
    const [signed] = await tx.update(progressNotes).set({ status: 'signed', signedAt: new Date(now), signedBy: staffId, updatedAt: new Date(now) })
      .where(and(eq(progressNotes.clinicId, clinicId), eq(progressNotes.id, note.id))).returning();
    await audit(ctx, { action: 'progress-note.sign', resourceType: RESOURCE, resourceId: note.id, patientId: appointment.patientId, detail: { appointmentId, kind: note.kind } }, tx);
    return ok(signed!);
  });
  if (!result.ok) {
    await audit(ctx, { action: 'progress-note.sign', resourceType: RESOURCE, resourceId: appointmentId, patientId: appointment.patientId, outcome: 'denied', detail: { appointmentId, code: result.error.code } });
  }
  return result;
}
