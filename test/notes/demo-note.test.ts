/**
 * The demo's psychotherapy note (issue #6 demo data): `npm start` writes therapist@'s note on Avery's first held
 * integration session with the demo key; only therapist@ reads it, everyone else gets 404; a second start adds none.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { psychotherapyNotes } from '../../src/db/schema';
import { seedDemoPsychotherapyNote } from '../../src/server/demo/seed-psychotherapy-note';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { DEMO } from '../http/support';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo psychotherapy note', () => {
  it('is written once, on Avery’s first held integration session, readable by its author only', async () => {
    expect(await seedDemoPsychotherapyNote(t.database, [], t.clock.now)).toBe(false);
    expect(await seedDemoPsychotherapyNote(t.database, t.deps.config.noteKeys, t.clock.now)).toBe(true);
    expect(await seedDemoPsychotherapyNote(t.database, t.deps.config.noteKeys, t.clock.now)).toBe(false);
    const rows = await t.database.db.select().from(psychotherapyNotes).where(eq(psychotherapyNotes.clinicId, t.demoClinicId));
    expect(rows).toHaveLength(1);
    const url = `/api/appointments/${rows[0]!.appointmentId}/psychotherapy-note`;
    const therapist = await t.signIn(DEMO.therapist);
    expect(rows[0]!.authorId).toBe(therapist.user.staffId);
    const own = await t.call(therapist, { method: 'GET', url });
    expect(own.statusCode, own.body).toBe(200);
    expect((own.json() as { text: string }).text).toMatch(/Her pace, not mine/);
    for (const email of [DEMO.therapist2, DEMO.prescriber, DEMO.admin, DEMO.nurse, DEMO.patient1]) {
      expect((await t.call(await t.signIn(email), { method: 'GET', url })).statusCode, email).toBe(404);
    }
    const [stored] = await t.database.db.select().from(psychotherapyNotes).where(and(eq(psychotherapyNotes.clinicId, t.demoClinicId), eq(psychotherapyNotes.appointmentId, rows[0]!.appointmentId)));
    expect(Buffer.from(stored!.ciphertext).toString('utf8')).not.toMatch(/pace/);
  });
});
