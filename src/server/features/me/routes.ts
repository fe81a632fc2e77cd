import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { ctxOf } from '../../context';
import { unwrap } from '../../http-errors';
import { ErrorBody, SessionUser } from '../../schemas';
import { changePassword, describeMe, disableTotp, enableTotp, readAccessLog, startTotpSetup } from './use-cases';

const Me = z.object({
  user: SessionUser,
  csrfToken: z.string(),
  mustEnrollTotp: z.boolean(),
  name: z.string(),
  email: z.string(),
  totpEnabled: z.boolean(),
  clinic: z.object({ id: z.string(), name: z.string(), timeZone: z.string(), requireAdminTotp: z.boolean() }),
});

const AccessLogEntry = z.object({
  at: z.string(),
  who: z.string(),
  role: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['allowed', 'denied']),
});

export async function meRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/me',
    { config: { duringTotpEnrollment: true }, schema: { tags: ['me'], summary: 'The signed-in user', response: { 200: Me } } },
    async (request) => describeMe(ctxOf(deps, request), request.session!),
  );

  r.get(
    '/api/me/access-log',
    {
      schema: {
        tags: ['me'],
        summary: 'For a patient: who accessed their record, and when',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(AccessLogEntry) }), 404: ErrorBody },
      },
    },
    async (request) => ({ items: unwrap(await readAccessLog(ctxOf(deps, request), request.query.limit)) }),
  );

  r.post(
    '/api/me/password',
    {
      schema: {
        tags: ['me'],
        summary: 'Change your password (other sessions end)',
        body: z.object({ currentPassword: z.string().max(1024), newPassword: z.string().max(1024) }),
        response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request, reply) => {
      unwrap(await changePassword(ctxOf(deps, request), request.session!, request.body.currentPassword, request.body.newPassword));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/me/totp',
    {
      config: { duringTotpEnrollment: true },
      schema: {
        tags: ['me'],
        summary: 'Start setting up an authenticator app (staff): returns the secret and an otpauth:// URI',
        response: { 200: z.object({ secret: z.string(), uri: z.string() }), 403: ErrorBody },
      },
    },
    async (request) => unwrap(await startTotpSetup(ctxOf(deps, request))),
  );

  r.post(
    '/api/me/totp/confirm',
    {
      config: { duringTotpEnrollment: true },
      schema: {
        tags: ['me'],
        summary: 'Confirm the authenticator app with a current code; from then on sign-in asks for a code',
        body: z.object({ code: z.string().regex(/^\d{6}$/, 'a 6-digit code') }),
        response: { 204: z.null(), 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      unwrap(await enableTotp(ctxOf(deps, request), request.session!, request.body.code));
      return reply.status(204).send(null);
    },
  );

  r.delete(
    '/api/me/totp',
    {
      schema: {
        tags: ['me'],
        summary: 'Turn the second factor off (not allowed for admins when the clinic requires it)',
        body: z.object({ code: z.string().regex(/^\d{6}$/, 'a 6-digit code') }),
        response: { 204: z.null(), 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      unwrap(await disableTotp(ctxOf(deps, request), request.body.code));
      return reply.status(204).send(null);
    },
  );
}
