/**
 * The live board: `GET /api/board` (today's sessions) and `GET /api/board/events` (server-sent events: the same
 * snapshot at once, again within a moment of any change, and every 30 s so due checkpoints turn overdue on time).
 * The browser's EventSource reconnects by itself when the connection drops; each connection starts with a full
 * snapshot, so nothing is lost in between.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../../core/authorization';
import type { AppDeps } from '../../deps';
import { audit, ctxOf } from '../../context';
import { httpError } from '../../http-errors';
import { ErrorBody } from '../../schemas';
import type { BoardFeed } from './feed';
import { boardSnapshot } from './snapshot';

const REFRESH_MS = 30_000;
const PING_MS = 15_000;
/** Changes arriving together (a reading and its alerts) go out as one snapshot. */
const COALESCE_MS = 20;
/**
 * At most one snapshot per clinic per this many ms: a busy floor (many readings a second) would otherwise rebuild the
 * snapshot for every write, competing with the writes themselves; a change still reaches the screens well within 1 s.
 */
const MIN_GAP_MS = 250;

export async function boardRoutes(app: FastifyInstance, deps: AppDeps, feed: BoardFeed): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const tags = ['dosing'];
  const streams = new Map<string, Set<ServerResponse>>();
  const pending = new Map<string, NodeJS.Timeout>();
  const lastSent = new Map<string, number>();

  const send = (res: ServerResponse, data: string) => {
    if (!res.writableEnded) res.write(`event: board\ndata: ${data}\n\n`);
  };
  const broadcast = async (clinicId: string) => {
    const targets = streams.get(clinicId);
    if (!targets?.size) return;
    try {
      const data = JSON.stringify(await boardSnapshot(db, clinicId, deps.clock().epochMilliseconds));
      for (const res of targets) send(res, data);
    } catch (err) {
      app.log.warn({ err }, 'board snapshot failed; the next change or refresh tries again');
    }
  };
  const schedule = (clinicId: string) => {
    if (pending.has(clinicId)) return;
    const sinceLast = performance.now() - (lastSent.get(clinicId) ?? -Infinity);
    pending.set(clinicId, setTimeout(() => {
      pending.delete(clinicId);
      lastSent.set(clinicId, performance.now());
      void broadcast(clinicId);
    }, Math.max(COALESCE_MS, MIN_GAP_MS - sinceLast)));
  };
  const refresh = setInterval(() => {
    for (const clinicId of streams.keys()) schedule(clinicId);
  }, REFRESH_MS);
  refresh.unref();
  // preClose, not onClose: the server waits for open connections before onClose runs, and a board stream never ends
  // by itself (a shutdown would hang, holding the data folder's lock, until every browser left).
  app.addHook('preClose', async () => {
    clearInterval(refresh);
    for (const t of pending.values()) clearTimeout(t);
    for (const set of streams.values()) for (const res of set) res.end();
    streams.clear();
  });

  const authorize = (request: Parameters<typeof ctxOf>[1]) => {
    const ctx = ctxOf(deps, request);
    if (!can(ctx.actor, 'board:read', { type: 'clinic', clinicId: ctx.actor.clinicId })) throw httpError('FORBIDDEN', 'The board is for the clinic’s clinical staff.');
    return ctx;
  };

  r.get(
    '/api/board',
    { schema: { tags, summary: 'Today’s dosing sessions in the clinic, by room: initials, phase, minutes since dose, next checkpoint, open alerts, who is present', response: { 200: z.record(z.string(), z.unknown()), 403: ErrorBody } } },
    async (request) => {
      const ctx = authorize(request);
      const snapshot = await boardSnapshot(db, ctx.actor.clinicId, deps.clock().epochMilliseconds);
      if (snapshot.patientIds.length) await audit(ctx, { action: 'board.read', resourceType: 'board', patientIds: snapshot.patientIds });
      return snapshot;
    },
  );

  r.get(
    '/api/board/events',
    { schema: { tags, summary: 'The board as server-sent events (text/event-stream): a snapshot now and after every change', response: { 403: ErrorBody } } },
    async (request, reply) => {
      const ctx = authorize(request);
      const clinicId = ctx.actor.clinicId;
      const first = await boardSnapshot(db, clinicId, deps.clock().epochMilliseconds);
      if (first.patientIds.length) await audit(ctx, { action: 'board.subscribe', resourceType: 'board', patientIds: first.patientIds });
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write('retry: 1000\n\n');
      send(res, JSON.stringify(first));
      let set = streams.get(clinicId);
      if (!set) streams.set(clinicId, (set = new Set()));
      set.add(res);
      const unsubscribe = feed.subscribe(clinicId, () => schedule(clinicId));
      const ping = setInterval(() => !res.writableEnded && res.write(': ping\n\n'), PING_MS);
      ping.unref();
      request.raw.on('close', () => {
        clearInterval(ping);
        unsubscribe();
        set.delete(res);
        if (set.size === 0) streams.delete(clinicId);
      });
    },
  );
}
