import { Temporal } from 'temporal-polyfill';
import { can, patientListScope } from '../../../core/authorization';
import { fail, ok, type Result } from '../../../core/errors';
import { isDecisionOnlyTransition, manualNextStatuses, type PatientStatus } from '../../../core/patient-status';
import type { Executor } from '../../../db/database';
import { newId, toDate } from '../../../db/ids';
import { findClinic, listStaff } from '../../../db/repos/clinics';
import * as repo from '../../../db/repos/patients';
import { loadPatientOverview } from '../../../db/repos/patient-overview';
import { findUserByEmail, insertUser } from '../../../db/repos/users';
import { users } from '../../../db/schema';
import { and, eq } from 'drizzle-orm';
import { audit, auditEvent, type Ctx } from '../../context';
import { issuePasswordLink } from '../../password-links';
import { transact } from '../../transact';
import { moveStatus } from './status';
import { authorizePatient, patientCan, type PatientAccess } from './access';
import { toDetail, toSummary } from './dto';
import type { CreatePatientInput, UpdatePatientInput } from './schemas';

const clinicResource = (ctx: Ctx) => ({ type: 'clinic' as const, clinicId: ctx.actor.clinicId });

export async function listPatients(
  ctx: Ctx, q: { query?: string | undefined; status?: PatientStatus | undefined; limit: number; offset: number },
) {
  if (ctx.actor.kind === 'staff' && !can(ctx.actor, 'patient:list', clinicResource(ctx))) return fail('FORBIDDEN', 'You may not list patients.');
  const { db } = ctx.deps.database;
  const page = await repo.listPatients(db, { clinicId: ctx.actor.clinicId, scope: patientListScope(ctx.actor), ...q });
  const teams = await repo.loadCareTeamMembers(db, ctx.actor.clinicId, page.items.map((p) => p.id));
  // Every patient shown is a patient whose data was read: one event names them all (each patient's access log shows it).
  if (page.items.length) {
    await audit(ctx, { action: 'patient.list', resourceType: 'patient', patientIds: page.items.map((p) => p.id), detail: { shown: page.items.length } });
  }
  return ok({ items: page.items.map((p) => toSummary(p, teams.get(p.id) ?? [])), total: page.total });
}

export async function getPatient(ctx: Ctx, patientId: string) {
  const access = await authorizePatient(ctx, patientId, 'patient:read-demographics', 'patient.read');
  if (!access.ok) return access;
  return ok(await loadDetail(ctx, access.value, 'patient.read'));
}

async function loadDetail(ctx: Ctx, access: PatientAccess, auditAction: string | null) {
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const clinical = patientCan(ctx, access, 'patient:read-clinical');
  const readEvents = auditAction ? [auditEvent(ctx, { action: auditAction, resourceType: 'patient', resourceId: access.patientId, patientId: access.patientId })] : [];
  const data = await loadPatientOverview(db, clinicId, access.patientId, clinical, readEvents);
  if (!data) throw new Error('patient vanished after authorization');
  const { patient, team, history, weights, portalAccount } = data;
  // Status reasons are clinicians' free text (an ineligibility reason names a contraindication): clinical data, so
  // callers who may see demographics only (admins) get the statuses without them.
  const shown = clinical ? patient : { ...patient, statusReason: null };
  const shownHistory = clinical ? history : history.map((h) => ({ ...h, reason: null }));
  return toDetail(shown, team, shownHistory, weights, portalAccount, {
    updateDemographics: patientCan(ctx, access, 'patient:update-demographics'),
    changeStatus: patientCan(ctx, access, 'patient:change-status'),
    recordWeight: patientCan(ctx, access, 'patient:record-weight'),
    manageCareTeam: patientCan(ctx, access, 'patient:manage-care-team'),
    invitePortal: patientCan(ctx, access, 'patient:invite-portal'),
    readClinical: clinical,
    submitResponse: patientCan(ctx, access, 'patient:submit-response'),
    manageQuestionnaires: patientCan(ctx, access, 'patient:manage-questionnaires'),
    recordDose: patientCan(ctx, access, 'patient:record-dose'),
    acknowledgeAlerts: patientCan(ctx, access, 'patient:acknowledge-alert'),
    editScreening: patientCan(ctx, access, 'patient:edit-screening'),
    decideEligibility: patientCan(ctx, access, 'patient:decide-eligibility'),
    readSchedule: patientCan(ctx, access, 'patient:read-schedule'),
    manageSchedule: patientCan(ctx, access, 'patient:manage-schedule'),
  }, patientCan(ctx, access, 'patient:change-status') ? manualNextStatuses(patient.status as PatientStatus) : []);
}

