/**
 * The dose and after it: administrations (each part from a stock lot, drawn in the ledger), vital signs with alerts,
 * observations, alerts acknowledged, who is in the room, the setting.
 */
import { z } from 'zod';
import {
  appendPresence, classifyVitals, milligrams, validateAdministrations, validateVitals, whoIsPresent, type Administration, type Milligrams, type StaffRef,
} from '../../../core/dosing';
import { fail, ok, type Result } from '../../../core/errors';
import { newId } from '../../../db/ids';
import { acknowledgeAlert, insertAdministration, insertAlerts, insertObservation, insertPresence, insertVitals, updateSession, type DosingSessionRow } from '../../../db/repos/dosing';
import { recordAdministrationEntry } from '../../../db/repos/ledger';
import { moveDoseAnchor } from '../courses/dose-anchors';
import { clientInstant, logEvent, runCommand, transition, tryAppendStep, type AppendPlan, type CommandEnv, type Done } from './command';
import { presenceLog, type Loaded } from './load';

const AFTER_DOSE = new Set(['dosed', 'monitoring', 'ready-for-discharge']);
const IN_SESSION = new Set(['checked-in', 'checks-passed', 'dosed', 'monitoring', 'ready-for-discharge']);

export const AdministerBody = z.object({ amountMg: z.number().positive().max(1000), lotId: z.uuid(), givenAt: z.iso.datetime({ offset: true }).optional() });

export function administer(env: CommandEnv, appointmentId: string, body: z.infer<typeof AdministerBody>) {
  return runCommand(env, appointmentId, 'patient:administer-dose', 'dosing-session.administer', async (s) => {
    const order = s.l.bundle?.orders.at(-1);
    if (!order) return fail('INVALID_TRANSITION', 'There is no dose order yet: a prescriber must order the dose first.');
    const at = clientInstant(body.givenAt, s.now, 'givenAt');
    if (!at.ok) return at;
    const amount = milligrams(body.amountMg, 'amountMg');
    if (!amount.ok) return amount;
    const staffRole = (id: string) => s.l.staff.get(id)?.role ?? 'therapist';
    const parts: Administration[] = (s.l.bundle?.administrations ?? []).map((a) => ({ amount: Number(a.amountMg) as Milligrams, by: { staffId: a.givenBy, role: staffRole(a.givenBy) }, at: a.givenAt.getTime(), lotId: a.lotId }));
    const summary = validateAdministrations({ dose: Number(order.doseMg) as Milligrams }, [...parts, { amount: amount.value, by: s.me, at: at.value, lotId: body.lotId }]);
    if (!summary.ok) return summary;
    const first = parts.length === 0;
    if (first) {
      const r = await transition(s, { type: 'dose', by: s.me, at: at.value, order: { blocked: false, message: '' } }, { detail: { orderId: order.id } });
      if (!r.ok) return r;
    } else if (!AFTER_DOSE.has(s.session.state)) {
      return fail('INVALID_TRANSITION', `The session is "${s.session.state}": a further part of the dose is given only during monitoring.`);
    }
    const id = newId();
    await insertAdministration(s.tx, { clinicId: s.session.clinicId, id, appointmentId, orderId: order.id, amountMg: String(body.amountMg), lotId: body.lotId, givenBy: s.me.staffId, givenAt: new Date(at.value) });
    const drawn = await recordAdministrationEntry(s.tx, { clinicId: s.session.clinicId, lotId: body.lotId, administrationId: id, quantityMg: amount.value, by: s.me.staffId, at: new Date(at.value) });
    if (!drawn.ok) return drawn;
    // The booked dose's questionnaires follow the real dose time.
    if (first) await moveDoseAnchor(s.tx, s.session.clinicId, appointmentId, s.l.appointment.startsAt, new Date(at.value));
    return ok({ value: { administrationId: id, totalMg: summary.value.total, remainingMg: summary.value.remaining, complete: summary.value.complete }, detail: { administrationId: id, lotId: body.lotId } });
  });
}

