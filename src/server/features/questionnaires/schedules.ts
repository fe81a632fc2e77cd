/**
 * Standing orders for questionnaires and their materialised occurrences (assignments). Calendar schedules are
 * materialised up to a horizon and extended by a daily job; dose-anchored ones when a dose is recorded.
 */
import { Temporal } from 'temporal-polyfill';
import { occurrences, type Dose, type ScheduleKind } from '../../../core/measurement/schedule';
import type { Executor } from '../../../db/database';
import { newId, toDate, toInstant } from '../../../db/ids';
import { findClinic } from '../../../db/repos/clinics';
import * as repo from '../../../db/repos/questionnaires';

/** Calendar occurrences exist this far ahead, so the patient and staff see what is coming. */
export const CALENDAR_HORIZON_DAYS = 35;

export interface NewSchedule {
  instrumentId: string;
  kind: ScheduleKind;
  startsAt: Temporal.Instant;
  endsAt?: Temporal.Instant | null;
  everyDays?: number | null;
  offsetsHours?: readonly number[];
}

const doseOf = (d: repo.DoseRow): Dose => ({ id: d.id, dosedAt: toInstant(d.dosedAt) });

function specOf(s: repo.ScheduleRow) {
  return {
    kind: s.kind,
    startsAt: toInstant(s.startsAt),
    endsAt: s.endsAt ? toInstant(s.endsAt) : null,
    everyDays: s.everyDays,
    offsetsHours: s.offsetsHours,
  };
}

/** Creates the assignments a schedule has up to `until` (those that exist are skipped). */
export async function materialize(tx: Executor, schedule: repo.ScheduleRow, doses: readonly repo.DoseRow[], until: Temporal.Instant, timeZone: string, now: Temporal.Instant): Promise<number> {
  const list = occurrences(specOf(schedule), doses.map(doseOf), until, timeZone);
  return repo.insertAssignments(
    tx,
    list.map((o) => ({
      clinicId: schedule.clinicId,
      id: newId(),
      patientId: schedule.patientId,
      instrumentId: schedule.instrumentId,
      scheduleId: schedule.id,
      doseEventId: o.doseId,
      offsetHours: o.offsetHours,
      dueAt: toDate(o.dueAt),
      createdAt: toDate(now),
    })),
  );
}

export async function createSchedule(
  tx: Executor, clinicId: string, patientId: string, input: NewSchedule, createdBy: string | null, now: Temporal.Instant,
): Promise<repo.ScheduleRow> {
  const row: repo.ScheduleRow = {
    clinicId,
    id: newId(),
    patientId,
    instrumentId: input.instrumentId,
    kind: input.kind,
    offsetsHours: [...(input.offsetsHours ?? [])],
    everyDays: input.kind === 'calendar' ? (input.everyDays ?? 7) : null,
    startsAt: toDate(input.startsAt),
    endsAt: input.endsAt ? toDate(input.endsAt) : null,
    active: true,
    createdBy,
    createdAt: toDate(now),
  };
  await repo.insertSchedule(tx, row);
  const clinic = await findClinic(tx, clinicId);
  const doses = input.kind === 'dose-anchored' ? await repo.listDoses(tx, clinicId, patientId) : [];
  await materialize(tx, row, doses, now.add({ hours: 24 * CALENDAR_HORIZON_DAYS }), clinic?.timeZone ?? 'UTC', now);
  return row;
}

/** After a dose is recorded: every active dose-anchored schedule of the patient gets its occurrences for it. */
export async function materializeForDose(tx: Executor, clinicId: string, patientId: string, now: Temporal.Instant): Promise<number> {
  // Sequential: inside a transaction (one connection).
  const schedules = await repo.listSchedules(tx, clinicId, patientId);
  const doses = await repo.listDoses(tx, clinicId, patientId);
  const clinic = await findClinic(tx, clinicId);
  let created = 0;
  for (const s of schedules.filter((x) => x.kind === 'dose-anchored')) {
    created += await materialize(tx, s, doses, Temporal.Instant.fromEpochMilliseconds(8.64e15), clinic?.timeZone ?? 'UTC', now);
  }
  return created;
}

/** The daily job: every active calendar schedule gets its occurrences up to the horizon (idempotent). */
export async function extendCalendarSchedules(tx: Executor, now: Temporal.Instant): Promise<number> {
  const schedules = await repo.listActiveCalendarSchedules(tx);
  const zones = new Map<string, string>();
  let created = 0;
  for (const s of schedules) {
    if (!zones.has(s.clinicId)) zones.set(s.clinicId, (await findClinic(tx, s.clinicId))?.timeZone ?? 'UTC');
    created += await materialize(tx, s, [], now.add({ hours: 24 * CALENDAR_HORIZON_DAYS }), zones.get(s.clinicId)!, now);
  }
  return created;
}
