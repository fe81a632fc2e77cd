/** Batched reads for the clinic outcomes view: one query each, whatever the number of patients. */
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { doseEvents, questionnaireAssignments, questionnaireResponses } from '../schema';
import type { Executor } from '../database';

export type TrackedResponse = { submittedAt: Date; total: number; severity: string | null };

/** Current (not corrected) responses per "patientId|instrument", in time order. */
export async function listResponsesForPatients(ex: Executor, clinicId: string, patientIds: string[], instruments: string[]): Promise<Map<string, TrackedResponse[]>> {
  const map = new Map<string, TrackedResponse[]>();
  if (patientIds.length === 0) return map;
  const later = alias(questionnaireResponses, 'later');
  const rows = await ex
    .select({
      patientId: questionnaireResponses.patientId,
      instrumentId: questionnaireResponses.instrumentId,
      submittedAt: questionnaireResponses.submittedAt,
      total: questionnaireResponses.total,
      severity: questionnaireResponses.severity,
    })
    .from(questionnaireResponses)
    .leftJoin(later, and(eq(later.clinicId, questionnaireResponses.clinicId), eq(later.supersedesId, questionnaireResponses.id)))
    .where(
      and(
        eq(questionnaireResponses.clinicId, clinicId),
        inArray(questionnaireResponses.patientId, patientIds),
        inArray(questionnaireResponses.instrumentId, instruments),
        isNull(later.id),
      ),
    )
    .orderBy(asc(questionnaireResponses.submittedAt));
  for (const { patientId, instrumentId, ...point } of rows) {
    const key = `${patientId}|${instrumentId}`;
    map.set(key, [...(map.get(key) ?? []), point]);
  }
  return map;
}

export async function listFirstDoses(ex: Executor, clinicId: string, patientIds: string[]): Promise<Map<string, string>> {
  if (patientIds.length === 0) return new Map();
  const rows = await ex
    .select({ patientId: doseEvents.patientId, first: sql<Date>`min(${doseEvents.dosedAt})`.mapWith((v) => new Date(v as string)) })
    .from(doseEvents)
    .where(and(eq(doseEvents.clinicId, clinicId), inArray(doseEvents.patientId, patientIds)))
    .groupBy(doseEvents.patientId);
  return new Map(rows.map((r) => [r.patientId, r.first.toISOString()]));
}

export async function countOverdue(ex: Executor, clinicId: string, patientIds: string[], dueBefore: Date): Promise<Map<string, number>> {
  if (patientIds.length === 0) return new Map();
  const rows = await ex
    .select({ patientId: questionnaireAssignments.patientId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(questionnaireAssignments)
    .where(
      and(
        eq(questionnaireAssignments.clinicId, clinicId),
        inArray(questionnaireAssignments.patientId, patientIds),
        eq(questionnaireAssignments.status, 'pending'),
        lte(questionnaireAssignments.dueAt, dueBefore),
      ),
    )
    .groupBy(questionnaireAssignments.patientId);
  return new Map(rows.map((r) => [r.patientId, r.n]));
}
