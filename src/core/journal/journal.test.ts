import { describe, expect, it } from 'vitest';
import {
  checkDeletable, doseForIntegration, editEntry, findPrompt, isPromptId, JOURNAL_PROMPTS, JournalText, Mood, moodLabel, PromptId, shareEntry, unshareEntry,
  visibleToCareTeam, type DoseRef,
} from './index';

describe('journal prompts', () => {
  it('include the issue’s three, each with an id, a question and help; ids are unique', () => {
    const ids = JOURNAL_PROMPTS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(JOURNAL_PROMPTS.map((p) => p.text)).toEqual(expect.arrayContaining(['What surfaced?', 'What do you want to carry forward?', 'What did you notice in your body?']));
    for (const p of JOURNAL_PROMPTS) {
      expect(p.id).toMatch(/^[a-z][a-z-]+$/);
      expect(p.text.endsWith('?')).toBe(true);
      expect(p.help.length).toBeGreaterThan(30);
    }
  });

  it('are found by id; unknown ids are not prompts', () => {
    expect(findPrompt('body')?.text).toBe('What did you notice in your body?');
    expect(findPrompt('nope')).toBeNull();
    expect(findPrompt(null)).toBeNull();
    expect(isPromptId('what-surfaced')).toBe(true);
    expect(isPromptId('What surfaced?')).toBe(false);
    expect(PromptId.safeParse('carry-forward').success).toBe(true);
    expect(PromptId.safeParse('carry_forward').success).toBe(false);
  });
});

describe('entry validation', () => {
  it('needs some words, trims them, and caps the length', () => {
    expect(JournalText.parse('  a quiet morning  ')).toBe('a quiet morning');
    expect(JournalText.safeParse('   ').success).toBe(false);
    expect(JournalText.safeParse('x'.repeat(20_001)).success).toBe(false);
    expect(JournalText.safeParse('x'.repeat(20_000)).success).toBe(true);
  });

  it('takes a mood as a whole number from 0 to 10, with words for it', () => {
    for (const ok of [0, 5, 10]) expect(Mood.safeParse(ok).success).toBe(true);
    for (const bad of [-1, 11, 4.5, '5']) expect(Mood.safeParse(bad).success).toBe(false);
    expect([0, 2, 5, 8, 10].map(moodLabel)).toEqual(['Very low', 'Low', 'In between', 'Good', 'Very good']);
  });
});

describe('an entry', () => {
  const entry = { text: 'The lake again.', mood: 4, sharedAt: null };

  it('edits report only the fields that changed; null clears the mood', () => {
    expect(editEntry(entry, { text: ' The lake again. ' })).toEqual({ text: 'The lake again.', mood: 4, changed: [] });
    expect(editEntry(entry, { text: 'The lake, frozen.', mood: 6 })).toEqual({ text: 'The lake, frozen.', mood: 6, changed: ['text', 'mood'] });
    expect(editEntry(entry, { mood: null })).toEqual({ text: 'The lake again.', mood: null, changed: ['mood'] });
    expect(editEntry(entry, {}).changed).toEqual([]);
  });

  it('is shared once (sharing again keeps the first time) and unshared at once', () => {
    const shared = shareEntry(entry, 1000);
    expect(shared).toEqual({ sharedAt: 1000, changed: true });
    expect(shareEntry({ sharedAt: 1000 }, 5000)).toEqual({ sharedAt: 1000, changed: false });
    expect(unshareEntry({ sharedAt: 1000 })).toEqual({ sharedAt: null, changed: true });
    expect(unshareEntry({ sharedAt: null })).toEqual({ sharedAt: null, changed: false });
    expect(visibleToCareTeam({ sharedAt: 1000 })).toBe(true);
    expect(visibleToCareTeam(entry)).toBe(false);
  });

  it('is deleted when private; a shared one must be unshared first', () => {
    expect(checkDeletable(entry).ok).toBe(true);
    const refused = checkDeletable({ sharedAt: 1000 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('CONFLICT');
      expect(refused.error.message).toMatch(/Stop sharing it first/);
    }
  });
});

describe('the dose an integration session follows', () => {
  const dose = (id: string, number: number, startsAt: number, status = 'completed', courseId: string | null = 'c1'): DoseRef => ({ id, courseId, number, startsAt, status });
  const doses = [dose('d1', 1, 100), dose('d2', 2, 200), dose('d3', 3, 300, 'booked')];

  it('is the course’s dose of the same number', () => {
    expect(doseForIntegration({ id: 'i2', courseId: 'c1', number: 2, startsAt: 250 }, doses)?.id).toBe('d2');
    // Even when a later dose started before the session (a moved appointment), the numbers pair them.
    expect(doseForIntegration({ id: 'i1', courseId: 'c1', number: 1, startsAt: 250 }, doses)?.id).toBe('d1');
  });

  it('otherwise is the latest dose before the session; never a cancelled or missed one, nor one after it', () => {
    expect(doseForIntegration({ id: 'x', courseId: null, number: 1, startsAt: 250 }, doses)?.id).toBe('d2');
    expect(doseForIntegration({ id: 'i2', courseId: 'c1', number: 2, startsAt: 250 }, [dose('d1', 1, 100), dose('d2', 2, 200, 'cancelled')])?.id).toBe('d1');
    expect(doseForIntegration({ id: 'i2', courseId: 'c1', number: 2, startsAt: 250 }, [dose('d2', 2, 200, 'no-show')])).toBeNull();
    expect(doseForIntegration({ id: 'i0', courseId: 'c1', number: 1, startsAt: 50 }, doses)).toBeNull();
  });
});
