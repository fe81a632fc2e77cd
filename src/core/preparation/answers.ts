/**
 * The preparation guide's answers: validation (known keys only, lengths, a tick is "yes", a phone looks like one),
 * normalisation (trimmed, empty answers dropped, so what is stored is what was written), how complete each section
 * is, and the safety plan the patient and the dosing staff see. Pure.
 */
import { fail, ok, type FieldProblem, type Result } from '../errors';
import {
  ANSWER_SPECS, CONTACT_SLOTS, contactKey, GUIDE, WHAT_HELPS_KEY, type AnswerSpec, type GuideSection, type SectionId,
} from './guide';

export type Answers = Record<string, string>;

export const CHECKED = 'yes';
const PHONE = /^[+0-9 ()\-.]{5,30}$/;

function problemOf(spec: AnswerSpec | undefined, value: string): string | null {
  if (!spec) return 'is not a question of the preparation guide';
  if (spec.kind === 'check') return value === '' || value === CHECKED ? null : `must be "${CHECKED}" (covered) or empty`;
  if (value.length > spec.max) return `at most ${spec.max.toLocaleString('en-US')} characters`;
  if (spec.kind === 'phone' && value !== '' && !PHONE.test(value)) return 'must be a phone number';
  return null;
}

/**
 * Checks answers as sent (each problem named as `answers.<key>`), and returns them trimmed with empty answers dropped.
 * Refuses the whole set on any problem, so nothing is half-saved.
 */
export function validateAnswers(input: Readonly<Record<string, string>>): Result<Answers> {
  const fields: FieldProblem[] = [];
  const out: Answers = {};
  for (const [key, raw] of Object.entries(input)) {
    const value = raw.trim();
    const problem = problemOf(ANSWER_SPECS.get(key), value);
    if (problem) fields.push({ path: `answers.${key}`, message: problem });
    else if (value !== '') out[key] = value;
  }
  if (fields.length) {
    const unknown = fields.filter((f) => f.message.startsWith('is not')).length;
    const message = unknown === fields.length
      ? `The guide has no question ${fields.map((f) => `"${f.path.slice('answers.'.length)}"`).join(', ')}.`
      : `Please correct: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}.`;
    return fail('VALIDATION_FAILED', message, { fields });
  }
  return ok(out);
}

/** The keys whose answer differs between two sets (added, changed or removed), for the audit trail: keys, never text. */
export function changedKeys(before: Answers, after: Answers): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => before[k] !== after[k]).sort();
}

export interface Contact {
  name: string;
  relationship: string;
  phone: string;
}

/** The people to call, in slot order; a slot counts once it has a name or a phone. */
export function contactsOf(answers: Answers): Contact[] {
  const list: Contact[] = [];
  for (let slot = 1; slot <= CONTACT_SLOTS; slot++) {
    const c = { name: answers[contactKey(slot, 'name')] ?? '', relationship: answers[contactKey(slot, 'relationship')] ?? '', phone: answers[contactKey(slot, 'phone')] ?? '' };
    if (c.name || c.phone) list.push(c);
  }
  return list;
}

export interface SafetyPlan {
  whatHelps: string | null;
  contacts: Contact[];
}

export function safetyPlanOf(answers: Answers): SafetyPlan {
  return { whatHelps: answers[WHAT_HELPS_KEY] ?? null, contacts: contactsOf(answers) };
}

export const hasSafetyPlan = (answers: Answers): boolean => {
  const plan = safetyPlanOf(answers);
  return plan.whatHelps !== null || plan.contacts.length > 0;
};

export type SectionStatus = 'empty' | 'partial' | 'complete';

export interface SectionCompleteness {
  id: SectionId;
  heading: string;
  status: SectionStatus;
  /** What is still to do, for a person ("Who to call", "Monitoring"). */
  missing: string[];
}

export interface Completeness {
  complete: boolean;
  sections: SectionCompleteness[];
  /** The sections with nothing written or ticked yet. */
  empty: SectionId[];
}

/**
 * What each section still needs. A text question needs writing; a checkable topic needs ticking; the people to call
 * need at least one person with both a name and a phone number (a name alone cannot be called).
 */
function missingOf(section: GuideSection, answers: Answers): string[] {
  return section.questions.flatMap((q) => {
    if (q.kind === 'contacts') return contactsOf(answers).some((c) => c.name && c.phone) ? [] : [q.label];
    if (q.kind === 'check') return answers[q.key] === CHECKED ? [] : [q.label];
    // Free notes beside ticked topics are optional: the ticks are the record that the topic was covered.
    if (section.questions.some((x) => x.kind === 'check')) return [];
    return answers[q.key] ? [] : [q.label];
  });
}

export function completenessOf(answers: Answers): Completeness {
  const sections = GUIDE.map((section): SectionCompleteness => {
    const touched = [...ANSWER_SPECS.values()].some((spec) => spec.section === section.id && answers[spec.key]);
    const missing = missingOf(section, answers);
    const status: SectionStatus = !touched ? 'empty' : missing.length ? 'partial' : 'complete';
    return { id: section.id, heading: section.heading, status, missing };
  });
  return { complete: sections.every((s) => s.status === 'complete'), sections, empty: sections.filter((s) => s.status === 'empty').map((s) => s.id) };
}

/**
 * A guide is written during or after its session: a cancelled session, or one the patient did not come to, took no
 * preparation, so its guide cannot change (409). What was written before stays readable.
 */
export function checkGuideWritable(appointmentStatus: string): Result<void> {
  if (appointmentStatus === 'cancelled') return fail('CONFLICT', 'This preparation session was cancelled: its guide can no longer change.');
  if (appointmentStatus === 'no-show') return fail('CONFLICT', 'The patient did not come to this preparation session: its guide can no longer change.');
  return ok(undefined);
}

/**
 * Optimistic concurrency: a writer says which version they edited (its `updatedAt`, or null for a guide not yet
 * written), so a therapist's save does not silently overwrite the prescriber's meanwhile.
 */
export function checkBase(current: { updatedAt: number; updatedByName: string } | null, base: number | null | undefined): Result<void> {
  if (base === undefined) return ok(undefined);
  const now = current?.updatedAt ?? null;
  if (now === base) return ok(undefined);
  const who = current ? ` by ${current.updatedByName}` : '';
  return fail('CONFLICT', `The guide was changed${who} since you opened it: reload it, then make your change again.`);
}
