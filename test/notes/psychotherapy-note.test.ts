/**
 * Psychotherapy notes (issue #6 §3, 45 CFR 164.501), on PGlite and PostgreSQL: the therapist of an appointment writes
 * and reads their note; everyone else gets 404 whatever their role; the stored bytes do not contain the text (nor
 * does the audit trail, nor the logs); every access is audited; key rotation keeps old notes readable and writes new
 * ones with the new key.
 */
import { Writable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, auditEvents, patients, psychotherapyNotes } from '../../src/db/schema';
import { buildApp } from '../../src/server/app';
import { newId } from '../../src/db/ids';
import { createTestApp, TEST_NOTE_KEYS, type Session, type TestApp } from '../helpers/test-app';
import { DEMO } from '../http/support';

const SECRET = 'Spoke for the first time about the winter her brother left; a vivid image of a frozen lake.';
const newKey = (fill: number) => ({ id: 'k2', key: Buffer.alloc(32, fill) });
const oldKey = { id: 'test1', key: Buffer.from(TEST_NOTE_KEYS.split(':')[1]!, 'base64') };

let t: TestApp;
let therapist: Session;
let appointmentId = '';
let otherTherapistsAppointment = '';
const url = (id: string) => `/api/appointments/${id}/psychotherapy-note`;

beforeAll(async () => {
  t = await createTestApp();
  therapist = await t.signIn(DEMO.therapist);
  const [avery] = await t.database.db.select().from(patients).where(and(eq(patients.clinicId, t.demoClinicId), eq(patients.givenName, 'Avery')));
  const rows = await t.database.db.select().from(appointments).where(and(eq(appointments.clinicId, t.demoClinicId), eq(appointments.patientId, avery!.id)));
  appointmentId = rows.find((a) => a.kind === 'integration' && a.therapistId === therapist.user.staffId)!.id;
  // An integration session of therapist2's with Dan, far from the demo's bookings.
  const therapist2 = await t.signIn(DEMO.therapist2);
  const [dan] = await t.database.db.select().from(patients).where(and(eq(patients.clinicId, t.demoClinicId), eq(patients.givenName, 'Daniel')));
  const start = new Date(t.clock.now.add({ hours: 24 * 200 }).epochMilliseconds);
  otherTherapistsAppointment = newId();
  await t.database.db.insert(appointments).values({
    clinicId: t.demoClinicId, id: otherTherapistsAppointment, patientId: dan!.id, kind: 'integration', startsAt: start, endsAt: new Date(start.getTime() + 3600_000),
    roomId: rows[0]!.roomId, therapistId: therapist2.user.staffId!, createdAt: start, updatedAt: start,
  });
});
afterAll(async () => {
  await t?.close();
});

