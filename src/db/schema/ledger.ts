/**
 * Controlled-substance ledger (issue #5 §4; ketamine is Schedule III). Per clinic and lot: what was received, each
 * administration, waste with a witness, adjustments with a reason, and physical counts. The database keeps it honest
 * (migration 0006): entries are append-only; a trigger adds each entry's quantity to its lot's balance under the
 * lot's row lock (so concurrent entries queue up) and stores the running balance on the entry; the lot's balance can
 * never go below zero (a CHECK), and nothing but that trigger may change it.
 */
import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staffMembers } from './clinics';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const mg = (name: string) => numeric(name, { precision: 12, scale: 2 });

export const stockLots = pgTable(
  'stock_lots',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    product: text('product').notNull(),
    /** Form and strength as on the label, e.g. "troche 100 mg" or "vial 500 mg/10 mL". */
    form: text('form').notNull(),
    supplier: text('supplier').notNull(),
    lotNumber: text('lot_number').notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    /** Kept by the ledger trigger only. */
    balanceMg: mg('balance_mg').notNull().default('0'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('stock_lots_lot_number_idx').on(t.clinicId, t.product, t.lotNumber),
    check('stock_lots_balance_check', sql`${t.balanceMg} >= 0`),
  ],
);

export const LEDGER_KINDS = ['received', 'administered', 'wasted', 'adjustment', 'count'] as const;

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    lotId: uuid('lot_id').notNull(),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    /** Signed change to the balance, mg (a count changes nothing: 0). */
    quantityMg: mg('quantity_mg').notNull(),
    /** The lot's balance after this entry (set by the trigger). */
    balanceAfterMg: mg('balance_after_mg').notNull().default('0'),
    /** A count: what was physically there. */
    countedMg: mg('counted_mg'),
    administrationId: uuid('administration_id'),
    witnessId: uuid('witness_id'),
    reason: text('reason'),
    by: uuid('by').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.lotId], foreignColumns: [stockLots.clinicId, stockLots.id] }),
    foreignKey({ columns: [t.clinicId, t.by], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    foreignKey({ columns: [t.clinicId, t.witnessId], foreignColumns: [staffMembers.clinicId, staffMembers.id] }),
    check('ledger_entries_kind_check', sql`${t.kind} in ('received', 'administered', 'wasted', 'adjustment', 'count')`),
    check(
      'ledger_entries_sign_check',
      sql`case ${t.kind} when 'received' then ${t.quantityMg} > 0 when 'administered' then ${t.quantityMg} < 0 when 'wasted' then ${t.quantityMg} < 0 when 'adjustment' then ${t.quantityMg} <> 0 else ${t.quantityMg} = 0 end`,
    ),
    check('ledger_entries_waste_witness_check', sql`${t.kind} <> 'wasted' or (${t.witnessId} is not null and ${t.witnessId} <> ${t.by})`),
    check('ledger_entries_reason_check', sql`${t.kind} not in ('adjustment', 'wasted') or length(trim(${t.reason})) > 0`),
    check('ledger_entries_count_check', sql`(${t.kind} = 'count') = (${t.countedMg} is not null)`),
    check('ledger_entries_administration_check', sql`(${t.kind} = 'administered') = (${t.administrationId} is not null)`),
    index('ledger_entries_lot_idx').on(t.clinicId, t.lotId, t.at),
    index('ledger_entries_clinic_time_idx').on(t.clinicId, t.at),
  ],
);

/** A count that differed from the balance: open until an admin resolves it (often with an adjustment). */
export const ledgerDiscrepancies = pgTable(
  'ledger_discrepancies',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    lotId: uuid('lot_id').notNull(),
    countEntryId: uuid('count_entry_id').notNull(),
    expectedMg: mg('expected_mg').notNull(),
    countedMg: mg('counted_mg').notNull(),
    openedAt: ts('opened_at').notNull(),
    resolvedAt: ts('resolved_at'),
    resolvedBy: uuid('resolved_by'),
    resolution: text('resolution'),
    adjustmentEntryId: uuid('adjustment_entry_id'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.lotId], foreignColumns: [stockLots.clinicId, stockLots.id] }),
    foreignKey({ columns: [t.clinicId, t.countEntryId], foreignColumns: [ledgerEntries.clinicId, ledgerEntries.id] }),
    check('ledger_discrepancies_differs_check', sql`${t.expectedMg} <> ${t.countedMg}`),
    check('ledger_discrepancies_resolution_check', sql`(${t.resolvedAt} is null) = (${t.resolution} is null) and (${t.resolvedAt} is null) = (${t.resolvedBy} is null)`),
    index('ledger_discrepancies_open_idx').on(t.clinicId, t.openedAt).where(sql`${t.resolvedAt} is null`),
  ],
);
