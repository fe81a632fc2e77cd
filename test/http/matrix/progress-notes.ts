/**
 * Access-matrix rows for progress notes (issue #6 §3). Writing needs 'patient:write-progress-note' (prescriber, nurse,
 * a therapist on the care team), reading 'patient:read-clinical', and both a staff account: the admin and the
 * patient (even on their own record: the portal does not show notes yet) get 404, as does a therapist off the care
 * team and a user of another clinic; anonymous 401. Templates: every staff member reads them (another clinic's user
 * reads their own clinic's), the admin and prescribers edit them; patients get 403.
 *
 * Each request gets its own integration appointment, of a fresh patient on therapist@'s team ("team") or therapist2@'s
 * ("not team"), or for the patient column their own record (or another patient's), 2,000 days ahead.
 */
import type { InjectOptions } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { expect } from 'vitest';
import { newId, toDate } from '../../../src/db/ids';
import { insertAppointments } from '../../../src/db/repos/scheduling';
import { row, type Case, type MatrixEnv, type Who } from './env';

const CLINICIANS: readonly Who[] = ['prescriber', 'nurse', 'therapist'];
const COMPLETE = { structured: { themes: 'Grief, and the brother who left.', plan: 'Two more integration sessions.', riskAssessment: 'No ideation; partner at home.' }, text: 'Session went well.' };

export function progressNotesMatrix(env: MatrixEnv): Record<string, Case[]> {
  const t = () => env.t();
  let slot = 0;
  const appointment = async (patientId: string, therapistId: string): Promise<string> => {
    const start = Temporal.Instant.fromEpochMilliseconds(Math.ceil(t().clock.now.epochMilliseconds / 3600_000) * 3600_000).add({ hours: 24 * 2000 + 2 * slot++ });
    const id = newId();
    const at = toDate(t().clock.now);
    await insertAppointments(t().database.db, [{
      clinicId: t().demoClinicId, id, courseId: null, patientId, kind: 'integration', number: 1, startsAt: toDate(start), endsAt: toDate(start.add({ minutes: 60 })),
      roomId: env.ids().room, therapistId, status: 'booked', createdAt: at, updatedAt: at,
    }]);
    return id;
  };
  const teamAppointment = async (who: Who) => appointment(await env.teamPatient(who), env.ids().therapist);
  const otherAppointment = async (who: Who) => appointment(await env.otherTeamPatient(who), env.ids().therapist2);
  const draft = async (as: Who, id: string) => {
    const res = await t().call(env.session(as), { method: 'PUT', url: `/api/appointments/${id}/progress-note`, payload: COMPLETE });
    expect(res.statusCode, res.body).toBe(201);
  };
  /** A signed note of the session, by `as`. */
  const signed = async (as: Who, id: string): Promise<string> => {
    await draft(as, id);
    const res = await t().call(env.session(as), { method: 'POST', url: `/api/appointments/${id}/progress-note/sign`, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { id: string }).id;
  };

  const pair = (team: string, notTeam: string, request: (who: Who, appointmentId: string, team: boolean) => Promise<InjectOptions>): Case[] => [
    { name: 'team', expect: row(team), request: async (who) => request(who, await teamAppointment(who), true) },
    { name: 'not team', expect: row(notTeam), request: async (who) => request(who, await otherAppointment(who), false) },
  ];

  return {
    'GET /api/appointments/:id/progress-notes': pair('404 200 200 200 404 401 404', '404 200 200 404 404 401 404', async (_who, id) => {
      await signed('prescriber', id);
      return { method: 'GET', url: `/api/appointments/${id}/progress-notes` };
    }),
    'PUT /api/appointments/:id/progress-note': pair('404 201 201 201 404 401 404', '404 201 201 404 404 401 404', async (_who, id) => (
      { method: 'PUT', url: `/api/appointments/${id}/progress-note`, payload: COMPLETE }
    )),
    'POST /api/appointments/:id/progress-note/sign': pair('404 200 200 200 404 401 404', '404 200 200 404 404 401 404', async (who, id, team) => {
      // The caller's own draft, where the caller may write one.
      if (CLINICIANS.includes(who) && (team || who !== 'therapist')) await draft(who, id);
      return { method: 'POST', url: `/api/appointments/${id}/progress-note/sign`, payload: {} };
    }),
    'POST /api/progress-notes/:id/addenda': pair('404 201 201 201 404 401 404', '404 201 201 404 404 401 404', async (_who, id) => (
      { method: 'POST', url: `/api/progress-notes/${await signed('prescriber', id)}/addenda`, payload: { text: 'Called the next day: sleeping well.' } }
    )),
    'GET /api/patients/:id/progress-notes': env.patientCases('/progress-notes', 'GET', undefined, '404 200 200 200 404 401 404', '404 200 200 404 404 401 404'),
    'GET /api/note-templates': [{
      name: 'staff of the clinic', expect: row('200 200 200 200 403 401 200'), request: () => ({ method: 'GET', url: '/api/note-templates' }),
    }],
    'PUT /api/note-templates/:kind': [{
      name: 'admin and prescribers', expect: row('200 200 403 403 403 401 200'),
      request: () => ({ method: 'PUT', url: '/api/note-templates/preparation', payload: { prompts: [{ key: 'intentions', label: 'Intentions' }, { key: 'plan', label: 'Plan' }] } }),
    }],
  };
}
