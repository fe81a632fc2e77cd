/** The per-request context a use-case receives: dependencies, the signed-in actor and the request id (for audit). */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../core/authorization';
import type { AuditEventContent } from '../core/audit-chain';
import { appendAuditEvents } from '../db/repos/audit';
import { newId } from '../db/ids';
import type { Executor } from '../db/database';
import type { AppDeps } from './deps';

export interface Ctx {
  deps: AppDeps;
  actor: Actor;
  requestId: string;
}

export function ctxOf(deps: AppDeps, request: FastifyRequest): Ctx {
  if (!request.actor) throw new Error('ctxOf called on an unauthenticated request');
  return { deps, actor: request.actor, requestId: request.id };
}

export interface AuditInput {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  /** Every patient shown, for an event about several (a list view). */
  patientIds?: string[] | null;
  outcome?: 'allowed' | 'denied';
  detail?: Record<string, unknown> | null;
}

export function auditEvent(ctx: Ctx, input: AuditInput): AuditEventContent {
  const { actor } = ctx;
  return {
    id: newId(),
    clinicId: actor.clinicId,
    occurredAt: new Date(ctx.deps.clock().epochMilliseconds).toISOString(),
    actorType: actor.kind,
    actorId: actor.kind === 'staff' ? actor.staffId : actor.patientId,
    actorRole: actor.kind === 'staff' ? actor.role : 'patient',
    patientId: input.patientId ?? null,
    ...(input.patientIds?.length ? { patientIds: input.patientIds } : {}),
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId ?? null,
    requestId: ctx.requestId,
    outcome: input.outcome ?? 'allowed',
    detail: input.detail ?? null,
  };
}

/**
 * Appends audit events for this request. Pass the open transaction for writes, so the change and its audit commit
 * together; reads audit on the database directly. A failing audit fails the request (fail closed).
 */
export async function audit(ctx: Ctx, inputs: AuditInput | AuditInput[], ex: Executor = ctx.deps.database.db): Promise<void> {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  await appendAuditEvents(ex, ctx.actor.clinicId, list.map((i) => auditEvent(ctx, i)));
}
