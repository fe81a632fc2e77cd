import { describe, expect, it } from 'vitest';
import type { Actor, CareTeam } from '../authorization';
import { canKeepGuide, canReadSafetyPlan } from './access';
import { changedKeys, checkBase, checkGuideWritable, completenessOf, contactsOf, safetyPlanOf, validateAnswers } from './answers';
import { ANSWER_SPECS, contactKey, GUIDE, SECTION_IDS } from './guide';

const TOPICS = ['room', 'eyeMaskAndMusic', 'therapistPresent', 'monitoring', 'sensations', 'goingHome', 'myths'].map((t) => `whatToExpect.${t}`);
const CONSENT = ['consent.walkedThrough', 'consent.questionsAsked', 'consent.understandingConfirmed'];

const full = (): Record<string, string> => ({
  hopes: 'To feel something other than flat.',
  fears: 'Losing control; what she might remember.',
  intentions: 'To look at the grief without running.',
  'safetyPlan.whatHelps': 'Slow breathing; music off; a hand on the shoulder.',
  [contactKey(1, 'name')]: 'Sam Morgan',
  [contactKey(1, 'relationship')]: 'partner',
  [contactKey(1, 'phone')]: '+1 510 555 0134',
  ...Object.fromEntries([...TOPICS, ...CONSENT].map((k) => [k, 'yes'])),
});

describe('the guide definition', () => {
  it('has the six sections in order, each with a heading, a prompt and questions', () => {
    expect(GUIDE.map((s) => s.id)).toEqual([...SECTION_IDS]);
    expect(GUIDE.map((s) => s.id)).toEqual(['hopes', 'fears', 'intentions', 'safetyPlan', 'whatToExpect', 'consent']);
    for (const s of GUIDE) {
      expect(s.heading.length).toBeGreaterThan(0);
      expect(s.prompt.length).toBeGreaterThan(10);
      expect(s.questions.length).toBeGreaterThan(0);
    }
    expect(GUIDE.find((s) => s.id === 'safetyPlan')!.crisisLine).toBe(true);
  });

  it('knows every answer key: the topics to tick, the consent steps and three people to call', () => {
    for (const k of [...TOPICS, ...CONSENT]) expect(ANSWER_SPECS.get(k)?.kind, k).toBe('check');
    expect(ANSWER_SPECS.get(contactKey(3, 'phone'))).toMatchObject({ kind: 'phone', section: 'safetyPlan' });
    expect(ANSWER_SPECS.has(contactKey(4, 'phone'))).toBe(false);
    expect(new Set([...ANSWER_SPECS.keys()]).size).toBe(ANSWER_SPECS.size);
  });
});

