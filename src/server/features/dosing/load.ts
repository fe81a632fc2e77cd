/**
 * Authorize → load for a dosing session: the dosing appointment, the caller's right on its patient, the protocol
 * version of its course (which carries the dosing limits), the session's rows and the facts the core rules read.
 */
import { and, desc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { CareTeam, PatientAction } from '../../../core/authorization';
import {
  kilograms, type ChecklistFacts, type ChecklistOverride, type ChecklistItemId, type DischargeFacts, type PresenceEntry, type RuleFacts, type StaffRef,
  type VitalsReading,
} from '../../../core/dosing';
import { fail, ok, type Result } from '../../../core/errors';
import { ProtocolDefinition, ROUTES } from '../../../core/scheduling/protocol';
import type { Executor } from '../../../db/database';
import { loadBundle, latestConsent, type DosingSessionRow, type SessionBundle, type VitalRow } from '../../../db/repos/dosing';
import { appointments, clinics, courses, dosingSessions, protocols, eligibilityDecisions, patients, patientWeights, rooms, screeningRecords, staffMembers } from '../../../db/schema';
import type { AppointmentRow, CourseRow } from '../../../db/repos/scheduling';
import type { Ctx } from '../../context';
import { authorizeWithCareTeam, type PatientAccess } from '../patients/access';
import { hasReadAll } from '../education/store';
import { latestIntention } from '../intentions/store';

export interface StaffInfo {
  id: string;
  name: string;
  role: StaffRef['role'];
}

export interface Loaded {
  appointment: AppointmentRow;
  course: CourseRow | null;
  protocol: ProtocolDefinition;
  access: PatientAccess;
  timeZone: string;
  patient: { id: string; name: string; initials: string };
  room: { id: string; name: string };
  /** Undefined until the session is first touched (check-in). */
  bundle: SessionBundle | undefined;
  /** The session row as loaded, without a lock (undefined until first touched); a command re-reads it under its lock. */
  session?: DosingSessionRow | undefined;
  staff: Map<string, StaffInfo>;
}

/** The protocol of a course-less dosing appointment (a single maintenance dose): the clinic's defaults, every route. */
export const DEFAULT_PROTOCOL = ProtocolDefinition.parse({ name: 'Clinic defaults', routes: [...ROUTES] });

/**
 * The joined load, built once per executor and prepared under one name: every vital-signs reading sends it, and
 * building an eight-table select and planning it in PostgreSQL on each call was a measurable part of the request.
 */
function buildDosingLoad(ex: Executor) {
  return ex
    .select({
      appointment: appointments, course: courses, protocol: { id: protocols.id, version: protocols.version, definition: protocols.definition }, timeZone: clinics.timeZone,
      patient: { id: patients.id, givenName: patients.givenName, preferredName: patients.preferredName, familyName: patients.familyName }, room: { id: rooms.id, name: rooms.name },
      session: dosingSessions,
      careTeam: sql<{ staffId: string; role: string }[]>`(SELECT coalesce(json_agg(json_build_object('staffId', c.staff_id, 'role', c.role)), '[]'::json)
        FROM care_team_members c WHERE c.clinic_id = ${appointments.clinicId} AND c.patient_id = ${appointments.patientId})`,
    })
    .from(appointments)
    .innerJoin(clinics, eq(clinics.id, appointments.clinicId))
    .innerJoin(patients, and(eq(patients.clinicId, appointments.clinicId), eq(patients.id, appointments.patientId)))
    .leftJoin(courses, and(eq(courses.clinicId, appointments.clinicId), eq(courses.id, appointments.courseId)))
    .leftJoin(protocols, and(eq(protocols.clinicId, courses.clinicId), eq(protocols.id, courses.protocolId), eq(protocols.version, courses.protocolVersion)))
    .leftJoin(rooms, and(eq(rooms.clinicId, appointments.clinicId), eq(rooms.id, appointments.roomId)))
    .leftJoin(dosingSessions, and(eq(dosingSessions.clinicId, appointments.clinicId), eq(dosingSessions.appointmentId, appointments.id)))
    .where(and(eq(appointments.clinicId, sql.placeholder('clinicId')), eq(appointments.id, sql.placeholder('appointmentId'))))
    .limit(1)
    .prepare('tilth_dosing_load');
}
const DOSING_LOADS = new WeakMap<Executor, ReturnType<typeof buildDosingLoad>>();
function dosingLoadQuery(ex: Executor) {
  let q = DOSING_LOADS.get(ex);
  if (!q) {
    q = buildDosingLoad(ex);
    DOSING_LOADS.set(ex, q);
  }
  return q;
}

/**
 * `parts` chooses what else to load: the session's rows (`bundle`; a command reloads them under its lock instead) and
 * the staff list (`staff`; a lean step such as recording vitals needs neither).
 */
export async function loadDosing(
  ctx: Ctx, ex: Executor, appointmentId: string, action: PatientAction, auditAction: string, parts: { bundle: boolean; staff: boolean } = { bundle: true, staff: true },
): Promise<Result<Loaded>> {
  const clinicId = ctx.actor.clinicId;
  // One round trip for the appointment and what hangs off it (course, protocol version, clinic zone, patient, room,
  // the session row as it stands, and the patient's care team, which authorization decides on before anything is used).
  const [row] = await dosingLoadQuery(ex).execute({ clinicId, appointmentId });
  const appointment = row?.appointment;
  if (!row || !appointment || appointment.kind !== 'dosing') return fail('NOT_FOUND', 'No such dosing session.');
  const careTeam: CareTeam = {
    therapistIds: row.careTeam.filter((m) => m.role === 'therapist').map((m) => m.staffId),
    prescriberId: row.careTeam.find((m) => m.role === 'prescriber')?.staffId ?? null,
  };
  const access = await authorizeWithCareTeam(ctx, appointment.patientId, careTeam, action, auditAction);
  if (!access.ok) return fail('NOT_FOUND', 'No such dosing session.');
  const course = row.course ?? null;
  const protocol = row.protocol ? parsedProtocol(clinicId, row.protocol) : DEFAULT_PROTOCOL;
  const p = row.patient;
  const room = row.room;
  const bundle = parts.bundle ? await loadBundle(ex, clinicId, appointmentId) : undefined;
  const staff = parts.staff ? await loadStaff(ex, clinicId) : new Map<string, StaffInfo>();
  const given = p.preferredName ?? p.givenName;
  return ok({
    appointment, course, protocol, access: access.value, timeZone: row.timeZone, bundle, staff, session: row.session ?? undefined,
    patient: { id: p.id, name: `${given} ${p.familyName}`, initials: `${p.givenName[0] ?? ''}${p.familyName[0] ?? ''}`.toUpperCase() },
    room: room ?? { id: appointment.roomId, name: 'Room' },
  });
}

/**
 * A protocol version never changes once saved (a change is a new version), so its parsed definition is kept:
 * parsing (Zod, defaults) on every vital-signs reading was a measurable part of the hot path. Bounded; cleared when full.
 */
const PARSED = new Map<string, ProtocolDefinition>();
export function parsedProtocol(clinicId: string, p: { id: string; version: number; definition: unknown }): ProtocolDefinition {
  const key = `${clinicId}|${p.id}|${p.version}`;
  let parsed = PARSED.get(key);
  if (!parsed) {
    if (PARSED.size >= 1000) PARSED.clear();
    parsed = ProtocolDefinition.parse(p.definition);
    PARSED.set(key, parsed);
  }
  return parsed;
}

export async function loadStaff(ex: Executor, clinicId: string): Promise<Map<string, StaffInfo>> {
  const rows = await ex.select({ id: staffMembers.id, g: staffMembers.givenName, f: staffMembers.familyName, role: staffMembers.role }).from(staffMembers).where(eq(staffMembers.clinicId, clinicId));
  return new Map(rows.map((r) => [r.id, { id: r.id, name: `${r.g} ${r.f}`, role: r.role as StaffRef['role'] }]));
}

export const ms = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);

