/**
 * Submitting a questionnaire: authorize → load the definition → score (pure) → store the response, complete its
 * assignment and open any safety alerts, all in one transaction → audit. A correction is a new version that
 * supersedes the old one, with a reason; stored responses never change.
 */
import { fail, ok, type Result } from '../../../core/errors';
import type { InstrumentDefinition } from '../../../core/instruments/definition';
import { scoreResponse, type Score, type Sex } from '../../../core/instruments/score';
import { newId, sqlState, toDate } from '../../../db/ids';
import { findClinic } from '../../../db/repos/clinics';
import { findPatient } from '../../../db/repos/patients';
import * as repo from '../../../db/repos/questionnaires';
import { settingsOf } from '../../../db/schema';
import type { Ctx } from '../../context';
import { audit, auditEvent, type AuditInput } from '../../context';
import { transact } from '../../transact';
import { findInstrument } from '../instruments/registry';
import { authorizePatient } from '../patients/access';
import { openSafetyAlerts, type OpenedAlert } from '../safety/alerts';

export interface SubmitInput {
  instrument: string;
  answers: unknown[];
  sex?: Sex | undefined;
  assignmentId?: string | undefined;
}

export interface Submitted {
  response: repo.ResponseRow;
  safetyAlerts: OpenedAlert[];
  crisisResources: string | null;
}

/**
 * Scores the answers. Only what the instrument needs is loaded: the patient's recorded sex when it requires sex and
 * none was given, the clinic's settings for the PCL-5's clinic-set cut-off (a PHQ-9 needs neither).
 */
async function scoreFor(ctx: Ctx, patientId: string, definition: InstrumentDefinition, answers: unknown[], sex: Sex | undefined): Promise<Result<{ score: Score; sex: Sex | null }>> {
  const { db } = ctx.deps.database;
  const needsRecordedSex = definition.requiresSex && !sex;
  const needsClinic = definition.id === 'pcl-5';
  const [patient, clinic] = await Promise.all([
    needsRecordedSex ? findPatient(db, ctx.actor.clinicId, patientId) : undefined,
    needsClinic ? findClinic(db, ctx.actor.clinicId) : undefined,
  ]);
  // Where the instrument needs sex and none was given, the record's sex assigned at birth is used when it is one of the two.
  const recorded = patient?.sexAssignedAtBirth === 'female' || patient?.sexAssignedAtBirth === 'male' ? patient.sexAssignedAtBirth : undefined;
  const effectiveSex = sex ?? (definition.requiresSex ? recorded : undefined);
  const positiveThreshold = needsClinic ? settingsOf(clinic).pcl5PositiveThreshold : undefined;
  const scored = scoreResponse(definition, answers, { sex: effectiveSex, positiveThreshold });
  if (!scored.ok) return scored;
  return ok({ score: scored.value, sex: effectiveSex ?? null });
}

/** The clinic's crisis resources, shown to whoever submitted answers that opened an alert. */
async function crisisResourcesFor(ctx: Ctx, alerts: readonly OpenedAlert[]): Promise<string | null> {
  if (alerts.length === 0) return null;
  return settingsOf(await findClinic(ctx.deps.database.db, ctx.actor.clinicId)).crisisResources;
}

const enteredBy = (ctx: Ctx) =>
  ctx.actor.kind === 'staff' ? { enteredByKind: 'staff' as const, enteredBy: ctx.actor.staffId } : { enteredByKind: 'patient' as const, enteredBy: ctx.actor.patientId };

