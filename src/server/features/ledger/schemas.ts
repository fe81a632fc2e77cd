/** The ledger API's payloads (the OpenAPI document is generated from these). Quantities are numbers of mg, two decimals. */
import { z } from 'zod';
import { LEDGER_MAX_MG } from '../../../core/ledger/quantities';
import { ENTRY_KINDS, REASON_MAX, TEXT_MAX } from '../../../core/ledger/rules';
import { Email, IsoDate } from '../../schemas';

const Mg = z.number().min(-LEDGER_MAX_MG).max(LEDGER_MAX_MG);
const PositiveMg = z.number().positive('must be more than 0 mg').max(LEDGER_MAX_MG);
const Text = (max = TEXT_MAX) => z.string().trim().min(1, 'required').max(max);
const Reason = z.string().trim().min(1, 'required').max(REASON_MAX);
const Note = z.string().trim().max(REASON_MAX).nullish();

export const NewLotBody = z.object({
  product: Text(),
  /** Form and strength as on the label: "troche 100 mg", "vial 500 mg/10 mL". */
  form: Text(),
  supplier: Text(),
  lotNumber: Text(100),
  expiresOn: IsoDate,
  quantityMg: PositiveMg,
  /** Invoice or order form number, anything worth keeping with the receipt. */
  note: Note,
}).strict();

export const ReceiptBody = z.object({ quantityMg: PositiveMg, note: Note }).strict();

export const WasteBody = z.object({
  quantityMg: PositiveMg,
  reason: Reason,
  /** The second person who saw the waste signs with their own email and password (never stored or logged). */
  witness: z.object({ email: Email, password: z.string().min(1, 'required').max(500) }).strict(),
}).strict();

export const AdjustmentBody = z.object({
  /** Signed: positive adds to the lot, negative takes from it; never 0. */
  quantityMg: Mg.refine((v) => v !== 0, 'cannot be 0 mg'),
  reason: Reason,
}).strict();

export const CountBody = z.object({ countedMg: z.number().min(0, 'cannot be negative').max(LEDGER_MAX_MG), note: Note }).strict();

export const ResolveBody = z.object({
  resolution: z.string().trim().min(3, 'describe how the discrepancy was resolved').max(REASON_MAX),
  /** Also record an adjustment of the difference found at the count (counted − expected), linked to the discrepancy. */
  adjust: z.boolean().default(false),
}).strict();

export const DiscrepancyQuery = z.object({ status: z.enum(['open', 'resolved']).default('open'), lotId: z.uuid({ message: 'must be a UUID' }).optional() });

export const ReportQuery = z.object({ from: IsoDate, to: IsoDate, format: z.enum(['json', 'csv']).default('json') });

const Person = z.object({ id: z.string(), name: z.string().nullable() });

export const LotDto = z.object({
  id: z.string(),
  product: z.string(),
  form: z.string(),
  supplier: z.string(),
  lotNumber: z.string(),
  expiresOn: z.string(),
  /** Past its expiry date today (clinic-local). */
  expired: z.boolean(),
  balanceMg: z.number(),
  createdAt: z.string(),
  lastCount: z.object({ at: z.string(), countedMg: z.number(), expectedMg: z.number(), matched: z.boolean(), by: z.string().nullable() }).nullable(),
  openDiscrepancies: z.number().int(),
});

export const EntryDto = z.object({
  id: z.string(),
  lotId: z.string(),
  kind: z.enum(ENTRY_KINDS),
  /** Signed change to the balance. */
  quantityMg: z.number(),
  /** The lot's balance after this entry. */
  balanceAfterMg: z.number(),
  countedMg: z.number().nullable(),
  administrationId: z.string().nullable(),
  reason: z.string().nullable(),
  by: Person,
  witness: Person.nullable(),
  at: z.string(),
});

export const DiscrepancyDto = z.object({
  id: z.string(),
  lotId: z.string(),
  product: z.string(),
  form: z.string(),
  lotNumber: z.string(),
  countEntryId: z.string(),
  expectedMg: z.number(),
  countedMg: z.number(),
  /** Counted minus expected: negative when stock is missing. */
  differenceMg: z.number(),
  openedAt: z.string(),
  countedBy: z.string().nullable(),
  status: z.enum(['open', 'resolved']),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
  adjustmentEntryId: z.string().nullable(),
});

export const LedgerDto = z.object({
  timeZone: z.string(),
  today: z.string(),
  lots: z.array(LotDto),
  openDiscrepancies: z.number().int(),
  permissions: z.object({ record: z.boolean(), adjust: z.boolean(), resolve: z.boolean() }),
});

export const LotDetailDto = z.object({ lot: LotDto, entries: z.array(EntryDto), discrepancies: z.array(DiscrepancyDto) });

export const EntryResultDto = z.object({ lot: LotDto, entry: EntryDto });

export const CountResultDto = EntryResultDto.extend({
  matches: z.boolean(),
  expectedMg: z.number(),
  countedMg: z.number(),
  differenceMg: z.number(),
  discrepancy: DiscrepancyDto.nullable(),
  message: z.string(),
});

export const ResolveResultDto = z.object({ discrepancy: DiscrepancyDto, adjustment: EntryDto.nullable(), lot: LotDto });

const FiguresDto = z.object({
  openingMg: z.number(), receivedMg: z.number(), administeredMg: z.number(), wastedMg: z.number(), adjustedMg: z.number(), closingMg: z.number(),
  counts: z.number().int(), discrepanciesOpened: z.number().int(), discrepanciesResolved: z.number().int(), discrepanciesOpenAtEnd: z.number().int(),
});

export const ReportDto = z.object({
  period: z.object({ from: z.string(), to: z.string(), timeZone: z.string(), start: z.string(), end: z.string() }),
  lots: z.array(FiguresDto.extend({ id: z.string(), product: z.string(), form: z.string(), supplier: z.string(), lotNumber: z.string(), expiresOn: z.string() })),
  totals: FiguresDto,
  discrepancies: z.array(z.object({
    id: z.string(), lotId: z.string(), product: z.string(), lotNumber: z.string(), expectedMg: z.number(), countedMg: z.number(), differenceMg: z.number(),
    openedAt: z.string(), resolvedAt: z.string().nullable(), resolution: z.string().nullable(), openedInPeriod: z.boolean(), resolvedInPeriod: z.boolean(),
  })),
});
