/**
 * The therapist's preparation guide (issue #6 §1): what a preparation session covers, as sections with prompts. The
 * answers are a flat map of answer key → text (the table's jsonb), so each question is one key:
 *
 * - a text question: its key ("hopes", "safetyPlan.whatHelps");
 * - a checkable topic: its key, answered "yes" when it was covered ("whatToExpect.monitoring");
 * - the people to call: `safetyPlan.contact.<1..3>.<name|relationship|phone>`.
 *
 * Pure data; validation and completeness are in answers.ts. The clinic's crisis line is not an answer: it comes from the
 * clinic's settings and is shown beside the safety plan (`crisisLine` marks the section that shows it).
 */

export const SECTION_IDS = ['hopes', 'fears', 'intentions', 'safetyPlan', 'whatToExpect', 'consent'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export const TEXT_MAX = 4000;
export const CONTACT_SLOTS = 3;
export const CONTACT_PARTS = ['name', 'relationship', 'phone'] as const;
export type ContactPart = (typeof CONTACT_PARTS)[number];
export const CONTACT_MAX: Record<ContactPart, number> = { name: 100, relationship: 60, phone: 30 };

export interface TextQuestion {
  kind: 'text';
  key: string;
  label: string;
  hint: string;
}

export interface CheckQuestion {
  kind: 'check';
  key: string;
  label: string;
  hint: string;
}

/** Up to CONTACT_SLOTS people, each a name, a relationship and a phone number. */
export interface ContactsQuestion {
  kind: 'contacts';
  key: string;
  label: string;
  hint: string;
  slots: number;
}

export type Question = TextQuestion | CheckQuestion | ContactsQuestion;

export interface GuideSection {
  id: SectionId;
  heading: string;
  /** What the therapist is asked to explore, in a sentence or two. */
  prompt: string;
  questions: Question[];
  /** The section shows the clinic's crisis resources beside the answers. */
  crisisLine?: boolean;
}

const text = (key: string, label: string, hint: string): TextQuestion => ({ kind: 'text', key, label, hint });
const check = (key: string, label: string, hint: string): CheckQuestion => ({ kind: 'check', key, label, hint });

export const CONTACTS_KEY = 'safetyPlan.contact';
export const WHAT_HELPS_KEY = 'safetyPlan.whatHelps';

export const GUIDE: readonly GuideSection[] = [
  {
    id: 'hopes',
    heading: 'Hopes',
    prompt: 'What the patient hopes the medicine work will open up or change; what would tell them it has helped.',
    questions: [text('hopes', 'The patient’s hopes', 'In their own words where you can: relief from what, room for what, what would be different at home or at work.')],
  },
  {
    id: 'fears',
    heading: 'Fears',
    prompt: 'What the patient is afraid of: losing control, what might surface, the medicine itself, how they will be afterwards.',
    questions: [text('fears', 'The patient’s fears', 'Name each fear and what was said about it; note any that should shape the dosing session (a memory, the dark, being alone).')],
  },
  {
    id: 'intentions',
    heading: 'Intentions',
    prompt: 'The intentions the patient brings into the dosing sessions: a question, a wish, something to look at.',
    questions: [text('intentions', 'Intentions', 'Short and in the patient’s words. Before each dose the patient can also write the intention for that dose in the portal.')],
  },
  {
    id: 'safetyPlan',
    heading: 'Emotional safety plan',
    prompt: 'What helps when it gets hard, during the session and in the days after, and who the patient will call. The patient sees this plan in the portal.',
    crisisLine: true,
    questions: [
      text(WHAT_HELPS_KEY, 'What helps when it gets hard', 'Breathing, a hand on the shoulder if agreed, the music off, opening the eyes, the words that mean “pause”; at home: who to be with, what to do, what to avoid.'),
      { kind: 'contacts', key: CONTACTS_KEY, label: 'Who to call', hint: 'People the patient trusts to call when things feel hard: a name, how they know them, a phone number.', slots: CONTACT_SLOTS },
    ],
  },
  {
    id: 'whatToExpect',
    heading: 'What to expect',
    prompt: 'Walk through a dosing session from arrival to the ride home. Tick each topic once it has been discussed.',
    questions: [
      check('whatToExpect.room', 'The room', 'The chair, a blanket, the lighting; the door closed; where the bathroom is.'),
      check('whatToExpect.eyeMaskAndMusic', 'Eye mask and music', 'Why they help turn attention inward; that either can be taken off at any time.'),
      check('whatToExpect.therapistPresent', 'The therapist stays present', 'Someone is with the patient throughout; they can talk, or not.'),
      check('whatToExpect.monitoring', 'Monitoring', 'Blood pressure, heart rate and oxygen before, during and after; the nurse and the prescriber; when the patient may leave.'),
      check('whatToExpect.sensations', 'Sensations', 'Floating or dissociation, changes in time, sight and sound, nausea; they pass, usually within an hour or two.'),
      check('whatToExpect.goingHome', 'Going home', 'Someone takes the patient home; no driving, and no important decisions, until the next day.'),
      check('whatToExpect.myths', 'Common myths', 'It is not recreational use; patients usually stay aware enough to talk; one session does not fix everything.'),
      text('whatToExpect.notes', 'Questions and anything else discussed', 'What the patient asked and how it was answered.'),
    ],
  },
  {
    id: 'consent',
    heading: 'Consent walkthrough',
    prompt: 'Go through the consent document together: what KAP involves, its risks and alternatives, the patient’s right to stop.',
    questions: [
      check('consent.walkedThrough', 'The consent document was gone through together', 'Risks, alternatives, what the clinic will and will not do, the right to stop at any time.'),
      check('consent.questionsAsked', 'The patient was invited to ask questions, and they were answered', ''),
      check('consent.understandingConfirmed', 'The patient’s understanding was confirmed', 'For instance by asking them to say back, in their own words, what they are agreeing to.'),
      text('consent.notes', 'Questions asked and the answers given', ''),
    ],
  },
];

/** Each contact's answer key. */
export const contactKey = (slot: number, part: ContactPart): string => `${CONTACTS_KEY}.${slot}.${part}`;

export type AnswerKind = 'text' | 'check' | ContactPart;

export interface AnswerSpec {
  key: string;
  kind: AnswerKind;
  section: SectionId;
  max: number;
}

/** Every answer key the guide knows, with what it holds; anything else is refused. */
export const ANSWER_SPECS: ReadonlyMap<string, AnswerSpec> = new Map(
  GUIDE.flatMap((section) =>
    section.questions.flatMap((q): AnswerSpec[] => {
      if (q.kind === 'text') return [{ key: q.key, kind: 'text', section: section.id, max: TEXT_MAX }];
      if (q.kind === 'check') return [{ key: q.key, kind: 'check', section: section.id, max: 3 }];
      return Array.from({ length: q.slots }, (_, i) => i + 1).flatMap((slot) =>
        CONTACT_PARTS.map((part) => ({ key: contactKey(slot, part), kind: part, section: section.id, max: CONTACT_MAX[part] })),
      );
    }),
  ).map((spec) => [spec.key, spec]),
);

export const sectionOf = (id: SectionId): GuideSection => GUIDE.find((s) => s.id === id)!;
