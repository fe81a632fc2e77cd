/**
 * The end of a session: ready for discharge, discharge (signed by a prescriber or nurse, refused early with the reason
 * and the time remaining), abort with a reason. After discharge the appointment is completed and the response shows
 * the integration session inside its window (or flags that it is missing) and the dose-anchored questionnaires.
 */
import { and, eq } from 'drizzle-orm';
import { evaluateDischarge } from '../../../core/dosing';
import { fail, ok, type Result } from '../../../core/errors';
import { newId } from '../../../db/ids';
import { listCourseAppointments, insertHistory, updateAppointment } from '../../../db/repos/scheduling';
import { questionnaireAssignments } from '../../../db/schema';
import { dropDoseAnchor } from '../courses/dose-anchors';
import { runCommand, transition, type CommandEnv, type Step } from './command';
import { dischargeFacts } from './load';
import { localTime } from './view';

function refusal(s: Step, evaluation: ReturnType<typeof evaluateDischarge>) {
  const open = evaluation.unmet.filter((c) => c.id !== 'signer' || s.me.role === 'therapist' || s.me.role === 'admin');
  return fail('CONFLICT', `Not ready for discharge: ${open.map((c) => c.message).join(' ')}`, {
    details: { unmet: open.map((c) => ({ id: c.id, message: c.message })), possibleFrom: new Date(evaluation.possibleFrom).toISOString(), minutesRemaining: evaluation.minutesRemaining },
  });
}

export function readyForDischarge(env: CommandEnv, appointmentId: string) {
  return runCommand(env, appointmentId, 'patient:administer-dose', 'dosing-session.ready-for-discharge', async (s) => {
    const facts = dischargeFacts(s.l, s.me);
    if (!facts || s.session.state !== 'monitoring') return fail('INVALID_TRANSITION', `The session is "${s.session.state}": a patient becomes ready for discharge during monitoring.`);
    const evaluation = evaluateDischarge(s.l.protocol, facts, s.now, localTime(s.l.timeZone));
    if (evaluation.unmet.some((c) => c.id !== 'signer')) return refusal(s, evaluation);
    const r = await transition(s, { type: 'ready-for-discharge', by: s.me, at: s.now, discharge: { unmet: evaluation.unmet } });
    return r.ok ? ok({ value: { state: r.value.status } }) : r;
  });
}

export function discharge(env: CommandEnv, appointmentId: string) {
  return runCommand(env, appointmentId, 'patient:discharge', 'dosing-session.discharge', async (s) => {
    const facts = dischargeFacts(s.l, s.me);
    if (!facts || (s.session.state !== 'monitoring' && s.session.state !== 'ready-for-discharge')) {
      return fail('INVALID_TRANSITION', `The session is "${s.session.state}": discharge follows the dose and its monitoring.`);
    }
    const evaluation = evaluateDischarge(s.l.protocol, facts, s.now, localTime(s.l.timeZone));
    if (!evaluation.canDischarge) return refusal(s, evaluation);
    if (s.session.state === 'monitoring') {
      const ready = await transition(s, { type: 'ready-for-discharge', by: s.me, at: s.now, discharge: { unmet: [] } });
      if (!ready.ok) return ready;
    }
    const r = await transition(s, { type: 'discharge', by: s.me, at: s.now, discharge: { unmet: [] } }, { detail: { conditions: evaluation.conditions.map((c) => c.id) } });
    if (!r.ok) return r;
    const a = s.l.appointment;
    await updateAppointment(s.tx, a.clinicId, a.id, { status: 'completed', updatedAt: new Date(s.now) });
    await insertHistory(s.tx, [{ clinicId: a.clinicId, id: newId(), appointmentId: a.id, action: 'completed', before: { status: a.status }, after: { status: 'completed' }, reason: 'discharged', changedBy: s.me.staffId, changedAt: new Date(s.now) }]);
    const integration = await integrationFor(s);
    const questionnaires = await s.tx
      .select({ id: questionnaireAssignments.id, dueAt: questionnaireAssignments.dueAt, instrumentId: questionnaireAssignments.instrumentId })
      .from(questionnaireAssignments)
      .where(and(eq(questionnaireAssignments.clinicId, a.clinicId), eq(questionnaireAssignments.doseEventId, a.id), eq(questionnaireAssignments.status, 'pending')));
    return ok({
      value: { state: r.value.status, integration, questionnaires: questionnaires.map((q) => ({ id: q.id, instrumentId: q.instrumentId, dueAt: q.dueAt.toISOString() })) },
      detail: { integration: integration.status },
    });
  });
}

/** The integration session that belongs to this dose, and whether it sits inside the window after the real dose time. */
async function integrationFor(s: Step) {
  const a = s.l.appointment;
  const dosedAt = s.session.dosedAt!.getTime();
  const window = s.l.protocol.integrationWindowHours;
  const from = dosedAt + window.min * 3600_000;
  const until = dosedAt + window.max * 3600_000;
  const base = { windowStart: new Date(from).toISOString(), windowEnd: new Date(until).toISOString() };
  if (!a.courseId) return { status: 'missing' as const, appointment: null, ...base, message: 'No integration session is booked for this dose: book one inside the window.' };
  const candidates = (await listCourseAppointments(s.tx, a.clinicId, a.courseId, false)).filter((x) => x.kind === 'integration' && x.number === a.number && x.status !== 'cancelled');
  const integration = candidates[0];
  if (!integration) return { status: 'missing' as const, appointment: null, ...base, message: 'No integration session is booked for this dose: book one inside the window.' };
  const start = integration.startsAt.getTime();
  const inside = start >= from && start <= until;
  const appointment = { id: integration.id, start: integration.startsAt.toISOString(), end: integration.endsAt.toISOString() };
  return inside
    ? { status: 'booked' as const, appointment, ...base, message: `Integration session booked for ${localTime(s.l.timeZone)(start)}, inside its window.` }
    : { status: 'outside-window' as const, appointment, ...base, message: `The integration session (${localTime(s.l.timeZone)(start)}) is outside its window after the real dose time: move it.` };
}

export function abort(env: CommandEnv, appointmentId: string, reason: string) {
  return runCommand(env, appointmentId, 'patient:run-dosing-session', 'dosing-session.abort', async (s): Promise<Result<{ value: { state: string } }>> => {
    const wasDosed = s.session.dosedAt !== null;
    const r = await transition(s, { type: 'abort', by: s.me, at: s.now, reason }, { detail: { reason: reason.trim() } });
    if (!r.ok) return r;
    // No dose was given: the questionnaires anchored to it are withdrawn. After a dose they stand (the dose happened).
    if (!wasDosed) await dropDoseAnchor(s.tx, s.session.clinicId, appointmentId);
    return ok({ value: { state: r.value.status } });
  });
}
