/**
 * The general rate limit, counted in the database (rate_limits) so that every app instance sees the same counts: per
 * session for signed-in requests (counted in the same statement that loads the session), per IP address otherwise,
 * plus tighter per-route limits where a route sets `config.rateLimit` (password reset).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Temporal } from 'temporal-polyfill';
import { hitRateLimit } from '../../db/repos/throttle';
import type { AppDeps } from '../deps';
import { sendError } from '../http-errors';

export const RATE_WINDOW_MS = 60_000;

export interface WindowCount {
  count: number;
  windowEndsAt: Date;
}

/** The general counter's key; signed-in requests use their session's, never the token itself. */
export const sessionRateKey = (tokenHash: string): string => `all:s:${tokenHash.slice(0, 32)}`;
const ipRateKey = (ip: string): string => `all:ip:${ip}`;

const EXEMPT = new Set(['/api/health', '/api/ready']);

/** Answers 429 (and returns false) when `counted` is over `max`; sets the rate-limit headers either way. */
function admit(request: FastifyRequest, reply: FastifyReply, counted: WindowCount, max: number, now: Temporal.Instant): boolean {
  const resetSeconds = Math.max(1, Math.ceil((counted.windowEndsAt.getTime() - now.epochMilliseconds) / 1000));
  reply.header('x-ratelimit-limit', String(max));
  reply.header('x-ratelimit-remaining', String(Math.max(0, max - counted.count)));
  reply.header('x-ratelimit-reset', String(resetSeconds));
  if (counted.count <= max) return true;
  void sendError(reply, request, {
    code: 'RATE_LIMITED',
    message: `Too many requests; retry in ${resetSeconds} seconds.`,
    retryAfterSeconds: resetSeconds,
  });
  return false;
}

/**
 * Counts the request and answers 429 when it is over a limit (returns false then). `sessionCount` is the count the
 * session lookup already made for a signed-in request; null means count by IP address.
 */
export async function enforceRateLimits(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, sessionCount: WindowCount | null): Promise<boolean> {
  const route = request.routeOptions.url ?? '';
  if (EXEMPT.has(route)) return true;
  const { db } = deps.database;
  const now = deps.clock();
  const baseKey = request.session ? sessionRateKey(request.session.tokenHash) : ipRateKey(request.ip);
  const general = sessionCount ?? (await hitRateLimit(db, baseKey, now, RATE_WINDOW_MS));
  if (!admit(request, reply, general, deps.config.rateLimitPerMinute, now)) return false;
  const own = request.routeOptions.config.rateLimit;
  if (!own) return true;
  const counted = await hitRateLimit(db, `${request.method}${route}:${baseKey.slice(4)}`, now, own.timeWindow);
  return admit(request, reply, counted, own.max, now);
}
