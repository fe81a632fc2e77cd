/**
 * Access-matrix rows for preparation (issue #6 §1) and the clinic's content routes added with it. The guide: the
 * prescriber and the care team's therapist read and write it; the nurse, the admin, the patient (their own record
 * too: the portal shows the safety plan, not the guide), a therapist off the team and another clinic get 404;
 * anonymous 401. The safety plan: the patient's own (staff 403); on the record, whoever runs dosing (prescriber, nurse,
 * care-team therapist), others 404. Resetting a note template and ordering education modules: the admin and
 * prescribers (of any clinic, on their own clinic's), others 403.
 *
 * Each guide request gets its own preparation appointment, about 2,730 days ahead, for a fresh patient on therapist@'s
 * team (therapist2@'s for "not team"), or for the patient column patient1's own (patient2's).
 */
import { Temporal } from 'temporal-polyfill';
import { DEFAULT_MODULES } from '../../../src/core/education/default-modules';
import { newId, toDate } from '../../../src/db/ids';
import { insertAppointments } from '../../../src/db/repos/scheduling';
import { row, type Case, type MatrixEnv, type Who } from './env';

const ANSWERS = { hopes: 'To sleep through the night.', 'safetyPlan.whatHelps': 'Breathing slowly.', 'whatToExpect.monitoring': 'yes' };

export function preparationMatrix(env: MatrixEnv): Record<string, Case[]> {
  const t = () => env.t();
  let slot = 0;
  const preparation = async (who: Who, team: boolean): Promise<string> => {
    const patientId = team ? await env.teamPatient(who) : await env.otherTeamPatient(who);
    const start = Temporal.Instant.fromEpochMilliseconds(Math.ceil(t().clock.now.epochMilliseconds / 3600_000) * 3600_000).add({ hours: 24 * 2730 + 2 * slot++ });
    const id = newId();
    const at = toDate(t().clock.now);
    await insertAppointments(t().database.db, [{
      clinicId: t().demoClinicId, id, courseId: null, patientId, kind: 'preparation', number: 1, startsAt: toDate(start), endsAt: toDate(start.add({ minutes: 60 })),
      roomId: env.ids().room, therapistId: team ? env.ids().therapist : env.ids().therapist2, status: 'booked', createdAt: at, updatedAt: at,
    }]);
    return id;
  };
  const guideCases = (method: 'GET' | 'PUT', teamRow: string, notTeamRow: string): Case[] => [true, false].map((team) => ({
    name: team ? 'team' : 'not team',
    expect: row(team ? teamRow : notTeamRow),
    request: async (who: Who) => {
      const url = `/api/appointments/${await preparation(who, team)}/preparation-guide`;
      return method === 'GET' ? { method, url } : { method, url, payload: { answers: ANSWERS } };
    },
  }));
  return {
    'GET /api/appointments/:id/preparation-guide': guideCases('GET', '404 200 404 200 404 401 404', '404 200 404 404 404 401 404'),
    'PUT /api/appointments/:id/preparation-guide': guideCases('PUT', '404 201 404 201 404 401 404', '404 201 404 404 404 401 404'),
    'GET /api/me/safety-plan': [{ name: 'own plan', expect: row('403 403 403 403 200 401 403'), request: () => ({ method: 'GET', url: '/api/me/safety-plan' }) }],
    'GET /api/patients/:id/safety-plan': env.patientCases('/safety-plan', 'GET', undefined, '404 200 200 200 404 401 404', '404 200 200 404 404 401 404'),
    'DELETE /api/note-templates/:kind': [{ name: 'admin and prescribers', expect: row('200 200 403 403 403 401 200'), request: () => ({ method: 'DELETE', url: '/api/note-templates/dosing' }) }],
    'PUT /api/education-order': [{
      name: 'admin and prescribers', expect: row('200 200 403 403 403 401 200'),
      request: () => ({ method: 'PUT', url: '/api/education-order', payload: { moduleIds: DEFAULT_MODULES.map((m) => m.id) } }),
    }],
  };
}
