/**
 * Note templates: the prompts a clinician sees when writing a progress note, per session kind. Each prompt fills one
 * field of the note's structured part (a standard field, or the template's own). The clinic may replace a kind's
 * template; these defaults apply until it does. Whatever the template, the fields signing needs are always shown
 * (`fieldsFor`), so a clinic cannot edit its way out of the plan and the risk assessment.
 */
import { z } from 'zod';
import { FIELD_LABELS, FieldKey, REQUIRED_FOR_SIGNING, type ProgressNoteKind, type StandardField } from './progress-note';

export const Prompt = z.object({
  key: FieldKey,
  label: z.string().trim().min(1, 'give the prompt a label').max(80),
  hint: z.string().trim().max(500).default(''),
});
export type Prompt = z.infer<typeof Prompt>;

export const TemplatePrompts = z
  .array(Prompt)
  .min(1, 'a template has at least one prompt')
  .max(30, 'at most 30 prompts')
  .superRefine((prompts, ctx) => {
    const seen = new Set<string>();
    prompts.forEach((p, i) => {
      if (seen.has(p.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `"${p.key}" is used by another prompt` });
      seen.add(p.key);
    });
  });

export const DEFAULT_TEMPLATES: Record<ProgressNoteKind, Prompt[]> = {
  preparation: [
    { key: 'hopesAndFears', label: 'Hopes and fears', hint: 'What the patient hopes the medicine work will open up, and what they are afraid of: losing control, what might surface, how they will be afterwards.' },
    { key: 'intentions', label: 'Intentions', hint: 'The intentions the patient is bringing into the dosing sessions, in their own words where possible.' },
    { key: 'emotionalSafetyPlan', label: 'Emotional safety plan', hint: 'What helps when it gets hard (breath, touch on the hand or shoulder if agreed, music off), the words that mean stop, who is at home afterwards.' },
    { key: 'whatToExpect', label: 'What to expect', hint: 'How the session was explained: onset and length of the effects, dissociation, nausea, the monitoring, the ride home, no driving until the next day.' },
    { key: 'consentWalkthrough', label: 'Consent walkthrough', hint: 'The consent document gone through together: risks, alternatives, the patient’s questions and how they were answered.' },
    { key: 'plan', label: 'Plan', hint: 'Next steps before the first dose: anything to settle, practice or bring.' },
    { key: 'riskAssessment', label: 'Risk assessment', hint: 'Suicidality, current stressors, substance use, supports at home; anything that should change the plan.' },
  ],
  dosing: [
    { key: 'experience', label: 'The experience', hint: 'How the session unfolded: onset, the patient’s descriptions during and after, imagery, body sensations, how they came back.' },
    { key: 'emotionsSurfaced', label: 'Emotions surfaced', hint: 'What came up emotionally, and how the patient met it.' },
    { key: 'therapistObservations', label: 'Therapist observations', hint: 'What you noticed: distress and how it settled, what was said, the support given, the patient’s state at the end.' },
    { key: 'plan', label: 'Plan', hint: 'What to take into integration; anything to follow up before then.' },
    { key: 'riskAssessment', label: 'Risk assessment', hint: 'The patient’s state at discharge and any concern for the next days (mood, safety, support at home).' },
  ],
  integration: [
    { key: 'themes', label: 'Themes', hint: 'The themes the patient brought from the dosing session and from the days since.' },
    { key: 'insights', label: 'Insights', hint: 'What the patient understood or saw differently; what they want to keep.' },
    { key: 'intentionsRevisited', label: 'Intentions revisited', hint: 'The intentions set in preparation, looked at again: what moved, what did not, what has changed.' },
    { key: 'plan', label: 'Plan', hint: 'Practices, changes to try, the next sessions of the course or the end of it.' },
    { key: 'riskAssessment', label: 'Risk assessment', hint: 'Mood and safety since the dose, anything destabilising, whether the course should continue as planned.' },
  ],
};

/** The prompts to show: the template's, followed by any field signing needs that the template leaves out. */
export function fieldsFor(prompts: readonly Prompt[], required: readonly string[] = REQUIRED_FOR_SIGNING): Prompt[] {
  const keys = new Set(prompts.map((p) => p.key));
  const missing = required
    .filter((k) => !keys.has(k))
    .map((key) => ({ key, label: (FIELD_LABELS as Record<string, string>)[key] ?? key, hint: '' }));
  return [...prompts, ...missing];
}

export const isStandardField = (key: string): key is StandardField => key in FIELD_LABELS;
