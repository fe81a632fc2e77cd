/**
 * The clinic's own content (issue #6 §1, §3), on PGlite and PostgreSQL: progress-note templates edited and reset to
 * the defaults through the API, and education modules edited and put in a new order; only the admin and prescribers
 * change them (403 otherwise), bad input is 400 and changes nothing, and each change is audited.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../src/core/notes';
import { DEFAULT_MODULES } from '../../src/core/education/default-modules';
import { auditEvents, noteTemplates } from '../../src/db/schema';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { createOtherClinic, DEMO, expectError, fieldPaths } from '../http/support';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let admin: Session;
let prescriber: Session;
let nurse: Session;
let therapist: Session;
let patient: Session;
let stranger: Session;

const templateOf = async (who: Session, kind: string): Promise<Json> => {
  const res = await t.call(who, { method: 'GET', url: '/api/note-templates' });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Json).templates.find((x: Json) => x.kind === kind);
};
const moduleIds = async (who: Session): Promise<string[]> => ((await t.call(who, { method: 'GET', url: '/api/education' })).json() as Json).modules.map((m: Json) => m.id);

beforeAll(async () => {
  t = await createTestApp();
  [admin, prescriber, nurse, therapist, patient] = await t.signInAll(DEMO.admin, DEMO.prescriber, DEMO.nurse, DEMO.therapist, DEMO.patient1);
  stranger = await t.signIn((await createOtherClinic(t)).admin.email);
});
afterAll(async () => {
  await t?.close();
});

describe('note templates', () => {
  const prompts = [
    { key: 'intentions', label: 'Intentions', hint: 'In the patient’s words.' },
    { key: 'musicPreferences', label: 'Music preferences', hint: 'What to play, what never to play.' },
    { key: 'plan', label: 'Plan', hint: '' },
  ];

  it('are edited by the admin, shown to every clinician, and reset to the defaults', async () => {
    expect(await templateOf(therapist, 'preparation')).toMatchObject({ custom: false, prompts: DEFAULT_TEMPLATES.preparation });
    const saved = await t.call(admin, { method: 'PUT', url: '/api/note-templates/preparation', payload: { prompts } });
    expect(saved.statusCode, saved.body).toBe(200);
    const seen = await templateOf(therapist, 'preparation');
    expect(seen).toMatchObject({ custom: true, prompts, updatedBy: admin.user.staffId });
    // Signing needs the risk assessment, so it is shown even though the template leaves it out.
    expect(seen.fields.map((f: Json) => f.key)).toEqual(['intentions', 'musicPreferences', 'plan', 'riskAssessment']);
    // Another clinic's templates are untouched.
    expect(await templateOf(stranger, 'preparation')).toMatchObject({ custom: false });

    const reset = await t.call(prescriber, { method: 'DELETE', url: '/api/note-templates/preparation' });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ kind: 'preparation', custom: false, prompts: DEFAULT_TEMPLATES.preparation, updatedAt: null });
    expect(await templateOf(therapist, 'preparation')).toMatchObject({ custom: false, prompts: DEFAULT_TEMPLATES.preparation });
    const rows = await t.database.db.select().from(noteTemplates).where(eq(noteTemplates.clinicId, t.demoClinicId));
    expect(rows.filter((r) => r.kind === 'preparation')).toEqual([]);
    // Resetting a kind already on the defaults is harmless.
    expect((await t.call(admin, { method: 'DELETE', url: '/api/note-templates/dosing' })).statusCode).toBe(200);
  });

  it('refuse edits and resets by the nurse, a therapist and the patient (403), and bad kinds or prompts (400)', async () => {
    await t.call(admin, { method: 'PUT', url: '/api/note-templates/integration', payload: { prompts } });
    for (const who of [nurse, therapist, patient]) {
      expectError(await t.call(who, { method: 'DELETE', url: '/api/note-templates/integration' }), 403, 'FORBIDDEN');
      expectError(await t.call(who, { method: 'PUT', url: '/api/note-templates/integration', payload: { prompts: [{ key: 'plan', label: 'Plan' }] } }), 403, 'FORBIDDEN');
    }
    expectError(await t.call(admin, { method: 'DELETE', url: '/api/note-templates/follow-up' }), 400, 'VALIDATION_FAILED');
    const dup = expectError(await t.call(admin, { method: 'PUT', url: '/api/note-templates/integration', payload: { prompts: [{ key: 'plan', label: 'A' }, { key: 'plan', label: 'B' }] } }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(dup)).toContain('prompts.1.key');
    expect(await templateOf(therapist, 'integration')).toMatchObject({ custom: true, prompts });
    const audited = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.clinicId, t.demoClinicId), eq(auditEvents.action, 'note-template.reset')));
    expect(audited.filter((r) => r.outcome === 'allowed').map((r) => r.resourceId)).toEqual(['preparation', 'dosing']);
    expect(audited.filter((r) => r.outcome === 'denied')).toHaveLength(3);
  });
});

describe('education modules', () => {
  it('are edited and put in a new order by the admin; the patient reads them so', async () => {
    const before = await moduleIds(patient);
    expect(before).toEqual(DEFAULT_MODULES.map((m) => m.id));
    const edited = await t.call(prescriber, { method: 'PUT', url: `/api/education/${before[0]}`, payload: { title: 'What KAP is, at our clinic', body: 'Our words.\n\n## Fasting\n\n- Nothing to eat for 4 hours before.' } });
    expect(edited.statusCode, edited.body).toBe(200);
    const order = [...before].reverse();
    const res = await t.call(admin, { method: 'PUT', url: '/api/education-order', payload: { moduleIds: order } });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Json).modules.map((m: Json) => m.id)).toEqual(order);
    const seen = ((await t.call(patient, { method: 'GET', url: '/api/education' })).json() as Json).modules as Json[];
    expect(seen.map((m) => m.id)).toEqual(order);
    expect(seen.map((m) => m.position)).toEqual(order.map((_, i) => i + 1));
    expect(seen.find((m) => m.id === before[0])).toMatchObject({ title: 'What KAP is, at our clinic' });
    expect(await moduleIds(stranger)).toEqual(DEFAULT_MODULES.map((m) => m.id));
  });

  it('refuse an order that leaves a module out, repeats or invents one (400), and anyone but the admin or a prescriber (403)', async () => {
    const current = await moduleIds(admin);
    for (const bad of [current.slice(1), [...current, current[0]!], [...current.slice(1), 'not-a-module']]) {
      const err = expectError(await t.call(admin, { method: 'PUT', url: '/api/education-order', payload: { moduleIds: bad } }), 400, 'VALIDATION_FAILED');
      expect(fieldPaths(err)).toEqual(['moduleIds']);
    }
    for (const who of [nurse, therapist, patient]) expectError(await t.call(who, { method: 'PUT', url: '/api/education-order', payload: { moduleIds: current } }), 403, 'FORBIDDEN');
    expect(await moduleIds(admin)).toEqual(current);
    const audited = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.clinicId, t.demoClinicId), eq(auditEvents.action, 'education.reorder')));
    expect(audited.filter((r) => r.outcome === 'allowed')).toHaveLength(1);
  });
});