/** Care-team members must be active staff of this clinic with the matching role. */
async function checkCareTeam(ctx: Ctx, therapistIds: string[], prescriberId: string | null | undefined): Promise<Result<null>> {
  const staff = new Map((await listStaff(ctx.deps.database.db, ctx.actor.clinicId)).map((s) => [s.id, s]));
  const fields: { path: string; message: string }[] = [];
  therapistIds.forEach((id, i) => {
    const s = staff.get(id);
    if (!s || !s.active || s.role !== 'therapist') fields.push({ path: `therapistIds.${i}`, message: 'not an active therapist of this clinic' });
  });
  if (new Set(therapistIds).size !== therapistIds.length) fields.push({ path: 'therapistIds', message: 'lists the same therapist twice' });
  if (prescriberId) {
    const s = staff.get(prescriberId);
    if (!s || !s.active || s.role !== 'prescriber') fields.push({ path: 'prescriberId', message: 'not an active prescriber of this clinic' });
  }
  return fields.length ? fail('VALIDATION_FAILED', 'The care team is not valid.', { fields }) : ok(null);
}

export async function createPatient(ctx: Ctx, input: CreatePatientInput) {
  if (ctx.actor.kind !== 'staff' || !can(ctx.actor, 'patient:create', clinicResource(ctx))) return fail('FORBIDDEN', 'You may not create patients.');
  const team = await checkCareTeam(ctx, input.therapistIds, input.prescriberId);
  if (!team.ok) return team;
  const { db } = ctx.deps.database;
  const now = ctx.deps.clock();
  const at = toDate(now);
  const id = newId();
  const { clinicId } = ctx.actor;
  const clinic = await findClinic(db, clinicId);
  const today = now.toZonedDateTimeISO(clinic?.timeZone ?? 'UTC').toPlainDate();
  if (Temporal.PlainDate.compare(Temporal.PlainDate.from(input.dateOfBirth), today) > 0) {
    return fail('VALIDATION_FAILED', 'The date of birth is in the future.', { fields: [{ path: 'dateOfBirth', message: 'in the future' }] });
  }
  await db.transaction(async (tx) => {
    await repo.insertPatient(tx, {
      clinicId, id, givenName: input.givenName, familyName: input.familyName, preferredName: input.preferredName ?? null,
      dateOfBirth: input.dateOfBirth, sexAssignedAtBirth: input.sexAssignedAtBirth, pronouns: input.pronouns ?? null,
      email: input.email ?? null, phone: input.phone ?? null, address: input.address ?? null,
      emergencyContact: input.emergencyContact ?? null, status: 'referred', createdAt: at, updatedAt: at,
    });
    await repo.insertStatusHistory(tx, { clinicId, id: newId(), patientId: id, fromStatus: null, toStatus: 'referred', reason: null, changedBy: staffIdOf(ctx), changedAt: at });
    await repo.replaceCareTeam(tx, clinicId, id, careTeamRows(input.therapistIds, input.prescriberId), at);
    if (input.weightKg) {
      await repo.insertWeight(tx, { clinicId, id: newId(), patientId: id, weightKg: input.weightKg.toFixed(1), measuredOn: today.toString(), recordedBy: staffIdOf(ctx), recordedAt: at });
    }
    await audit(ctx, { action: 'patient.create', resourceType: 'patient', resourceId: id, patientId: id }, tx);
  });
  // The answer shows what was just written: the create event covers it (no second "read" event for one request).
  const access = await authorizePatient(ctx, id, 'patient:read-demographics', 'patient.read');
  if (!access.ok) return access;
  return ok(await loadDetail(ctx, access.value, null));
}

const staffIdOf = (ctx: Ctx) => (ctx.actor.kind === 'staff' ? ctx.actor.staffId : null);
const careTeamRows = (therapistIds: string[], prescriberId: string | null | undefined) => [
  ...therapistIds.map((staffId) => ({ staffId, role: 'therapist' as const })),
  ...(prescriberId ? [{ staffId: prescriberId, role: 'prescriber' as const }] : []),
];

export async function updatePatient(ctx: Ctx, patientId: string, patch: UpdatePatientInput) {
  const access = await authorizePatient(ctx, patientId, 'patient:update-demographics', 'patient.update');
  if (!access.ok) return access;
  const { db } = ctx.deps.database;
  if (patch.dateOfBirth) {
    const clinic = await findClinic(db, ctx.actor.clinicId);
    const today = ctx.deps.clock().toZonedDateTimeISO(clinic?.timeZone ?? 'UTC').toPlainDate();
    if (Temporal.PlainDate.compare(Temporal.PlainDate.from(patch.dateOfBirth), today) > 0) {
      return fail('VALIDATION_FAILED', 'The date of birth is in the future.', { fields: [{ path: 'dateOfBirth', message: 'in the future' }] });
    }
  }
  await db.transaction(async (tx) => {
    await repo.updatePatient(tx, ctx.actor.clinicId, patientId, { ...patch, updatedAt: toDate(ctx.deps.clock()) });
    await audit(ctx, { action: 'patient.update', resourceType: 'patient', resourceId: patientId, patientId, detail: { fields: Object.keys(patch).sort() } }, tx);
  });
  return ok(await loadDetail(ctx, access.value, null));
}

