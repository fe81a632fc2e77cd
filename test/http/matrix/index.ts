/** Every feature's access-matrix rows. A feature with routes adds its module here. */
import { coursesMatrix } from './courses';
import { dosingMatrix } from './dosing';
import type { Case, MatrixEnv } from './env';
import { ledgerMatrix } from './ledger';
import { notesMatrix } from './notes';
import { outcomesMatrix, questionnairesMatrix } from './questionnaires';
import { progressNotesMatrix } from './progress-notes';
import { portalMatrix } from './portal';
import { schedulingAdminMatrix } from './scheduling-admin';
import { screeningMatrix } from './screening';

export function featureMatrices(env: MatrixEnv): Record<string, Case[]> {
  return { ...screeningMatrix(env), ...questionnairesMatrix(env), ...outcomesMatrix(env), ...coursesMatrix(env), ...schedulingAdminMatrix(env), ...ledgerMatrix(env), ...notesMatrix(env), ...dosingMatrix(env), ...progressNotesMatrix(env), ...portalMatrix(env) };
}
