/** The JSON shape of a progress note, its addenda and the templates. */
import { z } from 'zod';
import type { AddendumRow, NoteRow } from './store';

export const AddendumView = z.object({
  id: z.string(), noteId: z.string(), authorId: z.string(), authorName: z.string(), text: z.string(), signedAt: z.string(),
});
export const NoteView = z.object({
  id: z.string(), appointmentId: z.string(), patientId: z.string(), authorId: z.string(), authorName: z.string(),
  kind: z.enum(['preparation', 'dosing', 'integration']), status: z.enum(['draft', 'signed']),
  structured: z.record(z.string(), z.string()), text: z.string(),
  createdAt: z.string(), updatedAt: z.string(), signedAt: z.string().nullable(), signedBy: z.string().nullable(),
  addenda: z.array(AddendumView),
});
export type NoteView = z.infer<typeof NoteView>;

export function addendumView(a: AddendumRow, names: Map<string, string>): z.infer<typeof AddendumView> {
  return { id: a.id, noteId: a.noteId, authorId: a.authorId, authorName: names.get(a.authorId) ?? 'Former staff member', text: a.text, signedAt: a.signedAt.toISOString() };
}

export function noteView(n: NoteRow, addenda: AddendumRow[], names: Map<string, string>): NoteView {
  return {
    id: n.id, appointmentId: n.appointmentId, patientId: n.patientId, authorId: n.authorId, authorName: names.get(n.authorId) ?? 'Former staff member',
    kind: n.kind, status: n.status, structured: n.structured, text: n.text,
    createdAt: n.createdAt.toISOString(), updatedAt: n.updatedAt.toISOString(),
    signedAt: n.signedAt?.toISOString() ?? null, signedBy: n.signedBy,
    addenda: addenda.filter((a) => a.noteId === n.id).map((a) => addendumView(a, names)),
  };
}
