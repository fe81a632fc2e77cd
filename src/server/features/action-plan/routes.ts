/**
 * The action plan (issue #6 §4): insights turned into commitments (what, when, how the patient will know),
 * written by the patient or the care team, and reviewed at each integration session. Every change is kept
 * (action_plan_changes is append-only) and shown as the item's history.
 *
 * Access (see write.ts): read by the clinical staff who read the record and by the patient; added to and revised by
 * the patient and by staff who write the patient's session notes; reviewed by those staff only (the patient 403).
 * Anyone else 404. Reads and changes are audited, never with the wording or the notes.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangeNote, Commitment, Insight, Measure, NewItem, Status, Timeframe } from '../../../core/action-plan';
import type { AppDeps } from '../../deps';
import { audit, ctxOf } from '../../context';
import { ErrorBody, IdParams, Uuid } from '../../schemas';
import { listChanges, listItemChanges, listItems, type ItemRow } from './store';
import { ItemView, itemViews } from './view';
import { authorizePlan, createItem, RESOURCE, reviewPlanItem, revisePlanItem } from './write';

const Errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['action-plan'];
const ItemParams = IdParams.extend({ itemId: Uuid });

const ReviseBody = z.object({
  insight: Insight.optional(), commitment: Commitment.optional(), timeframe: Timeframe.optional(), measure: Measure.optional(), status: Status.optional(),
  /** Why it changed, in a line (kept with the change; the patient sees it). */
  note: ChangeNote.optional(),
}).refine((b) => ['insight', 'commitment', 'timeframe', 'measure', 'status'].some((k) => b[k as keyof typeof b] !== undefined), { message: 'give the wording or the status to change' });

const ReviewBody = z.object({ appointmentId: Uuid, status: Status, note: ChangeNote.optional() });

export async function actionPlanRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => deps.database.db;
  const one = async (clinicId: string, item: ItemRow) => (await itemViews(db(), clinicId, [item], await listItemChanges(db(), clinicId, item.id)))[0]!;

  r.get(
    '/api/patients/:id/action-plan',
    { schema: { tags, summary: 'The patient’s action plan: every item with its history of changes and reviews', params: IdParams, response: { 200: z.object({ patientId: z.string(), items: z.array(ItemView) }), ...Errors } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const patientId = request.params.id;
      await authorizePlan(ctx, patientId, 'read', 'action-plan.read');
      const [items, changes] = await Promise.all([listItems(db(), ctx.actor.clinicId, patientId), listChanges(db(), ctx.actor.clinicId, patientId)]);
      await audit(ctx, { action: 'action-plan.read', resourceType: RESOURCE, resourceId: patientId, patientId, detail: { items: items.length } });
      return { patientId, items: await itemViews(db(), ctx.actor.clinicId, items, changes) };
    },
  );

  r.post(
    '/api/patients/:id/action-plan',
    { schema: { tags, summary: 'Add an item: the insight, the commitment, when, and how the patient will know', params: IdParams, body: NewItem, response: { 201: ItemView, ...Errors } } },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const item = await createItem(ctx, request.params.id, request.body);
      return reply.status(201).send(await one(ctx.actor.clinicId, item));
    },
  );

  r.patch(
    '/api/patients/:id/action-plan/:itemId',
    {
      schema: {
        tags, summary: 'Revise an item’s wording or status (done, dropped, or active again); recorded as a revision', params: ItemParams, body: ReviseBody,
        response: { 200: ItemView, ...Errors },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      return one(ctx.actor.clinicId, await revisePlanItem(ctx, request.params.id, request.params.itemId, request.body));
    },
  );

  r.post(
    '/api/patients/:id/action-plan/:itemId/reviews',
    {
      schema: {
        tags, summary: 'Review an item at an integration session of the patient: its status afterwards and a note (care team)', params: ItemParams, body: ReviewBody,
        response: { 201: ItemView, ...Errors },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const item = await reviewPlanItem(ctx, request.params.id, request.params.itemId, request.body);
      return reply.status(201).send(await one(ctx.actor.clinicId, item));
    },
  );
}
