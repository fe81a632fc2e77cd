/**
 * Builds the ordered timeline of one course from the rows loaded for it (one load per source, whatever the number of
 * events). The loader scopes every source to the patient and the course; this function scopes again (rows of
 * appointments outside the course are ignored) so a loader slip cannot put another course's dose on this one.
 *
 * Choices:
 * - Cancelled appointments are left out (a rescheduled session is booked again; the course page keeps the history).
 * - Future booked sessions and doses are included, so the prescriber and therapist see what comes next.
 * - A dose is placed at the moment it was given, else at its appointment's start.
 * - Intentions: the latest revision per dose (it is the one revisited at integration), with the count of revisions.
 * - Observations: "ride present" is logistics, not clinical, and is left out; adverse events are their own kind.
 * - Integration sessions carry the themes of SIGNED progress notes only (a draft can still change; psychotherapy
 *   notes are never an input).
 * - Journal entries: staff see shared entries only; the patient sees all of their own, each marked shared or not.
 * - Questionnaires: every current score in the range, plus the baseline score when it was taken before the range.
 * - Order: by instant; at the same instant by a fixed kind order (the intention before its dose, the dose before its
 *   alerts), then by id, so the order is stable.
 */
import { doseState, dosedAtOf, summarizeDose } from './dose-summary';
import { inRange, type CourseRange } from './course-range';
import { scoreMarkers } from './scores';
import {
  EVENT_KINDS, type ActionPlanChangeIn, type AdministrationIn, type AlertIn, type AppointmentIn, type CheckinIn, type DoseOrderIn, type DosingSessionIn,
  type InstrumentInfo, type IntentionIn, type JournalIn, type NoteThemesIn, type ObservationIn, type ResponseIn, type TimelineEvent, type VitalIn,
} from './events';

export interface TimelineInput {
  audience: 'staff' | 'patient';
  range: CourseRange;
  appointments: readonly AppointmentIn[];
  sessions: readonly DosingSessionIn[];
  orders: readonly DoseOrderIn[];
  administrations: readonly AdministrationIn[];
  vitals: readonly VitalIn[];
  alerts: readonly AlertIn[];
  observations: readonly ObservationIn[];
  intentions: readonly IntentionIn[];
  /** Current (not corrected) responses from before the range (for the baseline) to its end. */
  responses: readonly ResponseIn[];
  instruments: ReadonlyMap<string, InstrumentInfo>;
  notes: readonly NoteThemesIn[];
  journal: readonly JournalIn[];
  actionPlan: readonly ActionPlanChangeIn[];
  checkins: readonly CheckinIn[];
}

export interface Timeline {
  events: TimelineEvent[];
  /** The course's first dose (given, else booked): the anchor of the treatment-episode baseline. */
  firstDoseAt: string | null;
}

const KIND_RANK = new Map(EVENT_KINDS.map((k, i) => [k, i]));

export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  const rank = KIND_RANK.get(a.kind)! - KIND_RANK.get(b.kind)!;
  if (rank !== 0) return rank;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

export function buildTimeline(input: TimelineInput): Timeline {
  const held = input.appointments.filter((a) => a.status !== 'cancelled');
  const doses = held.filter((a) => a.kind === 'dosing');
  const doseNumber = new Map(doses.map((d) => [d.id, d.number]));
  const sessions = new Map(input.sessions.map((s) => [s.appointmentId, s]));
  const ofDose = <T extends { appointmentId: string }>(rows: readonly T[]) => groupBy(rows.filter((r) => doseNumber.has(r.appointmentId)), (r) => r.appointmentId);
  const orders = ofDose(input.orders);
  const given = ofDose(input.administrations);
  const vitals = ofDose(input.vitals);
  const alerts = ofDose(input.alerts);
  const observations = ofDose(input.observations);

  const events: TimelineEvent[] = [];
  const dosedAt = new Map<string, string | null>();
  for (const d of doses) {
    const session = sessions.get(d.id);
    const at = dosedAtOf(session, given.get(d.id) ?? []);
    dosedAt.set(d.id, at);
    const summary = summarizeDose(
      { orders: orders.get(d.id) ?? [], administrations: given.get(d.id) ?? [], vitals: vitals.get(d.id) ?? [], alerts: alerts.get(d.id) ?? [], observations: observations.get(d.id) ?? [] },
      at,
    );
    events.push({
      kind: 'dose', id: `dose:${d.id}`, at: at ?? d.start, appointmentId: d.id, number: d.number, state: doseState(d, session), dosed: at !== null,
      dischargedAt: session?.dischargedAt ?? null, abortReason: session?.abortReason ?? null, summary,
    });
  }
  const firstDoseAt = doses.map((d) => dosedAt.get(d.id) ?? d.start).sort()[0] ?? null;

  events.push(...sessionEvents(held, input.notes));
  events.push(...intentionEvents(input.intentions, doseNumber));
  events.push(...dosingDetailEvents(input.alerts, input.observations, doseNumber));
  events.push(...questionnaireEvents(input, firstDoseAt, doseNumber));
  events.push(...patientEvents(input, doseNumber));
  return { events: events.sort(compareEvents), firstDoseAt };
}

