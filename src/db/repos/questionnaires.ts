import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { doseEvents, questionnaireAssignments, questionnaireResponses, questionnaireSchedules } from '../schema';
import type { AuditEventContent } from '../../core/audit-chain';
import { queryPrepared, type Executor } from '../database';
import { auditAppendCall } from './audit';

export type ResponseRow = typeof questionnaireResponses.$inferSelect;
export type AssignmentRow = typeof questionnaireAssignments.$inferSelect;
export type ScheduleRow = typeof questionnaireSchedules.$inferSelect;
export type DoseRow = typeof doseEvents.$inferSelect;

export async function insertResponse(ex: Executor, row: typeof questionnaireResponses.$inferInsert): Promise<void> {
  await ex.insert(questionnaireResponses).values(row);
}

/**
 * Stores a response and appends its audit event in one statement (atomic on its own: no BEGIN/COMMIT round trips),
 * for a response that completes no assignment and opens no alert.
 */
export async function insertResponseAudited(ex: Executor, row: typeof questionnaireResponses.$inferInsert, event: AuditEventContent): Promise<void> {
  const insert = ex.insert(questionnaireResponses).values(row).returning({ id: questionnaireResponses.id }).getSQL();
  await queryPrepared(ex, sql`WITH ins AS (${insert}) SELECT ${auditAppendCall(row.clinicId, [event])} FROM ins`);
}

export async function findResponse(ex: Executor, clinicId: string, id: string): Promise<ResponseRow | undefined> {
  const [row] = await ex.select().from(questionnaireResponses).where(and(eq(questionnaireResponses.clinicId, clinicId), eq(questionnaireResponses.id, id))).limit(1);
  return row;
}

/** A patient's responses (all versions) in submission order, optionally for one instrument. */
export async function listResponses(ex: Executor, clinicId: string, patientId: string, instrumentId?: string, limit = 1000): Promise<ResponseRow[]> {
  return ex
    .select()
    .from(questionnaireResponses)
    .where(
      and(
        eq(questionnaireResponses.clinicId, clinicId),
        eq(questionnaireResponses.patientId, patientId),
        instrumentId ? eq(questionnaireResponses.instrumentId, instrumentId) : undefined,
      ),
    )
    .orderBy(asc(questionnaireResponses.submittedAt), asc(questionnaireResponses.version))
    .limit(limit);
}

/** Ids of responses that a later correction replaced. */
export async function supersededIds(ex: Executor, clinicId: string, responseIds: string[]): Promise<Set<string>> {
  if (responseIds.length === 0) return new Set();
  const rows = await ex
    .select({ id: questionnaireResponses.supersedesId })
    .from(questionnaireResponses)
    .where(and(eq(questionnaireResponses.clinicId, clinicId), inArray(questionnaireResponses.supersedesId, responseIds)));
  return new Set(rows.map((r) => r.id!));
}

export async function insertSchedule(ex: Executor, row: typeof questionnaireSchedules.$inferInsert): Promise<void> {
  await ex.insert(questionnaireSchedules).values(row);
}

export async function listSchedules(ex: Executor, clinicId: string, patientId: string, onlyActive = true): Promise<ScheduleRow[]> {
  return ex
    .select()
    .from(questionnaireSchedules)
    .where(and(eq(questionnaireSchedules.clinicId, clinicId), eq(questionnaireSchedules.patientId, patientId), onlyActive ? eq(questionnaireSchedules.active, true) : undefined))
    .orderBy(asc(questionnaireSchedules.createdAt), asc(questionnaireSchedules.id));
}

export async function findSchedule(ex: Executor, clinicId: string, id: string): Promise<ScheduleRow | undefined> {
  const [row] = await ex.select().from(questionnaireSchedules).where(and(eq(questionnaireSchedules.clinicId, clinicId), eq(questionnaireSchedules.id, id))).limit(1);
  return row;
}

export async function deactivateSchedule(ex: Executor, clinicId: string, id: string, now: Date): Promise<void> {
  await ex.update(questionnaireSchedules).set({ active: false, endsAt: now }).where(and(eq(questionnaireSchedules.clinicId, clinicId), eq(questionnaireSchedules.id, id)));
  await ex
    .update(questionnaireAssignments)
    .set({ status: 'cancelled' })
    .where(and(eq(questionnaireAssignments.clinicId, clinicId), eq(questionnaireAssignments.scheduleId, id), eq(questionnaireAssignments.status, 'pending'), gt(questionnaireAssignments.dueAt, now)));
}

