/**
 * Change signals for the live board (issue #5 §7): "something about today's dosing sessions changed in clinic X".
 *
 * Two paths, so that several app instances on one PostgreSQL database stay in step without keeping anything another
 * instance needs in memory:
 * - the instance that made a change signals its own subscribers at once (`notify`, after the commit);
 * - every instance also polls a cheap signature of the clinic's sessions (the sum of their versions and the latest
 *   change) for the clinics it has subscribers for, so changes made on another instance arrive within `pollMs`.
 * The same code runs on PGlite (one instance: the poll finds nothing new) and PostgreSQL.
 */
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Database } from '../../../db/database';
import { dosingSessions } from '../../../db/schema';

export type Listener = () => void;

export interface BoardFeed {
  /** Call after a change to a clinic's sessions has committed. */
  notify(clinicId: string): void;
  subscribe(clinicId: string, listener: Listener): () => void;
  close(): void;
}

export function createBoardFeed(database: Database, options: { pollMs?: number; now?: () => number } = {}): BoardFeed {
  const pollMs = options.pollMs ?? 400;
  const now = options.now ?? Date.now;
  const listeners = new Map<string, Set<Listener>>();
  const signatures = new Map<string, string>();
  let timer: NodeJS.Timeout | null = null;
  let polling = false;

  const emit = (clinicId: string) => {
    for (const l of listeners.get(clinicId) ?? []) {
      try {
        l();
      } catch {
        // A listener that throws (a closed stream) must not stop the others.
      }
    }
  };

  const signatureOf = async (clinicId: string): Promise<string> => {
    const since = new Date(now() - 36 * 3600_000);
    const [row] = await database.db
      .select({ v: sql<string>`coalesce(sum(${dosingSessions.version}), 0)::text`, n: sql<string>`count(*)::text`, at: sql<string>`coalesce(max(${dosingSessions.updatedAt})::text, '')` })
      .from(dosingSessions)
      .where(and(eq(dosingSessions.clinicId, clinicId), gte(dosingSessions.updatedAt, since)));
    return `${row?.v}|${row?.n}|${row?.at}`;
  };

  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      for (const clinicId of [...listeners.keys()]) {
        const sig = await signatureOf(clinicId);
        const before = signatures.get(clinicId);
        signatures.set(clinicId, sig);
        if (before !== undefined && before !== sig) emit(clinicId);
      }
    } catch {
      // The database may be closing (shutdown) or briefly unreachable: the next poll tries again.
    } finally {
      polling = false;
    }
  };

  const ensureTimer = () => {
    if (timer || listeners.size === 0) return;
    timer = setInterval(() => void poll(), pollMs);
    timer.unref();
  };

  return {
    notify(clinicId) {
      // Our own change: tell our subscribers now, and remember the new signature so the poll does not repeat it.
      emit(clinicId);
      if (listeners.has(clinicId)) void signatureOf(clinicId).then((s) => signatures.set(clinicId, s), () => undefined);
    },
    subscribe(clinicId, listener) {
      let set = listeners.get(clinicId);
      if (!set) {
        set = new Set();
        listeners.set(clinicId, set);
        void signatureOf(clinicId).then((s) => signatures.has(clinicId) || signatures.set(clinicId, s), () => undefined);
      }
      set.add(listener);
      ensureTimer();
      return () => {
        set.delete(listener);
        if (set.size === 0) {
          listeners.delete(clinicId);
          signatures.delete(clinicId);
        }
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    close() {
      if (timer) clearInterval(timer);
      timer = null;
      listeners.clear();
    },
  };
}
