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
import { audit } from '../../context';
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

async function scoreFor(ctx: Ctx, patientId: string, definition: InstrumentDefinition, answers: unknown[], sex: Sex | undefined): Promise<Result<{ score: Score; sex: Sex | null }>> {
  const { db } = ctx.deps.database;
  const [patient, clinic] = await Promise.all([findPatient(db, ctx.actor.clinicId, patientId), findClinic(db, ctx.actor.clinicId)]);
  // Where the instrument needs sex and none was given, the record's sex assigned at birth is used when it is one of the two.
  const recorded = patient?.sexAssignedAtBirth === 'female' || patient?.sexAssignedAtBirth === 'male' ? patient.sexAssignedAtBirth : undefined;
  const effectiveSex = sex ?? (definition.requiresSex ? recorded : undefined);
  const positiveThreshold = definition.id === 'pcl-5' ? settingsOf(clinic).pcl5PositiveThreshold : undefined;
  const scored = scoreResponse(definition, answers, { sex: effectiveSex, positiveThreshold });
  if (!scored.ok) return scored;
  return ok({ score: scored.value, sex: effectiveSex ?? null });
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
  const clinic = await findClinic(db, clinicId);
  const now = ctx.deps.clock();
  const id = newId();
  const result = await transact(db, async (tx) => {
    const row: repo.ResponseRow = {
      clinicId, id, patientId, instrumentId: definition.id, instrumentVersion: score.instrumentVersion, ruleVersion: score.ruleVersion,
      answers: input.answers as number[], sex, total: score.total, severity: score.severity ?? null, positive: score.positive ?? null,
      subscales: score.subscales ?? null, criteria: score.criteria ?? null, flags: score.flags,
      assignmentId: assignment?.id ?? null, doseEventId: assignment?.doseEventId ?? null, offsetHours: assignment?.offsetHours ?? null,
      submittedAt: toDate(now), ...enteredBy(ctx), version: 1, supersedesId: null, correctionReason: null,
    };
    await repo.insertResponse(tx, row);
    if (assignment && !(await repo.completeAssignment(tx, clinicId, assignment.id, id))) {
      return fail('CONFLICT', 'This questionnaire was completed meanwhile (another device or a staff member).');
    }
    if (assignment?.scheduleId) await repo.finishOnceSchedule(tx, clinicId, assignment.scheduleId, toDate(now));
    await audit(ctx, { action: 'questionnaire-response.create', resourceType: 'questionnaire-response', resourceId: id, patientId, detail: { instrument: definition.id, onBehalf: ctx.actor.kind === 'staff' } }, tx);
    const safetyAlerts = await openSafetyAlerts(ctx, tx, patientId, id, score.flags);
    return ok({ response: row, safetyAlerts, crisisResources: safetyAlerts.length ? settingsOf(clinic).crisisResources : null });
  });
  return result;
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
  const clinic = await findClinic(db, clinicId);
  const id = newId();
  const now = ctx.deps.clock();
  try {
    return await transact(db, async (tx) => {
      const row: repo.ResponseRow = {
        ...original, id, answers: input.answers as number[], sex, total: score.total, severity: score.severity ?? null, positive: score.positive ?? null,
        subscales: score.subscales ?? null, criteria: score.criteria ?? null, flags: score.flags, instrumentVersion: score.instrumentVersion,
        ruleVersion: score.ruleVersion, submittedAt: original.submittedAt, ...enteredBy(ctx), version: original.version + 1,
        supersedesId: original.id, correctionReason: input.reason,
      };
      await repo.insertResponse(tx, row);
      await audit(ctx, { action: 'questionnaire-response.correct', resourceType: 'questionnaire-response', resourceId: id, patientId: original.patientId, detail: { supersedes: original.id } }, tx);
      // A flag the original did not raise opens an alert now; one it raised was already handled on its own alert.
      const known = new Set(original.flags.map((f) => f.id));
      const safetyAlerts = await openSafetyAlerts(ctx, tx, original.patientId, id, score.flags.filter((f) => !known.has(f.id)));
      return ok({ response: row, safetyAlerts, crisisResources: safetyAlerts.length ? settingsOf(clinic).crisisResources : null });
    });
  } catch (err) {
    if (sqlState(err) === '23505') return fail('CONFLICT', 'This response was corrected already; correct the newest version instead.');
    throw err;
  }
}
