import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';

export async function outcomesRoutes(_app: FastifyInstance, _deps: AppDeps): Promise<void> {}
