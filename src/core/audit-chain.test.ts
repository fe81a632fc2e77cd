import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainInput, chainStart, contentOf, verifyBatch, type AuditEventContent, type StoredAuditEvent } from './audit-chain';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function chain(n: number): StoredAuditEvent[] {
  let prev = chainStart().prevHash;
  return Array.from({ length: n }, (_, i) => {
    const content: AuditEventContent = {
      id: `e${i}`, clinicId: 'c', occurredAt: `2026-01-01T00:00:0${i}.000Z`, actorType: 'staff', actorId: 'a', actorRole: 'nurse',
      patientId: 'p', action: 'patient.read', resourceType: 'patient', resourceId: 'p', requestId: 'r', outcome: 'allowed', detail: { n: i },
    };
    const contentHash = sha(contentOf(content));
    const hash = sha(chainInput(prev, i + 1, contentHash));
    const event = { ...content, seq: i + 1, contentHash, prevHash: prev, hash };
    prev = hash;
    return event;
  });
}

describe('audit chain', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });

  it('accepts an intact chain across batches', () => {
    const events = chain(6);
    const first = verifyBatch(events.slice(0, 3), chainStart(), sha);
    expect('cursor' in first).toBe(true);
    if (!('cursor' in first)) return;
    const second = verifyBatch(events.slice(3), first.cursor, sha);
    expect(second).toEqual({ cursor: { nextSeq: 7, prevHash: events[5]!.hash } });
  });

  it('names the first altered, missing or reordered event', () => {
    const altered = chain(4);
    altered[2] = { ...altered[2]!, action: 'patient.update' };
    expect(verifyBatch(altered, chainStart(), sha)).toEqual({ problem: { kind: 'content-altered', seq: 3, id: 'e2' } });

    const deleted = chain(4).filter((e) => e.seq !== 2);
    expect(verifyBatch(deleted, chainStart(), sha)).toEqual({ problem: { kind: 'gap', expectedSeq: 2, foundSeq: 3, id: 'e2' } });

    const swapped = chain(4);
    const [a, b] = [swapped[1]!, swapped[2]!];
    swapped[1] = { ...b, seq: 2 };
    swapped[2] = { ...a, seq: 3 };
    expect(verifyBatch(swapped, chainStart(), sha)).toMatchObject({ problem: { kind: 'chain-broken', seq: 2 } });
  });
});