/** Inserts occurrences; ones that exist already (same schedule, time and dose) are skipped. */
export async function insertAssignments(ex: Executor, rows: (typeof questionnaireAssignments.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await ex.insert(questionnaireAssignments).values(rows).onConflictDoNothing().returning({ id: questionnaireAssignments.id });
  return inserted.length;
}

export async function findAssignment(ex: Executor, clinicId: string, id: string): Promise<AssignmentRow | undefined> {
  const [row] = await ex.select().from(questionnaireAssignments).where(and(eq(questionnaireAssignments.clinicId, clinicId), eq(questionnaireAssignments.id, id))).limit(1);
  return row;
}

export async function listAssignments(ex: Executor, clinicId: string, patientId: string, statuses: AssignmentRow['status'][], limit = 200): Promise<AssignmentRow[]> {
  return ex
    .select()
    .from(questionnaireAssignments)
    .where(and(eq(questionnaireAssignments.clinicId, clinicId), eq(questionnaireAssignments.patientId, patientId), inArray(questionnaireAssignments.status, statuses)))
    .orderBy(asc(questionnaireAssignments.dueAt))
    .limit(limit);
}

/** Completes a pending assignment; false when it was completed or cancelled meanwhile. */
export async function completeAssignment(ex: Executor, clinicId: string, id: string, responseId: string): Promise<boolean> {
  const rows = await ex
    .update(questionnaireAssignments)
    .set({ status: 'completed', responseId, draftAnswers: null })
    .where(and(eq(questionnaireAssignments.clinicId, clinicId), eq(questionnaireAssignments.id, id), eq(questionnaireAssignments.status, 'pending')))
    .returning({ id: questionnaireAssignments.id });
  return rows.length === 1;
}

export async function saveDraft(ex: Executor, clinicId: string, id: string, answers: (number | null)[]): Promise<boolean> {
  const rows = await ex
    .update(questionnaireAssignments)
    .set({ draftAnswers: answers })
    .where(and(eq(questionnaireAssignments.clinicId, clinicId), eq(questionnaireAssignments.id, id), eq(questionnaireAssignments.status, 'pending')))
    .returning({ id: questionnaireAssignments.id });
  return rows.length === 1;
}

export async function insertDose(ex: Executor, row: typeof doseEvents.$inferInsert): Promise<void> {
  await ex.insert(doseEvents).values(row);
}

export async function listDoses(ex: Executor, clinicId: string, patientId: string): Promise<DoseRow[]> {
  return ex.select().from(doseEvents).where(and(eq(doseEvents.clinicId, clinicId), eq(doseEvents.patientId, patientId))).orderBy(asc(doseEvents.dosedAt));
}


export async function listActiveCalendarSchedules(ex: Executor): Promise<ScheduleRow[]> {
  return ex.select().from(questionnaireSchedules).where(and(eq(questionnaireSchedules.active, true), eq(questionnaireSchedules.kind, 'calendar')));
}

/** A "once" order ends when its questionnaire is done. */
export async function finishOnceSchedule(ex: Executor, clinicId: string, scheduleId: string, now: Date): Promise<void> {
  await ex
    .update(questionnaireSchedules)
    .set({ active: false, endsAt: now })
    .where(and(eq(questionnaireSchedules.clinicId, clinicId), eq(questionnaireSchedules.id, scheduleId), eq(questionnaireSchedules.kind, 'once')));
}

/** When each completed assignment's response was submitted. */
export async function completionTimes(ex: Executor, clinicId: string, responseIds: string[]): Promise<Map<string, Date>> {
  if (responseIds.length === 0) return new Map();
  const rows = await ex
    .select({ id: questionnaireResponses.id, at: questionnaireResponses.submittedAt })
    .from(questionnaireResponses)
    .where(and(eq(questionnaireResponses.clinicId, clinicId), inArray(questionnaireResponses.id, responseIds)));
  return new Map(rows.map((r) => [r.id, r.at]));
}
