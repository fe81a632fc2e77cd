/** Request and response schemas of the eligibility and screening routes (the OpenAPI document is generated from them). */
import { z } from 'zod';
import { EligibilityRule, OUTCOMES } from '../../../core/eligibility/rules';
import { CONDITIONS, INDICATIONS } from '../../../core/eligibility/vocabulary';
import { Uuid } from '../../schemas';

const Indication = z.enum(INDICATIONS);
const Condition = z.enum(CONDITIONS);
const Systolic = z.number().int().min(40).max(320);
const Diastolic = z.number().int().min(20).max(220);
const Outcome = z.enum(OUTCOMES);

// ---- evaluation (pure) ----

/** The facts the rules look at (the ranges match the core's ScreeningFacts). */
export const EvaluateBody = z.object({
  indications: z.array(Indication).max(20).default([]),
  conditions: z.array(Condition).max(50).default([]),
  bloodPressure: z.object({ systolic: Systolic, diastolic: Diastolic }).nullish(),
  auditC: z.object({ total: z.number().int().min(0).max(12), sex: z.enum(['female', 'male']) }).nullish(),
  phq9Item9: z.number().int().min(0).max(3).nullish(),
});
export type EvaluateInput = z.infer<typeof EvaluateBody>;

export const Reason = z.object({
  rule: z.string(),
  outcome: z.enum(['ineligible', 'needs-review']),
  message: z.string(),
  source: z.string(),
  /** A clinic policy rather than a published standard. */
  clinicPolicy: z.boolean(),
});

export const Evaluation = z.object({ outcome: Outcome, reasons: z.array(Reason), ruleSetVersion: z.string() });

/** The facts as evaluated (what a decision stores). */
export const Facts = z.object({
  indications: z.array(z.string()),
  conditions: z.array(z.string()),
  bloodPressure: z.object({ systolic: z.number(), diastolic: z.number() }).optional(),
  auditC: z.object({ total: z.number(), sex: z.enum(['female', 'male']) }).optional(),
  phq9Item9: z.number().optional(),
});

export const Vocabulary = z.object({
  indications: z.array(z.object({ id: z.string(), label: z.string() })),
  conditions: z.array(z.object({ id: z.string(), label: z.string() })),
  outcomes: z.array(z.string()),
});

// ---- rule sets ----

export const RuleSetView = z.object({
  version: z.string(),
  rules: z.array(EligibilityRule),
  /** True when the clinic has not saved a rule set of its own (the shipped default applies). */
  isDefault: z.boolean(),
  savedAt: z.string().nullable(),
  savedBy: z.string().nullable(),
  savedByName: z.string().nullable(),
});

export const RuleSetBody = z
  .object({ rules: z.array(EligibilityRule).min(1, 'needs at least one rule (disable a rule with "enabled": false)').max(200) })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `the rule id "${rule.id}" is used twice` });
      seen.add(rule.id);
    });
  });

// ---- screening record ----

const Note = z.string().trim().max(10_000).nullish();

export const ScreeningBody = z.object({
  indications: z.array(Indication).max(20),
  conditions: z.array(Condition).max(50),
  medicalHistory: Note,
  psychiatricHistory: Note,
  medications: Note,
  bloodPressure: z
    .object({ systolic: Systolic, diastolic: Diastolic, measuredAt: z.iso.datetime({ offset: true, message: 'must be a date-time (ISO 8601)' }).nullish() })
    .refine((bp) => bp.systolic > bp.diastolic, { path: ['diastolic'], message: 'must be lower than the systolic value' })
    .nullish(),
});
export type ScreeningInput = z.infer<typeof ScreeningBody>;

const ResponseSummary = z.object({
  responseId: z.string(),
  total: z.number().int(),
  severity: z.string().nullable(),
  positive: z.boolean().nullable(),
  submittedAt: z.string(),
});

export const ScreeningView = z.object({
  patientId: z.string(),
  indications: z.array(z.string()),
  conditions: z.array(z.string()),
  medicalHistory: z.string().nullable(),
  psychiatricHistory: z.string().nullable(),
  medications: z.string().nullable(),
  bloodPressure: z.object({ systolic: z.number(), diastolic: z.number(), measuredAt: z.string().nullable() }).nullable(),
  /** Null while nothing has been recorded (an empty record). */
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedByName: z.string().nullable(),
  /** The latest current (not superseded) response of each instrument that feeds eligibility, or null. */
  questionnaires: z.object({
    phq9: ResponseSummary.extend({ item9: z.number().int().nullable() }).nullable(),
    auditC: ResponseSummary.extend({
      /** The sex known for the AUDIT-C cut-off (the response's, else the patient's sex assigned at birth), or null. */
      sex: z.enum(['female', 'male']).nullable(),
      /** The cut-off the rules applied: the known sex, or the stricter cut-off when the sex is not known. */
      evaluatedAs: z.enum(['female', 'male']),
    }).nullable(),
    gad7: ResponseSummary.nullable(),
    pcl5: ResponseSummary.nullable(),
  }),
  facts: Facts,
  evaluation: Evaluation,
  permissions: z.object({ editScreening: z.boolean(), decideEligibility: z.boolean() }),
});

// ---- decisions ----

export const DecisionBody = z.object({
  decision: z.enum(['eligible', 'ineligible']),
  reason: z.string().trim().max(2000).nullish(),
});

export const DecisionView = z.object({
  id: z.string(),
  patientId: z.string(),
  decision: z.enum(['eligible', 'ineligible']),
  /** final: in effect; awaiting-cosign: an override of `ineligible` waiting for a second prescriber; withdrawn. */
  status: z.enum(['final', 'awaiting-cosign', 'withdrawn']),
  evaluatedOutcome: Outcome,
  /** The decision went against the rules' outcome (which is why it carries a reason). */
  override: z.boolean(),
  overrideReason: z.string().nullable(),
  reasons: z.array(Reason),
  facts: Facts,
  ruleSetVersion: z.string(),
  decidedBy: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string(),
  cosignedBy: z.string().nullable(),
  cosignedByName: z.string().nullable(),
  cosignedAt: z.string().nullable(),
  /** What the caller may do with it now. */
  permissions: z.object({ cosign: z.boolean(), withdraw: z.boolean() }),
});

export const AwaitingItem = DecisionView.extend({ patientName: z.string() });

export const DecisionParams = z.object({ id: Uuid });
