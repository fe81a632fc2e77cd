/** Access-matrix rows for instruments, questionnaires, doses, the measurement plan and safety alerts. */
import { randomBytes } from 'node:crypto';
import { row, type Case, type MatrixEnv, type Who } from './env';

const GAD7 = { instrument: 'gad-7', answers: [0, 0, 0, 0, 0, 0, 0] };
const read = ['404 200 200 200 200 401 404', '404 200 200 404 404 401 404'] as const;

export function questionnairesMatrix(env: MatrixEnv): Record<string, Case[]> {
  const { patientCases } = env;
  const nurse = () => env.session('nurse');
  /** As the nurse (who may act on every patient): a response for a fresh team patient (or the patient's own). */
  const responseFor = async (who: Who, answers = GAD7.answers, instrument = GAD7.instrument) => {
    const patientId = await env.teamPatient(who);
    const res = await env.t().call(nurse(), { method: 'POST', url: `/api/patients/${patientId}/responses`, payload: { instrument, answers } });
    return res.json() as { response: { id: string }; safetyAlerts: { id: string }[] };
  };
  const scheduleFor = async (who: Who) => {
    const patientId = await env.teamPatient(who);
    const res = await env.t().call(nurse(), { method: 'POST', url: `/api/patients/${patientId}/questionnaire-schedules`, payload: { instrument: 'gad-7', kind: 'once' } });
    return { patientId, scheduleId: (res.json() as { id: string }).id };
  };
  const definition = () => ({
    id: `licensed-${randomBytes(3).toString('hex')}`, version: '1', title: 'Licensed screener', shortTitle: 'Screener', instructions: 'Answer.', source: 's', licence: 'l',
    answerSets: { yn: [{ value: 0, label: 'No' }, { value: 1, label: 'Yes' }] }, items: [{ id: 'q1', text: 'Q1', answerSet: 'yn' }], scoring: { ruleVersion: '1' },
  });

  return {
    'GET /api/instruments': [{ name: 'list', expect: row('200 200 200 200 200 401 200'), request: () => ({ method: 'GET', url: '/api/instruments' }) }],
    'GET /api/instruments/:id': [{ name: 'phq-9', expect: row('200 200 200 200 200 401 200'), request: () => ({ method: 'GET', url: '/api/instruments/phq-9' }) }],
    'POST /api/instruments/:id/score': [
      { name: 'score only', expect: row('200 200 200 200 200 401 200'), request: () => ({ method: 'POST', url: '/api/instruments/gad-7/score', payload: { answers: GAD7.answers } }) },
    ],
    'POST /api/instruments': [
      { name: 'import', expect: row('201 403 403 403 403 401 403'), request: () => ({ method: 'POST', url: '/api/instruments', payload: { definition: definition() } }) },
    ],
    'GET /api/patients/:id/questionnaires': patientCases('/questionnaires', 'GET', undefined, read[0], read[1]),
    'GET /api/patients/:id/responses': patientCases('/responses', 'GET', undefined, read[0], read[1]),
    'POST /api/patients/:id/responses': patientCases('/responses', 'POST', GAD7, '404 201 201 201 201 401 404', '404 201 201 404 404 401 404'),
    'GET /api/patients/:id/questionnaire-schedules': patientCases('/questionnaire-schedules', 'GET', undefined, read[0], read[1]),
    'POST /api/patients/:id/questionnaire-schedules': patientCases(
      '/questionnaire-schedules', 'POST', { instrument: 'phq-9', kind: 'once' }, '404 201 201 201 404 401 404', '404 201 201 404 404 401 404',
    ),
    'GET /api/patients/:id/doses': patientCases('/doses', 'GET', undefined, read[0], read[1]),
    'POST /api/patients/:id/doses': patientCases('/doses', 'POST', { dosedAt: '2026-01-05T18:00:00Z' }, '404 201 201 404 404 401 404', '404 201 201 404 404 401 404'),
    'POST /api/patients/:id/measurement-plan': patientCases('/measurement-plan', 'POST', { phase: 'intake' }, '404 200 200 200 404 401 404', '404 200 200 404 404 401 404'),
    'POST /api/responses/:id/corrections': [
      {
        name: 'team patient’s response',
        expect: row('404 201 201 201 404 401 404'),
        request: async (who) => ({ method: 'POST', url: `/api/responses/${(await responseFor(who)).response.id}/corrections`, payload: { answers: [1, 0, 0, 0, 0, 0, 0], reason: 'misread item 1' } }),
      },
    ],
    'PUT /api/questionnaire-assignments/:id/draft': [
      {
        name: 'team patient’s questionnaire',
        expect: row('404 204 204 204 204 401 404'),
        request: async (who) => {
          const { patientId } = await scheduleFor(who);
          const q = (await env.t().call(nurse(), { method: 'GET', url: `/api/patients/${patientId}/questionnaires` })).json() as { due: { id: string }[] };
          return { method: 'PUT', url: `/api/questionnaire-assignments/${q.due[q.due.length - 1]!.id}/draft`, payload: { answers: [1, null] } };
        },
      },
    ],
    'DELETE /api/questionnaire-schedules/:id': [
      { name: 'team patient’s schedule', expect: row('404 204 204 204 404 401 404'), request: async (who) => ({ method: 'DELETE', url: `/api/questionnaire-schedules/${(await scheduleFor(who)).scheduleId}` }) },
    ],
    'GET /api/measurement-plan': [{ name: 'plan', expect: row('200 200 200 200 403 401 200'), request: () => ({ method: 'GET', url: '/api/measurement-plan' }) }],
    'PUT /api/measurement-plan': [
      {
        name: 'replace',
        expect: row('200 200 403 403 403 401 200'),
        request: () => ({ method: 'PUT', url: '/api/measurement-plan', payload: { items: [{ instrumentId: 'phq-9', kind: 'intake' }, { instrumentId: 'gad-7', kind: 'intake' }] } }),
      },
    ],
    'GET /api/safety-alerts': [{ name: 'queue', expect: row('200 200 200 200 403 401 200'), request: () => ({ method: 'GET', url: '/api/safety-alerts' }) }],
    'GET /api/safety-alerts/count': [{ name: 'badge', expect: row('200 200 200 200 403 401 200'), request: () => ({ method: 'GET', url: '/api/safety-alerts/count' }) }],
    'POST /api/safety-alerts/:id/acknowledge': [
      {
        name: 'team patient’s alert',
        expect: row('404 204 204 204 404 401 404'),
        request: async (who) => {
          const { safetyAlerts } = await responseFor(who, [0, 0, 0, 0, 0, 0, 0, 0, 1], 'phq-9');
          return { method: 'POST', url: `/api/safety-alerts/${safetyAlerts[0]!.id}/acknowledge`, payload: { action: 'contacted-patient', note: 'called, safe' } };
        },
      },
    ],
  };
}

export function outcomesMatrix(env: MatrixEnv): Record<string, Case[]> {
  return {
    'GET /api/patients/:id/trajectory': env.patientCases('/trajectory?instrument=phq-9', 'GET', undefined, read[0], read[1]),
    'GET /api/outcomes': [{ name: 'clinic view', expect: row('403 200 200 200 403 401 200'), request: () => ({ method: 'GET', url: '/api/outcomes' }) }],
  };
}