export const VitalsBody = z.object({
  systolic: z.number().int(),
  diastolic: z.number().int(),
  heartRate: z.number().int(),
  spo2: z.number().int(),
  respiratoryRate: z.number().int().optional(),
  takenAt: z.iso.datetime({ offset: true }).optional(),
});

type VitalsBodyT = z.infer<typeof VitalsBody>;
interface VitalsResult {
  id: string;
  phase: 'pre-dose' | 'post-dose';
  level: string;
  findings: { vital: string; level: string; message: string }[];
  alertsRaised: number;
}

/**
 * What a reading is and adds, decided by the core on the session as it stands: the phase (before or after the dose),
 * the protocol's limits for that phase, the findings, and an alert row per finding after the dose.
 */
function planReading(
  s: { l: Loaded; session: DosingSessionRow; now: number; me: StaffRef }, appointmentId: string, body: VitalsBodyT,
): Result<AppendPlan<VitalsResult> & { postDose: boolean; takenAt: number }> {
  if (!IN_SESSION.has(s.session.state)) {
    return fail('INVALID_TRANSITION', `The session is "${s.session.state}": vital signs are recorded from check-in until discharge${s.session.state === 'scheduled' ? ' (check the patient in first)' : ''}.`);
  }
  const reading = validateVitals({ systolic: body.systolic, diastolic: body.diastolic, heartRate: body.heartRate, spo2: body.spo2, respiratoryRate: body.respiratoryRate });
  if (!reading.ok) return reading;
  const at = clientInstant(body.takenAt, s.now, 'takenAt');
  if (!at.ok) return at;
  const dosedAt = s.session.dosedAt?.getTime() ?? null;
  const postDose = dosedAt !== null && at.value > dosedAt;
  const limits = postDose ? s.l.protocol.dosing.monitoringThresholds : s.l.protocol.dosing.predoseVitals;
  const c = classifyVitals(limits, reading.value, postDose ? undefined : { warn: 'warning', act: 'hold' });
  const id = newId();
  const { clinicId } = s.session;
  const findings = c.findings.filter((f) => f.level !== 'normal');
  const alerts = postDose
    ? findings.map((f) => ({ clinicId, id: newId(), appointmentId, readingId: id, level: f.level as 'warn' | 'act', vital: f.vital, message: f.message, raisedAt: new Date(s.now) }))
    : [];
  return ok({
    postDose,
    takenAt: at.value,
    rows: {
      vitals: {
        clinicId, id, appointmentId, patientId: s.l.appointment.patientId, takenAt: new Date(at.value), systolic: body.systolic, diastolic: body.diastolic,
        heartRate: body.heartRate, spo2: body.spo2, respiratoryRate: body.respiratoryRate ?? null, recordedBy: s.me.staffId, recordedAt: new Date(s.now),
      },
      alerts,
    },
    value: { id, phase: postDose ? 'post-dose' : 'pre-dose', level: c.level, findings: findings.map((f) => ({ vital: f.vital, level: f.level, message: f.message })), alertsRaised: alerts.length },
    detail: { readingId: id, level: c.level },
  });
}

/**
 * Records a reading. The common case — a session already under way whose state the reading does not change — is one
 * statement after the load (tryAppendStep); the first reading after the dose (which starts monitoring) and a session
 * someone changed at the same moment take the locked path.
 */
