/**
 * Creating a course and proposing its plan: authorize → load the patient, protocol and planning context → plan
 * (pure) → store the course with its proposal → audit. When no plan exists, the proposal says which step and which
 * constraint blocked it and offers alternatives that do work (another therapist, a later start).
 */
import { Temporal } from 'temporal-polyfill';
import { fail, ok, type Result } from '../../../core/errors';
import { planCourse, type PlannedAppointment, type PlanFailure } from '../../../core/scheduling/planner';
import { ProtocolDefinition, type Route } from '../../../core/scheduling/protocol';
import { newId, toDate } from '../../../db/ids';
import { findClinic, listStaff } from '../../../db/repos/clinics';
import { findPatient, loadCareTeam } from '../../../db/repos/patients';
import * as repo from '../../../db/repos/scheduling';
import { audit, type Ctx } from '../../context';
import { authorizePatient } from '../patients/access';
import { toStoredProposal, type Alternative } from './dto';
import { loadPlanningContext } from './planning-context';

export const HORIZON_DAYS = 84;

export interface PlanRequest {
  protocolId: string;
  route?: Route | undefined;
  therapistId?: string | undefined;
  /** Plan from this local date (default: now). */
  startDate?: string | undefined;
}

export async function planFor(ctx: Ctx, patientId: string, definition: ProtocolDefinition, route: Route, therapistId: string, from: Temporal.Instant) {
  const loaded = await loadPlanningContext(ctx.deps.database.db, {
    clinicId: ctx.actor.clinicId, patientId, therapistId, protocol: definition, route, from, days: HORIZON_DAYS + 21,
  });
  return { result: planCourse(loaded.ctx, { start: loaded.earliestStart, horizonDays: HORIZON_DAYS }), zone: loaded.zone };
}

async function alternativesFor(ctx: Ctx, patientId: string, definition: ProtocolDefinition, route: Route, therapistId: string, from: Temporal.Instant): Promise<Alternative[]> {
  const out: Alternative[] = [];
  const staff = await listStaff(ctx.deps.database.db, ctx.actor.clinicId);
  const team = await loadCareTeam(ctx.deps.database.db, ctx.actor.clinicId, patientId);
  const others = staff
    .filter((s) => s.role === 'therapist' && s.active && s.id !== therapistId)
    .sort((a, b) => Number(team?.therapistIds.includes(b.id)) - Number(team?.therapistIds.includes(a.id)))
    .slice(0, 3);
  for (const t of others) {
    const { result } = await planFor(ctx, patientId, definition, route, t.id, from);
    if (result.ok) out.push({ kind: 'therapist', therapistId: t.id, therapistName: `${t.givenName} ${t.familyName}`, firstAppointment: result.appointments[0]!.start.toString() });
  }
  for (const weeks of [2, 4]) {
    const later = from.add({ hours: 24 * 7 * weeks });
    const { result } = await planFor(ctx, patientId, definition, route, therapistId, later);
    if (result.ok) {
      out.push({ kind: 'later-start', start: later.toString(), firstAppointment: result.appointments[0]!.start.toString() });
      break;
    }
  }
  return out;
}

export interface Planned {
  appointments: PlannedAppointment[];
  failure: PlanFailure | null;
  alternatives: Alternative[];
}

/** Plans (or re-plans) a whole course for the patient. */
export async function proposePlan(ctx: Ctx, patientId: string, definition: ProtocolDefinition, route: Route, therapistId: string, from: Temporal.Instant): Promise<Planned> {
  const { result } = await planFor(ctx, patientId, definition, route, therapistId, from);
  if (result.ok) return { appointments: result.appointments, failure: null, alternatives: [] };
  return { appointments: [], failure: result.failure, alternatives: await alternativesFor(ctx, patientId, definition, route, therapistId, from) };
}

export function startOf(ctx: Ctx, startDate: string | undefined, zone: string): Temporal.Instant {
  const now = ctx.deps.clock();
  if (!startDate) return now;
  const at = Temporal.PlainDate.from(startDate).toZonedDateTime({ timeZone: zone }).toInstant();
  return Temporal.Instant.compare(at, now) > 0 ? at : now;
}

export async function createCourse(ctx: Ctx, patientId: string, req: PlanRequest): Promise<Result<{ courseId: string }>> {
  const access = await authorizePatient(ctx, patientId, 'patient:manage-schedule', 'course.create');
  if (!access.ok) return access;
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const patient = await findPatient(db, clinicId, patientId);
  if (!patient) return fail('NOT_FOUND', 'No such patient.');
  if (!['eligible', 'maintenance'].includes(patient.status)) {
    return fail('CONFLICT', `A course starts for an eligible patient (or one in maintenance); this patient is "${patient.status}".`);
  }
  const open = (await repo.listCourses(db, clinicId, patientId)).find((c) => ['planned', 'booked', 'paused'].includes(c.status));
  if (open) return fail('CONFLICT', `The patient already has a ${open.status} course; finish or cancel it first.`);
  const protocol = await repo.findProtocol(db, clinicId, req.protocolId);
  if (!protocol || !protocol.active) return fail('VALIDATION_FAILED', 'No such protocol in this clinic.', { fields: [{ path: 'protocolId', message: 'unknown protocol' }] });
  const definition = ProtocolDefinition.parse(protocol.definition);
  const route = req.route ?? definition.routes[0]!;
  if (!definition.routes.includes(route)) {
    return fail('VALIDATION_FAILED', `This protocol allows ${definition.routes.join(', ')}.`, { fields: [{ path: 'route', message: 'not allowed by the protocol' }] });
  }
  const therapistId = req.therapistId ?? access.value.careTeam.therapistIds[0];
  if (!therapistId) return fail('VALIDATION_FAILED', 'Add a therapist to the care team first, or choose one.', { fields: [{ path: 'therapistId', message: 'required' }] });
  const therapist = (await listStaff(db, clinicId)).find((s) => s.id === therapistId);
  if (!therapist || therapist.role !== 'therapist' || !therapist.active) {
    return fail('VALIDATION_FAILED', 'Not an active therapist of this clinic.', { fields: [{ path: 'therapistId', message: 'not an active therapist' }] });
  }
  const clinic = await findClinic(db, clinicId);
  const from = startOf(ctx, req.startDate, clinic?.timeZone ?? 'UTC');
  const planned = await proposePlan(ctx, patientId, definition, route, therapistId, from);
  const id = newId();
  const at = toDate(ctx.deps.clock());
  await db.transaction(async (tx) => {
    await repo.insertCourse(tx, {
      clinicId, id, patientId, protocolId: protocol.id, protocolVersion: protocol.version, route, therapistId, status: 'planned',
      proposal: toStoredProposal(from.toString(), planned.appointments, planned.failure, planned.alternatives),
      createdBy: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null, createdAt: at, updatedAt: at,
    });
    await audit(ctx, { action: 'course.create', resourceType: 'course', resourceId: id, patientId, detail: { protocol: `${protocol.id}@${protocol.version}`, planned: planned.failure === null } }, tx);
  });
  return ok({ courseId: id });
}
