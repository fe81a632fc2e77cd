import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson, chainStart, contentOf, describeProblem, sealEvents, verifyBatch,
  type AuditEventContent, type SealedEvent, type StoredAuditEvent,
} from './audit-chain';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** n events with receipt numbers 10, 20, 30 … (receipt numbers are shared by all clinics, so a clinic's have gaps). */
function events(n: number): StoredAuditEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const content: AuditEventContent = {
      id: `e${i}`, clinicId: 'c', occurredAt: `2026-01-01T00:00:0${i}.000Z`, actorType: 'staff', actorId: 'a', actorRole: 'nurse',
      patientId: 'p', action: 'patient.read', resourceType: 'patient', resourceId: 'p', requestId: 'r', outcome: 'allowed', detail: { n: i },
    };
    return { ...content, seq: (i + 1) * 10, contentHash: sha(contentOf(content)) };
  });
}

function chain(n: number): SealedEvent[] {
  const list = events(n);
  const { seals } = sealEvents(list, chainStart(), sha);
  return seals.map((seal, i) => ({ seal, event: list[i]! }));
}

describe('audit chain', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });

  it('seals in batches exactly as in one go, positions 1, 2, 3 … whatever the receipt numbers', () => {
    const list = events(6);
    const whole = sealEvents(list, chainStart(), sha);
    const first = sealEvents(list.slice(0, 2), chainStart(), sha);
    const rest = sealEvents(list.slice(2), first.cursor, sha);
    expect([...first.seals, ...rest.seals]).toEqual(whole.seals);
    expect(whole.seals.map((s) => [s.seq, s.eventSeq])).toEqual([[1, 10], [2, 20], [3, 30], [4, 40], [5, 50], [6, 60]]);
    expect(whole.seals[3]!.prevHash).toBe(whole.seals[2]!.hash);
    expect(rest.cursor).toEqual({ nextSeq: 7, prevHash: whole.seals[5]!.hash });
  });

  it('accepts an intact chain across batches', () => {
    const sealed = chain(6);
    const first = verifyBatch(sealed.slice(0, 3), chainStart(), sha);
    expect('cursor' in first).toBe(true);
    if (!('cursor' in first)) return;
    const second = verifyBatch(sealed.slice(3), first.cursor, sha);
    expect(second).toEqual({ cursor: { nextSeq: 7, prevHash: sealed[5]!.seal.hash } });
  });

  it('names the first altered, missing, unsealed or reordered event', () => {
    const altered = chain(4);
    altered[2] = { ...altered[2]!, event: { ...altered[2]!.event!, action: 'patient.update' } };
    expect(verifyBatch(altered, chainStart(), sha)).toEqual({ problem: { kind: 'content-altered', seq: 3, id: 'e2' } });

    const deleted = chain(4);
    deleted[1] = { ...deleted[1]!, event: null };
    expect(verifyBatch(deleted, chainStart(), sha)).toEqual({ problem: { kind: 'event-missing', seq: 2, eventSeq: 20 } });

    const sealDeleted = chain(4).filter((e) => e.seal.seq !== 2);
    expect(verifyBatch(sealDeleted, chainStart(), sha)).toEqual({ problem: { kind: 'gap', expectedSeq: 2, foundSeq: 3 } });

    // Two events swap receipt numbers: each seal now finds the other event.
    const swapped = chain(4);
    const [a, b] = [swapped[1]!.event!, swapped[2]!.event!];
    swapped[1] = { ...swapped[1]!, event: { ...b, seq: a.seq } };
    swapped[2] = { ...swapped[2]!, event: { ...a, seq: b.seq } };
    expect(verifyBatch(swapped, chainStart(), sha)).toEqual({ problem: { kind: 'chain-broken', seq: 2, id: 'e2' } });
  });

  it('describes each problem with the clinic and the event', () => {
    expect(describeProblem('c1', { kind: 'event-missing', seq: 2, eventSeq: 20 })).toBe('clinic c1: audit event #2 (receipt 20) is missing (deleted?)');
    expect(describeProblem('c1', { kind: 'inserted', eventSeq: 25, id: 'x' })).toContain('audit event x (receipt 25) is not in the sealed chain');
  });
});
