/**
 * Access-matrix rows for the journal, the action plan and the integration-session view (issue #6 §2, §4).
 *
 * Journal: `/api/me/journal…` is the patient's own (staff 403, another clinic's prescriber 403 too: it is staff);
 * "own entry" targets an entry patient1 just wrote, "another patient's" one of patient2's (patient1 gets 404).
 * The care team's list of shared entries needs 'patient:read-clinical' and a staff account: the patient 403 on their
 * own record, admins, therapists off the team and strangers 404.
 *
 * Action plan: read by clinical staff and the patient; added to and revised by the patient and by prescriber, nurse
 * and care-team therapists; reviews by those staff only (the patient 403). Each row gets a fresh item (added by the
 * nurse) and, for reviews and the integration view, a fresh integration appointment about 3,700 days ahead.
 */
import { Temporal } from 'temporal-polyfill';
import { expect } from 'vitest';
import { newId, toDate } from '../../../src/db/ids';
import { insertAppointments } from '../../../src/db/repos/scheduling';
import { journalEntries } from '../../../src/db/schema';
import { row, type Case, type MatrixEnv, type Who } from './env';

const ENTRY = { prompt: 'what-surfaced', text: 'The image of the lake again, calmer this time.', mood: 6 };
const ITEM = { insight: 'I go quiet when I am hurt.', commitment: 'Say one true sentence each evening.', timeframe: 'Every evening', measure: 'A tick in my diary' };

export function journalMatrix(env: MatrixEnv): Record<string, Case[]> {
  const t = () => env.t();
  let slot = 0;

  /** An entry of patient1 (the patient column's own), or of patient2 (another patient's), written just now. */
  const entry = async (own: boolean, shared = false): Promise<string> => {
    if (own) {
      const res = await t().call(env.session('patient'), { method: 'POST', url: '/api/me/journal', payload: ENTRY });
      expect(res.statusCode, res.body).toBe(201);
      const id = (res.json() as { id: string }).id;
      if (shared) expect((await t().call(env.session('patient'), { method: 'PUT', url: `/api/me/journal/${id}/share` })).statusCode).toBe(200);
      return id;
    }
    const id = newId();
    const at = toDate(t().clock.now);
    await t().database.db.insert(journalEntries).values({
      clinicId: t().demoClinicId, id, patientId: env.ids().patient2, text: 'Not yours to read.', sharedAt: shared ? at : null, createdAt: at, updatedAt: at,
    });
    return id;
  };
  const entryCases = (method: 'PATCH' | 'DELETE' | 'PUT', suffix: string, payload: unknown, ownRow: string, otherRow: string, shared = false): Case[] => [true, false].map((own) => ({
    name: own ? 'own entry' : 'another patient’s entry',
    expect: row(own ? ownRow : otherRow),
    request: async () => ({ method, url: `/api/me/journal/${await entry(own, shared)}${suffix}`, ...(payload === undefined ? {} : { payload: payload as never }) }),
  }));

  const patientOf = (who: Who, team: boolean) => (team ? env.teamPatient(who) : env.otherTeamPatient(who));
  const item = async (patientId: string): Promise<string> => {
    const res = await t().call(env.session('nurse'), { method: 'POST', url: `/api/patients/${patientId}/action-plan`, payload: ITEM });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const integration = async (patientId: string, team: boolean): Promise<string> => {
    const start = Temporal.Instant.fromEpochMilliseconds(Math.ceil(t().clock.now.epochMilliseconds / 3600_000) * 3600_000).add({ hours: 24 * 3700 + 2 * slot++ });
    const id = newId();
    const at = toDate(t().clock.now);
    await insertAppointments(t().database.db, [{
      clinicId: t().demoClinicId, id, courseId: null, patientId, kind: 'integration', number: 1, startsAt: toDate(start), endsAt: toDate(start.add({ minutes: 60 })),
      roomId: env.ids().room, therapistId: team ? env.ids().therapist : env.ids().therapist2, status: 'booked', createdAt: at, updatedAt: at,
    }]);
    return id;
  };
  const planCases = (teamRow: string, notTeamRow: string, request: (patientId: string, team: boolean) => Promise<{ method: 'PATCH' | 'POST' | 'GET'; url: string; payload?: unknown }>): Case[] =>
    [true, false].map((team) => ({
      name: team ? 'team' : 'not team',
      expect: row(team ? teamRow : notTeamRow),
      request: async (who: Who) => {
        const r = await request(await patientOf(who, team), team);
        return { method: r.method, url: r.url, ...(r.payload === undefined ? {} : { payload: r.payload as never }) };
      },
    }));

  return {
    'GET /api/me/journal': [{ name: 'own journal', expect: row('403 403 403 403 200 401 403'), request: () => ({ method: 'GET', url: '/api/me/journal' }) }],
    'POST /api/me/journal': [{ name: 'write', expect: row('403 403 403 403 201 401 403'), request: () => ({ method: 'POST', url: '/api/me/journal', payload: ENTRY }) }],
    'PATCH /api/me/journal/:id': entryCases('PATCH', '', { text: 'Edited: calmer, and the ice was thin.' }, '403 403 403 403 200 401 403', '403 403 403 403 404 401 403'),
    'DELETE /api/me/journal/:id': entryCases('DELETE', '', undefined, '403 403 403 403 204 401 403', '403 403 403 403 404 401 403'),
    'PUT /api/me/journal/:id/share': entryCases('PUT', '/share', undefined, '403 403 403 403 200 401 403', '403 403 403 403 404 401 403'),
    'DELETE /api/me/journal/:id/share': entryCases('DELETE', '/share', undefined, '403 403 403 403 200 401 403', '403 403 403 403 404 401 403', true),
    'GET /api/patients/:id/journal': env.patientCases('/journal', 'GET', undefined, '404 200 200 200 403 401 404', '404 200 200 404 404 401 404'),
    'GET /api/patients/:id/action-plan': env.patientCases('/action-plan', 'GET', undefined, '404 200 200 200 200 401 404', '404 200 200 404 404 401 404'),
    'POST /api/patients/:id/action-plan': env.patientCases('/action-plan', 'POST', ITEM, '404 201 201 201 201 401 404', '404 201 201 404 404 401 404'),
    'PATCH /api/patients/:id/action-plan/:itemId': planCases('404 200 200 200 200 401 404', '404 200 200 404 404 401 404', async (patientId) => (
      { method: 'PATCH', url: `/api/patients/${patientId}/action-plan/${await item(patientId)}`, payload: { timeframe: 'Most evenings', status: 'done' } }
    )),
    'POST /api/patients/:id/action-plan/:itemId/reviews': planCases('404 201 201 201 403 401 404', '404 201 201 404 404 401 404', async (patientId, team) => (
      { method: 'POST', url: `/api/patients/${patientId}/action-plan/${await item(patientId)}/reviews`, payload: { appointmentId: await integration(patientId, team), status: 'active', note: 'Still going.' } }
    )),
    'GET /api/appointments/:id/integration': planCases('404 200 200 200 403 401 404', '404 200 200 404 404 401 404', async (patientId, team) => (
      { method: 'GET', url: `/api/appointments/${await integration(patientId, team)}/integration` }
    )),
  };
}
