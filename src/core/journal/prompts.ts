/**
 * The journal's prompts (issue #6 §4): short questions a patient may start an entry from, tied to the rhythm of a
 * course (the days after a dose, and the weeks between doses). Each has a stable id (stored with the entry, so the
 * wording can be improved without touching old entries), the question and a line of help shown under it.
 *
 * The first three are the issue's own; the others are what integration therapists commonly ask patients to notice.
 * Free writing needs no prompt (the entry's prompt is then null).
 */

export interface JournalPrompt {
  id: string;
  /** The question, as the patient reads it. */
  text: string;
  /** One or two sentences under the question: what kind of answer helps, and that any answer is fine. */
  help: string;
}

export const JOURNAL_PROMPTS = [
  {
    id: 'what-surfaced',
    text: 'What surfaced?',
    help: 'Images, memories, feelings or thoughts that came up during the session or since. Write them as they come; they do not need to make sense yet.',
  },
  {
    id: 'carry-forward',
    text: 'What do you want to carry forward?',
    help: 'An insight, a feeling or a way of seeing things that you want to keep with you in the days ahead. Small things count.',
  },
  {
    id: 'body',
    text: 'What did you notice in your body?',
    help: 'Tension or ease, warmth, heaviness, energy, sleep, appetite: during the session or in the days after it.',
  },
  {
    id: 'relationships',
    text: 'What did you notice about the people in your life?',
    help: 'Someone who came to mind, a conversation that felt different, a pattern you recognised.',
  },
  {
    id: 'hard-to-hold',
    text: 'Is anything hard to hold right now?',
    help: 'Something unsettling or unfinished that you would like to bring to your integration session. Naming it is enough.',
  },
  {
    id: 'since-last-session',
    text: 'What has changed since your last session?',
    help: 'In your mood, your habits or how you see things. Compare it with what you hoped for when you set your intention.',
  },
] as const satisfies readonly JournalPrompt[];

export type JournalPromptId = (typeof JOURNAL_PROMPTS)[number]['id'];

export const JOURNAL_PROMPT_IDS = JOURNAL_PROMPTS.map((p) => p.id) as [JournalPromptId, ...JournalPromptId[]];

export function findPrompt(id: string | null | undefined): JournalPrompt | null {
  return JOURNAL_PROMPTS.find((p) => p.id === id) ?? null;
}

export const isPromptId = (id: unknown): id is JournalPromptId => typeof id === 'string' && findPrompt(id) !== null;
