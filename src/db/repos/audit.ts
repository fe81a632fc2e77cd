import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import {
  chainStart, contentOf, describeProblem, verifyBatch,
  type AuditEventContent, type ChainProblem, type StoredAuditEvent,
} from '../../core/audit-chain';
import { auditEvents, auditHeads } from '../schema';
import { queryPrepared, type Db, type Executor } from '../database';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The `audit_append(…)` call for these events, to embed in a statement that reads or writes what they record, so the
 * access and its audit are one round trip and one transaction (fail closed: if the append fails, so does the read).
 */
export function auditAppendCall(clinicId: string, events: readonly AuditEventContent[]): SQL {
  const payload = events.map((e) => ({ ...e, contentHash: sha256Hex(contentOf(e)) }));
  return sql`audit_append(${clinicId}::uuid, ${JSON.stringify(payload)}::jsonb)`;
}

/**
 * Appends events to their clinic's chain in one round trip. audit_append() takes the clinic's chain head FOR UPDATE,
 * and a row lock lasts until the transaction ends: outside a transaction that is this statement; inside one it is the
 * COMMIT, so append last in a transaction, once, to keep the clinic's other requests from waiting on it.
 */
export async function appendAuditEvents(ex: Executor, clinicId: string, events: readonly AuditEventContent[]): Promise<void> {
  if (events.length === 0) return;
  await queryPrepared(ex, sql`SELECT ${auditAppendCall(clinicId, events)}`);
}

/** Events about a patient: theirs alone, or a list view that showed them. */
export function aboutPatient(patientId: string): SQL {
  return sql`(${auditEvents.patientId} = ${patientId} OR ${auditEvents.patientIds} @> ARRAY[${patientId}]::uuid[])`;
}

export interface AuditQuery {
  clinicId: string;
  patientId?: string | undefined;
  actorId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

export async function listAuditEvents(ex: Executor, q: AuditQuery) {
  const conditions: SQL[] = [eq(auditEvents.clinicId, q.clinicId)];
  if (q.patientId) conditions.push(aboutPatient(q.patientId));
  if (q.actorId) conditions.push(eq(auditEvents.actorId, q.actorId));
  if (q.from) conditions.push(gte(auditEvents.occurredAt, q.from));
  if (q.to) conditions.push(lte(auditEvents.occurredAt, q.to));
  if (q.beforeSeq) conditions.push(sql`${auditEvents.seq} < ${q.beforeSeq}`);
  return ex
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.seq))
    .limit(q.limit);
}

function toStored(row: typeof auditEvents.$inferSelect): StoredAuditEvent {
  return {
    id: row.id,
    clinicId: row.clinicId,
    occurredAt: row.occurredAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorRole: row.actorRole,
    patientId: row.patientId,
    patientIds: row.patientIds ?? null,
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    requestId: row.requestId,
    outcome: row.outcome,
    detail: row.detail ?? null,
    seq: row.seq,
    contentHash: row.contentHash,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export interface VerifyReport {
  ok: boolean;
  clinics: number;
  events: number;
  problems: string[];
}

/** Walks every clinic's chain in batches; reports the first bad event of each broken chain. */
export async function verifyAuditTrail(db: Db, batchSize = 2000): Promise<VerifyReport> {
  const heads = await db.select().from(auditHeads);
  const clinicsWithEvents = await db.selectDistinct({ clinicId: auditEvents.clinicId }).from(auditEvents);
  const headById = new Map(heads.map((h) => [h.clinicId, h]));
  const problems: string[] = [];
  let events = 0;
  for (const { clinicId } of clinicsWithEvents) {
    if (!headById.has(clinicId)) problems.push(`clinic ${clinicId}: events exist but the chain head is missing`);
  }
  for (const head of heads) {
    let cursor = chainStart();
    let problem: ChainProblem | null = null;
    let lastSeq = 0;
    for (;;) {
      const rows = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.clinicId, head.clinicId), gt(auditEvents.seq, lastSeq)))
        .orderBy(asc(auditEvents.seq))
        .limit(batchSize);
      if (rows.length === 0) break;
      const result = verifyBatch(rows.map(toStored), cursor, sha256Hex);
      if ('problem' in result) {
        problem = result.problem;
        break;
      }
      cursor = result.cursor;
      events += rows.length;
      lastSeq = rows[rows.length - 1]!.seq;
    }
    if (!problem && (head.lastSeq !== cursor.nextSeq - 1 || head.lastHash !== cursor.prevHash)) {
      problem = { kind: 'head-mismatch', expectedSeq: head.lastSeq, foundSeq: cursor.nextSeq - 1 };
    }
    if (problem) problems.push(describeProblem(head.clinicId, problem));
  }
  return { ok: problems.length === 0, clinics: heads.length, events, problems };
}