export function readingOf(v: VitalRow): VitalsReading {
  const r: Record<string, number> = { systolic: v.systolic, diastolic: v.diastolic, heartRate: v.heartRate, spo2: v.spo2 };
  if (v.respiratoryRate !== null) r.respiratoryRate = v.respiratoryRate;
  return r as VitalsReading;
}

/** The latest recorded value of a checklist item (entries are in time order). */
export function recorded(bundle: SessionBundle | undefined, itemId: ChecklistItemId): Record<string, unknown> | null {
  const entry = bundle?.checklist.filter((e) => e.kind === 'record' && e.itemId === itemId).at(-1);
  return (entry?.value as Record<string, unknown> | undefined) ?? null;
}

export function overridesOf(bundle: SessionBundle | undefined, staff: Map<string, StaffInfo>): ChecklistOverride[] {
  return (bundle?.checklist ?? [])
    .filter((e) => e.kind === 'override')
    .map((e) => ({ itemId: e.itemId as ChecklistItemId, by: { staffId: e.by, role: staff.get(e.by)?.role ?? 'therapist' }, reason: e.reason ?? '', at: e.at.getTime() }));
}

/** The pre-dose reading: the latest taken before the dose (or the latest so far, before dosing). */
export function predoseVitals(bundle: SessionBundle | undefined): VitalRow | null {
  const dosedAt = bundle?.session.dosedAt?.getTime() ?? Infinity;
  return bundle?.vitals.filter((v) => v.takenAt.getTime() <= dosedAt).at(-1) ?? null;
}

