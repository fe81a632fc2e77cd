/**
 * The one table from error codes to HTTP statuses, the exception that carries a domain error through Fastify, and
 * the error handler that renders every failure as {"error":{"code","message","fields"?,"requestId"?}}.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { DomainError, ErrorCode, FieldProblem, Result } from '../core/errors';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  WEAK_PASSWORD: 400,
  TOKEN_INVALID: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  CSRF_TOKEN_MISSING: 403,
  CSRF_TOKEN_INVALID: 403,
  TOTP_ENROLLMENT_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  SIGN_IN_THROTTLED: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NOT_READY: 503,
};

export class HttpError extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}

export const httpError = (code: ErrorCode, message: string, extra: Partial<DomainError> = {}) =>
  new HttpError({ code, message, ...extra });

export const notFound = (what = 'record') => httpError('NOT_FOUND', `No such ${what}.`);

/** Returns the value of a successful result, or throws it as an HTTP error. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new HttpError(result.error);
  return result.value;
}

function toFieldPath(instancePath: string, context: string | undefined): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  if (context === 'body' || !context) return path || '(body)';
  return path || context;
}

export function sendError(reply: FastifyReply, request: FastifyRequest, error: DomainError): FastifyReply {
  const status = HTTP_STATUS[error.code];
  if (error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.fields?.length) body.fields = error.fields;
  if (error.details) Object.assign(body, error.details);
  if (status >= 500) body.requestId = request.id;
  return reply.status(status).send({ error: body });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    if (err instanceof HttpError) return sendError(reply, request, err.error);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: FieldProblem[] = err.validation.map((v) => ({
        path: toFieldPath(v.instancePath, err.validationContext),
        message: v.message ?? 'invalid',
      }));
      const summary = fields.map((f) => `${f.path} ${f.message}`).join('; ');
      return sendError(reply, request, { code: 'VALIDATION_FAILED', message: `Please correct: ${summary}.`, fields });
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status === 413) return sendError(reply, request, { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' });
    if (status === 429) return sendError(reply, request, { code: 'RATE_LIMITED', message: 'Too many requests; slow down and retry shortly.' });
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, unsupported media type, empty body, …
      return sendError(reply, request, {
        code: 'VALIDATION_FAILED',
        message: err.message,
        fields: [{ path: '(body)', message: err.message }],
      });
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(reply, request, { code: 'INTERNAL', message: 'Something went wrong on our side. Quote the request id if you contact support.' });
  });
}
