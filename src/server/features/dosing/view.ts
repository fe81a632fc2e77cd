/**
 * The dosing session as the console and the API show it (`GET /api/appointments/:id/session`): state, checklist
 * evaluation, order, administrations, vitals with their levels and LOINC codes, observations, presence, alerts,
 * checkpoints and the discharge evaluation, all computed by the core at `now`.
 */
import {
  checklistItem, checkpointSchedule, checkpointStatus, classifyVitals, evaluateChecklist, evaluateDischarge, ROUTE_SNOMED, VITAL_LOINC, whoIsPresent,
  type ChecklistEvaluation, type CheckpointReport, type DischargeEvaluation, type DoseRoute, type StaffRef,
} from '../../../core/dosing';
import type { Executor } from '../../../db/database';
import { checklistFacts, dischargeFacts, presenceLog, readingOf, type Loaded } from './load';
import { latestIntention } from '../intentions/store';

export const localTime = (timeZone: string) => (epochMs: number) =>
  new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(epochMs));

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const isoMs = (x: number | null | undefined) => (x === null || x === undefined ? null : new Date(x).toISOString());

export function checkpointsOf(l: Loaded, now: number): CheckpointReport | null {
  const dosedAt = l.bundle?.session.dosedAt?.getTime();
  if (dosedAt === undefined) return null;
  const plannedEnd = Math.max(l.appointment.endsAt.getTime(), dosedAt + l.protocol.durations.monitoringMinutes * 60_000);
  const schedule = checkpointSchedule(l.protocol, dosedAt, plannedEnd);
  if (!schedule.ok) return null;
  const times = (l.bundle?.vitals ?? []).map((v) => v.takenAt.getTime());
  return checkpointStatus(schedule.value, times, now, l.protocol.dosing.checkpoints.overdueGraceMinutes);
}

export function dischargeOf(l: Loaded, signer: StaffRef | null, now: number): DischargeEvaluation | null {
  const facts = dischargeFacts(l, signer);
  return facts ? evaluateDischarge(l.protocol, facts, now, localTime(l.timeZone)) : null;
}

export async function checklistOf(ex: Executor, l: Loaded, now: number): Promise<ChecklistEvaluation> {
  return evaluateChecklist(l.protocol, await checklistFacts(ex, l), now);
}

