import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findClinic } from '../../../db/repos/clinics';
import { findUserByEmail } from '../../../db/repos/users';
import type { AppDeps } from '../../deps';
import { unwrap } from '../../http-errors';
import { completePasswordLink, issuePasswordLink } from '../../password-links';
import { ErrorBody } from '../../schemas';

export async function passwordResetRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/password-reset',
    {
      config: { public: true, csrf: false, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: ['session'],
        summary: 'Ask for a password-reset link by email (the answer is the same whether or not the account exists)',
        body: z.object({ email: z.string().trim().min(3).max(320) }),
        response: { 202: z.object({ message: z.string() }), 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const { db } = deps.database;
      const user = await findUserByEmail(db, request.body.email);
      if (user && !user.disabled) {
        const clinic = await findClinic(db, user.clinicId);
        await db.transaction((tx) => issuePasswordLink(deps, tx, user, 'reset-password', clinic?.name ?? 'your clinic'));
      }
      return reply.status(202).send({ message: 'If an account exists for that address, a reset link is on its way.' });
    },
  );

  r.post(
    '/api/password-reset/complete',
    {
      config: { public: true, csrf: false, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags: ['session'],
        summary: 'Set a password with a set-password or reset link token',
        body: z.object({ token: z.string().min(10).max(200), password: z.string().max(1024) }),
        response: { 204: z.null(), 400: ErrorBody },
      },
    },
    async (request, reply) => {
      unwrap(await completePasswordLink(deps, request.body.token, request.body.password));
      return reply.status(204).send(null);
    },
  );
}
