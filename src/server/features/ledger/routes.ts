/**
 * The controlled-substance ledger (issue #5 §4): lots and balances, entries, witnessed waste, adjustments, counts,
 * discrepancies and the period report. Reading: admins, prescribers, nurses. Receipts, waste, counts: prescribers and
 * nurses. Adjustments: admins and prescribers. Resolving discrepancies: admins. Everyone else gets 403; a lot or
 * discrepancy of another clinic is 404.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as repo from '../../../db/repos/ledger';
import type { AppDeps } from '../../deps';
import { ctxOf } from '../../context';
import { notFound, unwrap } from '../../http-errors';
import { ErrorBody, IdParams } from '../../schemas';
import { authorizeLedger, clinicDay, lotView, mayDo } from './access';
import { resolveDiscrepancy } from './discrepancies';
import { discrepancyDto, entryDto, lotDto, reportDto } from './dto';
import { receiveLot, receiveMore, recordAdjustment, recordCount, recordWaste } from './record';
import { buildReport, csvOf } from './report';
import {
  AdjustmentBody, CountBody, CountResultDto, DiscrepancyDto, DiscrepancyQuery, EntryResultDto, LedgerDto, LotDetailDto, NewLotBody, ReceiptBody,
  ReportDto, ReportQuery, ResolveBody, ResolveResultDto, WasteBody,
} from './schemas';

const tags = ['ledger'];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function ledgerRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  r.get('/api/ledger', {
    schema: { tags, summary: 'The clinic’s controlled-substance lots with their balances, expiry, last count and open discrepancies', response: { 200: LedgerDto, 403: ErrorBody } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    const { clinicId } = unwrap(await authorizeLedger(ctx, 'ledger:read'));
    const { timeZone, today } = await clinicDay(ctx);
    const [lots, counts, open] = await Promise.all([repo.listLots(db, clinicId), repo.lastCounts(db, clinicId), repo.openDiscrepancyCounts(db, clinicId)]);
    const items = lots.map((l) => lotDto(l, today, counts.get(l.id), open.get(l.id) ?? 0));
    // Stock in hand first (soonest expiry first), then empty lots.
    items.sort((a, b) => Number(a.balanceMg === 0) - Number(b.balanceMg === 0) || a.expiresOn.localeCompare(b.expiresOn) || a.lotNumber.localeCompare(b.lotNumber));
    return {
      timeZone, today, lots: items,
      openDiscrepancies: [...open.values()].reduce((s, n) => s + n, 0),
      permissions: { record: mayDo(ctx, 'ledger:record'), adjust: mayDo(ctx, 'ledger:adjust'), resolve: mayDo(ctx, 'ledger:resolve') },
    };
  });

  r.post('/api/ledger/lots', {
    schema: { tags, summary: 'Receive a new lot from a supplier (the lot and its "received" entry, in one transaction)', body: NewLotBody, response: { 201: EntryResultDto, ...errors } },
  }, async (request, reply) => {
    const ctx = ctxOf(deps, request);
    return reply.status(201).send(unwrap(await receiveLot(ctx, request.body)));
  });

  r.get('/api/ledger/lots/:id', {
    schema: { tags, summary: 'A lot with every entry (running balance, who, witness) and its discrepancies', params: IdParams, response: { 200: LotDetailDto, 403: ErrorBody, 404: ErrorBody } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    const { clinicId } = unwrap(await authorizeLedger(ctx, 'ledger:read'));
    const lot = await repo.findLot(db, clinicId, request.params.id);
    if (!lot) throw notFound('stock lot');
    const { today } = await clinicDay(ctx);
    const [entries, discrepancies] = await Promise.all([repo.listLotEntries(db, clinicId, lot.id), repo.listDiscrepancies(db, clinicId, { lotId: lot.id })]);
    return { lot: await lotView(db, lot, today), entries: entries.map((e) => entryDto(e)), discrepancies: discrepancies.map(discrepancyDto) };
  });

  r.post('/api/ledger/lots/:id/receipts', {
    schema: { tags, summary: 'Receive more of a lot already in the ledger', params: IdParams, body: ReceiptBody, response: { 201: EntryResultDto, ...errors } },
  }, async (request, reply) => {
    return reply.status(201).send(unwrap(await receiveMore(ctxOf(deps, request), request.params.id, request.body)));
  });

  r.post('/api/ledger/lots/:id/waste', {
    schema: {
      tags, summary: 'Record waste, signed by a witness (another prescriber or nurse) with their email and password in the same request',
      params: IdParams, body: WasteBody, response: { 201: EntryResultDto, ...errors, 429: ErrorBody },
    },
  }, async (request, reply) => {
    return reply.status(201).send(unwrap(await recordWaste(ctxOf(deps, request), request.params.id, request.body)));
  });

  r.post('/api/ledger/lots/:id/adjustments', {
    schema: { tags, summary: 'Adjust a lot’s balance (signed mg, never 0) with a reason', params: IdParams, body: AdjustmentBody, response: { 201: EntryResultDto, ...errors } },
  }, async (request, reply) => {
    return reply.status(201).send(unwrap(await recordAdjustment(ctxOf(deps, request), request.params.id, request.body)));
  });

  r.post('/api/ledger/lots/:id/counts', {
    schema: { tags, summary: 'Record a physical count; a figure that differs from the balance opens a discrepancy', params: IdParams, body: CountBody, response: { 201: CountResultDto, ...errors } },
  }, async (request, reply) => {
    return reply.status(201).send(unwrap(await recordCount(ctxOf(deps, request), request.params.id, request.body)));
  });

  r.get('/api/ledger/discrepancies', {
    schema: { tags, summary: 'Discrepancies found by counts: open (oldest first) or resolved (newest first)', querystring: DiscrepancyQuery, response: { 200: z.object({ items: z.array(DiscrepancyDto) }), 400: ErrorBody, 403: ErrorBody } },
  }, async (request) => {
    const ctx = ctxOf(deps, request);
    const { clinicId } = unwrap(await authorizeLedger(ctx, 'ledger:read'));
    return { items: (await repo.listDiscrepancies(db, clinicId, request.query)).map(discrepancyDto) };
  });

  r.post('/api/ledger/discrepancies/:id/resolve', {
    schema: {
      tags, summary: 'Resolve a discrepancy (administrators), optionally with an adjustment of the difference found at the count',
      params: IdParams, body: ResolveBody, response: { 200: ResolveResultDto, ...errors },
    },
  }, async (request) => {
    return unwrap(await resolveDiscrepancy(ctxOf(deps, request), request.params.id, request.body));
  });

  r.get('/api/ledger/report', {
    schema: {
      tags, summary: 'The period report (clinic-local days, both included): opening, received, administered, wasted, adjusted, closing, discrepancies; format=csv for a spreadsheet',
      querystring: ReportQuery, response: { 200: z.union([ReportDto, z.string()]), 400: ErrorBody, 403: ErrorBody },
    },
  }, async (request, reply) => {
    const ctx = ctxOf(deps, request);
    const report = unwrap(await buildReport(ctx, request.query));
    if (request.query.format === 'csv') {
      const { body, fileName } = csvOf(report);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(body);
    }
    return reportDto(report);
  });
}
