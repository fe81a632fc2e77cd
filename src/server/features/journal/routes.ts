/**
 * The patient's journal (issue #6 §4). Each entry is private: no one at the clinic can read it by any route until
 * the patient shares it with the care team, and unsharing hides it again at once (the care team's list is read
 * from the table on every request, filtered to shared entries in SQL).
 *
 * - `/api/me/journal…`: the patient's own entries (staff 403). Deleting a shared entry is refused (409): unshare it
 *   first (see src/core/journal/entry.ts for why).
 * - `GET /api/patients/:id/journal`: the entries the patient shares, for the clinical staff who read the patient's
 *   clinical record (prescriber, nurse, the therapists of the care team: 'patient:read-clinical', as for intentions).
 *   Everyone else gets 404; the patient themself 403 (their own list is at /api/me/journal). Audited with the ids shown.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JOURNAL_PROMPTS, JournalText, Mood, PromptId } from '../../../core/journal';
import { clinics, settingsOf } from '../../../db/schema';
import type { AppDeps } from '../../deps';
import { audit, ctxOf } from '../../context';
import { httpError, unwrap } from '../../http-errors';
import { ErrorBody, IdParams, Uuid } from '../../schemas';
import { authorizePatient } from '../patients/access';
import { createEntry, deleteOwnEntry, editOwnEntry, heldDoses, ownActor, RESOURCE, setShared } from './own';
import { listOwnEntries, listSharedEntries } from './store';
import { EntryView, entryView } from './view';

const Errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['journal'];

const CreateBody = z.object({
  prompt: PromptId.nullish(),
  text: JournalText,
  mood: Mood.nullish(),
  /** The dose the entry reflects on (one of the patient's own, taken place). */
  appointmentId: Uuid.nullish(),
});
const EditBody = z.object({ text: JournalText.optional(), mood: Mood.nullable().optional() })
  .refine((b) => b.text !== undefined || b.mood !== undefined, { message: 'give the text or the mood to change' });

const OwnJournal = z.object({
  entries: z.array(EntryView),
  prompts: z.array(z.object({ id: z.string(), text: z.string(), help: z.string() })),
  /** Doses the patient has had, newest first: what an entry may reflect on. */
  doses: z.array(z.object({ appointmentId: z.string(), number: z.number(), start: z.string(), courseId: z.string().nullable() })),
  /** The journal is not watched: where to turn in a crisis (the clinic's own words). */
  crisisResources: z.string(),
});

export async function journalRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => deps.database.db;

  r.get(
    '/api/me/journal',
    { schema: { tags, summary: 'The patient’s own journal, newest first, with the prompts and the doses an entry may reflect on', response: { 200: OwnJournal, 403: ErrorBody } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const me = ownActor(ctx);
      const [rows, doses, [clinic]] = await Promise.all([
        listOwnEntries(db(), me.clinicId, me.patientId), heldDoses(ctx, me), db().select().from(clinics).where(eq(clinics.id, me.clinicId)),
      ]);
      await audit(ctx, { action: 'journal.list-own', resourceType: RESOURCE, patientId: me.patientId, detail: { entries: rows.length } });
      return {
        entries: rows.map(entryView), prompts: JOURNAL_PROMPTS.map((p) => ({ ...p })),
        doses: doses.map((d) => ({ appointmentId: d.id, number: d.number, start: d.startsAt.toISOString(), courseId: d.courseId })),
        crisisResources: settingsOf(clinic).crisisResources,
      };
    },
  );

  r.post(
    '/api/me/journal',
    { schema: { tags, summary: 'Write a journal entry (private until shared)', body: CreateBody, response: { 201: EntryView, ...Errors } } },
    async (request, reply) => reply.status(201).send(entryView(await createEntry(ctxOf(deps, request), request.body))),
  );

  r.patch(
    '/api/me/journal/:id',
    { schema: { tags, summary: 'Edit an entry’s text or mood (a shared entry stays shared, and the care team sees the edit)', params: IdParams, body: EditBody, response: { 200: EntryView, ...Errors } } },
    async (request) => entryView(await editOwnEntry(ctxOf(deps, request), request.params.id, request.body)),
  );

  r.delete(
    '/api/me/journal/:id',
    { schema: { tags, summary: 'Delete a private entry for good (a shared entry: 409, unshare it first)', params: IdParams, response: { 204: z.null(), ...Errors } } },
    async (request, reply) => {
      await deleteOwnEntry(ctxOf(deps, request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.put(
    '/api/me/journal/:id/share',
    { schema: { tags, summary: 'Share an entry with the care team (sharing again keeps the first time)', params: IdParams, response: { 200: EntryView, ...Errors } } },
    async (request) => entryView(await setShared(ctxOf(deps, request), request.params.id, true)),
  );

  r.delete(
    '/api/me/journal/:id/share',
    { schema: { tags, summary: 'Stop sharing an entry: the care team no longer sees it, at once', params: IdParams, response: { 200: EntryView, ...Errors } } },
    async (request) => entryView(await setShared(ctxOf(deps, request), request.params.id, false)),
  );

  r.get(
    '/api/patients/:id/journal',
    {
      schema: {
        tags, summary: 'The journal entries the patient shares with the care team, newest first (never a private entry)', params: IdParams,
        querystring: z.object({ since: z.iso.datetime({ offset: true, message: 'must be a date-time (ISO 8601)' }).optional() }),
        response: { 200: z.object({ patientId: z.string(), entries: z.array(EntryView) }), ...Errors },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const patientId = request.params.id;
      unwrap(await authorizePatient(ctx, patientId, 'patient:read-clinical', 'journal.read-shared'));
      if (ctx.actor.kind !== 'staff') {
        await audit(ctx, { action: 'journal.read-shared', resourceType: RESOURCE, patientId, outcome: 'denied' });
        throw httpError('FORBIDDEN', 'This is the care team’s view of shared entries; your whole journal is at /api/me/journal.');
      }
      const since = request.query.since ? new Date(request.query.since) : null;
      const rows = await listSharedEntries(db(), ctx.actor.clinicId, patientId, since);
      await audit(ctx, { action: 'journal.read-shared', resourceType: RESOURCE, resourceId: patientId, patientId, detail: { entries: rows.map((e) => e.id) } });
      return { patientId, entries: rows.map(entryView) };
    },
  );
}
