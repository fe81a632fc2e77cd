/**
 * The pre-dose checklist (issue #5; kap-brief.md "No dose without …"): a catalogue of items with stable ids, their
 * evaluation on plain facts, and prescriber overrides. `canDose` is true only when every required item passes or is
 * overridden. Pre-dose vitals at a warning level pass with the warning reported; at a hold level they block.
 *
 * Overrides: only a prescriber, only with a written reason (kap-brief.md: "may override a blocked step with a recorded
 * reason"). Consent cannot be overridden: nobody can consent on the patient's behalf.
 */
import { fail, ok, type Result } from '../errors';
import type { StaffRef } from './common';
import type { DosingContext, DosingProtocol } from './dosing-protocol';
import * as rules from './checklist-rules';
import type { RuleFacts, RuleOutcome } from './checklist-rules';

export type ChecklistItemId = keyof DosingProtocol['checklist'];

export interface ChecklistItemDefinition {
  id: ChecklistItemId;
  label: string;
  overridable: boolean;
  rule: (p: DosingContext, f: RuleFacts, now: number) => RuleOutcome;
}

/** In the order a nurse works through them. Ids are stable (stored with overrides and results). */
export const CHECKLIST_ITEMS: readonly ChecklistItemDefinition[] = [
  { id: 'eligibilityCurrent', label: 'Eligibility decision current', overridable: true, rule: rules.eligibilityRule },
  { id: 'consentSigned', label: 'Consent signed', overridable: false, rule: rules.consentRule },
  { id: 'adverseEventsReviewed', label: 'Last session’s adverse events reviewed', overridable: true, rule: rules.adverseEventsRule },
  { id: 'educationRead', label: 'Education modules read', overridable: true, rule: rules.educationRule },
  { id: 'intentionRecorded', label: 'Intention recorded', overridable: true, rule: rules.intentionRule },
  { id: 'weightCurrent', label: 'Body weight current', overridable: true, rule: rules.weightRule },
  { id: 'pregnancyTest', label: 'Pregnancy test', overridable: true, rule: rules.pregnancyRule },
  { id: 'fasting', label: 'Fasting', overridable: true, rule: rules.fastingRule },
  { id: 'rideHome', label: 'Ride home arranged', overridable: true, rule: rules.rideRule },
  { id: 'noDrivingAcknowledged', label: 'No driving acknowledged', overridable: true, rule: rules.noDrivingRule },
  { id: 'vitalsWithinLimits', label: 'Pre-dose vital signs within limits', overridable: true, rule: rules.vitalsRule },
];

export const CHECKLIST_ITEM_IDS: readonly ChecklistItemId[] = CHECKLIST_ITEMS.map((i) => i.id);

export function checklistItem(id: string): ChecklistItemDefinition | undefined {
  return CHECKLIST_ITEMS.find((i) => i.id === id);
}

export interface ChecklistOverride {
  itemId: ChecklistItemId;
  by: StaffRef;
  reason: string;
  at: number;
}

/** Plain data from the record; `overrides` are the prescriber overrides recorded for this session. */
export interface ChecklistFacts extends RuleFacts {
  overrides: readonly ChecklistOverride[];
}

export type ChecklistItemStatus = 'pass' | 'fail' | 'missing' | 'overridden' | 'not-required';

export interface ChecklistItemResult {
  id: ChecklistItemId;
  label: string;
  required: boolean;
  status: ChecklistItemStatus;
  message: string;
  warnings: string[];
  /** The override that made the item pass, when status is "overridden". */
  override: ChecklistOverride | null;
  passesAt: number | null;
}

export interface ChecklistEvaluation {
  items: ChecklistItemResult[];
  canDose: boolean;
  /** Required items neither passed nor overridden. */
  blocking: ChecklistItemId[];
  /** Every warning of every item (reported, not blocking). */
  warnings: string[];
}

/** Why an override cannot stand, or null when it is valid. */
function overrideProblem(item: ChecklistItemDefinition, by: StaffRef, reason: string): { code: 'FORBIDDEN' | 'VALIDATION_FAILED'; message: string } | null {
  if (!item.overridable) return { code: 'FORBIDDEN', message: `"${item.label}" cannot be overridden: it must pass.` };
  if (by.role !== 'prescriber') return { code: 'FORBIDDEN', message: `Only a prescriber may override "${item.label}" (you are signed in as ${by.role}): ask the prescriber on site.` };
  if (!reason.trim()) return { code: 'VALIDATION_FAILED', message: `Overriding "${item.label}" needs a written reason.` };
  return null;
}

function resultFor(item: ChecklistItemDefinition, p: DosingContext, facts: ChecklistFacts, now: number): ChecklistItemResult {
  const required = p.dosing.checklist[item.id];
  const base = { id: item.id, label: item.label, required, warnings: [] as string[], override: null, passesAt: null };
  if (!required) return { ...base, status: 'not-required', message: 'Not required by this protocol.' };
  const outcome = item.rule(p, facts, now);
  const result: ChecklistItemResult = { ...base, status: outcome.status, message: outcome.message, warnings: outcome.warnings ?? [], passesAt: outcome.passesAt ?? null };
  if (outcome.status === 'pass') return result;
  // The latest override for the item counts; one that could not have been made (wrong role, no reason) is ignored.
  const latest = facts.overrides.filter((o) => o.itemId === item.id && o.at <= now).at(-1);
  if (!latest) return result;
  const problem = overrideProblem(item, latest.by, latest.reason);
  if (problem) return { ...result, message: `${outcome.message} (An override was ignored: ${problem.message})` };
  return { ...result, status: 'overridden', override: latest, message: `Overridden by prescriber: ${latest.reason.trim()} (was: ${outcome.message})` };
}

/** Evaluates every item. Pure: `now` is the instant of the check; facts are what the record holds at that instant. */
export function evaluateChecklist(p: DosingContext, facts: ChecklistFacts, now: number): ChecklistEvaluation {
  const items = CHECKLIST_ITEMS.map((item) => resultFor(item, p, facts, now));
  const blocking = items.filter((i) => i.required && i.status !== 'pass' && i.status !== 'overridden').map((i) => i.id);
  return { items, canDose: blocking.length === 0, blocking, warnings: items.flatMap((i) => i.warnings) };
}

export interface OverrideRequest {
  itemId: string;
  by: StaffRef;
  reason: string;
  at: number;
}

/**
 * Records a prescriber's override of one item: the new list of overrides (a later override of the same item replaces
 * the earlier one). Refused (FORBIDDEN) for another role or a non-overridable item; VALIDATION_FAILED without a reason.
 */
export function overrideItem(overrides: readonly ChecklistOverride[], request: OverrideRequest): Result<ChecklistOverride[]> {
  const item = checklistItem(request.itemId);
  if (!item) {
    return fail('VALIDATION_FAILED', `There is no checklist item "${request.itemId}". Items: ${CHECKLIST_ITEM_IDS.join(', ')}.`, { fields: [{ path: 'itemId', message: 'unknown item' }] });
  }
  const problem = overrideProblem(item, request.by, request.reason);
  if (problem) {
    const fields = problem.code === 'VALIDATION_FAILED' ? [{ path: 'reason', message: 'required' }] : undefined;
    return fail(problem.code, problem.message, fields ? { fields } : {});
  }
  const override: ChecklistOverride = { itemId: item.id, by: request.by, reason: request.reason.trim(), at: request.at };
  return ok([...overrides.filter((o) => o.itemId !== item.id), override]);
}

