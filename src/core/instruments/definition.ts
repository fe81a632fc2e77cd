/**
 * An instrument (questionnaire) is data: items, answer options with their values and codes, and a scoring rule. The
 * schema validates shipped definitions and clinic-imported ones alike; `scoreResponse` (score.ts) scores any of them.
 */
import { z } from 'zod';

const Code = z.string().trim().min(1).max(40);
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');

export const AnswerOption = z.object({
  value: z.number().int().min(-100).max(100),
  label: z.string().trim().min(1).max(300),
  /** LOINC answer code (LA…), where one exists. */
  loinc: Code.optional(),
});

export const Item = z.object({
  id: Id,
  text: z.string().trim().min(1).max(1000),
  answerSet: Id,
  loinc: Code.optional(),
  /** Items that are asked but not part of the total (e.g. the PHQ-9 difficulty question). */
  scored: z.boolean().default(true),
  /** Optional items may be left out at the end of the answer list. */
  required: z.boolean().default(true),
  /** Reverse-scored: the item contributes (min + max − value). */
  reverse: z.boolean().default(false),
});

export const SeverityBand = z.object({
  min: z.number().int(),
  max: z.number().int(),
  band: Id,
  label: z.string().trim().min(1).max(100),
});

export const PositiveRule = z.union([
  z.object({ kind: z.literal('total-at-least'), threshold: z.number().int() }),
  z.object({ kind: z.literal('total-at-least-by-sex'), female: z.number().int(), male: z.number().int() }),
]);

export const Subscale = z.object({ id: z.string().trim().min(1).max(20), label: z.string().trim().min(1).max(100), items: z.array(Id).min(1) });

/** A DSM-style criterion count: an item rated ≥ minItemValue counts as endorsed; each subscale needs `min` endorsed. */
export const CriteriaRule = z.object({
  id: Id,
  minItemValue: z.number().int(),
  requirements: z.array(z.object({ subscale: z.string(), min: z.number().int().min(1) })).min(1),
});

export const FlagRule = z.object({
  id: Id,
  item: Id,
  minValue: z.number().int(),
  message: z.string().trim().min(1).max(500),
});

export const Scoring = z.object({
  /** Bumped whenever the rule changes, so stored scores say which rule made them. */
  ruleVersion: z.string().trim().min(1).max(20),
  severity: z.array(SeverityBand).optional(),
  positive: PositiveRule.optional(),
  subscales: z.array(Subscale).optional(),
  criteria: CriteriaRule.optional(),
  flags: z.array(FlagRule).default([]),
  /** Minimal clinically important difference of the total, for outcome views. */
  mcid: z.number().int().positive().optional(),
});

export const InstrumentDefinition = z
  .object({
    id: Id,
    version: z.string().trim().min(1).max(20),
    title: z.string().trim().min(1).max(200),
    shortTitle: z.string().trim().min(1).max(40),
    /** The instruction and recall period, shown before the items in the instrument's own wording. */
    instructions: z.string().trim().min(1).max(2000),
    /** Asked before each item when the instrument repeats a stem ("In the past month, how much were you bothered by:"). */
    itemStem: z.string().trim().max(300).optional(),
    source: z.string().trim().min(1).max(1000),
    licence: z.string().trim().min(1).max(1000),
    loinc: z.object({ panel: Code.optional(), total: Code.optional() }).default({}),
    requiresSex: z.boolean().default(false),
    answerSets: z.record(Id, z.array(AnswerOption).min(2).max(20)),
    items: z.array(Item).min(1).max(200),
    scoring: Scoring,
  })
  .superRefine((def, ctx) => {
    const itemIds = new Set<string>();
    def.items.forEach((item, i) => {
      if (itemIds.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `duplicate item id "${item.id}"` });
      itemIds.add(item.id);
      if (!def.answerSets[item.answerSet]) ctx.addIssue({ code: 'custom', path: ['items', i, 'answerSet'], message: `no answer set "${item.answerSet}"` });
    });
    const firstOptional = def.items.findIndex((item) => !item.required);
    if (firstOptional >= 0 && def.items.slice(firstOptional).some((item) => item.required)) {
      ctx.addIssue({ code: 'custom', path: ['items', firstOptional], message: 'optional items must come after every required item' });
    }
    for (const [setId, options] of Object.entries(def.answerSets)) {
      const values = options.map((o) => o.value);
      if (new Set(values).size !== values.length) ctx.addIssue({ code: 'custom', path: ['answerSets', setId], message: 'duplicate answer values' });
    }
    const { scoring } = def;
    scoring.subscales?.forEach((s, i) =>
      s.items.forEach((id, j) => {
        if (!itemIds.has(id)) ctx.addIssue({ code: 'custom', path: ['scoring', 'subscales', i, 'items', j], message: `no item "${id}"` });
      }),
    );
    scoring.flags.forEach((f, i) => {
      if (!itemIds.has(f.item)) ctx.addIssue({ code: 'custom', path: ['scoring', 'flags', i, 'item'], message: `no item "${f.item}"` });
    });
    const subscaleIds = new Set(scoring.subscales?.map((s) => s.id));
    scoring.criteria?.requirements.forEach((r, i) => {
      if (!subscaleIds.has(r.subscale)) ctx.addIssue({ code: 'custom', path: ['scoring', 'criteria', 'requirements', i, 'subscale'], message: `no subscale "${r.subscale}"` });
    });
    if (scoring.severity) {
      const bands = [...scoring.severity].sort((a, b) => a.min - b.min);
      bands.forEach((b, i) => {
        if (b.min > b.max) ctx.addIssue({ code: 'custom', path: ['scoring', 'severity', i], message: 'min is above max' });
        const next = bands[i + 1];
        if (next && next.min !== b.max + 1) ctx.addIssue({ code: 'custom', path: ['scoring', 'severity'], message: `bands must be contiguous (gap or overlap after ${b.max})` });
      });
    }
    if (scoring.positive?.kind === 'total-at-least-by-sex' && !def.requiresSex) {
      ctx.addIssue({ code: 'custom', path: ['requiresSex'], message: 'a sex-dependent cut-off needs requiresSex: true' });
    }
  });

export type InstrumentDefinition = z.infer<typeof InstrumentDefinition>;
export type InstrumentDefinitionInput = z.input<typeof InstrumentDefinition>;

/** Parses a definition and returns readable problems ("items.3.answerSet: no answer set \"x\"") when it is not valid. */
export function parseInstrumentDefinition(input: unknown): { ok: true; value: InstrumentDefinition } | { ok: false; problems: { path: string; message: string }[] } {
  const parsed = InstrumentDefinition.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(definition)', message: i.message })) };
}
