/** Helpers for the eligibility and screening tests: patients in screening, and questionnaire responses inserted directly. */
import { expect } from 'vitest';
import { newId, toDate } from '../../src/db/ids';
import { questionnaireResponses } from '../../src/db/schema';
import type { Session, TestApp } from '../helpers/test-app';
import { unique } from './support';

/** A new patient (created through the API by `creator`) moved to screening; on therapist@'s care team when given. */
export async function screeningPatient(
  t: TestApp, creator: Session, options: { therapistIds?: string[]; prescriberId?: string; sex?: 'female' | 'male' | 'intersex' | 'unknown'; status?: 'referred' | 'screening' } = {},
): Promise<string> {
  const created = await t.call(creator, {
    method: 'POST', url: '/api/patients',
    payload: {
      givenName: 'Screen', familyName: unique('Patient'), dateOfBirth: '1985-03-04', sexAssignedAtBirth: options.sex ?? 'female',
      therapistIds: options.therapistIds ?? [], prescriberId: options.prescriberId ?? null,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as { id: string }).id;
  if ((options.status ?? 'screening') === 'screening') {
    const moved = await t.call(creator, { method: 'POST', url: `/api/patients/${id}/status`, payload: { status: 'screening' } });
    expect(moved.statusCode, moved.body).toBe(200);
  }
  return id;
}

/** A submitted response row, as the questionnaire API will store it (it is being built in parallel). */
export async function insertResponse(
  t: TestApp, patientId: string, instrumentId: string, answers: number[],
  options: { total?: number; sex?: 'female' | 'male' | null; enteredBy: string; supersedesId?: string; submittedAt?: Date; severity?: string | null; positive?: boolean | null },
): Promise<string> {
  const id = newId();
  await t.database.db.insert(questionnaireResponses).values({
    clinicId: t.demoClinicId, id, patientId, instrumentId, instrumentVersion: '1', ruleVersion: '1', answers,
    sex: options.sex ?? null, total: options.total ?? answers.reduce((a, b) => a + b, 0), severity: options.severity ?? null,
    positive: options.positive ?? null, flags: [], submittedAt: options.submittedAt ?? toDate(t.clock.now),
    enteredByKind: 'staff', enteredBy: options.enteredBy,
    ...(options.supersedesId ? { supersedesId: options.supersedesId, correctionReason: 'Entered the wrong answer', version: 2 } : {}),
  });
  return id;
}

export async function statusOf(t: TestApp, session: Session, patientId: string): Promise<string> {
  const res = await t.call(session, { method: 'GET', url: `/api/patients/${patientId}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { status: string }).status;
}
