import { describe, expect, it } from 'vitest';
import { checkAddendum, checkEditable, normalizeStructured, signNote, StructuredFields, validateForSigning } from './progress-note';
import { DEFAULT_TEMPLATES, fieldsFor, TemplatePrompts } from './templates';

const complete = { themes: 'Grief', plan: 'Two more integration sessions.', riskAssessment: 'No suicidal ideation; partner at home.' };

describe('signing a progress note', () => {
  it('signs a draft with the plan and the risk assessment filled, saying who and when', () => {
    const r = signNote({ status: 'draft', structured: complete }, 'staff-1', 1_000);
    expect(r).toEqual({ ok: true, value: { status: 'signed', signedAt: 1_000, signedBy: 'staff-1' } });
  });

  it('refuses a draft missing the plan or the risk assessment, naming each field', () => {
    const r = signNote({ status: 'draft', structured: { themes: 'x', plan: '   ' } }, 's', 1);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    expect(r.error.fields?.map((f) => f.path)).toEqual(['structured.plan', 'structured.riskAssessment']);
    expect(r.error.message).toContain('Plan and Risk assessment');
  });

  it('takes a clinic’s stricter list of required fields', () => {
    const r = validateForSigning(complete, ['plan', 'riskAssessment', 'insights']);
    expect(!r.ok && r.error.fields?.map((f) => f.path)).toEqual(['structured.insights']);
  });

  it('refuses to sign twice, and a signed note is never edited: an addendum instead', () => {
    const signed = { status: 'signed' as const, structured: complete };
    const again = signNote(signed, 's', 2);
    expect(!again.ok && again.error.code).toBe('CONFLICT');
    const edit = checkEditable(signed);
    expect(!edit.ok && edit.error.message).toContain('add an addendum');
    expect(checkEditable({ status: 'draft' }).ok).toBe(true);
  });

  it('takes addenda on signed notes only', () => {
    expect(checkAddendum({ status: 'signed' }).ok).toBe(true);
    const r = checkAddendum({ status: 'draft' });
    expect(!r.ok && r.error.code).toBe('CONFLICT');
  });
});

describe('the structured fields', () => {
  it('accept standard and template fields, refuse odd keys and overlong text', () => {
    expect(StructuredFields.safeParse({ plan: 'x', hopesAndFears: 'y' }).success).toBe(true);
    expect(StructuredFields.safeParse({ 'Bad Key': 'x' }).success).toBe(false);
    expect(StructuredFields.safeParse({ plan: 'x'.repeat(20_001) }).success).toBe(false);
    expect(StructuredFields.safeParse({ plan: 3 }).success).toBe(false);
  });

  it('are stored trimmed, without empty fields', () => {
    expect(normalizeStructured({ plan: '  Next week. ', themes: '  ' })).toEqual({ plan: 'Next week.' });
  });
});

describe('templates', () => {
  it('have a default per session kind, each asking for the plan and the risk assessment', () => {
    expect(Object.keys(DEFAULT_TEMPLATES).sort()).toEqual(['dosing', 'integration', 'preparation']);
    for (const prompts of Object.values(DEFAULT_TEMPLATES)) {
      expect(TemplatePrompts.safeParse(prompts).success).toBe(true);
      expect(prompts.map((p) => p.key)).toEqual(expect.arrayContaining(['plan', 'riskAssessment']));
    }
    expect(DEFAULT_TEMPLATES.preparation.map((p) => p.label)).toEqual(expect.arrayContaining(['Hopes and fears', 'Intentions', 'Emotional safety plan', 'What to expect', 'Consent walkthrough']));
    expect(DEFAULT_TEMPLATES.dosing.map((p) => p.label)).toEqual(expect.arrayContaining(['The experience', 'Emotions surfaced', 'Therapist observations']));
    expect(DEFAULT_TEMPLATES.integration.map((p) => p.key)).toEqual(['themes', 'insights', 'intentionsRevisited', 'plan', 'riskAssessment']);
  });

  it('always show the fields signing needs, even when a clinic’s template leaves them out', () => {
    const fields = fieldsFor([{ key: 'mood', label: 'Mood', hint: '' }]);
    expect(fields.map((f) => f.key)).toEqual(['mood', 'plan', 'riskAssessment']);
  });

  it('refuse duplicate keys and empty templates', () => {
    const dup = TemplatePrompts.safeParse([{ key: 'plan', label: 'A' }, { key: 'plan', label: 'B' }]);
    expect(dup.success).toBe(false);
    expect(dup.error?.issues[0]?.path).toEqual([1, 'key']);
    expect(TemplatePrompts.safeParse([]).success).toBe(false);
  });
});
