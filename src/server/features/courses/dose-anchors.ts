/**
 * Booked dosing sessions are the anchors of dose-anchored questionnaires (issue #3 §2: "until scheduling exists, a
 * dose can be stood in for by a recorded dose time"). A booked dose gets a dose event with the appointment's id; moving
 * the dose moves its pending questionnaires with it; cancelling it cancels them.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../../db/database';
import { toDate } from '../../../db/ids';
import type { AppointmentRow } from '../../../db/repos/scheduling';
import { doseEvents, questionnaireAssignments } from '../../../db/schema';
import { materializeForDose } from '../questionnaires/schedules';

export async function anchorBookedDoses(tx: Executor, clinicId: string, patientId: string, doses: readonly AppointmentRow[], recordedBy: string | null, now: Temporal.Instant): Promise<void> {
  if (doses.length === 0) return;
  await tx.insert(doseEvents).values(
    doses.map((d) => ({ clinicId, id: d.id, patientId, dosedAt: d.startsAt, recordedBy, note: 'booked dosing session', createdAt: toDate(now) })),
  );
  await materializeForDose(tx, clinicId, patientId, now);
}

export async function moveDoseAnchor(tx: Executor, clinicId: string, doseId: string, from: Date, to: Date): Promise<void> {
  const shiftMs = to.getTime() - from.getTime();
  if (shiftMs === 0) return;
  await tx.update(doseEvents).set({ dosedAt: to }).where(and(eq(doseEvents.clinicId, clinicId), eq(doseEvents.id, doseId)));
  // One row at a time, furthest along the shift first: a dose moved by a day would otherwise put its "at the dose"
  // questionnaire on the due time of its "24 h after" one for an instant, and the occurrence key refuses that.
  const pending = await tx
    .select({ id: questionnaireAssignments.id, dueAt: questionnaireAssignments.dueAt })
    .from(questionnaireAssignments)
    .where(and(eq(questionnaireAssignments.clinicId, clinicId), eq(questionnaireAssignments.doseEventId, doseId), eq(questionnaireAssignments.status, 'pending')))
    .orderBy(shiftMs > 0 ? desc(questionnaireAssignments.dueAt) : asc(questionnaireAssignments.dueAt));
  for (const a of pending) {
    await tx
      .update(questionnaireAssignments)
      .set({ dueAt: new Date(a.dueAt.getTime() + shiftMs) })
      .where(and(eq(questionnaireAssignments.clinicId, clinicId), eq(questionnaireAssignments.id, a.id)));
  }
}

export async function dropDoseAnchor(tx: Executor, clinicId: string, doseId: string): Promise<void> {
  await tx
    .update(questionnaireAssignments)
    .set({ status: 'cancelled' })
    .where(and(eq(questionnaireAssignments.clinicId, clinicId), eq(questionnaireAssignments.doseEventId, doseId), eq(questionnaireAssignments.status, 'pending')));
  await tx.delete(doseEvents).where(and(eq(doseEvents.clinicId, clinicId), eq(doseEvents.id, doseId)));
}
