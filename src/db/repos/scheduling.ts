import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { appointmentHistory, appointments, courses, protocols } from '../schema';
import type { Executor } from '../database';

export type ProtocolRow = typeof protocols.$inferSelect;
export type CourseRow = typeof courses.$inferSelect;
export type AppointmentRow = typeof appointments.$inferSelect;

/** The newest version of each protocol of the clinic. */
export async function listLatestProtocols(ex: Executor, clinicId: string, includeInactive = false): Promise<ProtocolRow[]> {
  const rows = await ex.select().from(protocols).where(eq(protocols.clinicId, clinicId)).orderBy(asc(protocols.name), desc(protocols.version));
  const latest = new Map<string, ProtocolRow>();
  for (const r of rows) if (!latest.has(r.id)) latest.set(r.id, r);
  return [...latest.values()].filter((r) => includeInactive || r.active);
}

export async function findProtocol(ex: Executor, clinicId: string, id: string, version?: number): Promise<ProtocolRow | undefined> {
  const [row] = await ex
    .select()
    .from(protocols)
    .where(and(eq(protocols.clinicId, clinicId), eq(protocols.id, id), version === undefined ? undefined : eq(protocols.version, version)))
    .orderBy(desc(protocols.version))
    .limit(1);
  return row;
}

export async function insertProtocol(ex: Executor, row: typeof protocols.$inferInsert): Promise<void> {
  await ex.insert(protocols).values(row);
}

export async function insertCourse(ex: Executor, row: typeof courses.$inferInsert): Promise<void> {
  await ex.insert(courses).values(row);
}

export async function findCourse(ex: Executor, clinicId: string, id: string): Promise<CourseRow | undefined> {
  const [row] = await ex.select().from(courses).where(and(eq(courses.clinicId, clinicId), eq(courses.id, id))).limit(1);
  return row;
}

/** Locks the course row for the rest of the transaction (booking, rescheduling). */
export async function lockCourse(ex: Executor, clinicId: string, id: string): Promise<CourseRow | undefined> {
  const [row] = await ex.select().from(courses).where(and(eq(courses.clinicId, clinicId), eq(courses.id, id))).for('update');
  return row;
}

export async function listCourses(ex: Executor, clinicId: string, patientId: string): Promise<CourseRow[]> {
  return ex.select().from(courses).where(and(eq(courses.clinicId, clinicId), eq(courses.patientId, patientId))).orderBy(desc(courses.createdAt));
}

export async function updateCourse(ex: Executor, clinicId: string, id: string, patch: Partial<typeof courses.$inferInsert>): Promise<void> {
  await ex.update(courses).set(patch).where(and(eq(courses.clinicId, clinicId), eq(courses.id, id)));
}

export async function insertAppointments(ex: Executor, rows: (typeof appointments.$inferInsert)[]): Promise<void> {
  if (rows.length) await ex.insert(appointments).values(rows);
}

export async function listCourseAppointments(ex: Executor, clinicId: string, courseId: string, includeCancelled = true): Promise<AppointmentRow[]> {
  return ex
    .select()
    .from(appointments)
    .where(and(eq(appointments.clinicId, clinicId), eq(appointments.courseId, courseId), includeCancelled ? undefined : ne(appointments.status, 'cancelled')))
    .orderBy(asc(appointments.startsAt));
}

export async function listCoursesAppointments(ex: Executor, clinicId: string, courseIds: string[]): Promise<AppointmentRow[]> {
  if (courseIds.length === 0) return [];
  return ex.select().from(appointments).where(and(eq(appointments.clinicId, clinicId), inArray(appointments.courseId, courseIds))).orderBy(asc(appointments.startsAt));
}

export async function findAppointment(ex: Executor, clinicId: string, id: string): Promise<AppointmentRow | undefined> {
  const [row] = await ex.select().from(appointments).where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, id))).limit(1);
  return row;
}

export async function updateAppointment(ex: Executor, clinicId: string, id: string, patch: Partial<typeof appointments.$inferInsert>): Promise<void> {
  await ex.update(appointments).set(patch).where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, id)));
}

export async function insertHistory(ex: Executor, rows: (typeof appointmentHistory.$inferInsert)[]): Promise<void> {
  if (rows.length) await ex.insert(appointmentHistory).values(rows);
}

export async function listHistory(ex: Executor, clinicId: string, appointmentId: string) {
  return ex
    .select()
    .from(appointmentHistory)
    .where(and(eq(appointmentHistory.clinicId, clinicId), eq(appointmentHistory.appointmentId, appointmentId)))
    .orderBy(asc(appointmentHistory.changedAt), asc(appointmentHistory.id)); // ids are UUIDv7: a tie in time keeps insertion order
}
