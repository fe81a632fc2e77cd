/** The check-in's questions and answers in words (the safety question worded plainly and without alarm). */
import { moodLabel } from '../../../core/journal/mood';
import type { Safety, Sleep } from './queries';

export const MOOD_QUESTION = 'How is your mood this morning?';
/** The same 0–10 mood scale and words as the journal (src/core/journal/mood.ts), so a patient reads one scale. */
export const MOOD_MARKS = [0, 5, 10].map((value) => ({ value, label: moodLabel(value) }));
export const moodWords = (v: number): string => moodLabel(v).toLowerCase();

export const SLEEP_QUESTION = 'How did you sleep last night?';
export const SLEEP_LABEL: Record<Sleep, string> = {
  well: 'Well',
  some: 'Some, on and off',
  poorly: 'Poorly',
  'not-at-all': 'Not at all',
};

export const DIFFICULT_QUESTION = 'Is anything difficult surfacing?';
export const DIFFICULT_HINT =
  'Memories, feelings, thoughts or body sensations: anything you would like your therapist to know before your integration session. Optional.';

export const SAFETY_QUESTION = 'Since your session, have you had thoughts that you would be better off dead, or of hurting yourself?';
export const SAFETY_HINT =
  'Difficult thoughts can come up after a session, and it helps your care team to know. Your answers go to them; they are not watched around the clock.';
export const SAFETY_LABEL: Record<Safety, string> = {
  no: 'No',
  passive: 'Yes, I have had thoughts like that, but not of acting on them',
  active: 'Yes, and I have thought about acting on them',
};

/** The answer in a few words, for the list of earlier check-ins. */
export const SAFETY_SHORT: Record<Safety, string> = {
  no: 'no thoughts of self-harm',
  passive: 'thoughts of death or self-harm, not of acting on them',
  active: 'thoughts of acting on self-harm',
};
