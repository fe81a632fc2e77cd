/**
 * Access-matrix rows for the portal's education modules and intentions (issue #6 §1). Modules: everyone signed in
 * reads their own clinic's (a user of another clinic reads theirs); only a patient marks one read (staff 403); the
 * admin or a prescriber edits (a prescriber of another clinic edits their own clinic's copy); a patient's read state
 * needs 'patient:read-clinical' (404 otherwise). Intentions: the patient on their own dosing appointment, and
 * prescriber, nurse and care-team therapists write; the same read the history; admins, other patients and therapists
 * off the team get 404. Each intention row gets its own dosing appointment, about 2,500 days ahead, for a fresh patient
 * on therapist@'s team (therapist2@'s for "not team"), or for the patient column patient1's own (patient2's).
 */
import { Temporal } from 'temporal-polyfill';
import { expect } from 'vitest';
import { newId, toDate } from '../../../src/db/ids';
import { insertAppointments } from '../../../src/db/repos/scheduling';
import { row, type Case, type MatrixEnv, type Who } from './env';

export function portalMatrix(env: MatrixEnv): Record<string, Case[]> {
  const t = () => env.t();
  let slot = 0;
  const dose = async (who: Who, team: boolean): Promise<string> => {
    const patientId = who === 'patient' ? (team ? env.ids().patient1 : env.ids().patient2) : team ? await env.teamPatient('nurse') : await env.otherTeamPatient('nurse');
    const start = Temporal.Instant.fromEpochMilliseconds(Math.ceil(t().clock.now.epochMilliseconds / 3600_000) * 3600_000).add({ hours: 24 * 2500 + 2 * slot++ });
    const id = newId();
    const at = toDate(t().clock.now);
    await insertAppointments(t().database.db, [{
      clinicId: t().demoClinicId, id, courseId: null, patientId, kind: 'dosing', number: 1, startsAt: toDate(start), endsAt: toDate(start.add({ minutes: 90 })),
      roomId: env.ids().room, therapistId: team ? env.ids().therapist : env.ids().therapist2, status: 'booked', createdAt: at, updatedAt: at,
    }]);
    return id;
  };
  const intentionCases = (method: 'PUT' | 'GET', teamRow: string, notTeamRow: string): Case[] => [true, false].map((team) => ({
    name: team ? 'team' : 'not team',
    expect: row(team ? teamRow : notTeamRow),
    request: async (who: Who) => {
      const id = await dose(who, team);
      if (method === 'PUT') return { method: 'PUT' as const, url: `/api/appointments/${id}/intention`, payload: { text: 'To listen to what is underneath.' } };
      const res = await t().call(env.session('nurse'), { method: 'PUT', url: `/api/appointments/${id}/intention`, payload: { text: 'Written at preparation.' } });
      expect(res.statusCode, res.body).toBe(201);
      return { method: 'GET' as const, url: `/api/appointments/${id}/intentions` };
    },
  }));
  return {
    'GET /api/education': [{ name: 'own clinic’s modules', expect: row('200 200 200 200 200 401 200'), request: () => ({ method: 'GET', url: '/api/education' }) }],
    'POST /api/education/:moduleId/read': [{ name: 'a default module', expect: row('403 403 403 403 200 401 403'), request: () => ({ method: 'POST', url: '/api/education/myths/read', payload: {} }) }],
    'PUT /api/education/:moduleId': [{
      name: 'a default module', expect: row('200 200 403 403 403 401 200'),
      request: () => ({ method: 'PUT', url: '/api/education/integration', payload: { title: 'What integration is', body: 'The conversation after a dose.' } }),
    }],
    'GET /api/patients/:id/education': env.patientCases('/education', 'GET', undefined, '404 200 200 200 200 401 404', '404 200 200 404 404 401 404'),
    'GET /api/me/intentions': [{ name: 'own doses', expect: row('403 403 403 403 200 401 403'), request: () => ({ method: 'GET', url: '/api/me/intentions' }) }],
    'PUT /api/appointments/:id/intention': intentionCases('PUT', '404 201 201 201 201 401 404', '404 201 201 404 404 401 404'),
    'GET /api/appointments/:id/intentions': intentionCases('GET', '404 200 200 200 200 401 404', '404 200 200 404 404 401 404'),
  };
}