export async function recordVitals(env: CommandEnv, appointmentId: string, body: VitalsBodyT): Promise<Result<VitalsResult>> {
  const action = 'patient:run-dosing-session';
  const auditAction = 'dosing-session.vitals';
  const fast = await tryAppendStep(env, appointmentId, action, auditAction, (s) => {
    const planned = planReading(s, appointmentId, body);
    return planned.ok && planned.value.postDose && s.session.state === 'dosed' ? 'locked-path' : planned;
  });
  if (fast) return fast;
  return runCommand(env, appointmentId, action, auditAction, async (s) => {
    const planned = planReading(s, appointmentId, body);
    if (!planned.ok) return planned;
    const { rows, postDose, takenAt } = planned.value;
    await insertVitals(s.tx, rows.vitals);
    await insertAlerts(s.tx, rows.alerts);
    if (postDose && s.session.state === 'dosed') {
      const r = await transition(s, { type: 'start-monitoring', by: s.me, at: Math.max(takenAt, s.session.stateChangedAt.getTime()), trigger: 'first-vitals' });
      if (!r.ok) return r;
    }
    return ok({ value: planned.value.value, detail: planned.value.detail });
  }, { lean: true });
}

export const OBSERVATION_EVENT_TYPES = ['nausea-vomiting', 'hypertension', 'anxiety-emergence', 'respiratory-depression', 'other'] as const;

export const ObservationBody = z.object({
  kind: z.enum(['sedation', 'dissociation', 'state', 'adverse-event', 'suicide-risk-check', 'ride-present', 'note']),
  level: z.number().int().min(0).max(10).optional(),
  eventType: z.enum(OBSERVATION_EVENT_TYPES).optional(),
  severity: z.enum(['mild', 'moderate', 'severe']).optional(),
  actionTaken: z.string().trim().max(2000).optional(),
  text: z.string().trim().max(4000).optional(),
  observedAt: z.iso.datetime({ offset: true }).optional(),
});

