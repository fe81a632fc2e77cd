/**
 * Recording a post-dose check-in: authorize → load the dose (the patient's own dosing appointment), its session and
 * the clinic's zone → the core says whether a check-in may be recorded now and whether an answer is a risk → one
 * transaction: the safety alert (through the questionnaires' own path, so the queue, the care team's message and the
 * escalation work the same), the check-in naming it, the audit (never the answers) → the crisis resources on risk.
 */
import { assessCheckin, checkinState, checkinWindow, mayRecordCheckin, type CheckinState, type SafetyAnswer, type SleepAnswer } from '../../../core/integration/checkin';
import { fail, ok, type Result } from '../../../core/errors';
import { newId, sqlState, toDate } from '../../../db/ids';
import { findClinic } from '../../../db/repos/clinics';
import { findAppointment } from '../../../db/repos/scheduling';
import { settingsOf } from '../../../db/schema';
import { audit, type Ctx } from '../../context';
import { transact } from '../../transact';
import { doseFacts, loadSessions } from '../follow-through/load';
import { authorizePatient } from '../patients/access';
import { openSafetyAlerts } from '../safety/alerts';
import { findCheckinFor, insertCheckin, type CheckinRow } from './store';

export interface CheckinInput {
  appointmentId: string;
  mood: number;
  sleep: SleepAnswer;
  difficult?: string | null | undefined;
  safety: SafetyAnswer;
}

export interface Recorded {
  checkin: CheckinRow;
  crisisResources: string | null;
}

const REFUSED: Partial<Record<CheckinState, string>> = {
  'not-open': 'The check-in for this dose opens once the dose is over (at discharge).',
  closed: 'The check-in for this dose has closed (72 hours after the dose). Anything since then belongs to the integration session.',
};

export async function recordCheckin(ctx: Ctx, patientId: string, input: CheckinInput): Promise<Result<Recorded>> {
  const access = await authorizePatient(ctx, patientId, 'patient:submit-response', 'post-dose-checkin.create');
  if (!access.ok) return access;
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const appointment = await findAppointment(db, clinicId, input.appointmentId);
  if (!appointment || appointment.kind !== 'dosing' || appointment.patientId !== patientId) {
    await audit(ctx, { action: 'post-dose-checkin.create', resourceType: 'appointment', resourceId: input.appointmentId, patientId, outcome: 'denied' });
    return fail('NOT_FOUND', 'No such dose for this patient.');
  }
  const [sessions, clinic, existing] = await Promise.all([loadSessions(db, clinicId, [appointment.id]), findClinic(db, clinicId), findCheckinFor(db, clinicId, appointment.id)]);
  const now = ctx.deps.clock();
  const by = ctx.actor.kind === 'staff' ? 'staff' : 'patient';
  const state = checkinState(checkinWindow(doseFacts(appointment, sessions.get(appointment.id)), clinic?.timeZone ?? 'UTC'), now, Boolean(existing));
  if (state === 'done') return fail('CONFLICT', 'The check-in for this dose was already recorded (each dose has one, never changed).');
  if (!mayRecordCheckin(state, by)) return fail('CONFLICT', REFUSED[state] ?? 'A check-in cannot be recorded for this dose now.');
  const assessment = assessCheckin(input);
  const difficult = input.difficult?.trim() ? input.difficult.trim() : null;
  try {
    return await transact(db, async (tx) => {
      const alerts = assessment.flag ? await openSafetyAlerts(ctx, tx, patientId, null, [assessment.flag], 'post-dose check-in') : [];
      const row: CheckinRow = {
        clinicId, id: newId(), patientId, appointmentId: appointment.id, mood: input.mood, sleep: input.sleep, difficult, safety: input.safety,
        safetyAlertId: alerts[0]?.id ?? null, enteredByStaff: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null, createdAt: toDate(now),
      };
      await insertCheckin(tx, row);
      await audit(ctx, {
        action: 'post-dose-checkin.create', resourceType: 'post-dose-checkin', resourceId: row.id, patientId,
        detail: { appointmentId: appointment.id, onBehalf: by === 'staff', safetyAlert: alerts.length > 0 },
      }, tx);
      return ok({ checkin: row, crisisResources: assessment.showCrisisResources ? settingsOf(clinic).crisisResources : null });
    });
  } catch (err) {
    // Two devices (or the patient and a staff member) at once: the database keeps the first; the alert rolled back.
    if (sqlState(err) === '23505') return fail('CONFLICT', 'The check-in for this dose was already recorded (each dose has one, never changed).');
    throw err;
  }
}
