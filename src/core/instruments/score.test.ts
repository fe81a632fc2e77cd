import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstrumentDefinition, type InstrumentDefinition } from './definition';
import { SHIPPED_INSTRUMENTS } from './library';
import { scoreResponse } from './score';

const byId = (id: string) => SHIPPED_INSTRUMENTS.find((d) => d.id === id)!;
const phq9 = byId('phq-9');
const gad7 = byId('gad-7');
const pcl5 = byId('pcl-5');
const auditC = byId('audit-c');
const phq2 = byId('phq-2');

/** Answers summing to `total`, filling items from the first (each item 0–max). */
function answersFor(def: InstrumentDefinition, total: number, max = 3): number[] {
  const n = def.items.filter((i) => i.required).length;
  return Array.from({ length: n }, (_, i) => Math.max(0, Math.min(max, total - i * max)));
}

const value = <T,>(r: { ok: boolean; value?: T }) => {
  if (!r.ok) throw new Error('expected ok');
  return r.value as T;
};

describe('PHQ-9', () => {
  it.each([
    [0, 'minimal'], [4, 'minimal'], [5, 'mild'], [9, 'mild'], [10, 'moderate'], [14, 'moderate'],
    [15, 'moderately-severe'], [19, 'moderately-severe'], [20, 'severe'], [27, 'severe'],
  ])('total %i is %s', (total, band) => {
    const s = value(scoreResponse(phq9, answersFor(phq9, total)));
    expect(s.total).toBe(total);
    expect(s.severity).toBe(band);
  });

  it('flags suicidal ideation when item 9 is 1 or more, whatever the total', () => {
    const s = value(scoreResponse(phq9, [0, 0, 0, 0, 0, 0, 0, 0, 1]));
    expect(s.total).toBe(1);
    expect(s.severity).toBe('minimal');
    expect(s.flags.map((f) => f.id)).toEqual(['suicidal-ideation']);
    expect(value(scoreResponse(phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0])).flags).toEqual([]);
  });

  it('takes the difficulty item as an unscored 10th answer', () => {
    const s = value(scoreResponse(phq9, [1, 1, 1, 1, 1, 1, 1, 1, 0, 3]));
    expect(s.total).toBe(8);
  });

  it('names each bad answer by its position', () => {
    const r = scoreResponse(phq9, [0, 1, 2, 7, 0, 0, 0, 0, 'x']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.fields?.map((f) => f.path)).toEqual(['answers.3', 'answers.8']);
    const short = scoreResponse(phq9, [0, 1]);
    expect(!short.ok && short.error.fields?.[0]?.path).toBe('answers');
  });
});

describe('GAD-7', () => {
  it.each([[0, 'minimal'], [4, 'minimal'], [5, 'mild'], [9, 'mild'], [10, 'moderate'], [14, 'moderate'], [15, 'severe'], [21, 'severe']])(
    'total %i is %s', (total, band) => {
      expect(value(scoreResponse(gad7, answersFor(gad7, total))).severity).toBe(band);
    },
  );
});

describe('PHQ-2 and AUDIT-C', () => {
  it('PHQ-2 is positive from 3', () => {
    expect(value(scoreResponse(phq2, [1, 1])).positive).toBe(false);
    expect(value(scoreResponse(phq2, [2, 1])).positive).toBe(true);
  });
  it('AUDIT-C cut-offs depend on sex, which is required', () => {
    expect(value(scoreResponse(auditC, [1, 1, 1], { sex: 'female' })).positive).toBe(true);
    expect(value(scoreResponse(auditC, [1, 1, 1], { sex: 'male' })).positive).toBe(false);
    expect(value(scoreResponse(auditC, [2, 1, 1], { sex: 'male' })).positive).toBe(true);
    const r = scoreResponse(auditC, [1, 1, 1]);
    expect(!r.ok && r.error.fields?.map((f) => f.path)).toEqual(['sex']);
  });
});

