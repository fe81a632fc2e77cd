/**
 * The audit trail is a hash chain per clinic: each event stores the SHA-256 of its own content and a chain hash over
 * the previous event's chain hash, its sequence number and its content hash. Altering, deleting or reordering any
 * row breaks the chain from that row on. Hashing itself is passed in (the core does no IO or crypto).
 */
export interface AuditEventContent {
  id: string;
  clinicId: string;
  occurredAt: string; // ISO instant, millisecond precision
  actorType: 'staff' | 'patient' | 'system';
  actorId: string | null;
  actorRole: string | null;
  patientId: string | null;
  /** For events about several patients (a list view); absent otherwise. */
  patientIds?: string[] | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  requestId: string | null;
  outcome: 'allowed' | 'denied';
  detail: Record<string, unknown> | null;
}

export interface StoredAuditEvent extends AuditEventContent {
  seq: number;
  contentHash: string;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Deterministic JSON: object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function contentOf(event: AuditEventContent): string {
  const { id, clinicId, occurredAt, actorType, actorId, actorRole, patientId, patientIds, action, resourceType, resourceId, requestId, outcome, detail } = event;
  // patientIds joins the content only when present, so events written before it existed keep their hashes.
  const many = patientIds && patientIds.length > 0 ? { patientIds } : {};
  return canonicalJson({ id, clinicId, occurredAt, actorType, actorId, actorRole, patientId, ...many, action, resourceType, resourceId, requestId, outcome, detail });
}

/** The text whose SHA-256 is an event's chain hash; the database computes the same in audit_append(). */
export function chainInput(prevHash: string, seq: number, contentHash: string): string {
  return `${prevHash}|${seq}|${contentHash}`;
}

export type ChainProblem =
  | { kind: 'content-altered'; seq: number; id: string }
  | { kind: 'chain-broken'; seq: number; id: string }
  | { kind: 'gap'; expectedSeq: number; foundSeq: number; id: string }
  | { kind: 'head-mismatch'; expectedSeq: number; foundSeq: number };

export interface ChainCursor {
  nextSeq: number;
  prevHash: string;
}

export const chainStart = (): ChainCursor => ({ nextSeq: 1, prevHash: GENESIS_HASH });

/**
 * Checks a batch of events (in sequence order) continuing from `cursor`. Returns the first problem, or the cursor
 * to continue with, so that a trail of any length is verified in constant memory.
 */
export function verifyBatch(
  events: readonly StoredAuditEvent[],
  cursor: ChainCursor,
  sha256Hex: (text: string) => string,
): { problem: ChainProblem } | { cursor: ChainCursor } {
  let { nextSeq, prevHash } = cursor;
  for (const e of events) {
    if (e.seq !== nextSeq) return { problem: { kind: 'gap', expectedSeq: nextSeq, foundSeq: e.seq, id: e.id } };
    if (sha256Hex(contentOf(e)) !== e.contentHash) return { problem: { kind: 'content-altered', seq: e.seq, id: e.id } };
    if (e.prevHash !== prevHash || sha256Hex(chainInput(prevHash, e.seq, e.contentHash)) !== e.hash) {
      return { problem: { kind: 'chain-broken', seq: e.seq, id: e.id } };
    }
    prevHash = e.hash;
    nextSeq += 1;
  }
  return { cursor: { nextSeq, prevHash } };
}

export function describeProblem(clinicId: string, p: ChainProblem): string {
  switch (p.kind) {
    case 'content-altered':
      return `clinic ${clinicId}: audit event #${p.seq} (${p.id}) was altered: its content no longer matches its hash`;
    case 'chain-broken':
      return `clinic ${clinicId}: audit event #${p.seq} (${p.id}) does not follow from the event before it (reordered, replaced or re-hashed)`;
    case 'gap':
      return `clinic ${clinicId}: audit event #${p.expectedSeq} is missing (deleted?); the next event found is #${p.foundSeq} (${p.id})`;
    case 'head-mismatch':
      return `clinic ${clinicId}: the trail ends at #${p.foundSeq} but ${p.expectedSeq} events were written (events at the end were deleted)`;
  }
}
