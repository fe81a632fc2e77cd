/**
 * Moving a patient to another status inside the caller's transaction: the transition rules (src/core), a
 * compare-and-set on the current status (a concurrent move loses cleanly), the history row, the audit event, and what
 * follows from the new status (e.g. the measurement plan's questionnaires when a patient enters screening or a course).
 */
import { fail, ok, type Result } from '../../../core/errors';
import { transitionPatientStatus, type PatientStatus } from '../../../core/patient-status';
import type { Executor } from '../../../db/database';
import { newId, toDate } from '../../../db/ids';
import * as repo from '../../../db/repos/patients';
import { audit, type Ctx } from '../../context';

export type StatusFollowUp = (ctx: Ctx, tx: Executor, patientId: string, from: PatientStatus, to: PatientStatus) => Promise<void>;

/** What happens after a status change; features register here (the measurement plan does). */
const followUps: StatusFollowUp[] = [];
export function onPatientStatusChange(followUp: StatusFollowUp): void {
  followUps.push(followUp);
}

export async function moveStatus(
  ctx: Ctx, tx: Executor, patientId: string, from: PatientStatus, to: PatientStatus, reason: string | null | undefined,
  detail: Record<string, unknown> = {},
): Promise<Result<{ from: PatientStatus; to: PatientStatus }>> {
  const transition = transitionPatientStatus(from, to, reason);
  if (!transition.ok) return transition;
  const at = toDate(ctx.deps.clock());
  const { clinicId } = ctx.actor;
  const row = await repo.compareAndSetStatus(tx, clinicId, patientId, from, to, transition.value.reason, at);
  if (!row) return fail('CONFLICT', 'The patient’s status was changed by someone else meanwhile; reload and try again.');
  const changedBy = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;
  await repo.insertStatusHistory(tx, { clinicId, id: newId(), patientId, fromStatus: from, toStatus: to, reason: transition.value.reason, changedBy, changedAt: at });
  await audit(ctx, { action: 'patient.change-status', resourceType: 'patient', resourceId: patientId, patientId, detail: { from, to, ...detail } }, tx);
  for (const followUp of followUps) await followUp(ctx, tx, patientId, from, to);
  return ok({ from, to });
}