export async function submitResponse(ctx: Ctx, patientId: string, input: SubmitInput): Promise<Result<Submitted>> {
  const access = await authorizePatient(ctx, patientId, 'patient:submit-response', 'questionnaire-response.create');
  if (!access.ok) return access;
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const definition = await findInstrument(db, clinicId, input.instrument);
  if (!definition) return fail('VALIDATION_FAILED', `No instrument "${input.instrument}" in this clinic.`, { fields: [{ path: 'instrument', message: 'unknown instrument' }] });
  const assignment = input.assignmentId ? await repo.findAssignment(db, clinicId, input.assignmentId) : undefined;
  if (input.assignmentId) {
    if (!assignment || assignment.patientId !== patientId) return fail('VALIDATION_FAILED', 'No such questionnaire for this patient.', { fields: [{ path: 'assignmentId', message: 'unknown' }] });
    if (assignment.instrumentId !== definition.id) return fail('VALIDATION_FAILED', `This questionnaire is the ${assignment.instrumentId}, not the ${definition.id}.`, { fields: [{ path: 'instrument', message: 'does not match the questionnaire' }] });
    if (assignment.status !== 'pending') return fail('CONFLICT', 'This questionnaire was already completed (or cancelled).');
  }
  const scored = await scoreFor(ctx, patientId, definition, input.answers, input.sex);
  if (!scored.ok) return scored;
  const { score, sex } = scored.value;
  const now = ctx.deps.clock();
  const id = newId();
  const row: repo.ResponseRow = {
    clinicId, id, patientId, instrumentId: definition.id, instrumentVersion: score.instrumentVersion, ruleVersion: score.ruleVersion,
    answers: input.answers as number[], sex, total: score.total, severity: score.severity ?? null, positive: score.positive ?? null,
    subscales: score.subscales ?? null, criteria: score.criteria ?? null, flags: score.flags,
    assignmentId: assignment?.id ?? null, doseEventId: assignment?.doseEventId ?? null, offsetHours: assignment?.offsetHours ?? null,
    submittedAt: toDate(now), ...enteredBy(ctx), version: 1, supersedesId: null, correctionReason: null,
  };
  const created: AuditInput = { action: 'questionnaire-response.create', resourceType: 'questionnaire-response', resourceId: id, patientId, detail: { instrument: definition.id, onBehalf: ctx.actor.kind === 'staff' } };
  if (!assignment && score.flags.length === 0) {
    // The common case (nothing to complete, no alert): the response and its audit event in one statement.
    await repo.insertResponseAudited(db, row, auditEvent(ctx, created));
    return ok({ response: row, safetyAlerts: [], crisisResources: null });
  }
  const result = await transact(db, async (tx) => {
    await repo.insertResponse(tx, row);
    if (assignment && !(await repo.completeAssignment(tx, clinicId, assignment.id, id))) {
      return fail('CONFLICT', 'This questionnaire was completed meanwhile (another device or a staff member).');
    }
    if (assignment?.scheduleId) await repo.finishOnceSchedule(tx, clinicId, assignment.scheduleId, toDate(now));
    const events: AuditInput[] = [created];
    const safetyAlerts = await openSafetyAlerts(ctx, tx, patientId, id, score.flags, 'questionnaire', events);
    // Last, once: the clinic's audit chain head stays locked from here to COMMIT only.
    await audit(ctx, events, tx);
    return ok({ response: row, safetyAlerts });
  });
  if (!result.ok) return result;
  return ok({ ...result.value, crisisResources: await crisisResourcesFor(ctx, result.value.safetyAlerts) });
}

export async function correctResponse(ctx: Ctx, responseId: string, input: { answers: unknown[]; reason: string; sex?: Sex | undefined }): Promise<Result<Submitted>> {
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const original = await repo.findResponse(db, clinicId, responseId);
  const access = await authorizePatient(ctx, original?.patientId ?? responseId, 'patient:correct-response', 'questionnaire-response.correct');
  if (!access.ok || !original) return fail('NOT_FOUND', 'No such response.');
  const definition = await findInstrument(db, clinicId, original.instrumentId);
  if (!definition) return fail('CONFLICT', 'The instrument of this response is no longer available.');
  const scored = await scoreFor(ctx, original.patientId, definition, input.answers, input.sex ?? (original.sex as Sex | null) ?? undefined);
  if (!scored.ok) return scored;
  const { score, sex } = scored.value;
  const id = newId();
  try {
    const result = await transact(db, async (tx) => {
      const row: repo.ResponseRow = {
        ...original, id, answers: input.answers as number[], sex, total: score.total, severity: score.severity ?? null, positive: score.positive ?? null,
        subscales: score.subscales ?? null, criteria: score.criteria ?? null, flags: score.flags, instrumentVersion: score.instrumentVersion,
        ruleVersion: score.ruleVersion, submittedAt: original.submittedAt, ...enteredBy(ctx), version: original.version + 1,
        supersedesId: original.id, correctionReason: input.reason,
      };
      await repo.insertResponse(tx, row);
      const events: AuditInput[] = [{ action: 'questionnaire-response.correct', resourceType: 'questionnaire-response', resourceId: id, patientId: original.patientId, detail: { supersedes: original.id } }];
      // A flag the original did not raise opens an alert now; one it raised was already handled on its own alert.
      const known = new Set(original.flags.map((f) => f.id));
      const safetyAlerts = await openSafetyAlerts(ctx, tx, original.patientId, id, score.flags.filter((f) => !known.has(f.id)), 'questionnaire', events);
      await audit(ctx, events, tx);
      return ok({ response: row, safetyAlerts });
    });
    if (!result.ok) return result;
    return ok({ ...result.value, crisisResources: await crisisResourcesFor(ctx, result.value.safetyAlerts) });
  } catch (err) {
    if (sqlState(err) === '23505') return fail('CONFLICT', 'This response was corrected already; correct the newest version instead.');
    throw err;
  }
}
