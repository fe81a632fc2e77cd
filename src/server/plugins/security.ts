/** Security headers (helmet with a CSP the app and the API docs work under) and the general rate limit. */
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { hitRateLimit } from '../../db/repos/throttle';
import type { AppDeps } from '../deps';
import { isApiRequest } from './auth';

export const securityPlugin = fp(async (app: FastifyInstance, deps: AppDeps) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Component libraries set style attributes at run time; scripts stay strictly same-origin.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Served over plain HTTP on localhost by default; HSTS belongs to the TLS-terminating proxy.
    hsts: false,
  });

  /** Counters live in the database, so every instance sees the same counts. */
  class DatabaseStore {
    constructor(private readonly options: { timeWindow: number; keyPrefix?: string }) {}
    incr(key: string, cb: (err: Error | null, result?: { current: number; ttl: number }) => void) {
      const now = deps.clock();
      hitRateLimit(deps.database.db, `${this.options.keyPrefix ?? 'all'}:${key}`, now, this.options.timeWindow).then(
        ({ count, windowEndsAt }) => cb(null, { current: count, ttl: Math.max(0, windowEndsAt.getTime() - now.epochMilliseconds) }),
        (err: Error) => cb(err),
      );
    }
    child(routeOptions: { timeWindow: number; routeInfo?: { method: string; url: string } }) {
      const prefix = routeOptions.routeInfo ? `${routeOptions.routeInfo.method}${routeOptions.routeInfo.url}` : 'route';
      return new DatabaseStore({ timeWindow: routeOptions.timeWindow, keyPrefix: prefix });
    }
  }

  await app.register(rateLimit, {
    global: true,
    max: deps.config.rateLimitPerMinute,
    timeWindow: 60_000,
    store: DatabaseStore as never,
    // Signed-in users are counted per session, everyone else per IP address. The limiter runs as a route hook, after
    // the auth plugin has resolved the cookie: only a session that exists gets its own counter (a made-up cookie
    // would otherwise buy a fresh counter per request), and the key is the token's hash, never the token itself.
    keyGenerator: (request) => (request.session ? `s:${request.session.tokenHash.slice(0, 32)}` : `ip:${request.ip}`),
    allowList: (request) => !isApiRequest(request) || request.routeOptions.url === '/api/health' || request.routeOptions.url === '/api/ready',
    skipOnError: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: { code: 'RATE_LIMITED', message: `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} seconds.` },
    }),
  });
});
