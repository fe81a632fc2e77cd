/**
 * The clinic's "Integration follow-through" list: every dose of the last 14 days and the next 7 (by appointment start)
 * in a course, with its integration status, most urgent first (overdue, not booked, booked outside the window,
 * booked, not due, held), then by dose time. Therapists see their care-team patients; admins, prescribers and
 * nurses the whole clinic. Clinical staff also see whether the post-dose check-in was done (not what it said).
 */
import { and, asc, eq, gte, inArray, isNotNull, lt, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { patientListScope } from '../../../core/authorization';
import { checkinState, checkinWindow } from '../../../core/integration/checkin';
import { INTEGRATION_STATUSES, STATUS_URGENCY, type IntegrationStatus } from '../../../core/integration/status';
import { toDate } from '../../../db/ids';
import { findClinic } from '../../../db/repos/clinics';
import { scopeCondition } from '../../../db/repos/patients';
import { appointments, patients, postDoseCheckins } from '../../../db/schema';
import { audit, type Ctx } from '../../context';
import { loadStaff } from '../dosing/load';
import { doseIntegrationDto, type FollowThroughDto } from './dto';
import { followThroughOf, loadCourseFacts } from './load';

export const PAST_DAYS = 14;
export const AHEAD_DAYS = 7;

export async function followThrough(ctx: Ctx): Promise<z.infer<typeof FollowThroughDto>> {
  const { db } = ctx.deps.database;
  const { clinicId } = ctx.actor;
  const now = ctx.deps.clock();
  const from = now.subtract({ hours: PAST_DAYS * 24 });
  const to = now.add({ hours: AHEAD_DAYS * 24 });
  const doses = await db
    .select({ id: appointments.id, courseId: appointments.courseId, patientId: appointments.patientId, g: patients.givenName, p: patients.preferredName, f: patients.familyName })
    .from(appointments)
    .innerJoin(patients, and(eq(patients.clinicId, appointments.clinicId), eq(patients.id, appointments.patientId)))
    .where(and(
      eq(appointments.clinicId, clinicId), eq(appointments.kind, 'dosing'), isNotNull(appointments.courseId), ne(appointments.status, 'cancelled'),
      gte(appointments.startsAt, toDate(from)), lt(appointments.startsAt, toDate(to)), scopeCondition(patientListScope(ctx.actor)),
    ))
    .orderBy(asc(appointments.startsAt))
    .limit(1000);
  const [facts, staff, clinic] = await Promise.all([
    loadCourseFacts(db, clinicId, doses.map((d) => d.courseId!)),
    loadStaff(db, clinicId),
    findClinic(db, clinicId),
  ]);
  const clinical = ctx.actor.kind === 'staff' && ctx.actor.role !== 'admin';
  const done = clinical && doses.length
    ? new Set((await db.select({ id: postDoseCheckins.appointmentId }).from(postDoseCheckins)
      .where(and(eq(postDoseCheckins.clinicId, clinicId), inArray(postDoseCheckins.appointmentId, doses.map((d) => d.id))))).map((r) => r.id))
    : new Set<string>();
  const byCourse = new Map([...facts.values()].map((c) => [c.courseId, { course: c, list: followThroughOf(c, now) }]));
  const items = doses.flatMap((d) => {
    const entry = byCourse.get(d.courseId!);
    const status = entry?.list.find((x) => x.doseId === d.id);
    if (!entry || !status) return [];
    const dose = entry.course.doses.find((x) => x.id === d.id)!;
    return [{
      ...doseIntegrationDto(status), courseId: entry.course.courseId, patientId: d.patientId, patientName: `${d.p ?? d.g} ${d.f}`,
      therapistId: entry.course.therapistId, therapistName: staff.get(entry.course.therapistId)?.name ?? null,
      checkin: clinical ? checkinState(checkinWindow(dose, clinic?.timeZone ?? 'UTC'), now, done.has(d.id)) : null,
    }];
  });
  items.sort((a, b) => STATUS_URGENCY[a.status] - STATUS_URGENCY[b.status] || a.doseAt.localeCompare(b.doseAt));
  const counts = Object.fromEntries(INTEGRATION_STATUSES.map((s) => [s, items.filter((i) => i.status === s).length])) as Record<IntegrationStatus, number>;
  if (items.length) await audit(ctx, { action: 'integration-follow-through.list', resourceType: 'course', patientIds: [...new Set(items.map((i) => i.patientId))] });
  const iso = (t: typeof now) => new Date(t.epochMilliseconds).toISOString();
  return { from: iso(from), to: iso(to), counts, items };
}
