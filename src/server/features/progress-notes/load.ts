/**
 * Authorize → load for the progress notes of one session: the appointment, then the caller's right on its patient.
 * Progress notes are clinical and for staff: a patient gets 404 even on their own record (the portal does not show
 * them yet), as does anyone who cannot reach the patient, so a refusal does not reveal that the session exists.
 */
import type { PatientAction } from '../../../core/authorization';
import { fail, ok, type Result } from '../../../core/errors';
import { isNoteKind, type ProgressNoteKind } from '../../../core/notes';
import type { Executor } from '../../../db/database';
import { findAppointment, type AppointmentRow } from '../../../db/repos/scheduling';
import { audit, type Ctx } from '../../context';
import { authorizePatient } from '../patients/access';

export interface NoteSession {
  appointment: AppointmentRow & { kind: ProgressNoteKind };
  staffId: string;
}

export const RESOURCE = 'progress-note';

export async function loadNoteSession(ctx: Ctx, ex: Executor, appointmentId: string, action: PatientAction, auditAction: string): Promise<Result<NoteSession>> {
  const appointment = await findAppointment(ex, ctx.actor.clinicId, appointmentId);
  if (!appointment) {
    await audit(ctx, { action: auditAction, resourceType: 'appointment', resourceId: appointmentId, outcome: 'denied' });
    return fail('NOT_FOUND', 'No such session.');
  }
  const access = await authorizePatient(ctx, appointment.patientId, action, auditAction);
  if (!access.ok) return fail('NOT_FOUND', 'No such session.');
  if (ctx.actor.kind !== 'staff') return refuseNonStaff(ctx, appointment.patientId, appointmentId, auditAction);
  if (!isNoteKind(appointment.kind)) {
    return fail('NOT_FOUND', 'Progress notes are kept for preparation, dosing and integration sessions; this is a follow-up.');
  }
  return ok({ appointment: appointment as NoteSession['appointment'], staffId: ctx.actor.staffId });
}

/** A patient reaching their own record: notes are not in the portal yet, so 404 (audited as a denial). */
export async function refuseNonStaff(ctx: Ctx, patientId: string, resourceId: string, auditAction: string): Promise<{ ok: false; error: { code: 'NOT_FOUND'; message: string } }> {
  await audit(ctx, { action: auditAction, resourceType: RESOURCE, resourceId, patientId, outcome: 'denied' });
  return { ok: false, error: { code: 'NOT_FOUND', message: 'No such session.' } };
}
