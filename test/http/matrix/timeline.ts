/**
 * Access-matrix rows for the course timeline (issue #6 §5). The staff timeline needs 'patient:read-clinical' and a
 * staff account: prescriber, nurse and a therapist on the care team read it; the admin, a therapist off the team,
 * the patient (even on their own record: theirs is /api/me/timeline) and a user of another clinic get 404. The
 * patient's own timeline is for patients only (staff 403). A patient without a course reads an empty timeline.
 */
import { row, type Case, type MatrixEnv } from './env';

export function timelineMatrix(env: MatrixEnv): Record<string, Case[]> {
  return {
    'GET /api/patients/:id/timeline': env.patientCases('/timeline', 'GET', undefined, '404 200 200 200 404 401 404', '404 200 200 404 404 401 404'),
    'GET /api/me/timeline': [{ name: 'own course', expect: row('403 403 403 403 200 401 403'), request: () => ({ method: 'GET', url: '/api/me/timeline' }) }],
  };
}
