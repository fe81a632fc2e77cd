/**
 * Loading what the integration follow-through rules (src/core/integration) need: per course, its doses (with their
 * dosing sessions), its integration appointments and the window from the course's protocol version.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Temporal } from 'temporal-polyfill';
import { courseIntegration, type DoseFacts, type DoseIntegration, type IntegrationFacts, type IntegrationWindow } from '../../../core/integration/status';
import { ProtocolDefinition } from '../../../core/scheduling/protocol';
import type { Executor } from '../../../db/database';
import { toInstant } from '../../../db/ids';
import { listCoursesAppointments, type AppointmentRow } from '../../../db/repos/scheduling';
import { courses, dosingSessions, protocols } from '../../../db/schema';

export interface CourseFacts {
  courseId: string;
  patientId: string;
  therapistId: string;
  window: IntegrationWindow;
  doses: DoseFacts[];
  integrations: IntegrationFacts[];
}

/** The protocol's window, or the defaults (24–48 h) should a stored definition no longer parse. */
export function windowOf(definition: unknown): IntegrationWindow {
  const parsed = ProtocolDefinition.safeParse(definition);
  return parsed.success ? parsed.data.integrationWindowHours : { min: 24, max: 48 };
}

type SessionRow = Pick<typeof dosingSessions.$inferSelect, 'appointmentId' | 'state' | 'dosedAt' | 'dischargedAt'>;

export function doseFacts(a: AppointmentRow, s: SessionRow | undefined): DoseFacts {
  return {
    id: a.id, number: a.number, start: toInstant(a.startsAt), end: toInstant(a.endsAt), status: a.status,
    session: s ? { state: s.state, dosedAt: s.dosedAt ? toInstant(s.dosedAt) : null, dischargedAt: s.dischargedAt ? toInstant(s.dischargedAt) : null } : null,
  };
}

const integrationFacts = (a: AppointmentRow): IntegrationFacts => ({ id: a.id, number: a.number, start: toInstant(a.startsAt), end: toInstant(a.endsAt), status: a.status });

/** The dosing sessions of these appointments, by appointment id. */
export async function loadSessions(ex: Executor, clinicId: string, appointmentIds: string[]): Promise<Map<string, SessionRow>> {
  if (appointmentIds.length === 0) return new Map();
  const rows = await ex
    .select({ appointmentId: dosingSessions.appointmentId, state: dosingSessions.state, dosedAt: dosingSessions.dosedAt, dischargedAt: dosingSessions.dischargedAt })
    .from(dosingSessions)
    .where(and(eq(dosingSessions.clinicId, clinicId), inArray(dosingSessions.appointmentId, appointmentIds)));
  return new Map(rows.map((r) => [r.appointmentId, r]));
}

export async function loadCourseFacts(ex: Executor, clinicId: string, courseIds: readonly string[]): Promise<Map<string, CourseFacts>> {
  const ids = [...new Set(courseIds)];
  if (ids.length === 0) return new Map();
  const [rows, appointments] = await Promise.all([
    ex
      .select({ id: courses.id, patientId: courses.patientId, therapistId: courses.therapistId, definition: protocols.definition })
      .from(courses)
      .innerJoin(protocols, and(eq(protocols.clinicId, courses.clinicId), eq(protocols.id, courses.protocolId), eq(protocols.version, courses.protocolVersion)))
      .where(and(eq(courses.clinicId, clinicId), inArray(courses.id, ids))),
    listCoursesAppointments(ex, clinicId, ids),
  ]);
  const sessions = await loadSessions(ex, clinicId, appointments.filter((a) => a.kind === 'dosing').map((a) => a.id));
  const out = new Map<string, CourseFacts>();
  for (const c of rows) {
    const mine = appointments.filter((a) => a.courseId === c.id);
    out.set(c.id, {
      courseId: c.id, patientId: c.patientId, therapistId: c.therapistId, window: windowOf(c.definition),
      doses: mine.filter((a) => a.kind === 'dosing').map((a) => doseFacts(a, sessions.get(a.id))),
      integrations: mine.filter((a) => a.kind === 'integration').map(integrationFacts),
    });
  }
  return out;
}

export const followThroughOf = (c: CourseFacts, now: Temporal.Instant): DoseIntegration[] => courseIntegration(c.doses, c.integrations, c.window, now);
