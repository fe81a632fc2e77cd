/**
 * The patient's own journal: write, edit, delete, share and unshare. Only the patient reaches these (staff 403:
 * they see shared entries on the patient's record instead); an entry id of someone else's is 404 like a missing one,
 * and the probe is audited. Audit rows name what changed, never the words or the mood.
 */
import { and, desc, eq, inArray, lte } from 'drizzle-orm';
import { checkDeletable, editEntry, shareEntry, unshareEntry, type EntryEdit } from '../../../core/journal';
import type { Tx } from '../../../db/database';
import { newId } from '../../../db/ids';
import { appointments } from '../../../db/schema';
import { audit, type Ctx } from '../../context';
import { httpError, HttpError, notFound } from '../../http-errors';
import { currentCourseId, deleteEntry, findOwnEntry, insertEntry, updateEntry, type EntryRow } from './store';

export const RESOURCE = 'journal-entry';
const HELD = ['booked', 'completed'] as const;

export interface OwnActor {
  clinicId: string;
  patientId: string;
}

/** The signed-in patient, or 403 for staff. */
export function ownActor(ctx: Ctx): OwnActor {
  if (ctx.actor.kind !== 'patient') throw httpError('FORBIDDEN', 'The journal is written by the patient; staff read shared entries on the patient’s record.');
  return { clinicId: ctx.actor.clinicId, patientId: ctx.actor.patientId };
}

const now = (ctx: Ctx) => new Date(ctx.deps.clock().epochMilliseconds);

/** The patient's doses that have taken place (newest first): what an entry may reflect on. */
export async function heldDoses(ctx: Ctx, me: OwnActor, limit = 12) {
  return ctx.deps.database.db.select({ id: appointments.id, number: appointments.number, startsAt: appointments.startsAt, courseId: appointments.courseId }).from(appointments)
    .where(and(
      eq(appointments.clinicId, me.clinicId), eq(appointments.patientId, me.patientId), eq(appointments.kind, 'dosing'),
      inArray(appointments.status, [...HELD]), lte(appointments.startsAt, now(ctx)),
    ))
    .orderBy(desc(appointments.startsAt)).limit(limit);
}

/** The dose an entry reflects on: one of the patient's own doses that has started; else 400 on `appointmentId`. */
async function doseOf(ctx: Ctx, me: OwnActor, appointmentId: string) {
  const [a] = await ctx.deps.database.db.select().from(appointments).where(and(eq(appointments.clinicId, me.clinicId), eq(appointments.id, appointmentId))).limit(1);
  const valid = a && a.patientId === me.patientId && a.kind === 'dosing' && (HELD as readonly string[]).includes(a.status) && a.startsAt.getTime() <= now(ctx).getTime();
  if (!valid) {
    throw httpError('VALIDATION_FAILED', 'An entry reflects on one of your dosing sessions that has taken place.', {
      fields: [{ path: 'appointmentId', message: 'not one of your dosing sessions that has taken place' }],
    });
  }
  return a;
}

export interface NewEntry {
  prompt?: string | null | undefined;
  text: string;
  mood?: number | null | undefined;
  appointmentId?: string | null | undefined;
}

export async function createEntry(ctx: Ctx, input: NewEntry): Promise<EntryRow> {
  const me = ownActor(ctx);
  const db = ctx.deps.database.db;
  const dose = input.appointmentId ? await doseOf(ctx, me, input.appointmentId) : null;
  // The course it belongs to: the dose's, or the course the patient is in now (none between courses).
  const courseId = dose ? dose.courseId : await currentCourseId(db, me.clinicId, me.patientId);
  const at = now(ctx);
  const row: EntryRow = {
    clinicId: me.clinicId, id: newId(), patientId: me.patientId, courseId, appointmentId: dose?.id ?? null, prompt: input.prompt ?? null,
    text: input.text, mood: input.mood ?? null, sharedAt: null, createdAt: at, updatedAt: at,
  };
  await db.transaction(async (tx) => {
    await insertEntry(tx, row);
    await audit(ctx, {
      action: 'journal.create', resourceType: RESOURCE, resourceId: row.id, patientId: me.patientId,
      detail: { prompt: row.prompt, appointmentId: row.appointmentId, courseId, withMood: row.mood !== null },
    }, tx);
  });
  return row;
}

/**
 * Loads the patient's entry under a row lock, runs `change`, and audits it in the same transaction; an entry that is
 * not theirs is 404 (audited as a denial).
 */
async function changeOwn(ctx: Ctx, id: string, action: string, change: (tx: Tx, row: EntryRow) => Promise<{ row: EntryRow | null; detail: Record<string, unknown> | null }>): Promise<EntryRow | null> {
  const me = ownActor(ctx);
  try {
    return await ctx.deps.database.db.transaction(async (tx) => {
      const row = await findOwnEntry(tx, me.clinicId, me.patientId, id, true);
      if (!row) throw notFound('journal entry');
      const result = await change(tx, row);
      await audit(ctx, { action, resourceType: RESOURCE, resourceId: id, patientId: me.patientId, detail: result.detail }, tx);
      return result.row;
    });
  } catch (err) {
    // A refusal is worth seeing in the trail too: a probe for another patient's entry, or deleting a shared one.
    if (err instanceof HttpError) {
      const mine = err.error.code !== 'NOT_FOUND';
      await audit(ctx, { action, resourceType: RESOURCE, resourceId: id, patientId: mine ? me.patientId : null, outcome: 'denied', detail: { reason: err.error.code } });
    }
    throw err;
  }
}

export async function editOwnEntry(ctx: Ctx, id: string, edit: EntryEdit): Promise<EntryRow> {
  return (await changeOwn(ctx, id, 'journal.edit', async (tx, row) => {
    const next = editEntry({ text: row.text, mood: row.mood, sharedAt: row.sharedAt?.getTime() ?? null }, edit);
    if (next.changed.length === 0) return { row, detail: { fields: [] } };
    const updated = await updateEntry(tx, row, { text: next.text, mood: next.mood, updatedAt: now(ctx) });
    return { row: updated, detail: { fields: next.changed, shared: row.sharedAt !== null } };
  }))!;
}

export async function deleteOwnEntry(ctx: Ctx, id: string): Promise<void> {
  await changeOwn(ctx, id, 'journal.delete', async (tx, row) => {
    const deletable = checkDeletable({ sharedAt: row.sharedAt?.getTime() ?? null });
    if (!deletable.ok) throw new HttpError(deletable.error);
    await deleteEntry(tx, row);
    return { row: null, detail: null };
  });
}

export async function setShared(ctx: Ctx, id: string, shared: boolean): Promise<EntryRow> {
  return (await changeOwn(ctx, id, shared ? 'journal.share' : 'journal.unshare', async (tx, row) => {
    const current = { sharedAt: row.sharedAt?.getTime() ?? null };
    const next = shared ? shareEntry(current, now(ctx).getTime()) : unshareEntry(current);
    if (!next.changed) return { row, detail: { changed: false } };
    // updatedAt is the patient's writing: sharing does not touch it.
    const updated = await updateEntry(tx, row, { sharedAt: next.sharedAt === null ? null : new Date(next.sharedAt) });
    return { row: updated, detail: { changed: true } };
  }))!;
}
