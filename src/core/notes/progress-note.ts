/**
 * Progress notes (issue #6 §3): the structured part of a note, what signing needs, and the one transition a note
 * makes (draft → signed). A signed note never changes; corrections are addenda, each signed and dated when written.
 * Pure: the server loads, calls these, saves and audits.
 */
import { z } from 'zod';
import { fail, ok, type FieldProblem, type Result } from '../errors';

export const PROGRESS_NOTE_KINDS = ['preparation', 'dosing', 'integration'] as const;
export type ProgressNoteKind = (typeof PROGRESS_NOTE_KINDS)[number];
export type ProgressNoteStatus = 'draft' | 'signed';

/** The fields every note may fill, whatever its template. Templates may add their own (see templates.ts). */
export const STANDARD_FIELDS = ['themes', 'emotionsSurfaced', 'insights', 'intentionsRevisited', 'plan', 'riskAssessment'] as const;
export type StandardField = (typeof STANDARD_FIELDS)[number];

export const FIELD_LABELS: Record<StandardField, string> = {
  themes: 'Themes',
  emotionsSurfaced: 'Emotions surfaced',
  insights: 'Insights',
  intentionsRevisited: 'Intentions revisited',
  plan: 'Plan',
  riskAssessment: 'Risk assessment',
};

/**
 * What signing needs filled. The plan and the risk assessment, because they are what the next clinician acts on:
 * the plan says what happens next in the course, and the risk assessment (suicidality, destabilisation after a dose,
 * safety at home) is the part of the record a clinic must be able to show was done at every session of a treatment
 * that can bring difficult material up. Everything else is the clinician's judgement. A clinic could want more
 * required (themes at integration, say): `validateForSigning` takes the list, so that can become a clinic setting.
 */
export const REQUIRED_FOR_SIGNING: readonly string[] = ['plan', 'riskAssessment'];

/** A field key: a standard field or a template's own (camelCase, short). */
export const FieldKey = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'must be a short camelCase name');

const FieldText = z.string().max(20_000, 'at most 20,000 characters');
const MAX_FIELDS = 40;

/** The structured part of a note: field key → text. Empty strings are allowed in a draft (a field not written yet). */
export const StructuredFields = z
  .record(FieldKey, FieldText)
  .refine((r) => Object.keys(r).length <= MAX_FIELDS, `at most ${MAX_FIELDS} fields`);
export type StructuredFields = z.infer<typeof StructuredFields>;

export const NoteText = z.string().max(50_000, 'at most 50,000 characters');
export const AddendumText = z.string().trim().min(1, 'write the addendum').max(20_000, 'at most 20,000 characters');

const filled = (v: string | undefined) => typeof v === 'string' && v.trim().length > 0;

/** Drops empty fields and trims the rest, so what is stored is what was written. */
export function normalizeStructured(structured: StructuredFields): StructuredFields {
  const out: StructuredFields = {};
  for (const [k, v] of Object.entries(structured)) if (filled(v)) out[k] = v.trim();
  return out;
}

/** Checks that the fields signing needs are filled, naming each missing one (as `structured.<key>`). */
export function validateForSigning(structured: StructuredFields, required: readonly string[] = REQUIRED_FOR_SIGNING): Result<void> {
  const fields: FieldProblem[] = required
    .filter((key) => !filled(structured[key]))
    .map((key) => ({ path: `structured.${key}`, message: `fill in ${(FIELD_LABELS as Record<string, string>)[key]?.toLowerCase() ?? key} before signing` }));
  if (fields.length) {
    const names = fields.map((f) => f.path.slice('structured.'.length)).map((k) => (FIELD_LABELS as Record<string, string>)[k] ?? k);
    return fail('VALIDATION_FAILED', `A note is signed with ${names.join(' and ')} filled in.`, { fields });
  }
  return ok(undefined);
}

export interface NoteState {
  status: ProgressNoteStatus;
  structured: StructuredFields;
}

export const SIGNED_MESSAGE = 'This note is signed and can no longer change: add an addendum to correct or add to it.';

/** Whether a draft may be edited: a signed note never changes. */
export function checkEditable(note: Pick<NoteState, 'status'>): Result<void> {
  return note.status === 'signed' ? fail('CONFLICT', SIGNED_MESSAGE) : ok(undefined);
}

export interface Signature {
  status: 'signed';
  signedAt: number;
  signedBy: string;
}

/** draft → signed: refused for a note already signed, or one missing what signing needs. */
export function signNote(note: NoteState, by: string, at: number, required: readonly string[] = REQUIRED_FOR_SIGNING): Result<Signature> {
  if (note.status === 'signed') return fail('CONFLICT', 'This note is already signed: add an addendum to correct or add to it.');
  const valid = validateForSigning(note.structured, required);
  if (!valid.ok) return valid;
  return ok({ status: 'signed', signedAt: at, signedBy: by });
}

/** Addenda belong to signed notes only: a draft is simply edited. */
export function checkAddendum(note: Pick<NoteState, 'status'>): Result<void> {
  return note.status === 'signed' ? ok(undefined) : fail('CONFLICT', 'This note is still a draft: edit it instead of adding an addendum.');
}

/** The session kinds that have progress notes (follow-up calls do not). */
export const isNoteKind = (kind: string): kind is ProgressNoteKind => (PROGRESS_NOTE_KINDS as readonly string[]).includes(kind);
