/**
 * Who keeps the preparation guide. It holds what the patient hopes for and fears, in the therapist's words: the
 * therapists of the patient's care team, who run preparation, and the prescriber, who oversees the course and decides
 * on each dose, read and write it. A nurse running a dosing session needs the safety plan, not the patient's hopes
 * and fears, so nurses read the safety plan alone (`canReadSafetyPlan`); admins see neither (no clinical data), and
 * the patient reads their own safety plan in the portal, not the therapist's guide.
 */
import { can, type Actor, type CareTeam, type StaffRole } from '../authorization';

export const GUIDE_ROLES: readonly StaffRole[] = ['therapist', 'prescriber'];

interface PatientRef {
  clinicId: string;
  patientId: string;
  careTeam: CareTeam;
}

const resource = (p: PatientRef) => ({ type: 'patient' as const, ...p });

/** Reads and writes the guide: a prescriber of the clinic, or a therapist on the patient's care team. */
export function canKeepGuide(actor: Actor, patient: PatientRef): boolean {
  return actor.kind === 'staff' && GUIDE_ROLES.includes(actor.role) && can(actor, 'patient:write-progress-note', resource(patient));
}

/** Reads the safety plan on the patient's record: whoever may run the patient's dosing session. */
export function canReadSafetyPlan(actor: Actor, patient: PatientRef): boolean {
  return actor.kind === 'staff' && can(actor, 'patient:run-dosing-session', resource(patient));
}