describe('PCL-5', () => {
  it('sums clusters B 1–5, C 6–7, D 8–14, E 15–20', () => {
    const answers = [1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4];
    const s = value(scoreResponse(pcl5, answers));
    expect(s.subscales).toEqual({ B: 5, C: 4, D: 21, E: 24 });
    expect(s.total).toBe(54);
    expect(s.positive).toBe(true);
    expect(s.criteria).toEqual({ id: 'dsm5', met: false }); // no B item rated ≥ 2
  });
  it('meets the DSM-5 rule with 1 B, 1 C, 2 D, 2 E items rated 2 or more', () => {
    const answers = Array(20).fill(0) as number[];
    for (const i of [0, 5, 7, 8, 14, 15]) answers[i] = 2;
    const s = value(scoreResponse(pcl5, answers));
    expect(s.criteria?.met).toBe(true);
    expect(s.total).toBe(12);
    expect(s.positive).toBe(false);
    answers[15] = 1;
    expect(value(scoreResponse(pcl5, answers)).criteria?.met).toBe(false);
  });
  it('is positive from 33 by default, and at a clinic-set cut-off', () => {
    expect(value(scoreResponse(pcl5, answersFor(pcl5, 32, 4))).positive).toBe(false);
    expect(value(scoreResponse(pcl5, answersFor(pcl5, 33, 4))).positive).toBe(true);
    expect(value(scoreResponse(pcl5, answersFor(pcl5, 31, 4), { positiveThreshold: 31 })).positive).toBe(true);
  });
});

describe('any definition', () => {
  it('scores every valid answer list within range and with its band', () => {
    for (const def of SHIPPED_INSTRUMENTS) {
      const answerArb = fc.tuple(
        ...def.items.map((item) => fc.constantFrom(...def.answerSets[item.answerSet]!.map((o) => o.value))),
      );
      fc.assert(
        fc.property(answerArb, fc.constantFrom('female' as const, 'male' as const), (answers, sex) => {
          const s = value(scoreResponse(def, answers, { sex }));
          const scored = def.items.map((it, i) => (it.scored ? answers[i]! : 0));
          expect(s.total).toBe(scored.reduce((a, b) => a + b, 0));
          if (def.scoring.severity) expect(s.severity).toBeDefined();
        }),
        { numRuns: 200 },
      );
    }
  });

  it('refuses any answer outside an item’s options, naming it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.integer().filter((v) => v < 0 || v > 3), (index, bad) => {
        const answers = Array(9).fill(0) as unknown[];
        answers[index] = bad;
        const r = scoreResponse(phq9, answers);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.fields).toEqual([{ path: `answers.${index}`, message: 'must be one of 0, 1, 2, 3' }]);
      }),
    );
  });

  it('applies reverse scoring', () => {
    const parsed = parseInstrumentDefinition({
      id: 'mini', version: '1', title: 'Mini', shortTitle: 'Mini', instructions: 'Answer.', source: 'test', licence: 'test',
      answerSets: { yn: [{ value: 0, label: 'No' }, { value: 1, label: 'Yes' }] },
      items: [{ id: 'a', text: 'A', answerSet: 'yn' }, { id: 'b', text: 'B', answerSet: 'yn', reverse: true }],
      scoring: { ruleVersion: '1' },
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(value(scoreResponse(parsed.value, [1, 0])).total).toBe(2);
    expect(value(scoreResponse(parsed.value, [0, 1])).total).toBe(0);
  });

  it('reports what is wrong with a bad definition', () => {
    const parsed = parseInstrumentDefinition({
      id: 'Bad Id', version: '1', title: 'x', shortTitle: 'x', instructions: 'x', source: 'x', licence: 'x',
      answerSets: { a: [{ value: 0, label: 'No' }, { value: 0, label: 'Yes' }] },
      items: [{ id: 'i1', text: 'x', answerSet: 'missing' }],
      scoring: { ruleVersion: '1', flags: [{ id: 'f', item: 'nope', minValue: 1, message: 'm' }] },
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const paths = parsed.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['id']));
    const parsed2 = parseInstrumentDefinition({
      id: 'bad', version: '1', title: 'x', shortTitle: 'x', instructions: 'x', source: 'x', licence: 'x',
      answerSets: { a: [{ value: 0, label: 'No' }, { value: 0, label: 'Yes' }] },
      items: [{ id: 'i1', text: 'x', answerSet: 'missing' }],
      scoring: { ruleVersion: '1', flags: [{ id: 'f', item: 'nope', minValue: 1, message: 'm' }] },
    });
    expect(!parsed2.ok && parsed2.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['items.0.answerSet', 'answerSets.a', 'scoring.flags.0.item']),
    );
  });
});
