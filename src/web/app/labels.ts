/** Words shown to people for the API's codes (kap-brief.md "Words"). */
import type { PatientStatus, Role, RoomKind, Sex } from '../api/types';

export const STATUS_LABEL: Record<PatientStatus, string> = {
  referred: 'Referred',
  screening: 'Screening',
  eligible: 'Eligible',
  ineligible: 'Ineligible',
  'in-course': 'In course',
  maintenance: 'Maintenance',
  completed: 'Completed',
  discharged: 'Discharged',
  withdrawn: 'Withdrawn',
};

export const STATUS_COLOR: Record<PatientStatus, string> = {
  referred: 'gray',
  screening: 'blue',
  eligible: 'teal',
  ineligible: 'orange',
  'in-course': 'sage',
  maintenance: 'violet',
  completed: 'green',
  discharged: 'gray',
  withdrawn: 'red',
};

/** What each status means, in words a patient understands. */
export const STATUS_MEANING: Record<PatientStatus, string> = {
  referred: 'Your referral has arrived and the clinic will be in touch about screening.',
  screening: 'The clinic is checking whether ketamine-assisted therapy is safe and suitable for you.',
  eligible: 'You are eligible; your care team will plan preparation sessions and a course with you.',
  ineligible: 'The treatment is not suitable for you at the moment. Your care team can explain why and what could change.',
  'in-course': 'You are in a course of preparation, dosing and integration sessions.',
  maintenance: 'You are having maintenance sessions after your course.',
  completed: 'You have completed your course.',
  discharged: 'Your care at the clinic has ended.',
  withdrawn: 'Your care has been paused or stopped.',
};

export const ROLE_LABEL: Record<Role, string> = {
  admin: 'Clinic admin',
  prescriber: 'Prescriber',
  nurse: 'Nurse',
  therapist: 'Therapist',
  patient: 'Patient',
};

export const SEX_LABEL: Record<Sex, string> = { female: 'Female', male: 'Male', intersex: 'Intersex', unknown: 'Unknown' };

export const ROOM_KIND_LABEL: Record<RoomKind, string> = { dosing: 'Dosing', consult: 'Consultation', group: 'Group' };

export const EQUIPMENT_LABEL: Record<string, string> = {
  recliner: 'Recliner',
  monitor: 'Vital-signs monitor',
  'pulse-oximeter': 'Pulse oximeter',
  'bp-cuff': 'Blood-pressure cuff',
  oxygen: 'Oxygen',
  'crash-cart': 'Crash cart',
  'eye-mask': 'Eye mask',
  'sound-system': 'Sound system',
  couch: 'Couch',
};