describe('validating answers', () => {
  it('trims, drops empty answers, and keeps the rest', () => {
    const r = validateAnswers({ hopes: '  Relief.  ', fears: '   ', 'whatToExpect.room': '' });
    expect(r).toEqual({ ok: true, value: { hopes: 'Relief.' } });
  });

  it('refuses unknown keys, naming each, and saves nothing', () => {
    const r = validateAnswers({ hopes: 'x', diagnosis: 'MDD', [contactKey(4, 'name')]: 'Too many' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    expect(r.error.fields?.map((f) => f.path)).toEqual(['answers.diagnosis', 'answers.safetyPlan.contact.4.name']);
    expect(r.error.message).toContain('"diagnosis"');
  });

  it('refuses over-long text, a tick that is not "yes", and a phone that is not a number', () => {
    const r = validateAnswers({ hopes: 'x'.repeat(4001), 'consent.walkedThrough': 'true', [contactKey(2, 'phone')]: 'call me', [contactKey(2, 'name')]: 'n'.repeat(101) });
    expect(!r.ok && r.error.fields).toEqual([
      { path: 'answers.hopes', message: 'at most 4,000 characters' },
      { path: 'answers.consent.walkedThrough', message: 'must be "yes" (covered) or empty' },
      { path: 'answers.safetyPlan.contact.2.phone', message: 'must be a phone number' },
      { path: 'answers.safetyPlan.contact.2.name', message: 'at most 100 characters' },
    ]);
  });

  it('accepts a full guide as it is', () => {
    expect(validateAnswers(full())).toEqual({ ok: true, value: full() });
  });
});

describe('completeness', () => {
  it('lists every section as empty for a new guide', () => {
    const c = completenessOf({});
    expect(c.complete).toBe(false);
    expect(c.empty).toEqual([...SECTION_IDS]);
    expect(c.sections.find((s) => s.id === 'whatToExpect')!.missing).toContain('Monitoring');
  });

  it('is complete when every text is written, every topic ticked and someone can be called', () => {
    const c = completenessOf(full());
    expect(c).toMatchObject({ complete: true, empty: [] });
    expect(c.sections.every((s) => s.status === 'complete' && s.missing.length === 0)).toBe(true);
  });

  it('marks a section partial, saying what is missing', () => {
    const a = full();
    delete a['whatToExpect.monitoring'];
    delete a[contactKey(1, 'phone')];
    const c = completenessOf(a);
    expect(c.complete).toBe(false);
    expect(c.sections.find((s) => s.id === 'whatToExpect')).toMatchObject({ status: 'partial', missing: ['Monitoring'] });
    // A name without a number cannot be called.
    expect(c.sections.find((s) => s.id === 'safetyPlan')).toMatchObject({ status: 'partial', missing: ['Who to call'] });
    expect(c.empty).toEqual([]);
  });

  it('counts notes beside ticks as touching the section, not as completing it', () => {
    const c = completenessOf({ 'consent.notes': 'Asked about nausea.' });
    expect(c.sections.find((s) => s.id === 'consent')).toMatchObject({ status: 'partial', missing: ['The consent document was gone through together', 'The patient was invited to ask questions, and they were answered', 'The patient’s understanding was confirmed'] });
    expect(c.empty).not.toContain('consent');
  });
});

describe('the safety plan', () => {
  it('is what helps and the people to call, in slot order, skipping empty slots', () => {
    const a = { 'safetyPlan.whatHelps': 'Breathing.', [contactKey(3, 'name')]: 'Jo', [contactKey(1, 'phone')]: '555 0100', hopes: 'not in the plan' };
    expect(safetyPlanOf(a)).toEqual({ whatHelps: 'Breathing.', contacts: [{ name: '', relationship: '', phone: '555 0100' }, { name: 'Jo', relationship: '', phone: '' }] });
    expect(contactsOf({})).toEqual([]);
    expect(safetyPlanOf({ hopes: 'x' })).toEqual({ whatHelps: null, contacts: [] });
  });
});

describe('changes and conflicts', () => {
  it('names the keys that changed, never their text', () => {
    expect(changedKeys({ hopes: 'a', fears: 'b' }, { hopes: 'a2', intentions: 'c' })).toEqual(['fears', 'hopes', 'intentions']);
  });

  it('refuses writing to a cancelled or missed session', () => {
    expect(checkGuideWritable('booked').ok).toBe(true);
    expect(checkGuideWritable('completed').ok).toBe(true);
    expect(!checkGuideWritable('cancelled').ok && checkGuideWritable('cancelled')).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(checkGuideWritable('no-show').ok).toBe(false);
  });

  it('detects a save over someone else’s change', () => {
    expect(checkBase(null, undefined).ok).toBe(true);
    expect(checkBase(null, null).ok).toBe(true);
    expect(checkBase({ updatedAt: 5, updatedByName: 'Dr P' }, 5).ok).toBe(true);
    const r = checkBase({ updatedAt: 6, updatedByName: 'Dr P' }, 5);
    expect(!r.ok && r.error).toMatchObject({ code: 'CONFLICT' });
    expect(!r.ok && r.error.message).toContain('Dr P');
    expect(checkBase({ updatedAt: 6, updatedByName: 'Dr P' }, null).ok).toBe(false);
  });
});

describe('who keeps the guide', () => {
  const team: CareTeam = { therapistIds: ['t1'], prescriberId: 'p1' };
  const patient = { clinicId: 'c1', patientId: 'pt1', careTeam: team };
  const staff = (role: 'admin' | 'prescriber' | 'nurse' | 'therapist', staffId: string, clinicId = 'c1'): Actor => ({ kind: 'staff', userId: 'u', clinicId, staffId, role });

  it('is the therapists of the care team and prescribers; not nurses, admins, other therapists, patients or other clinics', () => {
    expect(canKeepGuide(staff('therapist', 't1'), patient)).toBe(true);
    expect(canKeepGuide(staff('prescriber', 'p2'), patient)).toBe(true);
    expect(canKeepGuide(staff('therapist', 't2'), patient)).toBe(false);
    expect(canKeepGuide(staff('nurse', 'n1'), patient)).toBe(false);
    expect(canKeepGuide(staff('admin', 'a1'), patient)).toBe(false);
    expect(canKeepGuide(staff('prescriber', 'p1', 'c2'), patient)).toBe(false);
    expect(canKeepGuide({ kind: 'patient', userId: 'u', clinicId: 'c1', patientId: 'pt1' }, patient)).toBe(false);
  });

  it('lets whoever runs the dosing session read the safety plan, nurses included', () => {
    expect(canReadSafetyPlan(staff('nurse', 'n1'), patient)).toBe(true);
    expect(canReadSafetyPlan(staff('therapist', 't1'), patient)).toBe(true);
    expect(canReadSafetyPlan(staff('therapist', 't2'), patient)).toBe(false);
    expect(canReadSafetyPlan(staff('admin', 'a1'), patient)).toBe(false);
    expect(canReadSafetyPlan({ kind: 'patient', userId: 'u', clinicId: 'c1', patientId: 'pt1' }, patient)).toBe(false);
  });
});