function sessionEvents(held: readonly AppointmentIn[], notes: readonly NoteThemesIn[]): TimelineEvent[] {
  const signed = groupBy(notes.filter((n) => n.status === 'signed' && n.themes !== null && n.themes.trim() !== ''), (n) => n.appointmentId);
  return held.flatMap((a): TimelineEvent[] => {
    if (a.kind === 'dosing') return [];
    const themes = a.kind === 'integration'
      ? (signed.get(a.id) ?? []).sort((x, y) => ((x.signedAt ?? '') < (y.signedAt ?? '') ? -1 : 1)).map((n) => n.themes!.trim())
      : [];
    return [{ kind: 'session', id: `session:${a.id}`, at: a.start, appointmentId: a.id, sessionKind: a.kind, number: a.number, status: a.status, end: a.end, themes }];
  });
}

function intentionEvents(intentions: readonly IntentionIn[], doseNumber: ReadonlyMap<string, number>): TimelineEvent[] {
  const byDose = groupBy(intentions.filter((i) => doseNumber.has(i.appointmentId)), (i) => i.appointmentId);
  return [...byDose.values()].map((revisions) => {
    const latest = [...revisions].sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : 1)).at(-1)!;
    return {
      kind: 'intention' as const, id: `intention:${latest.appointmentId}`, at: latest.createdAt, appointmentId: latest.appointmentId,
      doseNumber: doseNumber.get(latest.appointmentId)!, text: latest.text, writtenBy: latest.writtenByKind, revisions: revisions.length,
    };
  });
}

function dosingDetailEvents(alerts: readonly AlertIn[], observations: readonly ObservationIn[], doseNumber: ReadonlyMap<string, number>): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (const a of alerts) {
    const n = doseNumber.get(a.appointmentId);
    if (n === undefined) continue;
    out.push({
      kind: 'vitals-alert', id: `alert:${a.id}`, at: a.raisedAt, appointmentId: a.appointmentId, doseNumber: n, level: a.level, vital: a.vital, message: a.message,
      acknowledged: a.acknowledgedAt !== null, action: a.action,
    });
  }
  for (const o of observations) {
    const n = doseNumber.get(o.appointmentId);
    if (n === undefined || o.kind === 'ride-present') continue;
    if (o.kind === 'adverse-event') {
      out.push({
        kind: 'adverse-event', id: `adverse:${o.id}`, at: o.observedAt, appointmentId: o.appointmentId, doseNumber: n, eventType: o.eventType ?? 'other',
        severity: o.severity ?? 'mild', actionTaken: o.actionTaken, text: o.text,
      });
    } else {
      out.push({ kind: 'observation', id: `observation:${o.id}`, at: o.observedAt, appointmentId: o.appointmentId, doseNumber: n, observation: o.kind, level: o.level, text: o.text });
    }
  }
  return out;
}

function questionnaireEvents(input: TimelineInput, firstDoseAt: string | null, doseNumber: ReadonlyMap<string, number>): TimelineEvent[] {
  const scored = scoreMarkers(input.responses, input.instruments, firstDoseAt);
  return scored
    .filter((s) => s.baseline || inRange(s.point.submittedAt, input.range))
    .map((s) => {
      const r = s.point;
      const info = input.instruments.get(r.instrumentId);
      return {
        kind: 'questionnaire' as const, id: `questionnaire:${r.id}`, at: r.submittedAt, responseId: r.id, instrumentId: r.instrumentId,
        instrumentTitle: info?.shortTitle ?? r.instrumentId.toUpperCase(), total: r.total, maxTotal: info?.maxTotal ?? null, severity: r.severity,
        severityLabel: info?.bands.find((b) => b.band === r.severity)?.label ?? null, baseline: s.baseline, change: s.change, response: s.response,
        remission: s.remission, firstResponse: s.firstResponse, firstRemission: s.firstRemission, flagged: r.flagged,
        doseNumber: r.doseEventId ? (doseNumber.get(r.doseEventId) ?? null) : null, offsetHours: r.offsetHours,
      };
    });
}

/** What the patient wrote or said: check-ins, journal entries (shared only, for staff) and action-plan changes. */
function patientEvents(input: TimelineInput, doseNumber: ReadonlyMap<string, number>): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (const c of input.checkins) {
    const n = doseNumber.get(c.appointmentId);
    if (n === undefined) continue;
    out.push({ kind: 'checkin', id: `checkin:${c.id}`, at: c.createdAt, appointmentId: c.appointmentId, doseNumber: n, mood: c.mood, sleep: c.sleep, safety: c.safety, difficult: c.difficult });
  }
  for (const j of input.journal) {
    if (input.audience === 'staff' && j.sharedAt === null) continue;
    out.push({
      kind: 'journal', id: `journal:${j.id}`, at: j.createdAt, entryId: j.id, doseNumber: j.appointmentId ? (doseNumber.get(j.appointmentId) ?? null) : null,
      prompt: j.prompt, text: j.text, mood: j.mood, shared: j.sharedAt !== null, sharedAt: j.sharedAt,
    });
  }
  for (const c of input.actionPlan) {
    out.push({
      kind: 'action-plan', id: `action-plan:${c.id}`, at: c.at, itemId: c.itemId, change: c.change, status: c.status, insight: c.snapshot.insight ?? '',
      commitment: c.snapshot.commitment ?? '', timeframe: c.snapshot.timeframe ?? '', measure: c.snapshot.measure ?? '', note: c.note, by: c.byKind,
    });
  }
  return out;
}
