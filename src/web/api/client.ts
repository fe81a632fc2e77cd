/**
 * The one way the web app talks to the server: JSON over fetch, the session cookie sent automatically, the CSRF
 * token added to every state-changing request, and every failure turned into an ApiError with the server's code,
 * message and field problems.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    /** Anything else the server put in its error body (e.g. a 409's `conflicts`, `rule`, `violations`, `moves`). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type Listener = (error: ApiError) => void;

let csrfToken: string | null = null;
const listeners = new Set<Listener>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called for failures that concern the whole session (signed out, second factor needed), not one request. */
export function onSessionProblem(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const SESSION_CODES = new Set(['SESSION_EXPIRED', 'UNAUTHENTICATED', 'TOTP_ENROLLMENT_REQUIRED']);

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  /** Do not tell the session listeners (the sign-in form handles its own 401s). */
  quiet?: boolean;
  signal?: AbortSignal;
}

export function buildPath(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildPath(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'Tilth cannot reach the server. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const body = (data as { error?: { code?: string; message?: string; fields?: FieldProblem[] } & Record<string, unknown> } | null)?.error;
    const { code, message, fields, ...details } = body ?? {};
    const error = new ApiError(
      response.status,
      code ?? `HTTP_${response.status}`,
      message ?? `The server answered ${response.status} ${response.statusText}.`,
      fields ?? [],
      details,
    );
    if (!options.quiet && SESSION_CODES.has(error.code)) listeners.forEach((l) => l(error));
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('DELETE', path, { ...options, ...(body === undefined ? {} : { body }) }),
};

/** The message to show a person for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** Field problems keyed by path ("address.line1", "therapistIds.0" → also "therapistIds"). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const f of error.fields) {
    out[f.path] ??= f.message;
    const base = f.path.replace(/\.\d+$/, '');
    out[base] ??= f.message;
  }
  return out;
}
