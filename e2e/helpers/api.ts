/**
 * Seeding through the real API as a demo user, in a request context of its own (the browser's session is left
 * alone): sign in, then JSON calls with the CSRF token; a failed call throws with the server's answer.
 */
import { request, type APIRequestContext } from 'playwright-core';
import { DEMO, DEMO_PASSWORD, type DemoUser } from './auth';

export interface Api {
  get<T = unknown>(path: string): Promise<T>;
  post<T = unknown>(path: string, data?: unknown): Promise<T>;
  put<T = unknown>(path: string, data: unknown): Promise<T>;
  patch<T = unknown>(path: string, data: unknown): Promise<T>;
  delete(path: string): Promise<void>;
  dispose(): Promise<void>;
}

async function body<T>(method: string, path: string, response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  if (!response.ok()) throw new Error(`${method} ${path} → ${response.status()}: ${await response.text()}`);
  return (response.status() === 204 ? null : await response.json()) as T;
}

export async function apiAs(who: DemoUser, baseUrl: string): Promise<Api> {
  const context = await request.newContext({ baseURL: baseUrl });
  const session = await context.post('/api/session', { data: { email: DEMO[who], password: DEMO_PASSWORD } });
  const { csrfToken } = await body<{ csrfToken: string }>('POST', '/api/session', session);
  const headers = { 'x-csrf-token': csrfToken };
  return {
    get: async (path) => body('GET', path, await context.get(path)),
    post: async (path, data = {}) => body('POST', path, await context.post(path, { data, headers })),
    put: async (path, data) => body('PUT', path, await context.put(path, { data, headers })),
    patch: async (path, data) => body('PATCH', path, await context.patch(path, { data, headers })),
    delete: async (path) => body('DELETE', path, await context.delete(path, { headers })),
    dispose: () => context.dispose(),
  };
}

/** A patient's id by name, as seen by the API user. */
export async function patientId(api: Api, name: string): Promise<string> {
  const page = await api.get<{ items: { id: string }[] }>(`/api/patients?query=${encodeURIComponent(name)}`);
  const id = page.items[0]?.id;
  if (!id) throw new Error(`no patient named ${name}`);
  return id;
}

/** Assigns an instrument once (due now) and returns the new assignment's id. */
export async function assignOnce(api: Api, patient: string, instrument: string): Promise<string> {
  const schedule = await api.post<{ id: string }>(`/api/patients/${patient}/questionnaire-schedules`, { instrument, kind: 'once' });
  const lists = await api.get<{ due: { id: string; scheduleId: string | null }[] }>(`/api/patients/${patient}/questionnaires`);
  const assignment = lists.due.find((a) => a.scheduleId === schedule.id);
  if (!assignment) throw new Error(`no due ${instrument} after assigning it`);
  return assignment.id;
}
