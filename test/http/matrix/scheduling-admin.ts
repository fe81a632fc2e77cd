/**
 * Access-matrix rows for scheduling administration (issue #4 §2, §5): staff availability and its exceptions, patient
 * scheduling preferences, calendars, the signed-in user's appointments and calendar feed, and the public feed URL.
 * (The protocol routes' rows are in courses.ts.)
 */
import { newId, toDate } from '../../../src/db/ids';
import { insertException } from '../../../src/db/repos/availability';
import { row, type Case, type MatrixEnv } from './env';

const HOURS = { weeklyHours: { 1: [['09:00', '17:00']], 2: [['09:00', '17:00']], 3: [['09:00', '17:00']], 4: [['09:00', '17:00']], 5: [['09:00', '17:00']] } };

export function schedulingAdminMatrix(env: MatrixEnv): Record<string, Case[]> {
  const { patientCases } = env;
  const exceptionOf = async (staffId: string) => {
    const id = newId();
    const at = toDate(env.t().clock.now);
    await insertException(env.t().database.db, {
      clinicId: env.t().demoClinicId, id, staffId, kind: 'off', startsAt: new Date('2031-01-06T17:00:00Z'), endsAt: new Date('2031-01-06T18:00:00Z'), note: null, createdAt: at,
    });
    return id;
  };
  const feedPath = async () => {
    const res = await env.t().call(env.session('therapist'), { method: 'POST', url: '/api/me/calendar-feed' });
    return new URL((res.json() as { url: string }).url).pathname;
  };

  return {
    'GET /api/staff/:id/availability': [
      { name: 'another staff member', expect: row('200 200 200 200 403 401 404'), request: () => ({ method: 'GET', url: `/api/staff/${env.ids().therapist2}/availability` }) },
    ],
    'PUT /api/staff/:id/availability': [
      { name: 'therapist’s own (same hours)', expect: row('200 403 403 200 403 401 403'), request: () => ({ method: 'PUT', url: `/api/staff/${env.ids().therapist}/availability`, payload: HOURS }) },
    ],
    'GET /api/staff/:id/availability/exceptions': [
      { name: 'another staff member', expect: row('200 200 200 200 403 401 404'), request: () => ({ method: 'GET', url: `/api/staff/${env.ids().therapist2}/availability/exceptions` }) },
    ],
    'POST /api/staff/:id/availability/exceptions': [
      {
        name: 'therapist’s own', expect: row('201 403 403 201 403 401 403'),
        request: () => ({
          method: 'POST', url: `/api/staff/${env.ids().therapist}/availability/exceptions`,
          payload: { kind: 'off', start: '2031-02-03T17:00:00Z', end: '2031-02-03T19:00:00Z', note: 'matrix' },
        }),
      },
    ],
    'DELETE /api/staff/:id/availability/exceptions/:exceptionId': [
      {
        name: 'therapist’s own', expect: row('204 403 403 204 403 401 403'),
        request: async () => ({ method: 'DELETE', url: `/api/staff/${env.ids().therapist}/availability/exceptions/${await exceptionOf(env.ids().therapist)}` }),
      },
    ],
    'GET /api/patients/:id/scheduling-preferences': patientCases('/scheduling-preferences', 'GET', undefined, '200 200 200 200 200 401 404', '200 200 200 404 404 401 404'),
    'PUT /api/patients/:id/scheduling-preferences': patientCases(
      '/scheduling-preferences', 'PUT', { weekdays: [], timesOfDay: [] }, '200 200 200 200 200 401 404', '200 200 200 404 404 401 404',
    ),
    'GET /api/calendar': [{ name: 'clinic week', expect: row('200 200 200 200 403 401 200'), request: () => ({ method: 'GET', url: '/api/calendar?view=week' }) }],
    'GET /api/calendar/today': [{ name: 'by room', expect: row('200 200 200 200 403 401 200'), request: () => ({ method: 'GET', url: '/api/calendar/today' }) }],
    'GET /api/me/appointments': [{ name: 'own upcoming', expect: row('200 200 200 200 200 401 200'), request: () => ({ method: 'GET', url: '/api/me/appointments' }) }],
    'GET /api/me/calendar-feed': [{ name: 'status', expect: row('200 200 200 200 200 401 200'), request: () => ({ method: 'GET', url: '/api/me/calendar-feed' }) }],
    'POST /api/me/calendar-feed': [{ name: 'create or rotate', expect: row('201 201 201 201 201 401 201'), request: () => ({ method: 'POST', url: '/api/me/calendar-feed' }) }],
    'DELETE /api/me/calendar-feed': [{ name: 'revoke', expect: row('204 204 204 204 204 401 204'), request: () => ({ method: 'DELETE', url: '/api/me/calendar-feed' }) }],
    'GET /api/calendar-feeds/:feed': [
      { name: 'live feed (public)', expect: row('200 200 200 200 200 200 200'), request: async () => ({ method: 'GET', url: await feedPath() }) },
      {
        name: 'revoked feed',
        expect: row('404 404 404 404 404 404 404'),
        request: async () => {
          const path = await feedPath();
          await env.t().call(env.session('therapist'), { method: 'DELETE', url: '/api/me/calendar-feed' });
          return { method: 'GET', url: path };
        },
      },
    ],
  };
}