describe('a psychotherapy note', () => {
  it('is written and read back by the therapist of the appointment', async () => {
    const put = await t.call(therapist, { method: 'PUT', url: url(appointmentId), payload: { text: SECRET } });
    expect(put.statusCode, put.body).toBe(204);
    const get = await t.call(therapist, { method: 'GET', url: url(appointmentId) });
    expect(get.statusCode, get.body).toBe(200);
    expect(get.json()).toMatchObject({ text: SECRET });
    const replaced = await t.call(therapist, { method: 'PUT', url: url(appointmentId), payload: { text: `${SECRET} Later: calmer.` } });
    expect(replaced.statusCode).toBe(204);
    expect((await t.call(therapist, { method: 'GET', url: url(appointmentId) })).json()).toMatchObject({ text: `${SECRET} Later: calmer.` });
    await t.call(therapist, { method: 'PUT', url: url(appointmentId), payload: { text: SECRET } });
  });

  it('answers 404 to another therapist, the prescriber, the nurse, the admin and the patient, reading or writing', async () => {
    const others = await t.signInAll(DEMO.therapist2, DEMO.prescriber, DEMO.nurse, DEMO.admin, DEMO.patient1);
    for (const who of others) {
      const get = await t.call(who, { method: 'GET', url: url(appointmentId) });
      expect(get.statusCode, `${who.user.role} GET`).toBe(404);
      expect(get.body).not.toContain('frozen lake');
      const put = await t.call(who, { method: 'PUT', url: url(appointmentId), payload: { text: 'overwrite attempt' } });
      expect(put.statusCode, `${who.user.role} PUT`).toBe(404);
    }
    expect((await t.call(null, { method: 'GET', url: url(appointmentId) })).statusCode).toBe(401);
    // The author cannot write on someone else's session either.
    expect((await t.call(therapist, { method: 'PUT', url: url(otherTherapistsAppointment), payload: { text: 'x' } })).statusCode).toBe(404);
    expect((await t.call(therapist, { method: 'GET', url: url(otherTherapistsAppointment) })).statusCode).toBe(404);
    // Nothing was overwritten.
    expect((await t.call(therapist, { method: 'GET', url: url(appointmentId) })).json()).toMatchObject({ text: SECRET });
  });

  it('is stored encrypted: the bytes in the database do not contain the text', async () => {
    const [row] = await t.database.db.select().from(psychotherapyNotes).where(eq(psychotherapyNotes.appointmentId, appointmentId));
    expect(row!.keyId).toBe('test1');
    expect(row!.nonce).toHaveLength(12);
    expect(row!.tag).toHaveLength(16);
    const everything = Buffer.concat([row!.nonce, row!.ciphertext, row!.tag]);
    expect(everything.includes(Buffer.from('frozen lake'))).toBe(false);
    const dump = await t.database.db.execute(sql`select row_to_json(n)::text as j from psychotherapy_notes n`);
    expect(JSON.stringify(dump)).not.toContain('frozen');
  });

  it('is audited on every access, without its text and without naming the patient', async () => {
    const rows = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.clinicId, t.demoClinicId), eq(auditEvents.resourceType, 'psychotherapy-note')));
    const actions = rows.map((r) => `${r.action}:${r.outcome}`);
    expect(actions.filter((a) => a === 'psychotherapy-note.write:allowed').length).toBeGreaterThanOrEqual(3);
    expect(actions.filter((a) => a === 'psychotherapy-note.read:allowed').length).toBeGreaterThanOrEqual(3);
    expect(actions.filter((a) => a.endsWith(':denied')).length).toBeGreaterThanOrEqual(12);
    expect(JSON.stringify(rows)).not.toContain('frozen');
    expect(rows.every((r) => r.patientId === null && !r.patientIds?.length)).toBe(true);
  });

  it('never reaches the logs', async () => {
    let logged = '';
    const sink = new Writable({ write(chunk, _enc, done) { logged += String(chunk); done(); } });
    const app = await buildApp(t.deps, { logger: { level: 'trace', stream: sink } });
    try {
      await app.ready();
      const headers = { cookie: therapist.cookie, 'x-csrf-token': therapist.csrfToken };
      expect((await app.inject({ method: 'PUT', url: url(appointmentId), payload: { text: SECRET }, headers })).statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: url(appointmentId), headers })).statusCode).toBe(200);
      expect((await app.inject({ method: 'PUT', url: url(appointmentId), payload: { text: '' }, headers })).statusCode).toBe(400);
    } finally {
      await app.close();
    }
    expect(logged.length).toBeGreaterThan(0);
    expect(logged).not.toContain('frozen');
  });
});

describe('key rotation', () => {
  const withKeys = async (keys: { id: string; key: Buffer }[]): Promise<FastifyInstance> => {
    const app = await buildApp({ ...t.deps, config: { ...t.deps.config, noteKeys: keys } });
    await app.ready();
    return app;
  };
  const as = (app: FastifyInstance, method: 'GET' | 'PUT', id: string, text?: string) =>
    app.inject({ method, url: url(id), ...(text ? { payload: { text } } : {}), headers: { cookie: therapist.cookie, 'x-csrf-token': therapist.csrfToken } });

  it('reads old notes with the old key and writes new ones with the new key', async () => {
    const rotated = await withKeys([newKey(9), oldKey]);
    try {
      const old = await as(rotated, 'GET', appointmentId);
      expect(old.statusCode, old.body).toBe(200);
      expect(old.json()).toMatchObject({ text: SECRET });
      const [integration2] = (await t.database.db.select().from(appointments).where(and(eq(appointments.clinicId, t.demoClinicId), eq(appointments.therapistId, therapist.user.staffId!), eq(appointments.kind, 'dosing'))));
      expect((await as(rotated, 'PUT', integration2!.id, 'Written after the rotation.')).statusCode).toBe(204);
      const [row] = await t.database.db.select().from(psychotherapyNotes).where(eq(psychotherapyNotes.appointmentId, integration2!.id));
      expect(row!.keyId).toBe('k2');
      expect((await as(rotated, 'GET', integration2!.id)).json()).toMatchObject({ text: 'Written after the rotation.' });

      // Without the old key, the old note cannot be opened (503 naming the missing key); the new one still can.
      const newOnly = await withKeys([newKey(9)]);
      try {
        const res = await as(newOnly, 'GET', appointmentId);
        expect(res.statusCode).toBe(503);
        expect(res.body).toContain('test1');
        expect(res.body).not.toContain('frozen');
        expect((await as(newOnly, 'GET', integration2!.id)).statusCode).toBe(200);
      } finally {
        await newOnly.close();
      }
      // A wrong key under the right name fails the integrity check rather than showing garbage.
      const wrong = await withKeys([{ id: 'k2', key: Buffer.alloc(32, 1) }]);
      try {
        expect((await as(wrong, 'GET', integration2!.id)).statusCode).toBe(500);
      } finally {
        await wrong.close();
      }
    } finally {
      await rotated.close();
    }
  });

  it('answers 503 with how to configure it when no key is set', async () => {
    const none = await withKeys([]);
    try {
      const res = await as(none, 'PUT', appointmentId, 'anything');
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('PSYCHOTHERAPY_NOTE_KEYS');
    } finally {
      await none.close();
    }
  });
});
