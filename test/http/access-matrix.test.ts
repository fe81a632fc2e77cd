/**
 * Every API route × every role (admin, prescriber, nurse, therapist, patient), anonymous and a user of another
 * clinic (a prescriber there: the widest patient access a stranger could have). The app's routes are collected as
 * they register; a route without a row here fails the first test, so no new route skips the matrix.
 *
 * Requests carry valid bodies and target fresh resources, so the status shows the authorization decision:
 * "team" targets a patient on therapist@'s care team (for the patient column: their own record), "not team" a
 * patient on therapist2@'s team (for the patient column: another patient's record).
 */
import { runAccessMatrix } from './matrix/harness';

runAccessMatrix(0, 4);
