/**
 * Eligibility decisions (issue #3 §4): a prescriber decides against the live evaluation of the patient's facts; the
 * decision stores those facts, the reasons and the rule set version. A final decision moves the patient out of
 * screening in the same transaction; an override of `ineligible` waits for a second prescriber's co-signature.
 */
import { can } from '../../../core/authorization';
import { checkCosigner, planDecision, type Decision } from '../../../core/eligibility/decision';
import { evaluateEligibility, type EligibilityOutcome, type EligibilityReason, type ScreeningFacts } from '../../../core/eligibility/rules';
import { fail, ok, type Result } from '../../../core/errors';
import type { Executor } from '../../../db/database';
import { newId, toDate } from '../../../db/ids';
import { staffMembers } from '../../../db/schema';
import { and, eq, ne } from 'drizzle-orm';
import { queueMessage } from '../../outbox/messages';
import { findPatient, loadCareTeamMembers } from '../../../db/repos/patients';
import * as repo from '../../../db/repos/screening';
import { audit, type Ctx } from '../../context';
import { transact } from '../../transact';
import { authorizePatient, patientCan } from '../patients/access';
import { moveStatus } from '../patients/status';
import { gatherFacts } from './facts';
import { loadRuleSet } from './rule-sets';

const staffIdOf = (ctx: Ctx) => (ctx.actor.kind === 'staff' ? ctx.actor.staffId : null);

/** Deciding eligible where the rules did not find it, or ineligible where they found no exclusion. */
const isOverride = (evaluated: string, decision: string) => (decision === 'eligible' ? evaluated !== 'eligible' : evaluated === 'eligible');

function notInScreening(status: string) {
  return fail(
    'INVALID_TRANSITION',
    `An eligibility decision moves a patient out of screening, and this patient is "${status}". To re-screen, move the patient back to screening first.`,
    { fields: [{ path: 'status', message: `the patient is ${status}, not screening` }] },
  );
}

/** What the patient's status becomes, and the reason shown with it: the prescriber's words, else the rules' reasons. */
function statusReason(overrideReason: string | null, reasons: EligibilityReason[]): string | null {
  const text = overrideReason ?? (reasons.length ? reasons.map((r) => r.message).join('; ') : null);
  return text && text.length > 2000 ? `${text.slice(0, 1999)}…` : text;
}

/** `mayDecide`: the caller may decide eligibility for these decisions' patient(s) (it sets the permissions shown). */
async function toViews(ctx: Ctx, ex: Executor, rows: repo.DecisionRow[], mayDecide: boolean) {
  const names = await repo.staffNames(ex, ctx.actor.clinicId, rows.flatMap((r) => [r.decidedBy, r.cosignedBy]));
  const me = staffIdOf(ctx);
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patientId,
    decision: r.decision,
    status: r.status,
    evaluatedOutcome: r.evaluatedOutcome as EligibilityOutcome,
    override: isOverride(r.evaluatedOutcome, r.decision),
    overrideReason: r.overrideReason,
    reasons: r.reasons as EligibilityReason[],
    facts: r.facts as ScreeningFacts,
    ruleSetVersion: r.ruleSetVersion,
    decidedBy: r.decidedBy,
    decidedByName: names.get(r.decidedBy) ?? null,
    decidedAt: r.decidedAt.toISOString(),
    cosignedBy: r.cosignedBy,
    cosignedByName: r.cosignedBy ? names.get(r.cosignedBy) ?? null : null,
    cosignedAt: r.cosignedAt?.toISOString() ?? null,
    permissions: {
      cosign: mayDecide && r.status === 'awaiting-cosign' && r.decidedBy !== me,
      withdraw: mayDecide && r.status === 'awaiting-cosign' && r.decidedBy === me,
    },
  }));
}

async function viewOf(ctx: Ctx, id: string) {
  const row = await repo.findDecision(ctx.deps.database.db, ctx.actor.clinicId, id);
  if (!row) throw new Error('eligibility decision vanished after writing it');
  return (await toViews(ctx, ctx.deps.database.db, [row], true))[0]!;
}

