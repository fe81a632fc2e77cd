/**
 * Journal entries (issue #6 §4): what a patient may write, and the few rules an entry follows. An entry is private
 * (no one at the clinic can read it) until the patient shares it with the care team; unsharing hides it again at
 * once. Pure: the server loads, calls these, saves and audits.
 *
 * Deleting: the patient deletes a private entry outright. A shared entry must be unshared first (409): the care team
 * may be reading it, or about to talk it through at integration, so withdrawing it is a deliberate step of its own
 * (audited as an unshare, which the therapist's view reflects at once), and a mis-click on "delete" never takes away
 * something the patient chose to show. Once unshared, it is deleted like any private entry.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../errors';
import { MOOD_MAX, MOOD_MIN } from './mood';
import { JOURNAL_PROMPT_IDS } from './prompts';

export const JOURNAL_TEXT_MAX = 20_000;

export const JournalText = z.string().trim().min(1, 'write something first').max(JOURNAL_TEXT_MAX, `at most ${JOURNAL_TEXT_MAX.toLocaleString('en')} characters`);
export const Mood = z.number({ message: `a whole number from ${MOOD_MIN} to ${MOOD_MAX}` })
  .int(`a whole number from ${MOOD_MIN} to ${MOOD_MAX}`)
  .min(MOOD_MIN, `at least ${MOOD_MIN}`)
  .max(MOOD_MAX, `at most ${MOOD_MAX}`);
export const PromptId = z.enum(JOURNAL_PROMPT_IDS, { message: `one of ${JOURNAL_PROMPT_IDS.join(', ')}` });

export interface EntryState {
  text: string;
  mood: number | null;
  sharedAt: number | null;
}

export interface EntryEdit {
  text?: string | undefined;
  /** null clears the mood. */
  mood?: number | null | undefined;
}

export type EditableField = 'text' | 'mood';

/** The entry after an edit, and which fields really changed (for the audit trail: names, never the words). */
export function editEntry(entry: EntryState, edit: EntryEdit): { text: string; mood: number | null; changed: EditableField[] } {
  const text = edit.text !== undefined ? edit.text.trim() : entry.text;
  const mood = edit.mood !== undefined ? edit.mood : entry.mood;
  const changed: EditableField[] = [];
  if (text !== entry.text) changed.push('text');
  if (mood !== entry.mood) changed.push('mood');
  return { text, mood, changed };
}

/** Sharing is idempotent: sharing a shared entry keeps when it was first shared. */
export function shareEntry(entry: Pick<EntryState, 'sharedAt'>, now: number): { sharedAt: number; changed: boolean } {
  return entry.sharedAt !== null ? { sharedAt: entry.sharedAt, changed: false } : { sharedAt: now, changed: true };
}

export function unshareEntry(entry: Pick<EntryState, 'sharedAt'>): { sharedAt: null; changed: boolean } {
  return { sharedAt: null, changed: entry.sharedAt !== null };
}

/** What the care team may read: shared entries only, whoever asks and however. */
export const visibleToCareTeam = (entry: Pick<EntryState, 'sharedAt'>): boolean => entry.sharedAt !== null;

export function checkDeletable(entry: Pick<EntryState, 'sharedAt'>): Result<void> {
  return entry.sharedAt === null
    ? ok(undefined)
    : fail('CONFLICT', 'This entry is shared with your care team. Stop sharing it first; then you can delete it.');
}

export interface DoseRef {
  id: string;
  courseId: string | null;
  number: number;
  startsAt: number;
  status: string;
}

/**
 * The dose an integration session follows: in a course, the dose with the same number (integration 3 follows dose
 * 3, as the planner books them); otherwise, or when that dose was cancelled, the latest dose that started before the
 * session. Cancelled and missed doses are never it.
 */
export function doseForIntegration(integration: Omit<DoseRef, 'status'>, doses: readonly DoseRef[]): DoseRef | null {
  const held = doses.filter((d) => d.status !== 'cancelled' && d.status !== 'no-show' && d.startsAt < integration.startsAt);
  if (integration.courseId) {
    const same = held.find((d) => d.courseId === integration.courseId && d.number === integration.number);
    if (same) return same;
  }
  return held.reduce<DoseRef | null>((latest, d) => (!latest || d.startsAt > latest.startsAt ? d : latest), null);
}