export async function changeStatus(ctx: Ctx, patientId: string, to: PatientStatus, reason: string | null | undefined) {
  const access = await authorizePatient(ctx, patientId, 'patient:change-status', 'patient.change-status');
  if (!access.ok) return access;
  const { db } = ctx.deps.database;
  const current = await repo.findPatient(db, ctx.actor.clinicId, patientId);
  if (!current) return fail('NOT_FOUND', 'No such patient.');
  const from = current.status as PatientStatus;
  if (isDecisionOnlyTransition(from, to)) {
    return fail('INVALID_TRANSITION', `Eligibility is recorded by a prescriber’s eligibility decision (POST /api/patients/${patientId}/eligibility-decisions), which keeps its reasons; a plain status change cannot make a patient ${to}.`, {
      fields: [{ path: 'status', message: 'use an eligibility decision' }],
    });
  }
  const moved = await transact(db, (tx) => moveStatus(ctx, tx, patientId, from, to, reason));
  if (!moved.ok) return moved;
  return ok(await loadDetail(ctx, access.value, null));
}

export async function recordWeight(ctx: Ctx, patientId: string, weightKg: number, measuredOn: string | undefined) {
  const access = await authorizePatient(ctx, patientId, 'patient:record-weight', 'patient.record-weight');
  if (!access.ok) return access;
  const { db } = ctx.deps.database;
  const now = ctx.deps.clock();
  const clinic = await findClinic(db, ctx.actor.clinicId);
  const today = now.toZonedDateTimeISO(clinic?.timeZone ?? 'UTC').toPlainDate();
  const day = measuredOn ? Temporal.PlainDate.from(measuredOn) : today;
  if (Temporal.PlainDate.compare(day, today) > 0) {
    return fail('VALIDATION_FAILED', 'A weight cannot be measured in the future.', { fields: [{ path: 'measuredOn', message: 'in the future' }] });
  }
  await db.transaction(async (tx) => {
    const id = newId();
    await repo.insertWeight(tx, { clinicId: ctx.actor.clinicId, id, patientId, weightKg: weightKg.toFixed(1), measuredOn: day.toString(), recordedBy: staffIdOf(ctx), recordedAt: toDate(now) });
    await audit(ctx, { action: 'patient.record-weight', resourceType: 'patient-weight', resourceId: id, patientId }, tx);
  });
  return ok(await loadDetail(ctx, access.value, null));
}

export async function setCareTeam(ctx: Ctx, patientId: string, therapistIds: string[], prescriberId: string | null) {
  const access = await authorizePatient(ctx, patientId, 'patient:manage-care-team', 'patient.set-care-team');
  if (!access.ok) return access;
  const team = await checkCareTeam(ctx, therapistIds, prescriberId);
  if (!team.ok) return team;
  const { db } = ctx.deps.database;
  await db.transaction(async (tx) => {
    await repo.replaceCareTeam(tx, ctx.actor.clinicId, patientId, careTeamRows(therapistIds, prescriberId), toDate(ctx.deps.clock()));
    await audit(ctx, { action: 'patient.set-care-team', resourceType: 'care-team', resourceId: patientId, patientId, detail: { therapistIds, prescriberId } }, tx);
  });
  const refreshed = await repo.loadCareTeam(db, ctx.actor.clinicId, patientId);
  return ok(await loadDetail(ctx, { patientId, careTeam: refreshed ?? access.value.careTeam }, null));
}

/** Gives the patient a portal account: a set-password link goes to their email through the outbox. */
export async function invitePatientToPortal(ctx: Ctx, patientId: string) {
  const access = await authorizePatient(ctx, patientId, 'patient:invite-portal', 'patient.invite-portal');
  if (!access.ok) return access;
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const patient = await repo.findPatient(db, clinicId, patientId);
  if (!patient?.email) return fail('VALIDATION_FAILED', 'Add the patient’s email address first.', { fields: [{ path: 'email', message: 'required for a portal account' }] });
  const existing = await findUserByEmail(db, patient.email);
  if (existing && existing.patientId !== patientId) return fail('CONFLICT', 'Another account already uses this email address.');
  if (!existing) {
    // The record's email changed after the patient got an account: the link must not go to a new address (that
    // would hand the account to whoever reads it), and a second account for the same patient cannot exist.
    const [account] = await db.select({ id: users.id }).from(users).where(and(eq(users.clinicId, clinicId), eq(users.patientId, patientId))).limit(1);
    if (account) {
      return fail('CONFLICT', 'The patient already has a portal account under another email address; the invitation was not sent.', {
        fields: [{ path: 'email', message: 'differs from the portal account’s address' }],
      });
    }
  }
  const clinic = await findClinic(db, clinicId);
  await db.transaction(async (tx: Executor) => {
    const userId = existing?.id ?? newId();
    if (!existing) {
      await insertUser(tx, { clinicId, id: userId, email: patient.email!, kind: 'patient', patientId, createdAt: toDate(ctx.deps.clock()) });
    }
    await issuePasswordLink(ctx.deps, tx, { clinicId, id: userId, email: patient.email! }, 'set-password', clinic?.name ?? 'your clinic');
    await audit(ctx, { action: 'patient.invite-portal', resourceType: 'user', resourceId: userId, patientId }, tx);
  });
  return ok({ invited: patient.email });
}
