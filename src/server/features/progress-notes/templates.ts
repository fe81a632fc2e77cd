/**
 * The clinic's note templates: every staff member reads them (they are shown while writing); the clinic's admin or a
 * prescriber replaces a kind's prompts, or resets them to the built-in defaults. A kind the clinic never edited (or
 * reset) uses the built-in defaults (src/core/notes).
 */
import { and, eq } from 'drizzle-orm';
import { can } from '../../../core/authorization';
import { fail, ok, type Result } from '../../../core/errors';
import { DEFAULT_TEMPLATES, fieldsFor, PROGRESS_NOTE_KINDS, type ProgressNoteKind, type Prompt } from '../../../core/notes';
import { noteTemplates } from '../../../db/schema';
import { audit, type Ctx } from '../../context';
import { listTemplates } from './store';

export interface TemplateView {
  kind: ProgressNoteKind;
  prompts: Prompt[];
  /** The prompts to show when writing: the template's, plus the fields signing needs if it leaves them out. */
  fields: Prompt[];
  custom: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function readTemplates(ctx: Ctx): Promise<Result<TemplateView[]>> {
  if (ctx.actor.kind !== 'staff' || !can(ctx.actor, 'clinic:read', { type: 'clinic', clinicId: ctx.actor.clinicId })) {
    await audit(ctx, { action: 'note-template.read', resourceType: 'note-template', outcome: 'denied' });
    return fail('FORBIDDEN', 'Note templates are for the clinic’s staff.');
  }
  const rows = await listTemplates(ctx.deps.database.db, ctx.actor.clinicId);
  return ok(PROGRESS_NOTE_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    const prompts = row ? (row.prompts as Prompt[]) : DEFAULT_TEMPLATES[kind];
    return { kind, prompts, fields: fieldsFor(prompts), custom: !!row, updatedAt: row?.updatedAt.toISOString() ?? null, updatedBy: row?.updatedBy ?? null };
  }));
}

export async function saveTemplate(ctx: Ctx, kind: ProgressNoteKind, prompts: Prompt[]): Promise<Result<TemplateView>> {
  if (ctx.actor.kind !== 'staff' || !can(ctx.actor, 'note-templates:manage', { type: 'clinic', clinicId: ctx.actor.clinicId })) {
    await audit(ctx, { action: 'note-template.update', resourceType: 'note-template', resourceId: kind, outcome: 'denied' });
    return fail('FORBIDDEN', 'Only the clinic’s administrator or a prescriber edits note templates.');
  }
  const staffId = ctx.actor.staffId;
  const at = new Date(ctx.deps.clock().epochMilliseconds);
  await ctx.deps.database.db.transaction(async (tx) => {
    await tx.insert(noteTemplates).values({ clinicId: ctx.actor.clinicId, kind, prompts, updatedAt: at, updatedBy: staffId })
      .onConflictDoUpdate({ target: [noteTemplates.clinicId, noteTemplates.kind], set: { prompts, updatedAt: at, updatedBy: staffId } });
    await audit(ctx, { action: 'note-template.update', resourceType: 'note-template', resourceId: kind, detail: { prompts: prompts.map((p) => p.key) } }, tx);
  });
  return ok({ kind, prompts, fields: fieldsFor(prompts), custom: true, updatedAt: at.toISOString(), updatedBy: staffId });
}

/** Drops the clinic's own prompts for a kind, so the built-in defaults apply again (idempotent). */
export async function resetTemplate(ctx: Ctx, kind: ProgressNoteKind): Promise<Result<TemplateView>> {
  if (ctx.actor.kind !== 'staff' || !can(ctx.actor, 'note-templates:manage', { type: 'clinic', clinicId: ctx.actor.clinicId })) {
    await audit(ctx, { action: 'note-template.reset', resourceType: 'note-template', resourceId: kind, outcome: 'denied' });
    return fail('FORBIDDEN', 'Only the clinic’s administrator or a prescriber edits note templates.');
  }
  await ctx.deps.database.db.transaction(async (tx) => {
    await tx.delete(noteTemplates).where(and(eq(noteTemplates.clinicId, ctx.actor.clinicId), eq(noteTemplates.kind, kind)));
    await audit(ctx, { action: 'note-template.reset', resourceType: 'note-template', resourceId: kind }, tx);
  });
  const prompts = DEFAULT_TEMPLATES[kind];
  return ok({ kind, prompts, fields: fieldsFor(prompts), custom: false, updatedAt: null, updatedBy: null });
}
