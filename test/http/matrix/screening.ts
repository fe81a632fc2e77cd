/** Access-matrix rows for eligibility: evaluation, rule sets, screening records and decisions (issue #3 §4). */
import { expect } from 'vitest';
import { DEFAULT_ELIGIBILITY_RULE_SET } from '../../../src/core/eligibility/default-rule-set';
import type { Session } from '../../helpers/test-app';
import { addStaff } from '../support';
import { row, type Case, type MatrixEnv, type Who } from './env';

export function screeningMatrix(env: MatrixEnv): Record<string, Case[]> {
  let secondPrescriber: Session | undefined;
  /** A prescriber other than prescriber@ (decisions to co-sign are made by them). */
  const second = async () => (secondPrescriber ??= await env.t().signIn((await addStaff(env.t(), env.t().demoClinicId, 'prescriber')).email));

  /** A fresh patient in screening with a recorded indication (or the patient's own record for the patient column). */
  const inScreening = async (who: Who, team: 'team' | 'other', conditions: string[] = []) => {
    const id = team === 'team' ? await env.teamPatient(who) : await env.otherTeamPatient(who);
    if (who === 'patient') return id;
    const nurse = env.session('nurse');
    const moved = await env.t().call(nurse, { method: 'POST', url: `/api/patients/${id}/status`, payload: { status: 'screening' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const recorded = await env.t().call(nurse, { method: 'PUT', url: `/api/patients/${id}/screening`, payload: { indications: ['ptsd'], conditions } });
    expect(recorded.statusCode, recorded.body).toBe(200);
    return id;
  };

  /** A decision overriding `ineligible`, waiting for a co-signature, made by `decider`. */
  const awaiting = async (who: Who, decider: Session) => {
    const id = await inScreening(who === 'patient' ? 'nurse' : who, 'team', ['pregnancy']);
    const res = await env.t().call(decider, { method: 'POST', url: `/api/patients/${id}/eligibility-decisions`, payload: { decision: 'eligible', reason: 'Pregnancy test negative on repeat.' } });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };

  const decide = (team: 'team' | 'other', expect: string): Case => ({
    name: team === 'team' ? 'team' : 'not team', expect: row(expect),
    request: async (who) => ({ method: 'POST', url: `/api/patients/${await inScreening(who, team)}/eligibility-decisions`, payload: { decision: 'eligible' } }),
  });

  return {
    'GET /api/eligibility/vocabulary': [{ name: 'any signed-in user', expect: row('200 200 200 200 200 401 200'), request: () => ({ method: 'GET', url: '/api/eligibility/vocabulary' }) }],
    'POST /api/eligibility/evaluate': [
      {
        name: 'staff', expect: row('200 200 200 200 403 401 200'),
        request: () => ({ method: 'POST', url: '/api/eligibility/evaluate', payload: { indications: ['ptsd'], conditions: ['breastfeeding'], phq9Item9: 0 } }),
      },
    ],
    'GET /api/eligibility/rule-set': [{ name: 'staff', expect: row('200 200 200 200 403 401 200'), request: () => ({ method: 'GET', url: '/api/eligibility/rule-set' }) }],
    // Saving the default rules again changes only the version name, so later rows see the same outcomes.
    'PUT /api/eligibility/rule-set': [
      { name: 'admin, prescriber', expect: row('200 200 403 403 403 401 200'), request: () => ({ method: 'PUT', url: '/api/eligibility/rule-set', payload: { rules: DEFAULT_ELIGIBILITY_RULE_SET.rules } }) },
    ],
    'GET /api/patients/:id/screening': env.patientCases('/screening', 'GET', undefined, '404 200 200 200 200 401 404', '404 200 200 404 404 401 404'),
    'PUT /api/patients/:id/screening': env.patientCases(
      '/screening', 'PUT', { indications: ['ptsd'], conditions: [], bloodPressure: { systolic: 124, diastolic: 80 } },
      '404 200 200 200 404 401 404', '404 200 200 404 404 401 404',
    ),
    'GET /api/patients/:id/eligibility-decisions': env.patientCases('/eligibility-decisions', 'GET', undefined, '404 200 200 200 200 401 404', '404 200 200 404 404 401 404'),
    'POST /api/patients/:id/eligibility-decisions': [decide('team', '404 201 404 404 404 401 404'), decide('other', '404 201 404 404 404 401 404')],
    'GET /api/eligibility-decisions/awaiting-cosign': [
      { name: 'staff', expect: row('200 200 200 200 403 401 200'), request: () => ({ method: 'GET', url: '/api/eligibility-decisions/awaiting-cosign' }) },
    ],
    'POST /api/eligibility-decisions/:id/cosign': [
      {
        name: 'decided by another prescriber', expect: row('404 200 404 404 404 401 404'),
        request: async (who) => ({ method: 'POST', url: `/api/eligibility-decisions/${await awaiting(who, await second())}/cosign` }),
      },
    ],
    'POST /api/eligibility-decisions/:id/withdraw': [
      {
        name: 'decided by prescriber@', expect: row('404 200 404 404 404 401 404'),
        request: async (who) => ({ method: 'POST', url: `/api/eligibility-decisions/${await awaiting(who, env.session('prescriber'))}/withdraw` }),
      },
    ],
  };
}
