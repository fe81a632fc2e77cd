/** Turning the database's refusal of an overlapping booking (an exclusion constraint) into a conflict people can read. */
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
