/**
 * The patient journal (issue #6 §4), on PGlite and PostgreSQL. Avery writes entries (private by default) with a
 * prompt, a mood and the dose they reflect on; no staff route ever returns a private entry; a shared entry reaches
 * the clinical staff who read her record (not a therapist off the care team, not the admin, not another patient),
 * and unsharing hides it at once. She edits and deletes her entries (a shared one only after unsharing). Bad input is
 * 400 naming the field and changes nothing; the audit trail records every step without the words.
 */
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, auditEvents, journalEntries } from '../../src/db/schema';
import { buildApp } from '../../src/server/app';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { expectError, fieldPaths } from '../http/support';
import { auditOf, call, patientData, patientIdOf, signInCast, type Cast, type Json } from './support';

const PRIVATE = 'I was furious with my father and could not say it. Nobody needs to read this.';
const SHARED = 'The frozen lake again; this time I walked out onto it and it held.';

let t: TestApp;
let c: Cast;
let averyId = '';
let courseId = '';
let pastDoseId = '';
let futureDoseId = '';
let otherPatientsDoseId = '';
let privateId = '';
let sharedId = '';

beforeAll(async () => {
  t = await createTestApp();
  c = await signInCast(t);
  averyId = await patientIdOf(t, 'Avery');
  // The suite starts from an empty journal: the demo's two entries (one shared) go first.
  await t.database.db.delete(journalEntries).where(and(eq(journalEntries.clinicId, t.demoClinicId), eq(journalEntries.patientId, averyId)));
  const avery = await patientData(t, averyId);
  courseId = avery.course!.id;
  const now = t.clock.now.epochMilliseconds;
  const doses = avery.appointments.filter((a) => a.kind === 'dosing');
  pastDoseId = doses.filter((a) => a.startsAt.getTime() < now && a.status === 'completed').at(-1)!.id;
  futureDoseId = doses.find((a) => a.startsAt.getTime() > now)!.id;
  const [other] = await t.database.db.select().from(appointments).where(and(eq(appointments.clinicId, t.demoClinicId), eq(appointments.kind, 'dosing'), ne(appointments.patientId, averyId))).limit(1);
  otherPatientsDoseId = other!.id;
});
afterAll(async () => {
  await t?.close();
});

const staffList = (who: Session, query = '') => t.call(who, { method: 'GET', url: `/api/patients/${averyId}/journal${query}` });
const staffSees = async (who: Session, query = ''): Promise<Json[]> => {
  const res = await staffList(who, query);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Json).entries as Json[];
};

describe('writing', () => {
  it('an entry is private by default and belongs to the current course', async () => {
    t.clock.advance({ minutes: 1 });
    const e = await call(t, c.avery, 'POST', '/api/me/journal', { prompt: 'what-surfaced', text: `  ${PRIVATE}  `, mood: 3 }, 201);
    expect(e).toMatchObject({ prompt: 'what-surfaced', promptText: 'What surfaced?', text: PRIVATE, mood: 3, shared: false, sharedAt: null, courseId, appointmentId: null });
    privateId = e.id;
  });

  it('an entry on a dose takes the dose’s course; free writing has no prompt and no mood', async () => {
    t.clock.advance({ minutes: 1 });
    const e = await call(t, c.avery, 'POST', '/api/me/journal', { text: SHARED, appointmentId: pastDoseId }, 201);
    expect(e).toMatchObject({ prompt: null, promptText: null, mood: null, appointmentId: pastDoseId, courseId, shared: false });
    sharedId = e.id;
  });

  it('the patient’s list is newest first, with the prompts, her past doses and where to turn in a crisis', async () => {
    const v = await call(t, c.avery, 'GET', '/api/me/journal');
    expect(v.entries.map((e: Json) => e.id)).toEqual([sharedId, privateId]);
    expect(v.prompts.map((p: Json) => p.text)).toEqual(expect.arrayContaining(['What surfaced?', 'What do you want to carry forward?', 'What did you notice in your body?']));
    expect(v.prompts.every((p: Json) => p.help.length > 20)).toBe(true);
    const doseIds = v.doses.map((d: Json) => d.appointmentId);
    expect(doseIds).toContain(pastDoseId);
    expect(doseIds).not.toContain(futureDoseId);
    expect(v.crisisResources.length).toBeGreaterThan(20);
  });
});

