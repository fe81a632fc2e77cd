import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, STAFF_ROLES, type ClinicAction } from '../../../core/authorization';
import { deleteCredential, findStaff, insertCredential, updateStaff } from '../../../db/repos/clinics';
import { newId, sqlState, toDate } from '../../../db/ids';
import type { AppDeps } from '../../deps';
import { audit, ctxOf, type Ctx } from '../../context';
import { httpError, notFound, unwrap } from '../../http-errors';
import { Email, ErrorBody, IdParams, IsoDate, Phone, Uuid } from '../../schemas';
import { createStaffMember, listStaffWithCredentials } from './use-cases';

const Credential = z.object({
  id: z.string(),
  licenceType: z.string(),
  licenceNumber: z.string(),
  issuingState: z.string(),
  expiresOn: z.string().nullable(),
  status: z.enum(['valid', 'expiring-soon', 'expired']),
});
const StaffMember = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  email: z.string(),
  phone: z.string().nullable(),
  active: z.boolean(),
  accountActivated: z.boolean(),
  totpEnabled: z.boolean(),
  credentials: z.array(Credential),
  credentialsExpired: z.boolean(),
});
const NewStaffBody = z.object({
  givenName: z.string().trim().min(1, 'required').max(100),
  familyName: z.string().trim().min(1, 'required').max(100),
  email: Email,
  role: z.enum(STAFF_ROLES),
  phone: Phone.nullish(),
});
const CredentialBody = z.object({
  licenceType: z.string().trim().min(1, 'required').max(100),
  licenceNumber: z.string().trim().min(1, 'required').max(100),
  issuingState: z.string().trim().min(2).max(50),
  expiresOn: IsoDate.nullish(),
});

function requireClinic(ctx: Ctx, action: ClinicAction) {
  if (!can(ctx.actor, action, { type: 'clinic', clinicId: ctx.actor.clinicId })) throw httpError('FORBIDDEN', 'Only clinic administrators manage staff.');
}

export async function staffRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['staff'];
  const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

  const one = async (clinicId: string, staffId: string) => {
    const member = (await listStaffWithCredentials(deps, clinicId)).find((s) => s.id === staffId);
    if (!member) throw notFound('staff member');
    return member;
  };

  r.get('/api/staff', { schema: { tags, summary: 'The clinic’s staff with credentials (expired ones flagged)', response: { 200: z.object({ items: z.array(StaffMember) }), 403: ErrorBody } } }, async (request) => {
    const ctx = ctxOf(deps, request);
    requireClinic(ctx, 'staff:read');
    return { items: await listStaffWithCredentials(deps, ctx.actor.clinicId) };
  });

  r.post('/api/staff', { schema: { tags, summary: 'Add a staff member (admin); a set-password link is emailed', body: NewStaffBody, response: { 201: StaffMember, ...errors } } }, async (request, reply) => {
    const ctx = ctxOf(deps, request);
    requireClinic(ctx, 'staff:manage');
    const created = await deps.database.db
      .transaction(async (tx) => {
        const result = await createStaffMember(deps, tx, ctx.actor.clinicId, request.body);
        if (result.ok) await audit(ctx, { action: 'staff.create', resourceType: 'staff', resourceId: result.value.staffId }, tx);
        return result;
      })
      .catch((err: unknown) => {
        // Two admins adding the same address at once: the unique index decides, the loser gets a clean 409.
        if (sqlState(err) === '23505') throw httpError('CONFLICT', 'An account with this email address exists already.', { fields: [{ path: 'email', message: 'already used' }] });
        throw err;
      });
    return reply.status(201).send(await one(ctx.actor.clinicId, unwrap(created).staffId));
  });

  r.patch(
    '/api/staff/:id',
    { schema: { tags, summary: 'Change a staff member (admin): name, role, phone, active', params: IdParams, body: NewStaffBody.omit({ email: true }).partial().extend({ active: z.boolean().optional() }), response: { 200: StaffMember, ...errors } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      requireClinic(ctx, 'staff:manage');
      if (ctx.actor.kind === 'staff' && ctx.actor.staffId === request.params.id && (request.body.active === false || (request.body.role && request.body.role !== 'admin'))) {
        throw httpError('CONFLICT', 'You cannot deactivate yourself or remove your own administrator role; ask another administrator.');
      }
      const updated = await deps.database.db.transaction(async (tx) => {
        const row = await updateStaff(tx, ctx.actor.clinicId, request.params.id, request.body);
        if (row) await audit(ctx, { action: 'staff.update', resourceType: 'staff', resourceId: row.id, detail: { fields: Object.keys(request.body).sort() } }, tx);
        return row;
      });
      if (!updated) throw notFound('staff member');
      return one(ctx.actor.clinicId, updated.id);
    },
  );

  r.post(
    '/api/staff/:id/credentials',
    { schema: { tags, summary: 'Add a credential (licence) to a staff member (admin)', params: IdParams, body: CredentialBody, response: { 201: StaffMember, ...errors } } },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      requireClinic(ctx, 'staff:manage');
      if (!(await findStaff(deps.database.db, ctx.actor.clinicId, request.params.id))) throw notFound('staff member');
      const id = newId();
      await deps.database.db.transaction(async (tx) => {
        await insertCredential(tx, { clinicId: ctx.actor.clinicId, id, staffId: request.params.id, ...request.body, expiresOn: request.body.expiresOn ?? null, createdAt: toDate(deps.clock()) });
        await audit(ctx, { action: 'staff.add-credential', resourceType: 'credential', resourceId: id }, tx);
      });
      return reply.status(201).send(await one(ctx.actor.clinicId, request.params.id));
    },
  );

  r.delete(
    '/api/staff/:id/credentials/:credentialId',
    { schema: { tags, summary: 'Remove a credential (admin)', params: z.object({ id: Uuid, credentialId: Uuid }), response: { 200: StaffMember, ...errors } } },
    async (request) => {
      const ctx = ctxOf(deps, request);
      requireClinic(ctx, 'staff:manage');
      const removed = await deps.database.db.transaction(async (tx) => {
        const done = await deleteCredential(tx, ctx.actor.clinicId, request.params.id, request.params.credentialId);
        if (done) await audit(ctx, { action: 'staff.remove-credential', resourceType: 'credential', resourceId: request.params.credentialId }, tx);
        return done;
      });
      if (!removed) throw notFound('credential');
      return one(ctx.actor.clinicId, request.params.id);
    },
  );
}
