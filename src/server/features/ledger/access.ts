/** Who may use the ledger, the clinic's "today", and a lot as the API shows it. */
import { Temporal } from 'temporal-polyfill';
import { can, type ClinicAction } from '../../../core/authorization';
import { fail, ok, type Result } from '../../../core/errors';
import type { Executor } from '../../../db/database';
import { findClinic } from '../../../db/repos/clinics';
import { lastCounts, openDiscrepancyCounts, type LotRow } from '../../../db/repos/ledger';
import { audit, type Ctx } from '../../context';
import { lotDto } from './dto';

type LedgerAction = Extract<ClinicAction, `ledger:${string}`>;

const REFUSAL: Record<LedgerAction, string> = {
  'ledger:read': 'The controlled-substance ledger is for administrators, prescribers and nurses.',
  'ledger:record': 'Receipts, waste and counts are recorded by prescribers and nurses.',
  'ledger:adjust': 'Ledger adjustments are made by administrators and prescribers.',
  'ledger:resolve': 'Discrepancies are resolved by an administrator.',
};

export interface LedgerActor {
  clinicId: string;
  staffId: string;
}

/**
 * Allows a ledger action or answers FORBIDDEN. A refused write is audited (someone reaching for the controlled-substance
 * record without the role is worth seeing in the trail); a refused read is not.
 */
export async function authorizeLedger(ctx: Ctx, action: LedgerAction, auditAction?: string): Promise<Result<LedgerActor>> {
  const { actor } = ctx;
  if (actor.kind !== 'staff' || !can(actor, action, { type: 'clinic', clinicId: actor.clinicId })) {
    if (auditAction) await audit(ctx, { action: auditAction, resourceType: 'ledger', outcome: 'denied' });
    return fail('FORBIDDEN', REFUSAL[action]);
  }
  return ok({ clinicId: actor.clinicId, staffId: actor.staffId });
}

export const mayDo = (ctx: Ctx, action: LedgerAction): boolean => can(ctx.actor, action, { type: 'clinic', clinicId: ctx.actor.clinicId });

/** The clinic's zone and today's date there (expiry is a clinic-local date). */
export async function clinicDay(ctx: Ctx, ex: Executor = ctx.deps.database.db): Promise<{ timeZone: string; today: string }> {
  const timeZone = (await findClinic(ex, ctx.actor.clinicId))?.timeZone ?? 'UTC';
  const today = ctx.deps.clock().toZonedDateTimeISO(timeZone).toPlainDate().toString();
  return { timeZone, today };
}

/** One lot as the API shows it. Sequential queries: `ex` may be a transaction (one connection). */
export async function lotView(ex: Executor, lot: LotRow, today: string) {
  const counts = await lastCounts(ex, lot.clinicId, lot.id);
  const open = await openDiscrepancyCounts(ex, lot.clinicId, lot.id);
  return lotDto(lot, today, counts.get(lot.id), open.get(lot.id) ?? 0);
}

export const nowDate = (ctx: Ctx): Date => new Date(ctx.deps.clock().epochMilliseconds);
export const plainDateOf = (at: Date, timeZone: string): string => Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
