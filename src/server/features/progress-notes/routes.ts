/**
 * Progress notes (issue #6 §3): one per session (preparation, dosing, integration) and author, in the record;
 * structured fields plus free text; a draft until signed, then never changed (corrections are addenda, signed and
 * dated when written). Templates per session kind, editable by the clinic.
 *
 * Access: writing needs 'patient:write-progress-note' (prescriber, nurse, and therapists on the care team), reading
 * 'patient:read-clinical'; both need a staff account, so a patient gets 404 on their own record (the portal does not
 * show notes yet). A refusal to reach the patient is 404. Each caller writes only their own note of a session (the
 * note is keyed by session and author), so another author's draft is never written to; it is not shown to anyone but
 * its author either, so an addendum on it answers 404 like a missing note (a draft is work in progress, not yet part
 * of the record, and 403 would reveal that it exists). Every read and write is audited with the patient, never the
 * note's text.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AddendumText, NoteText, PROGRESS_NOTE_KINDS, StructuredFields, TemplatePrompts } from '../../../core/notes';
import type { AppDeps } from '../../deps';
import { ctxOf } from '../../context';
import { unwrap } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';
import { addAddendum } from './addendum';
import { readPatientNotes, readSessionNotes } from './read';
import { signOwnNote } from './sign';
import { readTemplates, resetTemplate, saveTemplate } from './templates';
import { staffNames, type NoteRow } from './store';
import { AddendumView, addendumView, NoteView, noteView } from './view';
import { writeDraft } from './write-draft';

const Errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const PromptView = z.object({ key: z.string(), label: z.string(), hint: z.string() });
const TemplateView = z.object({
  kind: z.enum(PROGRESS_NOTE_KINDS), prompts: z.array(PromptView), fields: z.array(PromptView), custom: z.boolean(),
  updatedAt: z.string().nullable(), updatedBy: z.string().nullable(),
});

export async function progressNoteRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['progress-notes'];
  /** A note just written or signed: it has no addenda yet (they are added to signed notes only). */
  const view = async (clinicId: string, note: NoteRow) => noteView(note, [], await staffNames(deps.database.db, clinicId));

  r.get(
    '/api/appointments/:id/progress-notes',
    { schema: { tags, summary: 'The progress notes of a session, with their addenda (signed notes, and the caller’s own draft)', params: IdParams, response: { 200: z.object({ appointmentId: z.string(), kind: z.string(), notes: z.array(NoteView) }), 404: ErrorBody } } },
    async (request) => unwrap(await readSessionNotes(ctxOf(deps, request), request.params.id)),
  );

  r.put(
    '/api/appointments/:id/progress-note',
    {
      schema: {
        tags, summary: 'Write or update the caller’s draft progress note of a session (a signed note never changes: 409, add an addendum)', params: IdParams,
        body: z.object({ structured: StructuredFields.default({}), text: NoteText.default('') }),
        response: { 200: NoteView, 201: NoteView, ...Errors },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const { note, created } = unwrap(await writeDraft(ctx, request.params.id, request.body));
      return reply.status(created ? 201 : 200).send(await view(ctx.actor.clinicId, note));
    },
  );

  r.post(
    '/api/appointments/:id/progress-note/sign',
    { schema: { tags, summary: 'Sign the caller’s draft progress note (needs the plan and the risk assessment); it never changes afterwards', params: IdParams, body: z.object({}).default({}), response: { 200: NoteView, ...Errors } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      return view(ctx.actor.clinicId, unwrap(await signOwnNote(ctx, request.params.id)));
    },
  );

  r.post(
    '/api/progress-notes/:id/addenda',
    { schema: { tags, summary: 'Add an addendum to a signed progress note (signed and dated at once; never changed)', params: IdParams, body: z.object({ text: AddendumText }), response: { 201: AddendumView, ...Errors } } },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const row = unwrap(await addAddendum(ctx, request.params.id, request.body.text));
      return reply.status(201).send(addendumView(row, await staffNames(deps.database.db, ctx.actor.clinicId)));
    },
  );

  r.get(
    '/api/patients/:id/progress-notes',
    { schema: { tags, summary: 'All progress notes of a patient, newest first, with their addenda', params: IdParams, response: { 200: z.object({ patientId: z.string(), notes: z.array(NoteView) }), 404: ErrorBody } } },
    async (request) => unwrap(await readPatientNotes(ctxOf(deps, request), request.params.id)),
  );

  r.get(
    '/api/note-templates',
    { schema: { tags, summary: 'The clinic’s progress-note templates per session kind (the defaults where the clinic has not edited them)', response: { 200: z.object({ templates: z.array(TemplateView) }), 403: ErrorBody } } },
    async (request) => ({ templates: unwrap(await readTemplates(ctxOf(deps, request))) }),
  );

  r.put(
    '/api/note-templates/:kind',
    {
      schema: {
        tags, summary: 'Replace the prompts of a session kind’s template (clinic admin or prescriber)',
        params: z.object({ kind: z.enum(PROGRESS_NOTE_KINDS) }), body: z.object({ prompts: TemplatePrompts }),
        response: { 200: TemplateView, ...Errors },
      },
    },
    async (request) => unwrap(await saveTemplate(ctxOf(deps, request), request.params.kind, request.body.prompts)),
  );

  r.delete(
    '/api/note-templates/:kind',
    {
      schema: {
        tags, summary: 'Reset a session kind’s template to the built-in defaults (clinic admin or prescriber)',
        params: z.object({ kind: z.enum(PROGRESS_NOTE_KINDS) }), response: { 200: TemplateView, ...Errors },
      },
    },
    async (request) => unwrap(await resetTemplate(ctxOf(deps, request), request.params.kind)),
  );
}