describe('privacy', () => {
  it('private entries never reach staff: the care team’s list is empty until she shares', async () => {
    for (const who of [c.therapist, c.nurse, c.prescriber]) expect(await staffSees(who)).toEqual([]);
  });

  it('no route a clinician can read carries a private entry’s words', async () => {
    // Every GET route about a patient, a course or an appointment, for each of Avery's (the app lists its routes as they register).
    const routes: string[] = [];
    const probe = await buildApp(t.deps, { onRoute: (r) => { if ([r.method].flat().includes('GET')) routes.push(r.url); } });
    await probe.close();
    const { appointments: own } = await patientData(t, averyId);
    const urls = routes.filter((r) => /^\/api\/(patients|courses|appointments)\/:id(\/[a-z-]+)*$/.test(r)).flatMap((r) => {
      const ids = r.startsWith('/api/patients') ? [averyId] : r.startsWith('/api/courses') ? [courseId] : own.map((a) => a.id);
      return ids.map((id) => r.replace(':id', id));
    });
    expect(urls.length).toBeGreaterThan(20);
    let read = 0;
    for (const who of [c.therapist, c.prescriber, c.nurse]) {
      for (const url of urls) {
        const res = await t.call(who, { method: 'GET', url });
        if (res.statusCode === 200) read++;
        expect(res.body, `${who.user.role} GET ${url}`).not.toContain('furious');
      }
    }
    expect(read).toBeGreaterThan(20);
  });

  it('staff have no way into the patient’s own journal (403), and another patient reaches none of her entries (404)', async () => {
    for (const who of [c.therapist, c.nurse, c.prescriber, c.admin]) {
      expectError(await t.call(who, { method: 'GET', url: '/api/me/journal' }), 403, 'FORBIDDEN');
      expectError(await t.call(who, { method: 'PUT', url: `/api/me/journal/${privateId}/share` }), 403, 'FORBIDDEN');
      expectError(await t.call(who, { method: 'PATCH', url: `/api/me/journal/${privateId}`, payload: { text: 'x' } }), 403, 'FORBIDDEN');
    }
    for (const [method, suffix, payload] of [['PATCH', '', { text: 'Written by Dan.' }], ['DELETE', '', undefined], ['PUT', '/share', undefined], ['DELETE', '/share', undefined]] as const) {
      expectError(await t.call(c.dan, { method, url: `/api/me/journal/${privateId}${suffix}`, ...(payload ? { payload } : {}) }), 404, 'NOT_FOUND');
    }
    expect((await call(t, c.dan, 'GET', '/api/me/journal')).entries).toEqual([]);
    const [row] = await t.database.db.select().from(journalEntries).where(eq(journalEntries.id, privateId));
    expect(row).toMatchObject({ text: PRIVATE, sharedAt: null });
  });

  it('a shared entry reaches the clinical staff of her record only; sharing again keeps the first time', async () => {
    t.clock.advance({ minutes: 5 });
    const shared = await call(t, c.avery, 'PUT', `/api/me/journal/${sharedId}/share`);
    expect(shared).toMatchObject({ id: sharedId, shared: true });
    t.clock.advance({ minutes: 5 });
    expect((await call(t, c.avery, 'PUT', `/api/me/journal/${sharedId}/share`)).sharedAt).toBe(shared.sharedAt);
    for (const who of [c.therapist, c.nurse, c.prescriber]) {
      const entries = await staffSees(who);
      expect(entries.map((e) => e.id)).toEqual([sharedId]);
      expect(entries[0]).toMatchObject({ text: SHARED, appointmentId: pastDoseId, shared: true });
    }
    for (const who of [c.therapist2, c.admin, c.dan]) expectError(await staffList(who), 404, 'NOT_FOUND');
    // The patient reads her whole journal at /api/me/journal, not the care team's view.
    expectError(await staffList(c.avery), 403, 'FORBIDDEN');
  });

  it('filters the shared entries to those written since a time (the dose an integration follows)', async () => {
    const created = (await staffSees(c.therapist))[0]!.createdAt as string;
    expect((await staffSees(c.therapist, `?since=${encodeURIComponent(created)}`)).map((e) => e.id)).toEqual([sharedId]);
    const later = new Date(Date.parse(created) + 1000).toISOString();
    expect(await staffSees(c.therapist, `?since=${encodeURIComponent(later)}`)).toEqual([]);
    const bad = expectError(await staffList(c.therapist, '?since=yesterday'), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(bad).join(' ')).toContain('since');
  });

  it('an edit of a shared entry shows to the care team; unsharing hides the entry at once', async () => {
    t.clock.advance({ minutes: 1 });
    await call(t, c.avery, 'PATCH', `/api/me/journal/${sharedId}`, { text: `${SHARED} I stayed there a while.` });
    expect((await staffSees(c.therapist))[0]!.text).toMatch(/stayed there a while/);
    const unshared = await call(t, c.avery, 'DELETE', `/api/me/journal/${sharedId}/share`);
    expect(unshared).toMatchObject({ shared: false, sharedAt: null });
    for (const who of [c.therapist, c.nurse, c.prescriber]) expect(await staffSees(who)).toEqual([]);
  });
});

