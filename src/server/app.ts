/** The HTTP application: plugins, error handling and every feature's routes. The composition root passes deps in. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { AppDeps } from './deps';
import './zod-messages';
import { installErrorHandling, sendError } from './http-errors';
import { authPlugin, isApiRequest } from './plugins/auth';
import { securityPlugin } from './plugins/security';
import { auditRoutes } from './features/audit/routes';
import { clinicRoutes } from './features/clinic/routes';
import { healthRoutes } from './features/health/routes';
import { meRoutes } from './features/me/routes';
import { outboxRoutes } from './features/outbox/routes';
import { passwordResetRoutes } from './features/password-reset/routes';
import { patientRoutes } from './features/patients/routes';
import { roomRoutes } from './features/rooms/routes';
import { sessionRoutes } from './features/session/routes';
import { staffRoutes } from './features/staff/routes';
import { instrumentsRoutes } from './features/instruments/routes';
import { questionnairesRoutes } from './features/questionnaires/routes';
import { safetyRoutes } from './features/safety/routes';
import { screeningRoutes } from './features/screening/routes';
import { outcomesRoutes } from './features/outcomes/routes';
import { coursesRoutes } from './features/courses/routes';
import { protocolsRoutes } from './features/courses/protocols-routes';
import { availabilityRoutes } from './features/availability/routes';
import { calendarRoutes } from './features/calendar/routes';
import { boardRoutes } from './features/board/routes';
import { createBoardFeed } from './features/board/feed';
import { dosingRoutes } from './features/dosing/routes';
import { psychotherapyNoteRoutes } from './features/psychotherapy-notes/routes';
import { progressNoteRoutes } from './features/progress-notes/routes';
import { ledgerRoutes } from './features/ledger/routes';
import { educationRoutes } from './features/education/routes';
import { intentionRoutes } from './features/intentions/routes';
import { followThroughRoutes } from './features/follow-through/routes';
import { checkinRoutes } from './features/checkins/routes';
import { preparationRoutes } from './features/preparation/routes';
import { journalRoutes } from './features/journal/routes';
import { actionPlanRoutes } from './features/action-plan/routes';
import { integrationSessionRoutes } from './features/integration-session/routes';
import { timelineRoutes } from './features/timeline/routes';

export interface BuildOptions {
  logger?: boolean | object;
  /** Called for every route as it is registered (tests use it to list the API's routes). */
  onRoute?: (route: RouteOptions) => void;
}

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: deps.config.bodyLimitBytes,
    // One trusted hop (the TLS-terminating proxy): the client address is the one that proxy appended to
    // X-Forwarded-For. Trusting every hop would take the left-most entry, which the client writes itself and could
    // change on every request to dodge the per-address sign-in lock and rate limit.
    trustProxy: deps.config.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (isApiRequest(request)) reply.header('cache-control', 'no-store');
  });
  installErrorHandling(app);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Tilth API', version: '0.1.0', description: 'Ketamine-assisted psychotherapy clinic platform.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tilth_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  // The docs page and its files are public, like the OpenAPI document they show (/api/openapi.json).
  app.addHook('onRoute', (route) => {
    if (route.url === '/api/docs' || route.url.startsWith('/api/docs/')) route.config = { ...route.config, public: true };
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false, uiConfig: { withCredentials: true } as never });

  await app.register(cookie);
  await app.register(securityPlugin, deps);
  await app.register(authPlugin, deps);

  for (const routes of [
    healthRoutes, sessionRoutes, meRoutes, passwordResetRoutes, patientRoutes, staffRoutes, roomRoutes, clinicRoutes, auditRoutes, outboxRoutes,
    instrumentsRoutes, questionnairesRoutes, safetyRoutes, screeningRoutes, outcomesRoutes, coursesRoutes, protocolsRoutes, availabilityRoutes, calendarRoutes, ledgerRoutes, psychotherapyNoteRoutes, progressNoteRoutes,
    educationRoutes, intentionRoutes, preparationRoutes, journalRoutes, actionPlanRoutes, integrationSessionRoutes,
    followThroughRoutes, checkinRoutes, timelineRoutes,
  ]) {
    await app.register(async (scope) => routes(scope, deps));
  }
  // The board's change signals: dosing changes notify it; it also polls, for changes made by other instances.
  const boardFeed = createBoardFeed(deps.database);
  app.addHook('onClose', async () => boardFeed.close());
  await app.register(async (scope) => dosingRoutes(scope, deps, boardFeed));
  await app.register(async (scope) => boardRoutes(scope, deps, boardFeed));
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  registerWebApp(app, deps.webRoot);
  return app;
}

/** Serves the built React app; unknown non-API paths get index.html so client-side routes work on reload. */
function registerWebApp(app: FastifyInstance, webRoot: string | undefined): void {
  const hasWeb = webRoot && existsSync(join(webRoot, 'index.html'));
  if (hasWeb) {
    void app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (hasWeb && request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/assets/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(reply, request, { code: 'NOT_FOUND', message: `No route ${request.method} ${path}.` });
  });
}
