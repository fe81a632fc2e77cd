/**
 * Patient education (issue #6 §1): the clinic's modules, each marked read by the patient; the pre-dose checklist can
 * require every module read (protocol checklist.educationRead).
 *
 * Access: every signed-in user reads their own clinic's modules (a patient with their read state); only a patient
 * marks a module read (staff get 403); the clinic's admin or a prescriber edits a module and the modules' order
 * ('education:manage', else 403); staff with 'patient:read-clinical' on the patient (and the patient themselves) see which modules a patient
 * has read, others 404. Reads of a patient's state, marks and edits are audited.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../../core/authorization';
import { MODULE_ID } from '../../../core/education/default-modules';
import type { AppDeps } from '../../deps';
import { audit, ctxOf } from '../../context';
import { httpError, notFound, unwrap } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';
import { authorizePatient } from '../patients/access';
import { clinicModules, markRead, readsOf, reorderModules, updateModule, type ModuleRow } from './store';

const ModuleParams = z.object({ moduleId: z.string().regex(MODULE_ID, 'must be a module id') });
const ModuleView = z.object({
  id: z.string(), title: z.string(), body: z.string(), position: z.number(),
  updatedAt: z.string().nullable(), updatedBy: z.string().nullable(), readAt: z.string().nullable().optional(),
});
const ReadView = z.object({ moduleId: z.string(), title: z.string(), readAt: z.string().nullable() });

const view = (m: ModuleRow, readAt?: Date | null) => ({
  id: m.id, title: m.title, body: m.body, position: m.position, updatedAt: m.updatedAt?.toISOString() ?? null, updatedBy: m.updatedBy,
  ...(readAt !== undefined ? { readAt: readAt?.toISOString() ?? null } : {}),
});

export async function educationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['education'];
  const db = () => deps.database.db;

  r.get(
    '/api/education',
    { schema: { tags, summary: 'The clinic’s patient education modules (for a patient, with when they read each)', response: { 200: z.object({ modules: z.array(ModuleView), allRead: z.boolean().nullable() }) } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const modules = await clinicModules(db(), ctx.actor.clinicId);
      if (ctx.actor.kind !== 'patient') return { modules: modules.map((m) => view(m)), allRead: null };
      const reads = await readsOf(db(), ctx.actor.clinicId, ctx.actor.patientId);
      return { modules: modules.map((m) => view(m, reads.get(m.id) ?? null)), allRead: modules.every((m) => reads.has(m.id)) };
    },
  );

  r.post(
    '/api/education/:moduleId/read',
    { schema: { tags, summary: 'The patient marks a module read (idempotent: the first read counts)', params: ModuleParams, body: z.object({}).default({}), response: { 200: z.object({ moduleId: z.string(), readAt: z.string() }), 403: ErrorBody, 404: ErrorBody } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const { moduleId } = request.params;
      if (ctx.actor.kind !== 'patient') {
        await audit(ctx, { action: 'education.mark-read', resourceType: 'education-module', resourceId: moduleId, outcome: 'denied' });
        throw httpError('FORBIDDEN', 'Only a patient marks a module read.');
      }
      const modules = await clinicModules(db(), ctx.actor.clinicId);
      if (!modules.some((m) => m.id === moduleId)) throw notFound('education module');
      const patientId = ctx.actor.patientId;
      const readAt = await db().transaction(async (tx) => {
        const at = await markRead(tx, ctx.actor.clinicId, patientId, moduleId, new Date(deps.clock().epochMilliseconds));
        await audit(ctx, { action: 'education.mark-read', resourceType: 'education-module', resourceId: moduleId, patientId }, tx);
        return at;
      });
      return { moduleId, readAt: readAt.toISOString() };
    },
  );

  r.put(
    '/api/education/:moduleId',
    {
      schema: {
        tags, summary: 'Edit a module’s title and text (clinic admin or prescriber; the first edit copies the defaults into the clinic)', params: ModuleParams,
        body: z.object({ title: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(20000) }),
        response: { 200: ModuleView, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const { moduleId } = request.params;
      if (ctx.actor.kind !== 'staff' || !can(ctx.actor, 'education:manage', { type: 'clinic', clinicId: ctx.actor.clinicId })) {
        await audit(ctx, { action: 'education.update', resourceType: 'education-module', resourceId: moduleId, outcome: 'denied' });
        throw httpError('FORBIDDEN', 'Only the clinic’s administrator or a prescriber edits education modules.');
      }
      const staffId = ctx.actor.staffId;
      if (!(await clinicModules(db(), ctx.actor.clinicId)).some((m) => m.id === moduleId)) throw notFound('education module');
      const at = new Date(deps.clock().epochMilliseconds);
      await db().transaction(async (tx) => {
        await updateModule(tx, ctx.actor.clinicId, moduleId, request.body, at, staffId);
        await audit(ctx, { action: 'education.update', resourceType: 'education-module', resourceId: moduleId, detail: { title: request.body.title } }, tx);
      });
      return view((await clinicModules(db(), ctx.actor.clinicId)).find((m) => m.id === moduleId)!);
    },
  );

  r.put(
    '/api/education-order',
    {
      schema: {
        tags, summary: 'Put the clinic’s modules in a new order: every module id once, first to last (clinic admin or prescriber)',
        body: z.object({ moduleIds: z.array(z.string().regex(MODULE_ID, 'must be a module id')).min(1).max(100) }),
        response: { 200: z.object({ modules: z.array(ModuleView) }), 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const ctx = ctxOf(deps, request);
      if (ctx.actor.kind !== 'staff' || !can(ctx.actor, 'education:manage', { type: 'clinic', clinicId: ctx.actor.clinicId })) {
        await audit(ctx, { action: 'education.reorder', resourceType: 'education-module', outcome: 'denied' });
        throw httpError('FORBIDDEN', 'Only the clinic’s administrator or a prescriber edits education modules.');
      }
      const ids = request.body.moduleIds;
      const current = (await clinicModules(db(), ctx.actor.clinicId)).map((m) => m.id);
      if (ids.length !== current.length || new Set(ids).size !== ids.length || !ids.every((id) => current.includes(id))) {
        throw httpError('VALIDATION_FAILED', `List each of the clinic’s ${current.length} modules once: ${current.join(', ')}.`, { fields: [{ path: 'moduleIds', message: 'must list every module once' }] });
      }
      await db().transaction(async (tx) => {
        await reorderModules(tx, ctx.actor.clinicId, ids, new Date(deps.clock().epochMilliseconds));
        await audit(ctx, { action: 'education.reorder', resourceType: 'education-module', detail: { moduleIds: ids } }, tx);
      });
      return { modules: (await clinicModules(db(), ctx.actor.clinicId)).map((m) => view(m)) };
    },
  );

  r.get(
    '/api/patients/:id/education',
    { schema: { tags, summary: 'Which education modules a patient has read, and when', params: IdParams, response: { 200: z.object({ patientId: z.string(), modules: z.array(ReadView), allRead: z.boolean() }), 404: ErrorBody } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      const patientId = request.params.id;
      unwrap(await authorizePatient(ctx, patientId, 'patient:read-clinical', 'education.read-patient'));
      const [modules, reads] = await Promise.all([clinicModules(db(), ctx.actor.clinicId), readsOf(db(), ctx.actor.clinicId, patientId)]);
      await audit(ctx, { action: 'education.read-patient', resourceType: 'patient', resourceId: patientId, patientId });
      return { patientId, modules: modules.map((m) => ({ moduleId: m.id, title: m.title, readAt: reads.get(m.id)?.toISOString() ?? null })), allRead: modules.every((m) => reads.has(m.id)) };
    },
  );
}
