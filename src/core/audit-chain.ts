/**
 * The audit trail is a hash chain per clinic. Each event stores the SHA-256 of its own content when it is appended;
 * a sealer then gives it the next position in its clinic's chain, with a chain hash over the previous position's hash,
 * the position and the event's content hash (a seal). Altering, deleting or reordering any sealed event, or any seal,
 * breaks the chain from that point on. Hashing itself is passed in (the core does no IO or crypto).
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

/** An event as stored: `seq` is its receipt number (one sequence for all clinics). */
export interface StoredAuditEvent extends AuditEventContent {
  seq: number;
  contentHash: string;
}

/** Position `seq` of a clinic's chain, sealing the event with receipt number `eventSeq`. */
export interface AuditSeal {
  seq: number;
  eventSeq: number;
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

/** The text whose SHA-256 is a seal's chain hash (position `seq` of the clinic's chain). */
export function chainInput(prevHash: string, seq: number, contentHash: string): string {
  return `${prevHash}|${seq}|${contentHash}`;
}

export type ChainProblem =
  | { kind: 'content-altered'; seq: number; id: string }
  | { kind: 'chain-broken'; seq: number; id: string }
  | { kind: 'event-missing'; seq: number; eventSeq: number }
  | { kind: 'gap'; expectedSeq: number; foundSeq: number }
  | { kind: 'head-mismatch'; expectedSeq: number; foundSeq: number }
  | { kind: 'inserted'; eventSeq: number; id: string };

export interface ChainCursor {
  nextSeq: number;
  prevHash: string;
}

export const chainStart = (): ChainCursor => ({ nextSeq: 1, prevHash: GENESIS_HASH });

/**
 * Seals events (in receipt order) onto the end of a chain: the positions and hashes to store, and the new end.
 * The content hash is the one stored with the event; verification recomputes it from the content.
 */
export function sealEvents(
  events: readonly { seq: number; contentHash: string }[],
  cursor: ChainCursor,
  sha256Hex: (text: string) => string,
): { seals: AuditSeal[]; cursor: ChainCursor } {
  let { nextSeq, prevHash } = cursor;
  const seals = events.map((e) => {
    const hash = sha256Hex(chainInput(prevHash, nextSeq, e.contentHash));
    const seal = { seq: nextSeq, eventSeq: e.seq, prevHash, hash };
    prevHash = hash;
    nextSeq += 1;
    return seal;
  });
  return { seals, cursor: { nextSeq, prevHash } };
}

/** A seal with the event it seals, or null where that event no longer exists. */
export interface SealedEvent {
  seal: AuditSeal;
  event: StoredAuditEvent | null;
}

/**
 * Checks a batch of seals (in chain order) continuing from `cursor`. Returns the first problem, or the cursor to
 * continue with, so that a trail of any length is verified in constant memory.
 */
export function verifyBatch(
  batch: readonly SealedEvent[],
  cursor: ChainCursor,
  sha256Hex: (text: string) => string,
): { problem: ChainProblem } | { cursor: ChainCursor } {
  let { nextSeq, prevHash } = cursor;
  for (const { seal, event } of batch) {
    if (seal.seq !== nextSeq) return { problem: { kind: 'gap', expectedSeq: nextSeq, foundSeq: seal.seq } };
    if (!event) return { problem: { kind: 'event-missing', seq: seal.seq, eventSeq: seal.eventSeq } };
    if (sha256Hex(contentOf(event)) !== event.contentHash) return { problem: { kind: 'content-altered', seq: seal.seq, id: event.id } };
    if (seal.prevHash !== prevHash || sha256Hex(chainInput(prevHash, seal.seq, event.contentHash)) !== seal.hash) {
      return { problem: { kind: 'chain-broken', seq: seal.seq, id: event.id } };
    }
    prevHash = seal.hash;
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
    case 'event-missing':
      return `clinic ${clinicId}: audit event #${p.seq} (receipt ${p.eventSeq}) is missing (deleted?)`;
    case 'gap':
      return `clinic ${clinicId}: the seal of audit event #${p.expectedSeq} is missing (deleted?); the next seal found is #${p.foundSeq}`;
    case 'head-mismatch':
      return `clinic ${clinicId}: the trail ends at #${p.foundSeq} but ${p.expectedSeq} events were sealed (events at the end were deleted)`;
    case 'inserted':
      return `clinic ${clinicId}: audit event ${p.id} (receipt ${p.eventSeq}) is not in the sealed chain although it falls within it (inserted afterwards?)`;
  }
}