export function recordObservation(env: CommandEnv, appointmentId: string, body: z.infer<typeof ObservationBody>) {
  return runCommand(env, appointmentId, 'patient:run-dosing-session', 'dosing-session.observation', async (s): Promise<Result<Done<{ id: string }>>> => {
    if (!IN_SESSION.has(s.session.state)) return fail('INVALID_TRANSITION', `The session is "${s.session.state}": observations are recorded from check-in until discharge.`);
    const problems = observationProblems(body, s.l.protocol.dosing);
    if (problems.length) return fail('VALIDATION_FAILED', `Check the observation: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, { fields: problems });
    const at = clientInstant(body.observedAt, s.now, 'observedAt');
    if (!at.ok) return at;
    const id = newId();
    await insertObservation(s.tx, {
      clinicId: s.session.clinicId, id, appointmentId, kind: body.kind, level: body.level ?? null, eventType: body.eventType ?? null, severity: body.severity ?? null,
      actionTaken: body.actionTaken || null, text: body.text || null, observedAt: new Date(at.value), by: s.me.staffId, recordedAt: new Date(s.now),
    });
    return ok({ value: { id }, detail: { observationId: id, kind: body.kind } });
  });
}

function observationProblems(body: z.infer<typeof ObservationBody>, dosing: { sedationScale: { levels: string[] }; dissociationScale: { levels: string[] } }) {
  const problems: { path: string; message: string }[] = [];
  if (body.kind === 'sedation' || body.kind === 'dissociation') {
    const max = (body.kind === 'sedation' ? dosing.sedationScale : dosing.dissociationScale).levels.length - 1;
    if (body.level === undefined) problems.push({ path: 'level', message: `required for ${body.kind} (0–${max})` });
    else if (body.level > max) problems.push({ path: 'level', message: `must be 0–${max} on the clinic’s ${body.kind} scale` });
  }
  if (body.kind === 'adverse-event') {
    if (!body.eventType) problems.push({ path: 'eventType', message: 'required for an adverse event' });
    if (!body.severity) problems.push({ path: 'severity', message: 'required for an adverse event' });
    if (!body.actionTaken) problems.push({ path: 'actionTaken', message: 'say what was done' });
  }
  if ((body.kind === 'state' || body.kind === 'note') && !body.text) problems.push({ path: 'text', message: 'required' });
  return problems;
}

export function acknowledgeDosingAlert(env: CommandEnv, appointmentId: string, alertId: string, action: string) {
  return runCommand(env, appointmentId, 'patient:run-dosing-session', 'dosing-session.alert-acknowledge', async (s): Promise<Result<Done<{ alertId: string }>>> => {
    const done = await acknowledgeAlert(s.tx, s.session.clinicId, appointmentId, alertId, s.me.staffId, action, new Date(s.now));
    if (!done) {
      const known = s.l.bundle?.alerts.some((a) => a.id === alertId);
      return known ? fail('CONFLICT', 'This alert was already acknowledged.') : fail('NOT_FOUND', 'No such alert in this session.');
    }
    return ok({ value: { alertId }, detail: { alertId } });
  });
}

export const PresenceBody = z.object({ staffId: z.uuid(), action: z.enum(['enter', 'leave']), handoverTo: z.uuid().optional(), at: z.iso.datetime({ offset: true }).optional() });

export function recordPresence(env: CommandEnv, appointmentId: string, body: z.infer<typeof PresenceBody>) {
  return runCommand(env, appointmentId, 'patient:run-dosing-session', 'dosing-session.presence', async (s): Promise<Result<Done<{ present: string[] }>>> => {
    const who = s.l.staff.get(body.staffId);
    if (!who) return fail('VALIDATION_FAILED', 'That staff member is not of this clinic.', { fields: [{ path: 'staffId', message: 'unknown staff member' }] });
    if (body.handoverTo && !s.l.staff.get(body.handoverTo)) return fail('VALIDATION_FAILED', 'The hand-over is to someone not of this clinic.', { fields: [{ path: 'handoverTo', message: 'unknown staff member' }] });
    if (s.session.state === 'discharged' || s.session.state === 'aborted') return fail('INVALID_TRANSITION', `The session is "${s.session.state}": presence is no longer recorded.`);
    const at = clientInstant(body.at, s.now, 'at');
    if (!at.ok) return at;
    const log = presenceLog(s.l.bundle, s.l.staff);
    const next = appendPresence(log, { staffId: body.staffId, role: who.role, kind: body.action, at: at.value, handoverTo: body.handoverTo ?? null }, s.session.state);
    if (!next.ok) return next;
    const entry = next.value.at(-1)!;
    await insertPresence(s.tx, { clinicId: s.session.clinicId, id: newId(), appointmentId, staffId: body.staffId, action: body.action, handoverTo: entry.handoverTo ?? null, at: new Date(at.value), recordedBy: s.me.staffId });
    const present = whoIsPresent(next.value, at.value).map((p) => p.staffId);
    return ok({ value: { present }, detail: { staffId: body.staffId, action: body.action, handoverTo: entry.handoverTo ?? null } });
  });
}

export const SettingBody = z.object({
  music: z.string().trim().max(500).optional(),
  eyeMask: z.boolean().optional(),
  lighting: z.enum(['dim', 'soft', 'natural', 'bright']).optional(),
  notes: z.string().trim().max(2000).optional(),
});

export function updateSetting(env: CommandEnv, appointmentId: string, body: z.infer<typeof SettingBody>) {
  return runCommand(env, appointmentId, 'patient:run-dosing-session', 'dosing-session.setting', async (s): Promise<Result<Done<{ setting: Record<string, unknown> }>>> => {
    if (s.session.state === 'discharged' || s.session.state === 'aborted') return fail('INVALID_TRANSITION', `The session is "${s.session.state}": the setting can no longer change.`);
    const setting = { ...(s.session.setting ?? {}), ...body };
    const saved = await updateSession(s.tx, s.session.clinicId, appointmentId, s.session.version, { setting, updatedAt: new Date(s.now) });
    if (!saved) return fail('CONFLICT', 'Someone else changed this session at the same moment: reload and try again.');
    await logEvent(s, 'setting', body);
    return ok({ value: { setting } });
  });
}
