import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import {
  chainStart, contentOf, describeProblem, verifyBatch,
  type AuditEventContent, type ChainProblem, type SealedEvent, type StoredAuditEvent,
} from '../../core/audit-chain';
import { auditEvents, auditHeads, auditSeals } from '../schema';
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
 * Appends events in one round trip, unchained (the sealer chains them a moment later: ./audit-seal.ts). Inside a
 * transaction the events commit or roll back with it; no lock is taken that another request would wait for.
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
  };
}

export interface VerifyReport {
  ok: boolean;
  clinics: number;
  /** Sealed events checked. */
  events: number;
  /** Events appended but not sealed yet (the sealer runs every second while the server runs; `audit verify` seals first). */
  pending: number;
  problems: string[];
}

/**
 * Walks every clinic's chain of seals in batches, each seal with the event it seals; reports the first bad event of
 * each broken chain, and events that sit inside a sealed range without a seal (inserted afterwards).
 */
export async function verifyAuditTrail(db: Db, batchSize = 2000): Promise<VerifyReport> {
  const heads = await db.select().from(auditHeads);
  const problems: string[] = [];
  let events = 0;
  for (const head of heads) {
    const walked = await walkChain(db, head.clinicId, batchSize);
    events += walked.events;
    let problem = walked.problem;
    if (!problem && (head.lastSeq !== walked.cursor.nextSeq - 1 || head.lastHash !== walked.cursor.prevHash)) {
      problem = { kind: 'head-mismatch', expectedSeq: head.lastSeq, foundSeq: walked.cursor.nextSeq - 1 };
    }
    problem ??= await insertedEvent(db, head.clinicId, head.sealedThrough);
    if (problem) problems.push(describeProblem(head.clinicId, problem));
  }
  const [waiting] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .leftJoin(auditHeads, eq(auditHeads.clinicId, auditEvents.clinicId))
    .where(sql`${auditEvents.seq} > coalesce(${auditHeads.sealedThrough}, 0)`);
  return { ok: problems.length === 0, clinics: heads.length, events, pending: waiting?.n ?? 0, problems };
}

async function walkChain(db: Db, clinicId: string, batchSize: number) {
  let cursor = chainStart();
  let events = 0;
  for (;;) {
    const rows = await db
      .select({ seal: auditSeals, event: auditEvents })
      .from(auditSeals)
      .leftJoin(auditEvents, and(eq(auditEvents.clinicId, auditSeals.clinicId), eq(auditEvents.seq, auditSeals.eventSeq)))
      .where(and(eq(auditSeals.clinicId, clinicId), gt(auditSeals.seq, cursor.nextSeq - 1)))
      .orderBy(asc(auditSeals.seq))
      .limit(batchSize);
    if (rows.length === 0) return { cursor, events, problem: null };
    const batch: SealedEvent[] = rows.map((r) => ({ seal: r.seal, event: r.event ? toStored(r.event) : null }));
    const result = verifyBatch(batch, cursor, sha256Hex);
    if ('problem' in result) return { cursor, events, problem: result.problem };
    cursor = result.cursor;
    events += rows.length;
  }
}

/** The first event at or below the clinic's sealed receipt number that no seal covers. */
async function insertedEvent(db: Db, clinicId: string, sealedThrough: number): Promise<ChainProblem | null> {
  const [row] = await db
    .select({ seq: auditEvents.seq, id: auditEvents.id })
    .from(auditEvents)
    .where(and(
      eq(auditEvents.clinicId, clinicId),
      lte(auditEvents.seq, sealedThrough),
      sql`NOT EXISTS (SELECT 1 FROM ${auditSeals} s WHERE s.clinic_id = ${auditEvents.clinicId} AND s.event_seq = ${auditEvents.seq})`,
    ))
    .orderBy(asc(auditEvents.seq))
    .limit(1);
  return row ? { kind: 'inserted', eventSeq: row.seq, id: row.id } : null;
}
