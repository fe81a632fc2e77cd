/**
 * Access-matrix rows for psychotherapy notes (issue #6 §3): only the therapist of the appointment writes, only the
 * author reads; every other role gets 404 (a refusal must not reveal that a note exists), anonymous 401.
 * Each request gets its own integration appointment of a fresh patient on therapist@'s team, 1,500 days ahead.
 */
import { Temporal } from 'temporal-polyfill';
import { expect } from 'vitest';
import { newId, toDate } from '../../../src/db/ids';
import { insertAppointments } from '../../../src/db/repos/scheduling';
import { row, type Case, type MatrixEnv } from './env';

export function notesMatrix(env: MatrixEnv): Record<string, Case[]> {
  const t = () => env.t();
  let slot = 0;
  const appointment = async (): Promise<string> => {
    const patientId = await env.teamPatient('nurse');
    const start = Temporal.Instant.fromEpochMilliseconds(Math.ceil(t().clock.now.epochMilliseconds / 3600_000) * 3600_000).add({ hours: 24 * 1500 + 2 * slot++ });
    const id = newId();
    const at = toDate(t().clock.now);
    await insertAppointments(t().database.db, [{
      clinicId: t().demoClinicId, id, courseId: null, patientId, kind: 'integration', number: 1, startsAt: toDate(start), endsAt: toDate(start.add({ minutes: 60 })),
      roomId: env.ids().room, therapistId: env.ids().therapist, status: 'booked', createdAt: at, updatedAt: at,
    }]);
    return id;
  };
  const url = (id: string) => `/api/appointments/${id}/psychotherapy-note`;
  return {
    'PUT /api/appointments/:id/psychotherapy-note': [{
      name: 'the therapist of the appointment only',
      expect: row('404 404 404 204 404 401 404'),
      request: async () => ({ method: 'PUT', url: url(await appointment()), payload: { text: 'What stayed with me from the session.' } }),
    }],
    'GET /api/appointments/:id/psychotherapy-note': [{
      name: 'its author only',
      expect: row('404 404 404 200 404 401 404'),
      request: async () => {
        const id = await appointment();
        const res = await t().call(env.session('therapist'), { method: 'PUT', url: url(id), payload: { text: 'A note to read back.' } });
        expect(res.statusCode, res.body).toBe(204);
        return { method: 'GET', url: url(id) };
      },
    }],
  };
}
