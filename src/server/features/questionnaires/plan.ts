/**
 * The clinic's measurement plan (issue #3 §2). Default: PHQ-9 and GAD-7 at intake, before each dose, about 24 h and
 * 7 days after each dose; PCL-5 at intake and every 4 weeks when PTSD is an indication. Intake questionnaires are
 * given when a patient enters screening; the rest when a course starts. Staff can also apply a plan phase by hand.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Temporal } from 'temporal-polyfill';
import { DEFAULT_DOSE_OFFSETS_HOURS } from '../../../core/measurement/schedule';
import type { Executor } from '../../../db/database';
import { newId } from '../../../db/ids';
import { listAssignments, listSchedules } from '../../../db/repos/questionnaires';
import { measurementPlanItems, screeningRecords } from '../../../db/schema';
import type { Ctx } from '../../context';
import { audit } from '../../context';
import { onPatientStatusChange } from '../patients/status';
import { createSchedule } from './schedules';

export interface PlanItem {
  instrumentId: string;
  kind: 'intake' | 'dose-anchored' | 'calendar';
  offsetsHours: number[];
  everyDays: number | null;
  whenIndication: string | null;
}

export const DEFAULT_PLAN: readonly PlanItem[] = [
  { instrumentId: 'phq-9', kind: 'intake', offsetsHours: [], everyDays: null, whenIndication: null },
  { instrumentId: 'gad-7', kind: 'intake', offsetsHours: [], everyDays: null, whenIndication: null },
  { instrumentId: 'pcl-5', kind: 'intake', offsetsHours: [], everyDays: null, whenIndication: 'ptsd' },
  { instrumentId: 'phq-9', kind: 'dose-anchored', offsetsHours: [...DEFAULT_DOSE_OFFSETS_HOURS], everyDays: null, whenIndication: null },
  { instrumentId: 'gad-7', kind: 'dose-anchored', offsetsHours: [...DEFAULT_DOSE_OFFSETS_HOURS], everyDays: null, whenIndication: null },
  { instrumentId: 'pcl-5', kind: 'calendar', offsetsHours: [], everyDays: 28, whenIndication: 'ptsd' },
];

export async function loadPlan(ex: Executor, clinicId: string): Promise<{ items: PlanItem[]; isDefault: boolean }> {
  const rows = await ex.select().from(measurementPlanItems).where(eq(measurementPlanItems.clinicId, clinicId)).orderBy(asc(measurementPlanItems.position));
  if (rows.length === 0) return { items: DEFAULT_PLAN.map((i) => ({ ...i, offsetsHours: [...i.offsetsHours] })), isDefault: true };
  return {
    items: rows.map((r) => ({ instrumentId: r.instrumentId, kind: r.kind, offsetsHours: r.offsetsHours, everyDays: r.everyDays, whenIndication: r.whenIndication })),
    isDefault: false,
  };
}

export async function savePlan(ex: Executor, clinicId: string, items: PlanItem[]): Promise<void> {
  await ex.delete(measurementPlanItems).where(eq(measurementPlanItems.clinicId, clinicId));
  if (items.length) {
    await ex.insert(measurementPlanItems).values(items.map((item, position) => ({ clinicId, id: newId(), position, ...item })));
  }
}

export type PlanPhase = 'intake' | 'course';

/**
 * Gives the patient the plan's questionnaires for a phase, skipping instruments that already have an active schedule
 * of the same kind (applying twice changes nothing). Returns how many schedules were created.
 */
export async function applyPlan(ctx: Ctx, tx: Executor, patientId: string, phase: PlanPhase, now: Temporal.Instant): Promise<number> {
  const { clinicId } = ctx.actor;
  // Sequential: this runs inside the caller's transaction (one connection).
  const { items } = await loadPlan(tx, clinicId);
  const existing = await listSchedules(tx, clinicId, patientId);
  const pending = await listAssignments(tx, clinicId, patientId, ['pending']);
  const [screening] = await tx.select({ indications: screeningRecords.indications }).from(screeningRecords)
    .where(and(eq(screeningRecords.clinicId, clinicId), eq(screeningRecords.patientId, patientId))).limit(1);
  const indications = new Set(screening?.indications ?? []);
  const kindOf = (item: PlanItem) => (item.kind === 'intake' ? 'once' : item.kind);
  const wanted = items.filter(
    (item) =>
      (phase === 'intake' ? item.kind === 'intake' : item.kind !== 'intake') &&
      (!item.whenIndication || indications.has(item.whenIndication)) &&
      // Intake again (re-screening) unless one is still waiting; a standing order only once.
      (item.kind === 'intake'
        ? !pending.some((a) => a.instrumentId === item.instrumentId)
        : !existing.some((s) => s.instrumentId === item.instrumentId && s.kind === item.kind)),
  );
  const createdBy = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;
  for (const item of wanted) {
    await createSchedule(tx, clinicId, patientId, { instrumentId: item.instrumentId, kind: kindOf(item), startsAt: now, everyDays: item.everyDays, offsetsHours: item.offsetsHours }, createdBy, now);
  }
  if (wanted.length) {
    await audit(ctx, { action: 'measurement-plan.apply', resourceType: 'questionnaire-schedule', patientId, detail: { phase, instruments: wanted.map((w) => `${w.instrumentId}:${w.kind}`) } }, tx);
  }
  return wanted.length;
}

onPatientStatusChange(async (ctx, tx, patientId, _from, to) => {
  if (to === 'screening') await applyPlan(ctx, tx, patientId, 'intake', ctx.deps.clock());
  if (to === 'in-course') await applyPlan(ctx, tx, patientId, 'course', ctx.deps.clock());
});
