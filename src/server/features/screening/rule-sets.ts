/**
 * The clinic's eligibility rule set (versioned; the shipped default until the clinic saves its own) and the pure
 * evaluation endpoint.
 */
import { can, type ClinicAction } from '../../../core/authorization';
import { DEFAULT_ELIGIBILITY_RULE_SET } from '../../../core/eligibility/default-rule-set';
import { evaluateEligibility, EligibilityRuleSet, OUTCOMES, type EligibilityRule, type ScreeningFacts } from '../../../core/eligibility/rules';
import { CONDITION_LABELS, CONDITIONS, INDICATION_LABELS, INDICATIONS } from '../../../core/eligibility/vocabulary';
import { fail, ok, type Result } from '../../../core/errors';
import type { Executor } from '../../../db/database';
import { sqlState, toDate } from '../../../db/ids';
import * as repo from '../../../db/repos/screening';
import { audit, type Ctx } from '../../context';
import type { EvaluateInput } from './schemas';

export interface CurrentRuleSet {
  ruleSet: EligibilityRuleSet;
  row: repo.RuleSetRow | undefined;
}

/** The clinic's newest saved rule set, else the shipped default. */
export async function loadRuleSet(ex: Executor, clinicId: string): Promise<CurrentRuleSet> {
  const row = await repo.currentRuleSet(ex, clinicId);
  if (!row) return { ruleSet: DEFAULT_ELIGIBILITY_RULE_SET, row: undefined };
  const parsed = EligibilityRuleSet.safeParse({ version: row.version, rules: row.rules });
  // Saved rule sets were validated on the way in; a stored set that no longer parses is a bug, not a user error.
  if (!parsed.success) throw new Error(`stored eligibility rule set ${row.version} of clinic ${clinicId} is not valid: ${parsed.error.message}`);
  return { ruleSet: parsed.data, row };
}

function requireClinic(ctx: Ctx, action: ClinicAction, message: string): Result<null> {
  return can(ctx.actor, action, { type: 'clinic', clinicId: ctx.actor.clinicId }) ? ok(null) : fail('FORBIDDEN', message);
}

/** Null-valued optional facts mean "not known", like absent ones. */
export function toFacts(input: EvaluateInput): ScreeningFacts {
  return {
    indications: [...new Set(input.indications)],
    conditions: [...new Set(input.conditions)],
    ...(input.bloodPressure ? { bloodPressure: input.bloodPressure } : {}),
    ...(input.auditC ? { auditC: input.auditC } : {}),
    ...(input.phq9Item9 !== null && input.phq9Item9 !== undefined ? { phq9Item9: input.phq9Item9 } : {}),
  };
}

/** Evaluates facts against the clinic's current rule set; stores nothing and reads no patient data. */
export async function evaluate(ctx: Ctx, input: EvaluateInput) {
  const allowed = requireClinic(ctx, 'eligibility:evaluate', 'Only clinic staff can evaluate eligibility.');
  if (!allowed.ok) return allowed;
  const { ruleSet } = await loadRuleSet(ctx.deps.database.db, ctx.actor.clinicId);
  return ok(evaluateEligibility(toFacts(input), ruleSet));
}

export function vocabulary() {
  return {
    indications: INDICATIONS.map((id) => ({ id, label: INDICATION_LABELS[id] })),
    conditions: CONDITIONS.map((id) => ({ id, label: CONDITION_LABELS[id] })),
    outcomes: [...OUTCOMES],
  };
}

async function ruleSetView(ctx: Ctx, current: CurrentRuleSet) {
  const names = await repo.staffNames(ctx.deps.database.db, ctx.actor.clinicId, [current.row?.createdBy]);
  return {
    version: current.ruleSet.version,
    rules: current.ruleSet.rules,
    isDefault: !current.row,
    savedAt: current.row?.createdAt.toISOString() ?? null,
    savedBy: current.row?.createdBy ?? null,
    savedByName: current.row?.createdBy ? names.get(current.row.createdBy) ?? null : null,
  };
}

export async function getRuleSet(ctx: Ctx) {
  const allowed = requireClinic(ctx, 'eligibility:evaluate', 'Only clinic staff can read the eligibility rules.');
  if (!allowed.ok) return allowed;
  return ok(await ruleSetView(ctx, await loadRuleSet(ctx.deps.database.db, ctx.actor.clinicId)));
}

/**
 * Saves the rules as the clinic's next version `clinic-<n>`. Decisions already made keep the version they used.
 * Two saves at once would take the same number: the loser retries with the next one.
 */
export async function saveRuleSet(ctx: Ctx, rules: EligibilityRule[]) {
  const allowed = requireClinic(ctx, 'eligibility-rules:manage', 'Only prescribers and clinic administrators can change the eligibility rules.');
  if (!allowed.ok) return allowed;
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const createdBy = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;
  for (let attempt = 0; ; attempt++) {
    try {
      await db.transaction(async (tx) => {
        const version = `clinic-${(await repo.highestRuleSetNumber(tx, clinicId)) + 1}`;
        await repo.insertRuleSet(tx, { clinicId, version, rules, createdBy, createdAt: toDate(ctx.deps.clock()) });
        await audit(ctx, {
          action: 'eligibility-rules.update', resourceType: 'eligibility-rule-set', resourceId: version,
          detail: { version, rules: rules.length, enabled: rules.filter((r) => r.enabled).length },
        }, tx);
      });
      break;
    } catch (err) {
      if (sqlState(err) !== '23505' || attempt >= 4) throw err;
    }
  }
  return ok(await ruleSetView(ctx, await loadRuleSet(db, clinicId)));
}