/** Everything the checklist rules read, from the record. */
export async function checklistFacts(ex: Executor, l: Loaded): Promise<ChecklistFacts> {
  const clinicId = l.appointment.clinicId;
  const patientId = l.appointment.patientId;
  const [decision] = await ex
    .select({ decision: eligibilityDecisions.decision, decidedAt: eligibilityDecisions.decidedAt })
    .from(eligibilityDecisions)
    .where(and(eq(eligibilityDecisions.clinicId, clinicId), eq(eligibilityDecisions.patientId, patientId), eq(eligibilityDecisions.status, 'final')))
    .orderBy(desc(eligibilityDecisions.decidedAt))
    .limit(1);
  let contraindicationSince = false;
  if (decision) {
    // A screening record changed after the decision and naming conditions: the prescriber must look again.
    const [changed] = await ex
      .select({ conditions: screeningRecords.conditions })
      .from(screeningRecords)
      .where(and(eq(screeningRecords.clinicId, clinicId), eq(screeningRecords.patientId, patientId), gt(screeningRecords.updatedAt, decision.decidedAt)));
    contraindicationSince = Boolean(changed && changed.conditions.length > 0);
  }
  const consent = await latestConsent(ex, clinicId, patientId, l.course?.id ?? null);
  const weight = await latestWeight(ex, l);
  const pre = predoseVitals(l.bundle);
  const fasting = recorded(l.bundle, 'fasting');
  const ride = recorded(l.bundle, 'rideHome');
  const pregnancy = recorded(l.bundle, 'pregnancyTest');
  // The patient's (or a clinician's) latest intention from the portal, else the one recorded on the checklist.
  const portalIntention = await latestIntention(ex, clinicId, l.appointment.id);
  const intention = portalIntention ? { text: portalIntention.text } : recorded(l.bundle, 'intentionRecorded');
  const review = recorded(l.bundle, 'adverseEventsReviewed');
  const education = recorded(l.bundle, 'educationRead');
  const previous = await ex
    .select({ id: dosingSessions.appointmentId })
    .from(dosingSessions)
    .where(and(eq(dosingSessions.clinicId, clinicId), eq(dosingSessions.patientId, patientId), ne(dosingSessions.appointmentId, l.appointment.id), inArray(dosingSessions.state, ['discharged', 'ready-for-discharge', 'monitoring', 'dosed']), l.bundle ? lt(dosingSessions.createdAt, l.bundle.session.createdAt) : undefined))
    .limit(1);
  const weightKg = weight ? kilograms(weight.kg) : null;
  const facts: RuleFacts = {
    eligibility: decision ? { decision: decision.decision, decidedAt: decision.decidedAt.getTime(), contraindicationSince } : null,
    consent: consent ? { documentVersion: consent.documentVersion, signedAt: consent.signedAt.getTime() } : null,
    predoseVitals: pre ? { reading: readingOf(pre), at: pre.takenAt.getTime() } : null,
    weight: weight && weightKg?.ok ? { kg: weightKg.value, at: weight.at } : null,
    fasting: fasting?.confirmed === true ? { kind: 'confirmed' } : fasting?.lastFoodAt ? { kind: 'times', lastFoodAt: Date.parse(String(fasting.lastFoodAt)), lastLiquidAt: Date.parse(String(fasting.lastLiquidAt)) } : null,
    ride: ride ? { name: String(ride.name), phone: String(ride.phone) } : null,
    noDrivingAcknowledged: recorded(l.bundle, 'noDrivingAcknowledged')?.acknowledged === true,
    pregnancyTest: (pregnancy?.result as RuleFacts['pregnancyTest']) ?? null,
    intention: typeof intention?.text === 'string' ? intention.text : null,
    adverseEventsReview: previous.length === 0 ? 'no-previous-session' : review?.reviewed === true ? 'reviewed' : 'not-reviewed',
    educationRead: education?.read === true || (await hasReadAll(ex, clinicId, patientId)),
  };
  return { ...facts, overrides: overridesOf(l.bundle, l.staff) };
}

