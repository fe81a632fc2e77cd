/** Every feature's access-matrix rows. A feature with routes adds its module here. */
import { coursesMatrix } from './courses';
import { dosingMatrix } from './dosing';
import type { Case, MatrixEnv } from './env';
import { followThroughMatrix } from './follow-through';
import { journalMatrix } from './journal';
import { ledgerMatrix } from './ledger';
import { notesMatrix } from './notes';
import { outcomesMatrix, questionnairesMatrix } from './questionnaires';
import { progressNotesMatrix } from './progress-notes';
import { portalMatrix } from './portal';
import { preparationMatrix } from './preparation';
import { schedulingAdminMatrix } from './scheduling-admin';
import { screeningMatrix } from './screening';
import { timelineMatrix } from './timeline';

export function featureMatrices(env: MatrixEnv): Record<string, Case[]> {
  return { ...screeningMatrix(env), ...questionnairesMatrix(env), ...outcomesMatrix(env), ...coursesMatrix(env), ...schedulingAdminMatrix(env), ...ledgerMatrix(env), ...notesMatrix(env), ...dosingMatrix(env), ...progressNotesMatrix(env), ...portalMatrix(env), ...preparationMatrix(env), ...journalMatrix(env), ...followThroughMatrix(env), ...timelineMatrix(env) };
}