export async function decide(ctx: Ctx, patientId: string, input: { decision: Decision; reason?: string | null | undefined }) {
  const access = await authorizePatient(ctx, patientId, 'patient:decide-eligibility', 'eligibility-decision.create');
  if (!access.ok) return access;
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const patient = await findPatient(db, clinicId, patientId);
  if (!patient) return fail('NOT_FOUND', 'No such patient.');
  if (patient.status !== 'screening') return notInScreening(patient.status);
  const { ruleSet } = await loadRuleSet(db, clinicId);
  const { facts } = await gatherFacts(db, patient, ruleSet);
  const evaluation = evaluateEligibility(facts, ruleSet);
  const plan = planDecision(evaluation.outcome, input.decision, input.reason);
  if (!plan.ok) return plan;
  const { decision, status, overrideReason } = plan.value;
  const id = newId();
  const decidedBy = staffIdOf(ctx)!;

  const done = await transact(db, async (tx): Promise<Result<null>> => {
    // The patient row is locked so the status and "no decision pending" checks hold until this commits.
    const current = await repo.lockPatientStatus(tx, clinicId, patientId);
    if (current !== 'screening') return notInScreening(current ?? 'gone');
    if ((await repo.listDecisions(tx, clinicId, patientId, ['awaiting-cosign'])).length > 0) {
      return fail('CONFLICT', 'A decision for this patient is waiting for a second prescriber’s co-signature: have it co-signed or withdrawn first.');
    }
    await repo.insertDecision(tx, {
      clinicId, id, patientId, evaluatedOutcome: evaluation.outcome, reasons: evaluation.reasons, facts, ruleSetVersion: evaluation.ruleSetVersion,
      decision, overrideReason, status, decidedBy, decidedAt: toDate(ctx.deps.clock()),
    });
    await audit(ctx, {
      action: 'eligibility-decision.create', resourceType: 'eligibility-decision', resourceId: id, patientId,
      detail: { decision, status, evaluatedOutcome: evaluation.outcome, ruleSetVersion: evaluation.ruleSetVersion, override: isOverride(evaluation.outcome, decision) },
    }, tx);
    if (status === 'awaiting-cosign') {
      await askForCosignature(ctx, tx, decidedBy);
      return ok(null);
    }
    const moved = await moveStatus(ctx, tx, patientId, 'screening', decision, statusReason(overrideReason, evaluation.reasons), { eligibilityDecisionId: id });
    return moved.ok ? ok(null) : moved;
  });
  if (!done.ok) return done;
  return ok(await viewOf(ctx, id));
}

/** Loads a decision and authorizes the caller to decide for its patient (404 either way when not). */
async function reachDecision(ctx: Ctx, id: string, auditAction: string): Promise<Result<repo.DecisionRow>> {
  const row = await repo.findDecision(ctx.deps.database.db, ctx.actor.clinicId, id);
  if (!row) return fail('NOT_FOUND', 'No such eligibility decision.');
  const access = await authorizePatient(ctx, row.patientId, 'patient:decide-eligibility', auditAction);
  if (!access.ok) return fail('NOT_FOUND', 'No such eligibility decision.');
  return ok(row);
}

function notAwaiting(row: repo.DecisionRow) {
  return fail('CONFLICT', row.status === 'final' ? 'This decision is final already; nothing is waiting for a co-signature.' : 'This decision was withdrawn; record a new decision instead.');
}

export async function cosign(ctx: Ctx, id: string) {
  const reached = await reachDecision(ctx, id, 'eligibility-decision.cosign');
  if (!reached.ok) return reached;
  const row = reached.value;
  if (row.status !== 'awaiting-cosign') return notAwaiting(row);
  const cosigner = staffIdOf(ctx)!;
  const second = checkCosigner(row.decidedBy, cosigner);
  if (!second.ok) return second;
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const done = await transact(db, async (tx): Promise<Result<null>> => {
    const current = await repo.lockPatientStatus(tx, clinicId, row.patientId);
    if (current !== 'screening') {
      return fail('INVALID_TRANSITION', `The patient is "${current ?? 'gone'}", no longer in screening, so this decision cannot take effect. Withdraw it and re-screen the patient.`);
    }
    const settled = await repo.settleAwaitingDecision(tx, clinicId, id, { status: 'final', cosignedBy: cosigner, cosignedAt: toDate(ctx.deps.clock()) });
    if (!settled) return fail('CONFLICT', 'The decision was co-signed or withdrawn by someone else meanwhile; reload it.');
    await audit(ctx, {
      action: 'eligibility-decision.cosign', resourceType: 'eligibility-decision', resourceId: id, patientId: row.patientId,
      detail: { decision: row.decision, decidedBy: row.decidedBy, evaluatedOutcome: row.evaluatedOutcome, ruleSetVersion: row.ruleSetVersion },
    }, tx);
    const moved = await moveStatus(ctx, tx, row.patientId, 'screening', row.decision, statusReason(row.overrideReason, row.reasons as EligibilityReason[]), { eligibilityDecisionId: id, cosigned: true });
    return moved.ok ? ok(null) : moved;
  });
  if (!done.ok) return done;
  return ok(await viewOf(ctx, id));
}

