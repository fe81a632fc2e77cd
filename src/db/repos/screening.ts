/**
 * Screening records, eligibility rule sets and eligibility decisions (issue #3 §4), and the latest questionnaire
 * results that feed eligibility.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { eligibilityDecisions, eligibilityRuleSets, patients, questionnaireResponses, screeningRecords, staffMembers } from '../schema';
import type { Executor } from '../database';

export type ScreeningRecordRow = typeof screeningRecords.$inferSelect;
export type RuleSetRow = typeof eligibilityRuleSets.$inferSelect;
export type DecisionRow = typeof eligibilityDecisions.$inferSelect;
export type ResponseRow = typeof questionnaireResponses.$inferSelect;

export async function findScreeningRecord(ex: Executor, clinicId: string, patientId: string): Promise<ScreeningRecordRow | undefined> {
  const [row] = await ex
    .select()
    .from(screeningRecords)
    .where(and(eq(screeningRecords.clinicId, clinicId), eq(screeningRecords.patientId, patientId)))
    .limit(1);
  return row;
}

/**
 * Creates the record or updates it: `insert` holds every column for a new row, `update` only the columns to change
 * on an existing one (so fields the caller left out keep their value).
 */
export async function upsertScreeningRecord(
  ex: Executor, insert: typeof screeningRecords.$inferInsert, update: Partial<typeof screeningRecords.$inferInsert>,
): Promise<void> {
  await ex
    .insert(screeningRecords)
    .values(insert)
    .onConflictDoUpdate({ target: [screeningRecords.clinicId, screeningRecords.patientId], set: update });
}

/**
 * The newest current response per instrument: a response corrected by a newer one (another row's `supersedes_id`
 * names it) no longer counts.
 */
export async function latestCurrentResponses(ex: Executor, clinicId: string, patientId: string, instrumentIds: readonly string[]): Promise<ResponseRow[]> {
  if (instrumentIds.length === 0) return [];
  return ex
    .selectDistinctOn([questionnaireResponses.instrumentId])
    .from(questionnaireResponses)
    .where(
      and(
        eq(questionnaireResponses.clinicId, clinicId),
        eq(questionnaireResponses.patientId, patientId),
        inArray(questionnaireResponses.instrumentId, [...instrumentIds]),
        sql`NOT EXISTS (SELECT 1 FROM ${questionnaireResponses} AS newer
              WHERE newer.clinic_id = ${questionnaireResponses.clinicId} AND newer.supersedes_id = ${questionnaireResponses.id})`,
      ),
    )
    .orderBy(questionnaireResponses.instrumentId, desc(questionnaireResponses.submittedAt), desc(questionnaireResponses.id));
}

/** Saved versions are named `clinic-<n>`; the numeric part orders versions saved within the same instant. */
const versionNumber = sql`coalesce(nullif(substring(${eligibilityRuleSets.version} from '^clinic-([0-9]+)$'), '')::integer, 0)`;

export async function currentRuleSet(ex: Executor, clinicId: string): Promise<RuleSetRow | undefined> {
  const [row] = await ex
    .select()
    .from(eligibilityRuleSets)
    .where(eq(eligibilityRuleSets.clinicId, clinicId))
    .orderBy(desc(eligibilityRuleSets.createdAt), desc(versionNumber))
    .limit(1);
  return row;
}

/** The highest `clinic-<n>` number saved so far (0 when none). */
export async function highestRuleSetNumber(ex: Executor, clinicId: string): Promise<number> {
  const [row] = await ex
    .select({ n: sql<number>`coalesce(max(${versionNumber}), 0)`.mapWith(Number) })
    .from(eligibilityRuleSets)
    .where(eq(eligibilityRuleSets.clinicId, clinicId));
  return row?.n ?? 0;
}

export async function insertRuleSet(ex: Executor, row: typeof eligibilityRuleSets.$inferInsert): Promise<void> {
  await ex.insert(eligibilityRuleSets).values(row);
}

export async function insertDecision(ex: Executor, row: typeof eligibilityDecisions.$inferInsert): Promise<void> {
  await ex.insert(eligibilityDecisions).values(row);
}

export async function findDecision(ex: Executor, clinicId: string, id: string): Promise<DecisionRow | undefined> {
  const [row] = await ex
    .select()
    .from(eligibilityDecisions)
    .where(and(eq(eligibilityDecisions.clinicId, clinicId), eq(eligibilityDecisions.id, id)))
    .limit(1);
  return row;
}

/** A patient's decisions, newest first; `statuses` narrows them (e.g. final only). */
export async function listDecisions(ex: Executor, clinicId: string, patientId: string, statuses?: DecisionRow['status'][]): Promise<DecisionRow[]> {
  const conditions = [eq(eligibilityDecisions.clinicId, clinicId), eq(eligibilityDecisions.patientId, patientId)];
  if (statuses) conditions.push(inArray(eligibilityDecisions.status, statuses));
  return ex
    .select()
    .from(eligibilityDecisions)
    .where(and(...conditions))
    .orderBy(desc(eligibilityDecisions.decidedAt), desc(eligibilityDecisions.id))
    .limit(200);
}

/** Decisions waiting for a second prescriber, oldest first. */
export async function listAwaitingCosign(ex: Executor, clinicId: string): Promise<DecisionRow[]> {
  return ex
    .select()
    .from(eligibilityDecisions)
    .where(and(eq(eligibilityDecisions.clinicId, clinicId), eq(eligibilityDecisions.status, 'awaiting-cosign')))
    .orderBy(eligibilityDecisions.decidedAt, eligibilityDecisions.id)
    .limit(500);
}

/** Moves a decision on from `awaiting-cosign` only (a concurrent co-sign or withdrawal makes this return undefined). */
export async function settleAwaitingDecision(
  ex: Executor, clinicId: string, id: string, patch: { status: 'final' | 'withdrawn'; cosignedBy?: string; cosignedAt?: Date },
): Promise<DecisionRow | undefined> {
  const [row] = await ex
    .update(eligibilityDecisions)
    .set(patch)
    .where(and(eq(eligibilityDecisions.clinicId, clinicId), eq(eligibilityDecisions.id, id), eq(eligibilityDecisions.status, 'awaiting-cosign')))
    .returning();
  return row;
}

/** Display names of staff members by id. */
export async function staffNames(ex: Executor, clinicId: string, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await ex
    .select({ id: staffMembers.id, givenName: staffMembers.givenName, familyName: staffMembers.familyName })
    .from(staffMembers)
    .where(and(eq(staffMembers.clinicId, clinicId), inArray(staffMembers.id, wanted)));
  return new Map(rows.map((r) => [r.id, `${r.givenName} ${r.familyName}`]));
}

/** Locks the patient's row for the rest of the transaction and returns the status (undefined: no such patient). */
export async function lockPatientStatus(ex: Executor, clinicId: string, patientId: string): Promise<string | undefined> {
  const [row] = await ex
    .select({ status: patients.status })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)))
    .for('update');
  return row?.status;
}

/** Display names of patients by id (the preferred name when there is one). */
export async function patientNames(ex: Executor, clinicId: string, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await ex
    .select({ id: patients.id, givenName: patients.givenName, preferredName: patients.preferredName, familyName: patients.familyName })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, wanted)));
  return new Map(rows.map((r) => [r.id, `${r.preferredName ?? r.givenName} ${r.familyName}`]));
}
