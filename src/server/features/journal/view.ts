/** How a journal entry is shown (the same shape to the patient and, for shared entries, to the care team). */
import { z } from 'zod';
import { findPrompt } from '../../../core/journal';
import type { EntryRow } from './store';

export const EntryView = z.object({
  id: z.string(),
  /** The prompt's id (null: free writing) and its wording, so an entry reads the same after the wording improves. */
  prompt: z.string().nullable(),
  promptText: z.string().nullable(),
  text: z.string(),
  mood: z.number().nullable(),
  /** The dose the entry reflects on, if the patient chose one. */
  appointmentId: z.string().nullable(),
  courseId: z.string().nullable(),
  shared: z.boolean(),
  sharedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EntryView = z.infer<typeof EntryView>;

export function entryView(row: EntryRow): EntryView {
  return {
    id: row.id, prompt: row.prompt, promptText: findPrompt(row.prompt)?.text ?? null, text: row.text, mood: row.mood,
    appointmentId: row.appointmentId, courseId: row.courseId, shared: row.sharedAt !== null, sharedAt: row.sharedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}
