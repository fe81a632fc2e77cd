/**
 * The preparation guide of one preparation appointment: authorize → load → core → save → audit.
 *
 * Access (src/core/preparation/access.ts): the therapists of the patient's care team and the clinic's prescribers read
 * and write it; anyone else (a nurse, an admin, another therapist, the patient, another clinic) gets 404, as for a
 * missing appointment, and so does an appointment that is not a preparation session. Writing a cancelled or missed
 * session's guide is 409. Reads and writes are audited with the patient and the keys that changed, never the text.
 */
import { and, eq } from 'drizzle-orm';
import { fail, ok, type Result } from '../../../core/errors';
import {
  canKeepGuide, changedKeys, checkBase, checkGuideWritable, completenessOf, GUIDE, validateAnswers, type Answers, type Completeness, type GuideSection,
} from '../../../core/preparation';
import type { Executor } from '../../../db/database';
import { findClinic } from '../../../db/repos/clinics';
import { latestConsent } from '../../../db/repos/dosing';
import { findPatient, loadCareTeam } from '../../../db/repos/patients';
import { findAppointment, type AppointmentRow } from '../../../db/repos/scheduling';
import { appointments, settingsOf } from '../../../db/schema';
import { audit, type Ctx } from '../../context';
import { staffNames } from '../progress-notes/store';
import { findGuide, saveGuide, type GuideRow } from './store';

export const RESOURCE = 'preparation-guide';

export interface GuideView {
  appointment: { id: string; patientId: string; courseId: string | null; number: number; start: string; end: string; status: string; therapistId: string };
  patient: { id: string; name: string };
  sections: GuideSection[];
  answers: Answers;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
  completeness: Completeness;
  /** The clinic's crisis resources, shown beside the safety plan. */
  crisisResources: string;
  /** The signed consent on record for the course (or, outside a course, the patient's latest), for the walkthrough. */
  consent: { documentVersion: string; signedAt: string } | null;
  /** False once the session is cancelled or missed (the guide is then read-only). */
  writable: boolean;
}

/** The preparation appointment, once the caller may keep its guide; else NOT_FOUND, audited as a denial. */
async function loadPreparation(ctx: Ctx, appointmentId: string, auditAction: string): Promise<Result<AppointmentRow>> {
  const db = ctx.deps.database.db;
  const appointment = await findAppointment(db, ctx.actor.clinicId, appointmentId);
  const careTeam = appointment?.kind === 'preparation' ? await loadCareTeam(db, ctx.actor.clinicId, appointment.patientId) : null;
  if (!appointment || !careTeam || !canKeepGuide(ctx.actor, { clinicId: ctx.actor.clinicId, patientId: appointment.patientId, careTeam })) {
    await audit(ctx, { action: auditAction, resourceType: RESOURCE, resourceId: appointmentId, patientId: careTeam ? appointment!.patientId : null, outcome: 'denied' });
    return fail('NOT_FOUND', 'No such preparation session.');
  }
  return ok(appointment);
}

async function viewOf(ctx: Ctx, ex: Executor, appointment: AppointmentRow, guide: GuideRow | null): Promise<GuideView> {
  const clinicId = ctx.actor.clinicId;
  const [patient, clinic, names, consent] = await Promise.all([
    findPatient(ex, clinicId, appointment.patientId), findClinic(ex, clinicId), staffNames(ex, clinicId), latestConsent(ex, clinicId, appointment.patientId, appointment.courseId),
  ]);
  const answers = guide?.answers ?? {};
  return {
    appointment: {
      id: appointment.id, patientId: appointment.patientId, courseId: appointment.courseId, number: appointment.number, start: appointment.startsAt.toISOString(),
      end: appointment.endsAt.toISOString(), status: appointment.status, therapistId: appointment.therapistId,
    },
    patient: { id: appointment.patientId, name: patient ? `${patient.preferredName ?? patient.givenName} ${patient.familyName}` : '' },
    sections: [...GUIDE],
    answers,
    updatedAt: guide?.updatedAt.toISOString() ?? null,
    updatedBy: guide ? { id: guide.updatedBy, name: names.get(guide.updatedBy) ?? '' } : null,
    completeness: completenessOf(answers),
    crisisResources: settingsOf(clinic).crisisResources,
    consent: consent ? { documentVersion: consent.documentVersion, signedAt: consent.signedAt.toISOString() } : null,
    writable: checkGuideWritable(appointment.status).ok,
  };
}

export async function readGuide(ctx: Ctx, appointmentId: string): Promise<Result<GuideView>> {
  const loaded = await loadPreparation(ctx, appointmentId, 'preparation-guide.read');
  if (!loaded.ok) return loaded;
  const appointment = loaded.value;
  const db = ctx.deps.database.db;
  const view = await viewOf(ctx, db, appointment, await findGuide(db, ctx.actor.clinicId, appointment.id));
  await audit(ctx, { action: 'preparation-guide.read', resourceType: RESOURCE, resourceId: appointment.id, patientId: appointment.patientId });
  return ok(view);
}

export interface GuideChange {
  answers: Record<string, string>;
  /** The `updatedAt` the writer edited (null: a guide not written yet); omitted, the write is unconditional. */
  baseUpdatedAt?: string | null | undefined;
}

/** Replaces the guide's answers with `change.answers` (what the form shows), after checking every one. */
export async function writeGuide(ctx: Ctx, appointmentId: string, change: GuideChange): Promise<Result<{ view: GuideView; created: boolean }>> {
  const loaded = await loadPreparation(ctx, appointmentId, 'preparation-guide.write');
  if (!loaded.ok) return loaded;
  if (ctx.actor.kind !== 'staff') return fail('NOT_FOUND', 'No such preparation session.');
  const staffId = ctx.actor.staffId;
  const clinicId = ctx.actor.clinicId;
  const valid = validateAnswers(change.answers);
  if (!valid.ok) return valid;
  const base = change.baseUpdatedAt === undefined ? undefined : change.baseUpdatedAt === null ? null : Date.parse(change.baseUpdatedAt);
  const at = new Date(ctx.deps.clock().epochMilliseconds);

  const saved = await ctx.deps.database.db.transaction(async (tx): Promise<Result<{ appointment: AppointmentRow; row: GuideRow; created: boolean }>> => {
    // The appointment's row is the lock: it exists before the first guide does, and a cancellation takes it too.
    const [appointment] = await tx.select().from(appointments).where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, appointmentId))).for('update');
    const writable = checkGuideWritable(appointment!.status);
    if (!writable.ok) return writable;
    const current = await findGuide(tx, clinicId, appointmentId);
    const names = await staffNames(tx, clinicId);
    const fresh = checkBase(current ? { updatedAt: current.updatedAt.getTime(), updatedByName: names.get(current.updatedBy) ?? 'someone else' } : null, base);
    if (!fresh.ok) return fresh;
    const row: GuideRow = { clinicId, appointmentId, patientId: appointment!.patientId, answers: valid.value, updatedAt: at, updatedBy: staffId };
    await saveGuide(tx, row);
    await audit(ctx, {
      action: 'preparation-guide.write', resourceType: RESOURCE, resourceId: appointmentId, patientId: row.patientId,
      detail: { created: !current, changed: changedKeys(current?.answers ?? {}, row.answers) },
    }, tx);
    return ok({ appointment: appointment!, row, created: !current });
  });
  if (!saved.ok) return saved;
  // Built after the commit, on the pool: its reads run side by side, which one transaction's connection cannot.
  return ok({ view: await viewOf(ctx, ctx.deps.database.db, saved.value.appointment, saved.value.row), created: saved.value.created });
}