/** The deciding prescriber takes back a decision still waiting for its co-signature. */
export async function withdraw(ctx: Ctx, id: string) {
  const reached = await reachDecision(ctx, id, 'eligibility-decision.withdraw');
  if (!reached.ok) return reached;
  const row = reached.value;
  if (row.decidedBy !== staffIdOf(ctx)) return fail('FORBIDDEN', 'Only the prescriber who made this decision can withdraw it.');
  if (row.status !== 'awaiting-cosign') return notAwaiting(row);
  const { db } = ctx.deps.database;
  const done = await transact(db, async (tx): Promise<Result<null>> => {
    const settled = await repo.settleAwaitingDecision(tx, ctx.actor.clinicId, id, { status: 'withdrawn' });
    if (!settled) return fail('CONFLICT', 'The decision was co-signed or withdrawn meanwhile; reload it.');
    await audit(ctx, { action: 'eligibility-decision.withdraw', resourceType: 'eligibility-decision', resourceId: id, patientId: row.patientId, detail: { decision: row.decision } }, tx);
    return ok(null);
  });
  if (!done.ok) return done;
  return ok(await viewOf(ctx, id));
}

/**
 * A patient's decisions, newest first. Clinical staff who may read the patient's clinical data see all of them;
 * the patient sees their own final decisions (one waiting for a co-signature, or withdrawn, is not a decision yet).
 */
export async function listForPatient(ctx: Ctx, patientId: string) {
  const access = await authorizePatient(ctx, patientId, 'patient:read-clinical', 'eligibility-decision.list');
  if (!access.ok) return access;
  const { db } = ctx.deps.database;
  const rows = await repo.listDecisions(db, ctx.actor.clinicId, patientId, ctx.actor.kind === 'patient' ? ['final'] : undefined);
  await audit(ctx, { action: 'eligibility-decision.list', resourceType: 'eligibility-decision', patientId, detail: { count: rows.length } });
  return ok({ items: await toViews(ctx, db, rows, patientCan(ctx, access.value, 'patient:decide-eligibility')) });
}

/** Decisions waiting for a co-signature that the caller may act on (prescribers), oldest first. */
export async function listAwaiting(ctx: Ctx) {
  if (ctx.actor.kind !== 'staff') return fail('FORBIDDEN', 'Only clinic staff can see decisions waiting for a co-signature.');
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const rows = await repo.listAwaitingCosign(db, clinicId);
  const teams = await loadCareTeamMembers(db, clinicId, [...new Set(rows.map((r) => r.patientId))]);
  const visible = rows.filter((r) => {
    const team = teams.get(r.patientId) ?? [];
    const careTeam = { therapistIds: team.filter((m) => m.role === 'therapist').map((m) => m.staffId), prescriberId: team.find((m) => m.role === 'prescriber')?.staffId ?? null };
    return can(ctx.actor, 'patient:decide-eligibility', { type: 'patient', clinicId, patientId: r.patientId, careTeam });
  });
  if (visible.length > 0) {
    await audit(ctx, visible.map((r) => ({ action: 'eligibility-decision.list-awaiting', resourceType: 'eligibility-decision', resourceId: r.id, patientId: r.patientId })));
  }
  const patients = await repo.patientNames(db, clinicId, visible.map((r) => r.patientId));
  const views = await toViews(ctx, db, visible, true);
  return ok({ items: views.map((v) => ({ ...v, patientName: patients.get(v.patientId) ?? '' })) });
}

/** Tells the clinic's other active prescribers that a decision waits for a co-signature (no clinical detail by email). */
async function askForCosignature(ctx: Ctx, tx: Executor, decidedBy: string): Promise<void> {
  const { clinicId } = ctx.actor;
  const others = await tx
    .select({ email: staffMembers.email })
    .from(staffMembers)
    .where(and(eq(staffMembers.clinicId, clinicId), eq(staffMembers.role, 'prescriber'), eq(staffMembers.active, true), ne(staffMembers.id, decidedBy)));
  for (const { email } of others) {
    await queueMessage(tx, clinicId, {
      kind: 'eligibility-cosign',
      to: email,
      subject: 'Tilth: an eligibility decision needs your co-signature',
      text: `A prescriber decided a patient is eligible although the clinic's rules found them ineligible.\nA second prescriber must review and co-sign before it takes effect:\n${ctx.deps.config.publicUrl}/eligibility/pending\n`,
    }, ctx.deps.clock());
  }
}
