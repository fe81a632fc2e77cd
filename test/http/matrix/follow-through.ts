/**
 * Access-matrix rows for integration follow-through and post-dose check-ins (issue #6 §2).
 *
 * Follow-through is schedule information: a course's integration status needs 'patient:read-schedule' and a staff
 * account (admin, prescriber, nurse; a therapist on the care team; the patient 404); recording an integration
 * session as held needs 'patient:manage-schedule' (the same people); the clinic's list is for staff (a patient 403,
 * another clinic's prescriber reads their own clinic's list).
 *
 * Check-ins: the patient's own (GET/POST /api/me/checkins: staff 403); staff enter ('patient:submit-response') and
 * read ('patient:read-clinical') on the patient's record: prescriber, nurse, care-team therapists; the admin and the
 * patient (on these staff routes) 404.
 *
 * Each request gets its own appointment, about 3,000 days in the past, of a fresh patient on therapist@'s team ("team")
 * or therapist2@'s ("not team"), or for the patient column patient1's own (patient2's). A dose the patient answers in
 * the portal carries a dosing session discharged an hour ago, so its check-in is open.
 */
import type { InjectOptions } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { newId, toDate } from '../../../src/db/ids';
import { insertAppointments, insertCourse, listLatestProtocols } from '../../../src/db/repos/scheduling';
import { dosingSessions } from '../../../src/db/schema';
import { row, type Case, type MatrixEnv, type Who } from './env';

const readTeam = '200 200 200 200 404 401 404';
const readOther = '200 200 200 404 404 401 404';

export function followThroughMatrix(env: MatrixEnv): Record<string, Case[]> {
  const t = () => env.t();
  let slot = 0;
  const patientFor = async (who: Who, team: boolean) =>
    who === 'patient' ? (team ? env.ids().patient1 : env.ids().patient2) : team ? await env.teamPatient(who) : await env.otherTeamPatient(who);

  /** An appointment of the patient, far in the past (so nothing the demo or other rows booked overlaps). */
  const appointment = async (patientId: string, team: boolean, kind: 'dosing' | 'integration', courseId: string | null = null): Promise<string> => {
    const start = Temporal.Instant.fromEpochMilliseconds(Math.floor(t().clock.now.epochMilliseconds / 3600_000) * 3600_000).subtract({ hours: 24 * 3000 - 3 * slot++ });
    const id = newId();
    const at = toDate(t().clock.now);
    await insertAppointments(t().database.db, [{
      clinicId: t().demoClinicId, id, courseId, patientId, kind, number: 1, startsAt: toDate(start), endsAt: toDate(start.add({ minutes: kind === 'dosing' ? 150 : 60 })),
      roomId: env.ids().room, therapistId: team ? env.ids().therapist : env.ids().therapist2, status: kind === 'dosing' ? 'completed' : 'booked', createdAt: at, updatedAt: at,
    }]);
    return id;
  };
  /** A dose whose session was discharged an hour ago: its check-in is open. */
  const openDose = async (patientId: string, team: boolean): Promise<string> => {
    const id = await appointment(patientId, team, 'dosing');
    const now = t().clock.now;
    await t().database.db.insert(dosingSessions).values({
      clinicId: t().demoClinicId, appointmentId: id, patientId, state: 'discharged', stateChangedAt: toDate(now.subtract({ hours: 1 })),
      dosedAt: toDate(now.subtract({ hours: 3 })), dischargedAt: toDate(now.subtract({ hours: 1 })), createdAt: toDate(now), updatedAt: toDate(now),
    });
    return id;
  };
  const course = async (patientId: string, team: boolean): Promise<string> => {
    const protocol = (await listLatestProtocols(t().database.db, t().demoClinicId)).find((p) => p.name.startsWith('Sublingual'))!;
    const id = newId();
    const at = toDate(t().clock.now);
    await insertCourse(t().database.db, {
      clinicId: t().demoClinicId, id, patientId, protocolId: protocol.id, protocolVersion: protocol.version, route: 'sublingual',
      therapistId: team ? env.ids().therapist : env.ids().therapist2, status: 'booked', createdAt: at, updatedAt: at,
    });
    await appointment(patientId, team, 'dosing', id);
    return id;
  };
  const answer = (appointmentId: string) => ({ appointmentId, mood: 5, sleep: 'some', difficult: 'Some sadness.', safety: 'no' });
  const pair = (teamRow: string, otherRow: string, request: (who: Who, team: boolean) => Promise<InjectOptions>): Case[] => [
    { name: 'team', expect: row(teamRow), request: (who) => request(who, true) },
    { name: 'not team', expect: row(otherRow), request: (who) => request(who, false) },
  ];

  return {
    'GET /api/courses/:id/integration': pair(readTeam, readOther, async (who, team) => (
      { method: 'GET', url: `/api/courses/${await course(await patientFor(who, team), team)}/integration` }
    )),
    'GET /api/integration/follow-through': [{ name: 'staff of the clinic', expect: row('200 200 200 200 403 401 200'), request: () => ({ method: 'GET', url: '/api/integration/follow-through' }) }],
    'POST /api/appointments/:id/held': pair(readTeam, readOther, async (who, team) => (
      { method: 'POST', url: `/api/appointments/${await appointment(await patientFor(who, team), team, 'integration')}/held`, payload: {} }
    )),
    'GET /api/me/checkins': [{ name: 'own doses', expect: row('403 403 403 403 200 401 403'), request: () => ({ method: 'GET', url: '/api/me/checkins' }) }],
    'POST /api/me/checkins': [{
      name: 'own open check-in', expect: row('403 403 403 403 201 401 403'),
      request: async () => ({ method: 'POST', url: '/api/me/checkins', payload: answer(await openDose(env.ids().patient1, true)) }),
    }],
    'GET /api/patients/:id/checkins': env.patientCases('/checkins', 'GET', undefined, '404 200 200 200 404 401 404', '404 200 200 404 404 401 404'),
    'POST /api/patients/:id/checkins': pair('404 201 201 201 404 401 404', '404 201 201 404 404 401 404', async (who, team) => {
      const patientId = await patientFor(who, team);
      return { method: 'POST', url: `/api/patients/${patientId}/checkins`, payload: answer(await openDose(patientId, team)) };
    }),
  };
}
