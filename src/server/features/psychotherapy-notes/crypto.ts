/**
 * Psychotherapy notes are encrypted at rest (45 CFR 164.501 notes are kept apart from the record): AES-256-GCM from
 * Node's crypto (OpenSSL), a fresh 96-bit nonce per write, and the note's identity (clinic, appointment, author) as
 * additional authenticated data, so a ciphertext copied onto another row does not decrypt. Each row names the key it
 * was written with; rotation = a new key first in the configuration, the old ones kept after it to read older notes.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { fail, ok, type Result } from '../../../core/errors';

export interface NoteKey {
  id: string;
  key: Buffer;
}

export interface Sealed {
  keyId: string;
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

const aadOf = (identity: { clinicId: string; appointmentId: string; authorId: string }) =>
  Buffer.from(`tilth-psychotherapy-note|${identity.clinicId}|${identity.appointmentId}|${identity.authorId}`, 'utf8');

export function seal(keys: readonly NoteKey[], identity: { clinicId: string; appointmentId: string; authorId: string }, text: string): Result<Sealed> {
  const current = keys[0];
  if (!current) return fail('NOT_READY', 'Psychotherapy notes are not set up on this server: an administrator must configure PSYCHOTHERAPY_NOTE_KEYS.');
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', current.key, nonce);
  cipher.setAAD(aadOf(identity));
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return ok({ keyId: current.id, nonce, ciphertext, tag: cipher.getAuthTag() });
}

export function open(keys: readonly NoteKey[], identity: { clinicId: string; appointmentId: string; authorId: string }, sealed: Sealed): Result<string> {
  const key = keys.find((k) => k.id === sealed.keyId);
  if (!key) return fail('NOT_READY', `This note was written with key "${sealed.keyId}", which is no longer configured: keep old keys after the new one in PSYCHOTHERAPY_NOTE_KEYS.`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, sealed.nonce);
    decipher.setAAD(aadOf(identity));
    decipher.setAuthTag(sealed.tag);
    return ok(Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8'));
  } catch {
    return fail('INTERNAL', 'This note failed its integrity check and cannot be shown.');
  }
}