/** A date recorded without a time (a weight's "measured on") as the start of that day in the clinic's zone. */
function localDateStart(date: string, timeZone: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds;
}

/** The latest weight (kg and when), for mg/kg. */
export async function latestWeight(ex: Executor, l: Loaded): Promise<{ kg: number; at: number } | null> {
  const [w] = await ex
    .select({ kg: patientWeights.weightKg, on: patientWeights.measuredOn })
    .from(patientWeights)
    .where(and(eq(patientWeights.clinicId, l.appointment.clinicId), eq(patientWeights.patientId, l.appointment.patientId)))
    .orderBy(desc(patientWeights.measuredOn), desc(patientWeights.recordedAt))
    .limit(1);
  return w ? { kg: Number(w.kg), at: localDateStart(w.on, l.timeZone) } : null;
}

export function presenceLog(bundle: SessionBundle | undefined, staff: Map<string, StaffInfo>): PresenceEntry[] {
  return (bundle?.presence ?? []).map((e) => ({ staffId: e.staffId, role: staff.get(e.staffId)?.role ?? 'therapist', kind: e.action, at: e.at.getTime(), handoverTo: e.handoverTo }));
}

/** What the discharge rules read. */
export function dischargeFacts(l: Loaded, signer: StaffRef | null): DischargeFacts | null {
  const b = l.bundle;
  const dosedAt = b?.session.dosedAt?.getTime();
  if (!b || dosedAt === undefined) return null;
  const latest = b.vitals.at(-1);
  const pre = predoseVitals(b);
  const obs = (kind: 'sedation' | 'dissociation') => {
    const o = b.observations.filter((x) => x.kind === kind && x.level !== null).at(-1);
    return o ? { level: o.level!, at: o.observedAt.getTime() } : null;
  };
  const risk = b.observations.filter((x) => x.kind === 'suicide-risk-check').at(-1);
  const ride = b.observations.filter((x) => x.kind === 'ride-present').at(-1);
  return {
    dosedAt,
    vitals: latest ? { reading: readingOf(latest), at: latest.takenAt.getTime() } : null,
    baseline: pre ? readingOf(pre) : null,
    sedation: obs('sedation'),
    dissociation: obs('dissociation'),
    suicideRiskCheck: risk ? { at: risk.observedAt.getTime() } : null,
    ridePresent: Boolean(ride),
    signer,
  };
}
