import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';

export async function questionnairesRoutes(_app: FastifyInstance, _deps: AppDeps): Promise<void> {}
