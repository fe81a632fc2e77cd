/** Turning the database's refusal of an overlapping booking (an exclusion constraint) into a conflict people can read. */
import { fail, type Result } from '../../../core/errors';
import { constraintName, sqlState } from '../../../db/ids';

const BY_CONSTRAINT: Record<string, { rule: string; message: string }> = {
  appointments_room_no_overlap: { rule: 'room-busy', message: 'The room was booked for that time by someone else meanwhile.' },
  appointments_therapist_no_overlap: { rule: 'therapist-busy', message: 'The therapist was booked for that time by someone else meanwhile.' },
  appointments_nurse_no_overlap: { rule: 'nurse-busy', message: 'The nurse was booked for that time by someone else meanwhile.' },
  appointments_patient_no_overlap: { rule: 'patient-busy', message: 'The patient was booked for that time by someone else meanwhile.' },
};

export function conflictFromDatabase(err: unknown): { kind: string; number: number; start: string; end: string; rule: string; message: string } | null {
  if (sqlState(err) !== '23P01') return null;
  const known = BY_CONSTRAINT[constraintName(err) ?? ''] ?? { rule: 'double-booking', message: 'Someone else booked an overlapping appointment meanwhile.' };
  return { kind: 'unknown', number: 0, start: '', end: '', ...known, message: `${known.message} Nothing was booked; plan again.` };
}

/**
 * Two transactions inserting overlapping appointments at the same instant can each wait for the other on an exclusion
 * constraint; PostgreSQL breaks the deadlock by aborting one (40P01). Bookings wait only on exclusion constraints (the
 * audit chain is taken last), so the aborted one overlapped a booking that is now going through: run it again from
 * its checks, which then name the rule it breaks. Never a 500.
 */
export async function retryOnDeadlock<T>(work: () => Promise<Result<T>>, attempts = 3): Promise<Result<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (sqlState(err) !== '40P01') throw err;
      if (attempt >= attempts) {
        const message = 'Someone else booked an overlapping appointment at the same moment. Nothing was booked; plan again.';
        return fail('CONFLICT', message, { details: { conflicts: [{ kind: 'unknown', number: 0, start: '', end: '', rule: 'double-booking', message }] } });
      }
    }
  }
}
