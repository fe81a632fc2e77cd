/**
 * Talking to the app over real HTTP (the board's server-sent events need a socket): signing in, calling the API with
 * the session cookie and CSRF header, and reading `GET /api/board/events` the way a browser's EventSource would.
 */
import { nowMs } from '../lib/stats';

export interface Session {
  cookie: string;
  csrfToken: string;
  staffId: string;
}

export interface Reply {
  status: number;
  body: unknown;
  /** Wall time from sending the request to the end of the response body, in milliseconds. */
  ms: number;
}

export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${text}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('tilth_session='));
  if (!cookie) throw new Error(`sign-in as ${email}: no tilth_session cookie`);
  const body = JSON.parse(text) as { csrfToken: string; user: { staffId?: string } };
  return { cookie, csrfToken: body.csrfToken, staffId: body.user.staffId ?? '' };
}

export async function call(base: string, session: Session, method: string, path: string, body?: unknown): Promise<Reply> {
  const headers: Record<string, string> = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const t0 = nowMs();
  const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  const ms = nowMs() - t0;
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, ms };
}

/** Calls and insists on the status; the message carries the body so a failing setup step says why. */
export async function expectCall(base: string, session: Session, method: string, path: string, body: unknown, status: number): Promise<Record<string, unknown>> {
  const r = await call(base, session, method, path, body);
  if (r.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
}

export interface BoardRow {
  appointmentId: string;
  state: string;
  latestVitals: { systolic: number; diastolic: number; heartRate: number; spo2: number } | null;
  version: number;
}

export interface BoardSnapshotJson {
  sessions: BoardRow[];
}

export interface BoardStream {
  /** `event: board` messages received so far. */
  readonly messages: number;
  /** Resolves once the first snapshot has arrived. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Subscribes to the board's event stream; `onSnapshot` gets each `event: board` message with the time (performance.now)
 * its last byte was read.
 */
export async function subscribeBoard(base: string, session: Session, onSnapshot: (at: number, snapshot: BoardSnapshotJson) => void): Promise<BoardStream> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/board/events`, { headers: { cookie: session.cookie, accept: 'text/event-stream' }, signal: controller.signal });
  if (res.status !== 200 || !res.body) throw new Error(`GET /api/board/events: ${res.status} ${await res.text()}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let messages = 0;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const at = nowMs();
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (!message.startsWith('event: board')) continue;
          const data = message.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          messages++;
          onSnapshot(at, JSON.parse(data.slice(6)) as BoardSnapshotJson);
          markReady();
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    get messages() {
      return messages;
    },
    ready,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}