export async function sessionView(ex: Executor, l: Loaded, now: number, viewer: StaffRef | null) {
  const b = l.bundle;
  const name = (id: string | null | undefined) => (id ? (l.staff.get(id)?.name ?? 'Former staff member') : null);
  const state = b?.session.state ?? 'scheduled';
  const dosedAt = b?.session.dosedAt?.getTime() ?? null;
  const order = b?.orders.at(-1) ?? null;
  const checklist = await checklistOf(ex, l, now);
  const checkpoints = checkpointsOf(l, now);
  const discharge = dischargeOf(l, viewer, now);
  const phase = (t: Date) => (dosedAt === null || t.getTime() <= dosedAt ? 'pre-dose' : 'post-dose');
  const present = whoIsPresent(presenceLog(b, l.staff), now);
  return {
    appointmentId: l.appointment.id,
    patient: l.patient,
    room: l.room,
    start: l.appointment.startsAt.toISOString(),
    end: l.appointment.endsAt.toISOString(),
    timeZone: l.timeZone,
    therapist: { id: l.appointment.therapistId, name: name(l.appointment.therapistId) },
    courseId: l.course?.id ?? null,
    doseNumber: l.appointment.number,
    state,
    stateChangedAt: iso(b?.session.stateChangedAt),
    checkedInAt: iso(b?.session.checkedInAt),
    dosedAt: isoMs(dosedAt),
    dischargedAt: iso(b?.session.dischargedAt),
    abortReason: b?.session.abortReason ?? null,
    version: b?.session.version ?? 0,
    setting: b?.session.setting ?? {},
    intention: (await latestIntention(ex, l.appointment.clinicId, l.appointment.id))?.text ?? checklistIntention(l),
    protocol: {
      routes: l.protocol.routes,
      doseLimits: l.protocol.dosing.doseLimits,
      monitoringThresholds: l.protocol.dosing.monitoringThresholds,
      predoseVitals: l.protocol.dosing.predoseVitals,
      sedationScale: l.protocol.dosing.sedationScale,
      dissociationScale: l.protocol.dosing.dissociationScale,
      minMonitoringMinutes: l.protocol.dosing.discharge.minMonitoringMinutes ?? l.protocol.durations.monitoringMinutes,
      overdueGraceMinutes: l.protocol.dosing.checkpoints.overdueGraceMinutes,
      fasting: l.protocol.fasting,
    },
    checklist: {
      canDose: checklist.canDose,
      blocking: checklist.blocking,
      warnings: checklist.warnings,
      items: checklist.items.map((i) => ({
        id: i.id, label: i.label, required: i.required, overridable: checklistItem(i.id)?.overridable ?? false, status: i.status, message: i.message, warnings: i.warnings, passesAt: isoMs(i.passesAt),
        override: i.override ? { by: name(i.override.by.staffId), reason: i.override.reason, at: isoMs(i.override.at) } : null,
        recorded: latestRecord(l, i.id),
      })),
    },
    order: order
      ? {
          id: order.id, route: order.route as DoseRoute, routeCode: ROUTE_SNOMED[order.route as DoseRoute], product: order.product, doseMg: Number(order.doseMg),
          weightKg: order.weightKg === null ? null : Number(order.weightKg), mgPerKg: order.mgPerKg === null ? null : Number(order.mgPerKg),
          infusionMinutes: order.infusionMinutes, limitProblem: order.limitProblem, overrideReason: order.overrideReason,
          orderedBy: name(order.orderedBy), orderedAt: order.orderedAt.toISOString(),
        }
      : null,
    administrations: (b?.administrations ?? []).map((a) => ({ id: a.id, amountMg: Number(a.amountMg), lotId: a.lotId, givenBy: name(a.givenBy), givenAt: a.givenAt.toISOString() })),
    vitals: (b?.vitals ?? []).map((v) => {
      const limits = phase(v.takenAt) === 'pre-dose' ? l.protocol.dosing.predoseVitals : l.protocol.dosing.monitoringThresholds;
      const c = classifyVitals(limits, readingOf(v), phase(v.takenAt) === 'pre-dose' ? { warn: 'warning', act: 'hold' } : undefined);
      return {
        id: v.id, takenAt: v.takenAt.toISOString(), phase: phase(v.takenAt), minutesAfterDose: dosedAt === null ? null : Math.round((v.takenAt.getTime() - dosedAt) / 60_000),
        systolic: v.systolic, diastolic: v.diastolic, heartRate: v.heartRate, spo2: v.spo2, respiratoryRate: v.respiratoryRate,
        level: c.level, findings: c.findings.filter((f) => f.level !== 'normal').map((f) => ({ vital: f.vital, level: f.level, message: f.message })),
        recordedBy: name(v.recordedBy),
      };
    }),
    loinc: VITAL_LOINC,
    observations: (b?.observations ?? []).map((o) => ({
      id: o.id, kind: o.kind, level: o.level, eventType: o.eventType, severity: o.severity, actionTaken: o.actionTaken, text: o.text,
      observedAt: o.observedAt.toISOString(), by: name(o.by),
    })),
    presence: {
      now: present.map((p) => ({ staffId: p.staffId, name: name(p.staffId), role: p.role, since: isoMs(p.since) })),
      log: (b?.presence ?? []).map((e) => ({ staffId: e.staffId, name: name(e.staffId), action: e.action, handoverTo: name(e.handoverTo), at: e.at.toISOString() })),
    },
    alerts: (b?.alerts ?? []).map((a) => ({
      id: a.id, level: a.level, vital: a.vital, message: a.message, raisedAt: a.raisedAt.toISOString(),
      acknowledgedAt: iso(a.acknowledgedAt), acknowledgedBy: name(a.acknowledgedBy), action: a.action,
    })),
    checkpoints: checkpoints
      ? {
          nextDue: checkpoints.nextDue ? { id: checkpoints.nextDue.id, label: checkpoints.nextDue.label, dueAt: isoMs(checkpoints.nextDue.dueAt), status: checkpoints.nextDue.status } : null,
          items: checkpoints.checkpoints.map((c) => ({ id: c.id, label: c.label, dueAt: isoMs(c.dueAt), status: c.status, recordedAt: isoMs(c.recordedAt) })),
        }
      : null,
    discharge: discharge
      ? {
          canDischarge: discharge.canDischarge, possibleFrom: isoMs(discharge.possibleFrom), minutesRemaining: discharge.minutesRemaining,
          conditions: discharge.conditions.map((c) => ({ id: c.id, met: c.met, message: c.message })),
        }
      : null,
    events: (b?.events ?? []).map((e) => ({ kind: e.kind, from: e.fromState, to: e.toState, by: name(e.by), at: e.at.toISOString(), detail: e.detail })),
  };
}

export type SessionView = Awaited<ReturnType<typeof sessionView>>;

function checklistIntention(l: Loaded): string | null {
  const entry = l.bundle?.checklist.filter((e) => e.kind === 'record' && e.itemId === 'intentionRecorded').at(-1);
  const text = (entry?.value as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : null;
}

function latestRecord(l: Loaded, itemId: string) {
  const entry = l.bundle?.checklist.filter((e) => e.kind === 'record' && e.itemId === itemId).at(-1);
  if (!entry) return null;
  return { value: entry.value as Record<string, unknown>, by: l.staff.get(entry.by)?.name ?? null, at: entry.at.toISOString() };
}
