import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { deleteSession } from '../../../db/repos/sessions';
import { SESSION_COOKIE } from '../../plugins/auth';
import { unwrap } from '../../http-errors';
import { ErrorBody, SessionUser } from '../../schemas';
import { signIn } from './sign-in';

const SignInBody = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
  totp: z.string().regex(/^\d{6}$/, 'a 6-digit code').optional(),
});

export async function sessionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/session',
    {
      config: { public: true, csrf: false },
      schema: {
        tags: ['session'],
        summary: 'Sign in with email and password (and a TOTP code when enrolled)',
        body: SignInBody,
        response: { 200: z.object({ user: SessionUser, csrfToken: z.string(), mustEnrollTotp: z.boolean() }), 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const result = unwrap(
        await signIn(deps, { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: request.id }),
      );
      reply.setCookie(SESSION_COOKIE, result.cookieValue, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
      });
      return { user: result.user, csrfToken: result.csrfToken, mustEnrollTotp: result.mustEnrollTotp };
    },
  );

  r.delete(
    '/api/session',
    {
      config: { duringTotpEnrollment: true },
      schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const s = request.session!;
      await deleteSession(deps.database.db, s.clinicId, s.tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
}
