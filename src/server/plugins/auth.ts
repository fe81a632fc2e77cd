/**
 * Resolves the session cookie to an actor on every request, ends expired sessions, and enforces sign-in, second-factor
 * enrolment and the CSRF token before any route runs.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { judgeSession } from '../../core/sessions';
import type { Actor } from '../../core/authorization';
import { countAndFindSession, deleteSession, touchSession } from '../../db/repos/sessions';
import { toDate, toInstant } from '../../db/ids';
import type { AppDeps } from '../deps';
import { sendError } from '../http-errors';
import { enforceRateLimits, RATE_WINDOW_MS, sessionRateKey, type WindowCount } from './rate-limit';
import './request-context';

export const SESSION_COOKIE = 'tilth_session';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Cookie value: "<clinicId>.<token>", so the session row is found by its full key (sharding by clinic). */
export function parseSessionCookie(value: string | undefined): { clinicId: string; token: string } | null {
  if (!value) return null;
  const dot = value.indexOf('.');
  const clinicId = value.slice(0, dot);
  const token = value.slice(dot + 1);
  if (dot < 0 || !UUID.test(clinicId) || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return { clinicId, token };
}

/**
 * Whether the request is for the API. Decided by the matched route, not the raw URL: the router decodes
 * percent-escapes, so "/%61pi/patients" reaches the "/api/patients" route while its raw URL does not start with "/api/".
 */
export function isApiRequest(request: FastifyRequest): boolean {
  return (request.routeOptions.url ?? request.url).startsWith('/api/');
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Loads the session named by the cookie (counting the request against its rate limit in the same statement) and sets
 * request.actor. Returns that count, or null when there is no usable session (the request is then counted by IP).
 */
async function resolveSession(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Promise<WindowCount | null> {
  const parsed = parseSessionCookie(request.cookies[SESSION_COOKIE]);
  if (!parsed) return null;
  const tokenHash = hashToken(parsed.token);
  const { db } = deps.database;
  const now = deps.clock();
  const found = await countAndFindSession(db, parsed.clinicId, tokenHash, sessionRateKey(tokenHash), toDate(now), RATE_WINDOW_MS);
  const session = found.session;
  if (!session) {
    request.sessionExpired = true;
    return null;
  }
  const verdict = judgeSession(
    { userKind: session.userKind, createdAt: toInstant(session.createdAt), lastSeenAt: toInstant(session.lastSeenAt) },
    now,
    deps.config.sessions,
  );
  const accountUsable = !session.disabled && (session.userKind === 'patient' || session.staffActive === true);
  if (verdict.state === 'expired' || !accountUsable) {
    await deleteSession(db, parsed.clinicId, tokenHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    request.sessionExpired = true;
    return null;
  }
  if (verdict.touch) await touchSession(db, parsed.clinicId, tokenHash, toDate(now));
  const actor: Actor =
    session.userKind === 'staff'
      ? { kind: 'staff', userId: session.userId, clinicId: parsed.clinicId, staffId: session.staffId!, role: session.staffRole! }
      : { kind: 'patient', userId: session.userId, clinicId: parsed.clinicId, patientId: session.patientId! };
  request.actor = actor;
  request.session = {
    clinicId: parsed.clinicId,
    tokenHash,
    csrfToken: session.csrfToken,
    // Decided on every request, not only at sign-in: when the clinic starts requiring a second factor for
    // administrators (or someone becomes one), sessions already open must enrol too.
    mustEnrollTotp: session.staffRole === 'admin' && session.requireAdminTotp && !session.totpEnabled,
    userId: session.userId,
  };
  return { count: found.count, windowEndsAt: found.windowEndsAt };
}

export const authPlugin = fp(async (app: FastifyInstance, deps: AppDeps) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRequest', async (request, reply) => {
    if (!isApiRequest(request)) return;
    const sessionCount = await resolveSession(deps, request, reply);
    if (!(await enforceRateLimits(deps, request, reply, sessionCount))) return reply;
    const config = request.routeOptions.config;
    if (config.public) return;
    if (!request.actor) {
      return request.sessionExpired
        ? sendError(reply, request, { code: 'SESSION_EXPIRED', message: 'Your session has ended; please sign in again.' })
        : sendError(reply, request, { code: 'UNAUTHENTICATED', message: 'Please sign in.' });
    }
    if (request.session!.mustEnrollTotp && !config.duringTotpEnrollment) {
      return sendError(reply, request, {
        code: 'TOTP_ENROLLMENT_REQUIRED',
        message: 'Your clinic requires a second factor for administrators: set up an authenticator app first.',
      });
    }
    if (STATE_CHANGING.has(request.method) && config.csrf !== false) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || header.length === 0) {
        return sendError(reply, request, { code: 'CSRF_TOKEN_MISSING', message: 'The x-csrf-token header is required for this request.' });
      }
      if (!safeEqual(header, request.session!.csrfToken)) {
        return sendError(reply, request, { code: 'CSRF_TOKEN_INVALID', message: 'The x-csrf-token header does not match your session.' });
      }
    }
  });
});
