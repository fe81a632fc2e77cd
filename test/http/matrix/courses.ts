/**
 * Access-matrix rows for protocols, courses and appointments (issue #4). Scheduling is administrative: admins read
 * and manage every patient's schedule; prescribers and nurses every patient's; therapists their care-team patients';
 * a patient reads their own courses and appointments and changes nothing.
 *
 * Each row's request works on fresh resources made as the nurse (who may schedule for every patient): a fresh
 * eligible patient with a planned course, or a single appointment at its own time. What a successful row books is
 * cancelled again afterwards, so later rows and the demo clinic see the same free time.
 */
import { expect } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { listRooms } from '../../../src/db/repos/clinics';
import { listLatestProtocols } from '../../../src/db/repos/scheduling';
import { setStatus, type CourseJson } from '../../courses/support';
import { row, type Case, type MatrixEnv, type Who } from './env';

const ZONE = 'America/Los_Angeles';
const manageTeam = '200 200 200 200 404 401 404';
const manageOther = '200 200 200 404 404 401 404';
const readTeam = '200 200 200 200 200 401 404';
const readOther = '200 200 200 404 404 401 404';

export function coursesMatrix(env: MatrixEnv): Record<string, Case[]> {
  const t = () => env.t();
  const nurse = () => env.session('nurse');
  let protocolId: string | undefined;
  const sublingual = async () => (protocolId ??= (await listLatestProtocols(t().database.db, t().demoClinicId)).find((p) => p.name.startsWith('Sublingual'))!.id);

  /** A fresh eligible patient (team or not), or for the patient column their own record (patient1) or another's. */
  const eligible = async (who: Who, team: boolean) => {
    const id = team ? await env.teamPatient(who) : await env.otherTeamPatient(who);
    if (who !== 'patient') await setStatus(t(), t().demoClinicId, id, 'eligible');
    return id;
  };
  const ownCourse = async (patientId: string): Promise<CourseJson | undefined> => {
    const res = await t().call(nurse(), { method: 'GET', url: `/api/patients/${patientId}/courses` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: CourseJson[] }).items[0];
  };
  /** A planned course for a fresh patient; the patient column gets patient1's own (booked) course. */
  const plannedCourse = async (who: Who, team: boolean): Promise<CourseJson> => {
    const patientId = await eligible(who, team);
    if (who === 'patient') {
      const own = await ownCourse(patientId);
      if (own) return own;
    }
    const res = await t().call(nurse(), { method: 'POST', url: `/api/patients/${patientId}/courses`, payload: { protocolId: await sublingual() } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as CourseJson;
  };
  const pausedCourse = async (who: Who, team: boolean) => {
    const course = await plannedCourse(who, team);
    if (course.status !== 'planned') return course;
    const res = await t().call(nurse(), { method: 'POST', url: `/api/courses/${course.id}/pause`, payload: { reason: 'patient travelling' } });
    expect(res.statusCode, res.body).toBe(200);
    return course;
  };

  /** Single appointments, each at its own hour (Tuesday to Friday, 10:00–16:00, ten weeks ahead) in the Fern room. */
  let slot = 0;
  const nextStart = () => {
    const today = t().clock.now.toZonedDateTimeISO(ZONE).toPlainDate().add({ weeks: 10 });
    const monday = today.subtract({ days: today.dayOfWeek - 1 });
    const k = slot++;
    const day = monday.add({ weeks: Math.floor(k / 24), days: 1 + (Math.floor(k / 6) % 4) });
    return day.toPlainDateTime(Temporal.PlainTime.from({ hour: 10 + (k % 6) })).toZonedDateTime(ZONE).toInstant().toString();
  };
  let fernId: string | undefined;
  const fernRoom = async () => (fernId ??= (await listRooms(t().database.db, t().demoClinicId)).find((r) => r.name.startsWith('Fern'))!.id);
  const singleBody = async (patientId: string) => ({
    patientId, kind: 'follow-up', start: nextStart(), durationMinutes: 60, roomId: await fernRoom(), therapistId: env.ids().therapist,
  });
  /** A booked single appointment of a fresh patient; the patient column gets one of patient1's own booked ones. */
  const appointment = async (who: Who, team: boolean): Promise<string> => {
    if (who === 'patient' && team) return (await ownCourse(env.ids().patient1))!.appointments.find((a) => a.status === 'booked')!.id!;
    const patientId = team ? await env.teamPatient('nurse') : await env.otherTeamPatient('nurse');
    const res = await t().call(nurse(), { method: 'POST', url: '/api/appointments', payload: await singleBody(patientId) });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };

  let lastCourse: string | undefined;
  const cancelCourse = async (_who: Who, status: number) => {
    if (status !== 200 || !lastCourse) return;
    const res = await t().call(nurse(), { method: 'POST', url: `/api/courses/${lastCourse}/cancel`, payload: { reason: 'matrix clean-up' } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const onCourse = (name: string, expected: string, team: boolean, path: string, payload: unknown, make = plannedCourse, after?: Case['after']): Case => ({
    name, expect: row(expected), after,
    request: async (who) => {
      const course = await make(who, team);
      lastCourse = course.id;
      return { method: path === '' ? 'GET' : 'POST', url: `/api/courses/${course.id}${path}`, payload: payload as never };
    },
  });
  const onAppointment = (name: string, expected: string, team: boolean, method: 'GET' | 'PATCH' | 'POST', path: string, payload: (() => unknown) | undefined): Case => ({
    name, expect: row(expected),
    request: async (who) => ({ method, url: `/api/appointments/${await appointment(who, team)}${path}`, payload: payload?.() as never }),
  });

  /** A protocol made for the matrix (as the admin), so changing it leaves the demo protocols alone. */
  let matrixProtocol: string | undefined;
  const definition = (name: string) => ({ name, routes: ['sublingual'], dosingSessions: 4 });
  const ownProtocol = async () => {
    if (matrixProtocol) return matrixProtocol;
    const res = await t().call(env.session('admin'), { method: 'POST', url: '/api/protocols', payload: definition(`Matrix ${Math.random().toString(36).slice(2, 8)}`) });
    expect(res.statusCode, res.body).toBe(201);
    return (matrixProtocol = (res.json() as { id: string }).id);
  };
  let version = 0;

  return {
    'GET /api/protocols': [{ name: 'staff', expect: row('200 200 200 200 403 401 200'), request: () => ({ method: 'GET', url: '/api/protocols' }) }],
    'GET /api/protocols/:id': [{ name: 'demo protocol', expect: row('200 200 200 200 403 401 404'), request: async () => ({ method: 'GET', url: `/api/protocols/${await sublingual()}` }) }],
    'POST /api/protocols': [
      { name: 'admin', expect: row('201 403 403 403 403 401 403'), request: () => ({ method: 'POST', url: '/api/protocols', payload: definition(`Matrix new ${slot++}`) }) },
    ],
    'PUT /api/protocols/:id': [
      {
        name: 'new version (admin)', expect: row('200 403 403 403 403 401 403'),
        request: async () => ({ method: 'PUT', url: `/api/protocols/${await ownProtocol()}`, payload: { ...definition(`Matrix changed ${version++}`) } }),
      },
    ],
    'PATCH /api/protocols/:id': [
      { name: 'restore (admin)', expect: row('200 403 403 403 403 401 403'), request: async () => ({ method: 'PATCH', url: `/api/protocols/${await ownProtocol()}`, payload: { active: true } }) },
    ],
    'POST /api/patients/:id/courses': [true, false].map((team) => ({
      name: team ? 'team' : 'not team', expect: row(team ? '201 201 201 201 404 401 404' : '201 201 201 404 404 401 404'),
      request: async (who) => ({ method: 'POST', url: `/api/patients/${await eligible(who, team)}/courses`, payload: { protocolId: await sublingual() } }),
    })),
    'GET /api/patients/:id/courses': env.patientCases('/courses', 'GET', undefined, readTeam, readOther),
    'GET /api/courses/:id': [onCourse('team', readTeam, true, '', undefined), onCourse('not team', readOther, false, '', undefined)],
    'POST /api/courses/:id/plan': [onCourse('team', manageTeam, true, '/plan', {}), onCourse('not team', manageOther, false, '/plan', {})],
    'POST /api/courses/:id/book': [
      onCourse('team', manageTeam, true, '/book', {}, plannedCourse, cancelCourse),
      onCourse('not team', manageOther, false, '/book', {}, plannedCourse, cancelCourse),
    ],
    'POST /api/courses/:id/cancel': [
      onCourse('team', manageTeam, true, '/cancel', { reason: 'moved away' }), onCourse('not team', manageOther, false, '/cancel', { reason: 'moved away' }),
    ],
    'POST /api/courses/:id/pause': [
      onCourse('team', manageTeam, true, '/pause', { reason: 'travelling' }), onCourse('not team', manageOther, false, '/pause', { reason: 'travelling' }),
    ],
    'POST /api/courses/:id/resume': [
      onCourse('team', manageTeam, true, '/resume', {}, pausedCourse), onCourse('not team', manageOther, false, '/resume', {}, pausedCourse),
    ],
    'POST /api/appointments': [true, false].map((team) => ({
      name: team ? 'team' : 'not team', expect: row(team ? '201 201 201 201 404 401 404' : '201 201 201 404 404 401 404'),
      request: async (who) => ({ method: 'POST', url: '/api/appointments', payload: await singleBody(team ? await env.teamPatient(who) : await env.otherTeamPatient(who)) }),
    })),
    'PATCH /api/appointments/:id': [
      // Without "confirm" a reschedule only proposes: nothing changes.
      onAppointment('team (proposal)', manageTeam, true, 'PATCH', '', () => ({ start: nextStart() })),
      onAppointment('not team (proposal)', manageOther, false, 'PATCH', '', () => ({ start: nextStart() })),
    ],
    'POST /api/appointments/:id/cancel': [
      onAppointment('team', manageTeam, true, 'POST', '/cancel', () => ({ reason: 'patient-request' })),
      onAppointment('not team', manageOther, false, 'POST', '/cancel', () => ({ reason: 'patient-request' })),
    ],
    'GET /api/appointments/:id/history': [
      onAppointment('team', readTeam, true, 'GET', '/history', undefined),
      onAppointment('not team', readOther, false, 'GET', '/history', undefined),
    ],
  };
}
