/** The navigation each role sees. */
import type { Role } from '../api/types';
import type { IconName } from './icons';

export interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  /** Shows the number of open safety alerts beside the label. */
  badge?: 'open-alerts';
}

const SAFETY: NavItem = { to: '/safety', label: 'Safety queue', icon: 'alert', badge: 'open-alerts' };
const FOLLOW_THROUGH: NavItem = { to: '/follow-through', label: 'Integration follow-through', icon: 'clock' };
const OUTCOMES: NavItem = { to: '/outcomes', label: 'Outcomes', icon: 'chart' };
const PLAN: NavItem = { to: '/measurement-plan', label: 'Measurement plan', icon: 'calendar' };
const RULES: NavItem = { to: '/eligibility-rules', label: 'Eligibility rules', icon: 'rules' };
const CALENDAR: NavItem = { to: '/calendar', label: 'Calendar', icon: 'calendar' };
const BOARD: NavItem = { to: '/board', label: 'Clinic board', icon: 'rooms' };
const HOURS: NavItem = { to: '/availability', label: 'Working hours', icon: 'clock' };
const PROTOCOLS: NavItem = { to: '/protocols', label: 'Protocols', icon: 'protocol' };
const LEDGER: NavItem = { to: '/ledger', label: 'Controlled substances', icon: 'clipboard' };
const NOTE_TEMPLATES: NavItem = { to: '/note-templates', label: 'Note templates', icon: 'protocol' };
const EDUCATION: NavItem = { to: '/education-modules', label: 'Education modules', icon: 'leaf' };

const ADMIN_ONLY: NavItem[] = [
  { to: '/staff', label: 'Staff', icon: 'staff' },
  HOURS,
  { to: '/rooms', label: 'Rooms', icon: 'rooms' },
  PROTOCOLS,
  { to: '/instruments', label: 'Instruments', icon: 'clipboard' },
  PLAN,
  RULES,
  NOTE_TEMPLATES,
  EDUCATION,
  { to: '/audit', label: 'Audit trail', icon: 'audit' },
  { to: '/outbox', label: 'Outbox', icon: 'outbox' },
  { to: '/settings', label: 'Clinic settings', icon: 'settings' },
];

export function navFor(role: Role): NavItem[] {
  if (role === 'patient') {
    return [
      { to: '/my-overview', label: 'My overview', icon: 'overview' },
      { to: '/my-appointments', label: 'My appointments', icon: 'calendar' },
      { to: '/my-questionnaires', label: 'My questionnaires', icon: 'clipboard' },
      { to: '/preparing', label: 'Preparing for your sessions', icon: 'leaf' },
      { to: '/my-intentions', label: 'My intentions', icon: 'protocol' },
      { to: '/my-checkins', label: 'My check-ins', icon: 'clipboard' },
      { to: '/my-journal', label: 'My journal', icon: 'audit' },
      { to: '/my-action-plan', label: 'My action plan', icon: 'rules' },
      { to: '/my-timeline', label: 'My timeline', icon: 'chart' },
      { to: '/access-log', label: 'Who accessed my record', icon: 'eye' },
      { to: '/account', label: 'Account', icon: 'account' },
    ];
  }
  const patients: NavItem = { to: '/patients', label: 'Patients', icon: 'patients' };
  const account: NavItem = { to: '/account', label: 'Account', icon: 'account' };
  if (role === 'admin') return [patients, SAFETY, FOLLOW_THROUGH, CALENDAR, LEDGER, ...ADMIN_ONLY, account];
  if (role === 'prescriber') return [patients, SAFETY, FOLLOW_THROUGH, CALENDAR, BOARD, OUTCOMES, LEDGER, PLAN, RULES, PROTOCOLS, NOTE_TEMPLATES, EDUCATION, HOURS, account];
  if (role === 'nurse') return [patients, SAFETY, FOLLOW_THROUGH, CALENDAR, BOARD, OUTCOMES, LEDGER, HOURS, account];
  return [patients, SAFETY, FOLLOW_THROUGH, CALENDAR, BOARD, OUTCOMES, HOURS, account];
}

export const homeFor = (role: Role): string => (role === 'patient' ? '/my-overview' : '/patients');
