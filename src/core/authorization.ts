/**
 * Who may do what: one pure function, `can(actor, action, resource)`, asked by every use-case before it loads
 * sensitive data. The HTTP layer turns a denied read into 404 (so a denial does not reveal that a record exists).
 *
 * Roles (kap-brief.md):
 * - admin: runs the clinic (staff, rooms, settings, audit trail); sees patients' demographics, not their clinical data;
 * - prescriber, nurse: every patient of their clinic;
 * - therapist: only patients whose care team includes them;
 * - patient: only themselves.
 * Nobody sees anything of another clinic.
 */
export const STAFF_ROLES = ['admin', 'prescriber', 'nurse', 'therapist'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type Actor =
  | { kind: 'staff'; userId: string; clinicId: string; staffId: string; role: StaffRole }
  | { kind: 'patient'; userId: string; clinicId: string; patientId: string };

export interface CareTeam {
  therapistIds: readonly string[];
  prescriberId: string | null;
}

export type Resource =
  | { type: 'clinic'; clinicId: string }
  | { type: 'patient'; clinicId: string; patientId: string; careTeam: CareTeam };

export type ClinicAction =
  | 'clinic:read'
  | 'clinic:manage'
  | 'staff:read'
  | 'staff:manage'
  | 'room:read'
  | 'room:manage'
  | 'audit:read'
  | 'outbox:read'
  | 'outbox:manage'
  | 'patient:list'
  | 'patient:create'
  | 'instrument:import'
  | 'measurement-plan:manage'
  | 'eligibility:evaluate'
  | 'eligibility-rules:manage'
  | 'safety:read-queue'
  | 'outcomes:read'
  /** The clinic floor board of today's dosing sessions. */
  | 'board:read'
  /** The controlled-substance ledger: read it; record receipts, waste, counts; adjust; resolve discrepancies. */
  | 'ledger:read'
  | 'ledger:record'
  | 'ledger:adjust'
  | 'ledger:resolve'
  /** Edit the clinic's progress-note templates (the prompts per session kind). */
  | 'note-templates:manage'
  /** Edit the clinic's patient education modules (the portal's "Preparing for your sessions"). */
  | 'education:manage';

export type PatientAction =
  | 'patient:read-demographics'
  | 'patient:read-clinical'
  | 'patient:update-demographics'
  | 'patient:change-status'
  | 'patient:record-weight'
  | 'patient:manage-care-team'
  | 'patient:invite-portal'
  | 'patient:read-access-log'
  | 'patient:submit-response'
  | 'patient:correct-response'
  | 'patient:manage-questionnaires'
  | 'patient:record-dose'
  | 'patient:edit-screening'
  | 'patient:decide-eligibility'
  | 'patient:acknowledge-alert'
  | 'patient:read-schedule'
  | 'patient:manage-schedule'
  /** Dosing session: check in, record checklist items, vitals, observations, presence, the setting; abort. */
  | 'patient:run-dosing-session'
  /** Prescriber only: order the dose, override a failing pre-dose check or a dose limit. */
  | 'patient:order-dose'
  /** Give the dose (each part, from a stock lot) and sign the discharge: prescriber or nurse. */
  | 'patient:administer-dose'
  | 'patient:discharge'
  /** Write, sign and add addenda to one's own progress notes of the patient's sessions. */
  | 'patient:write-progress-note';

export type Action = ClinicAction | PatientAction;

const CLINIC_ACTIONS_BY_ROLE: Record<StaffRole, ReadonlySet<ClinicAction>> = {
  admin: new Set<ClinicAction>([
    'clinic:read', 'clinic:manage', 'staff:read', 'staff:manage', 'room:read', 'room:manage',
    'audit:read', 'outbox:read', 'outbox:manage', 'patient:list', 'patient:create',
    'instrument:import', 'measurement-plan:manage', 'eligibility:evaluate', 'eligibility-rules:manage',
    // Escalated safety alerts reach admins: they see the queue (who, since when) to get a clinician to act.
    'safety:read-queue',
    // The ledger is an administrative record too: admins read it, adjust with a reason and resolve discrepancies.
    'ledger:read', 'ledger:adjust', 'ledger:resolve',
    'note-templates:manage', 'education:manage',
  ]),
  prescriber: new Set<ClinicAction>([
    'clinic:read', 'staff:read', 'room:read', 'patient:list', 'patient:create',
    'measurement-plan:manage', 'eligibility:evaluate', 'eligibility-rules:manage', 'safety:read-queue', 'outcomes:read',
    'board:read', 'ledger:read', 'ledger:record', 'ledger:adjust', 'note-templates:manage', 'education:manage',
  ]),
  nurse: new Set<ClinicAction>([
    'clinic:read', 'staff:read', 'room:read', 'patient:list', 'patient:create', 'eligibility:evaluate', 'safety:read-queue', 'outcomes:read',
    'board:read', 'ledger:read', 'ledger:record',
  ]),
  therapist: new Set<ClinicAction>(['clinic:read', 'staff:read', 'room:read', 'patient:list', 'eligibility:evaluate', 'safety:read-queue', 'outcomes:read', 'board:read']),
};

/** What each staff role may do to a patient it is allowed to reach at all (see `reachesPatient`). */
const PATIENT_ACTIONS_BY_ROLE: Record<StaffRole, ReadonlySet<PatientAction>> = {
  admin: new Set<PatientAction>([
    'patient:read-demographics', 'patient:update-demographics', 'patient:manage-care-team', 'patient:invite-portal',
    // Scheduling is administrative: admins book and move appointments (times, rooms, staff), not clinical content.
    'patient:read-schedule', 'patient:manage-schedule',
  ]),
  prescriber: new Set<PatientAction>([
    'patient:read-demographics', 'patient:read-clinical', 'patient:update-demographics', 'patient:change-status',
    'patient:record-weight', 'patient:manage-care-team', 'patient:invite-portal',
    'patient:submit-response', 'patient:correct-response', 'patient:manage-questionnaires', 'patient:record-dose',
    'patient:edit-screening', 'patient:decide-eligibility', 'patient:acknowledge-alert', 'patient:read-schedule', 'patient:manage-schedule',
    'patient:run-dosing-session', 'patient:order-dose', 'patient:administer-dose', 'patient:discharge', 'patient:write-progress-note',
  ]),
  nurse: new Set<PatientAction>([
    'patient:read-demographics', 'patient:read-clinical', 'patient:update-demographics', 'patient:change-status',
    'patient:record-weight', 'patient:invite-portal',
    'patient:submit-response', 'patient:correct-response', 'patient:manage-questionnaires', 'patient:record-dose',
    'patient:edit-screening', 'patient:acknowledge-alert', 'patient:read-schedule', 'patient:manage-schedule',
    'patient:run-dosing-session', 'patient:administer-dose', 'patient:discharge', 'patient:write-progress-note',
  ]),
  therapist: new Set<PatientAction>([
    'patient:read-demographics', 'patient:read-clinical', 'patient:change-status',
    'patient:submit-response', 'patient:correct-response', 'patient:manage-questionnaires', 'patient:edit-screening',
    'patient:acknowledge-alert', 'patient:read-schedule', 'patient:manage-schedule',
    // The therapist is present throughout dosing: records presence, observations, the setting, vitals when monitoring.
    'patient:run-dosing-session', 'patient:write-progress-note',
  ]),
};

/** A patient may read their own record and who accessed it, and answer their questionnaires; staff do the rest. */
const PATIENT_SELF_ACTIONS: ReadonlySet<PatientAction> = new Set<PatientAction>([
  'patient:read-demographics', 'patient:read-clinical', 'patient:read-access-log', 'patient:submit-response', 'patient:read-schedule',
]);

function reachesPatient(actor: Extract<Actor, { kind: 'staff' }>, careTeam: CareTeam): boolean {
  if (actor.role !== 'therapist') return true;
  return careTeam.therapistIds.includes(actor.staffId);
}

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.clinicId !== resource.clinicId) return false;
  if (resource.type === 'clinic') {
    if (actor.kind !== 'staff') return false;
    return CLINIC_ACTIONS_BY_ROLE[actor.role].has(action as ClinicAction);
  }
  const patientAction = action as PatientAction;
  if (actor.kind === 'patient') {
    return actor.patientId === resource.patientId && PATIENT_SELF_ACTIONS.has(patientAction);
  }
  return reachesPatient(actor, resource.careTeam) && PATIENT_ACTIONS_BY_ROLE[actor.role].has(patientAction);
}

/**
 * The set of patients a list query may return for this actor. Lists filter in SQL by this scope, so it must
 * agree with `can(…, 'patient:read-demographics', …)`; a unit test checks the two against each other.
 */
export type PatientScope =
  | { kind: 'clinic' }
  | { kind: 'care-team'; staffId: string }
  | { kind: 'self'; patientId: string };

export function patientListScope(actor: Actor): PatientScope {
  if (actor.kind === 'patient') return { kind: 'self', patientId: actor.patientId };
  if (actor.role === 'therapist') return { kind: 'care-team', staffId: actor.staffId };
  return { kind: 'clinic' };
}
