/** Create or update the caller's draft progress note for a session (a signed note never changes: 409, add an addendum). */
import { and, eq } from 'drizzle-orm';
import { ok, type Result } from '../../../core/errors';
import { checkEditable, normalizeStructured, type StructuredFields } from '../../../core/notes';
import { newId } from '../../../db/ids';
import { progressNotes } from '../../../db/schema';
import { audit, type Ctx } from '../../context';
import { transact } from '../../transact';
import { loadNoteSession, RESOURCE } from './load';
import { findOwnNote, type NoteRow } from './store';

export interface DraftInput {
  structured: StructuredFields;
  text: string;
}

export async function writeDraft(ctx: Ctx, appointmentId: string, input: DraftInput): Promise<Result<{ note: NoteRow; created: boolean }>> {
  const db = ctx.deps.database.db;
  const loaded = await loadNoteSession(ctx, db, appointmentId, 'patient:write-progress-note', 'progress-note.write');
  if (!loaded.ok) return loaded;
  const { appointment, staffId } = loaded.value;
  const clinicId = ctx.actor.clinicId;
  const at = new Date(ctx.deps.clock().epochMilliseconds);
  const structured = normalizeStructured(input.structured);
  const result = await transact(db, async (tx) => {
    // The note is keyed by (session, author): the caller only ever reaches their own note, never another author's.
    const id = newId();
    const inserted = await tx.insert(progressNotes).values({
      clinicId, id, appointmentId, patientId: appointment.patientId, authorId: staffId, kind: appointment.kind,
      status: 'draft', structured, text: input.text, createdAt: at, updatedAt: at,
    }).onConflictDoNothing().returning();
    let note = inserted[0];
    const created = note !== undefined;
    if (!note) {
      const existing = (await findOwnNote(tx, clinicId, appointmentId, staffId, true))!;
      const editable = checkEditable(existing);
      if (!editable.ok) return editable;
      [note] = await tx.update(progressNotes).set({ structured, text: input.text, updatedAt: at })
        .where(and(eq(progressNotes.clinicId, clinicId), eq(progressNotes.id, existing.id))).returning();
    }
    await audit(ctx, {
      action: created ? 'progress-note.create' : 'progress-note.write', resourceType: RESOURCE, resourceId: note!.id, patientId: appointment.patientId,
      detail: { appointmentId, kind: appointment.kind, fields: Object.keys(structured).sort() },
    }, tx);
    return ok({ note: note!, created });
  });
  if (!result.ok) {
    await audit(ctx, { action: 'progress-note.write', resourceType: RESOURCE, resourceId: appointmentId, patientId: appointment.patientId, outcome: 'denied', detail: { appointmentId, reason: 'signed' } });
  }
  return result;
}