const ACTION_LABEL: Record<string, string> = {
  'session.sign-in': 'Signed in',
  'patient.list': 'Saw the record in a patient list',
  'patient.read': 'Opened the record',
  'patient.create': 'Created the record',
  'patient.update': 'Updated personal details',
  'patient.change-status': 'Changed the status',
  'patient.record-weight': 'Recorded a weight',
  'patient.set-care-team': 'Changed the care team',
  'patient.invite-portal': 'Sent a portal invitation',
  'access-log.read': 'Viewed the access log',
  'account.change-password': 'Changed the password',
  'account.enable-totp': 'Turned on two-step sign-in',
  'account.disable-totp': 'Turned off two-step sign-in',
  'audit.read': 'Viewed the audit trail',
  'staff.create': 'Added a staff member',
  'staff.update': 'Changed a staff member',
  'staff.add-credential': 'Added a credential',
  'staff.remove-credential': 'Removed a credential',
  'room.create': 'Added a room',
  'room.update': 'Changed a room',
  'clinic.update': 'Changed clinic settings',
  'outbox.retry': 'Retried a message',
  'questionnaires.read': 'Viewed the questionnaires',
  'questionnaire-draft.save': 'Saved questionnaire answers in progress',
  'questionnaire-response.create': 'Submitted a questionnaire',
  'questionnaire-response.list': 'Viewed questionnaire responses',
  'questionnaire-response.correct': 'Corrected a questionnaire response',
  'questionnaire-schedule.list': 'Viewed the questionnaire orders',
  'questionnaire-schedule.create': 'Assigned a questionnaire',
  'questionnaire-schedule.stop': 'Stopped a questionnaire order',
  'measurement-plan.apply': 'Applied the measurement plan',
  'measurement-plan.update': 'Changed the measurement plan',
  'dose.list': 'Viewed the recorded doses',
  'dose.record': 'Recorded a dose',
  'trajectory.read': 'Viewed the score trajectory',
  'outcomes.list': 'Saw the record in the clinic outcomes',
  'safety-alert.open': 'A safety alert was opened',
  'safety-alert.list': 'Saw a safety alert in the safety queue',
  'safety-alert.acknowledge': 'Acknowledged a safety alert',
  'safety-alert.escalate': 'A safety alert was escalated',
  'screening.read': 'Viewed the screening record',
  'screening.update': 'Updated the screening record',
  'eligibility-decision.list': 'Viewed the eligibility decisions',
  'eligibility-decision.list-awaiting': 'Saw a decision waiting for co-signature',
  'eligibility-decision.create': 'Recorded an eligibility decision',
  'eligibility-decision.cosign': 'Co-signed an eligibility decision',
  'eligibility-decision.withdraw': 'Withdrew an eligibility decision',
  'eligibility-rules.update': 'Changed the eligibility rules',
  'instrument.import': 'Imported an instrument',
  'course.list': 'Viewed the courses',
  'course.read': 'Viewed a course',
  'course.create': 'Started planning a course',
  'course.plan': 'Planned a course again',
  'course.book': 'Booked a course',
  'course.cancel': 'Cancelled the rest of a course',
  'course.pause': 'Paused a course',
  'course.resume': 'Resumed a course',
  'appointment.book': 'Booked an appointment',
  'appointment.reschedule': 'Moved an appointment',
  'appointment.cancel': 'Cancelled an appointment',
  'appointment.history': 'Viewed an appointment’s history',
  'appointment.list-own': 'Viewed their own appointments',
  'calendar.read': 'Saw an appointment in the calendar',
  'calendar.read-today': 'Saw an appointment on today’s board',
  'calendar-feed.create': 'Created a calendar feed',
  'calendar-feed.rotate': 'Replaced a calendar feed',
  'calendar-feed.revoke': 'Turned off a calendar feed',
  'calendar-feed.read': 'A calendar app read the calendar feed',
  'patient.scheduling-preferences.read': 'Viewed the scheduling preferences',
  'patient.scheduling-preferences.update': 'Changed the scheduling preferences',
  'staff.availability.update': 'Changed working hours',
  'staff.availability-exception.add': 'Added time off or extra hours',
  'staff.availability-exception.remove': 'Removed time off or extra hours',
  'protocol.create': 'Created a protocol',
  'protocol.update': 'Saved a new protocol version',
  'protocol.retire': 'Retired a protocol',
  'protocol.restore': 'Restored a protocol',
  'journal.list-own': 'Opened the journal',
  'journal.create': 'Wrote a journal entry',
  'journal.edit': 'Edited a journal entry',
  'journal.delete': 'Deleted a journal entry',
  'journal.share': 'Shared a journal entry with the care team',
  'journal.unshare': 'Stopped sharing a journal entry',
  'journal.read-shared': 'Read the shared journal entries',
  'action-plan.read': 'Viewed the action plan',
  'action-plan.create': 'Added to the action plan',
  'action-plan.revise': 'Revised an action-plan item',
  'action-plan.review': 'Reviewed an action-plan item at integration',
  'integration.read': 'Opened an integration session',
};

export function actionLabel(action: string): string {
  return ACTION_LABEL[action] ?? action;
}

export function roleLabel(role: string | null): string {
  return role && role in ROLE_LABEL ? ROLE_LABEL[role as Role] : (role ?? '—');
}

export function patientName(p: { givenName: string; familyName: string; preferredName?: string | null }): string {
  return p.preferredName && p.preferredName !== p.givenName
    ? `${p.givenName} “${p.preferredName}” ${p.familyName}`
    : `${p.givenName} ${p.familyName}`;
}