describe('editing and deleting', () => {
  it('edits text and mood; null clears the mood; an empty edit is 400', async () => {
    t.clock.advance({ minutes: 1 });
    const e = await call(t, c.avery, 'PATCH', `/api/me/journal/${privateId}`, { mood: 5 });
    expect(e).toMatchObject({ mood: 5, text: PRIVATE });
    expect(Date.parse(e.updatedAt)).toBeGreaterThan(Date.parse(e.createdAt));
    expect((await call(t, c.avery, 'PATCH', `/api/me/journal/${privateId}`, { mood: null })).mood).toBeNull();
    const empty = expectError(await t.call(c.avery, { method: 'PATCH', url: `/api/me/journal/${privateId}`, payload: {} }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(empty)).toEqual(['(body)']);
  });

  it('deletes a private entry for good; a shared one only once unshared (409 first)', async () => {
    const doomed = await call(t, c.avery, 'POST', '/api/me/journal', { prompt: 'body', text: 'Heavy shoulders.' }, 201);
    await call(t, c.avery, 'PUT', `/api/me/journal/${doomed.id}/share`);
    const refused = expectError(await t.call(c.avery, { method: 'DELETE', url: `/api/me/journal/${doomed.id}` }), 409, 'CONFLICT');
    expect(refused.message).toMatch(/Stop sharing it first/);
    expect((await staffSees(c.therapist)).map((e) => e.id)).toEqual([doomed.id]);
    await call(t, c.avery, 'DELETE', `/api/me/journal/${doomed.id}/share`);
    expect((await t.call(c.avery, { method: 'DELETE', url: `/api/me/journal/${doomed.id}` })).statusCode).toBe(204);
    expect(await t.database.db.select().from(journalEntries).where(eq(journalEntries.id, doomed.id))).toEqual([]);
    expectError(await t.call(c.avery, { method: 'PATCH', url: `/api/me/journal/${doomed.id}`, payload: { text: 'back?' } }), 404, 'NOT_FOUND');
  });
});

describe('validation', () => {
  const post = (payload: unknown) => t.call(c.avery, { method: 'POST', url: '/api/me/journal', payload: payload as object });
  const countEntries = async () => (await t.database.db.select().from(journalEntries).where(eq(journalEntries.patientId, averyId))).length;

  it('names the field and changes nothing', async () => {
    const before = await countEntries();
    const cases: [unknown, string][] = [
      [{ text: '   ' }, 'text'],
      [{ text: 'x'.repeat(20_001) }, 'text'],
      [{ text: 'ok', mood: 11 }, 'mood'],
      [{ text: 'ok', mood: 4.5 }, 'mood'],
      [{ text: 'ok', prompt: 'what-did-you-eat' }, 'prompt'],
      [{ text: 'ok', appointmentId: 'not-a-uuid' }, 'appointmentId'],
      [{ text: 'ok', appointmentId: otherPatientsDoseId }, 'appointmentId'],
      [{ text: 'ok', appointmentId: futureDoseId }, 'appointmentId'],
    ];
    for (const [payload, field] of cases) {
      const err = expectError(await post(payload), 400, 'VALIDATION_FAILED');
      expect(fieldPaths(err), JSON.stringify(payload).slice(0, 80)).toContain(field);
    }
    const patch = expectError(await t.call(c.avery, { method: 'PATCH', url: `/api/me/journal/${privateId}`, payload: { mood: -1 } }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(patch)).toContain('mood');
    expect(await countEntries()).toBe(before);
  });
});

describe('the audit trail', () => {
  it('records every step and every read by staff, never the words or the mood', async () => {
    const rows = await auditOf(t, 'journal.');
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['journal.create', 'journal.list-own', 'journal.edit', 'journal.share', 'journal.unshare', 'journal.delete', 'journal.read-shared']) expect(actions).toContain(a);
    const reads = rows.filter((r) => r.action === 'journal.read-shared' && r.outcome === 'allowed');
    expect(reads.some((r) => (r.detail as Json).entries.includes(sharedId) && r.actorId === c.therapist.user.staffId)).toBe(true);
    expect(rows.some((r) => r.action === 'journal.read-shared' && r.outcome === 'denied' && r.actorId === c.therapist2.user.staffId)).toBe(true);
    expect(rows.some((r) => r.action === 'journal.delete' && r.outcome === 'denied' && (r.detail as Json).reason === 'CONFLICT')).toBe(true);
    expect(rows.some((r) => r.action === 'journal.edit' && r.outcome === 'denied' && r.actorId === c.dan.user.patientId)).toBe(true);
    const edits = rows.filter((r) => r.action === 'journal.edit' && r.outcome === 'allowed');
    expect(edits.map((r) => (r.detail as Json).fields)).toEqual(expect.arrayContaining([['text'], ['mood']]));
    const all = JSON.stringify(await t.database.db.select().from(auditEvents));
    for (const words of ['furious', 'frozen lake', 'stayed there a while', 'Heavy shoulders']) expect(all).not.toContain(words);
    // The mood is the patient's words too: its value is never in the trail (an edit names the field only).
    expect(rows.every((r) => !('mood' in ((r.detail ?? {}) as Json)) && !('text' in ((r.detail ?? {}) as Json)))).toBe(true);
  });
});
