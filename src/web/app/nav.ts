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
const OUTCOMES: NavItem = { to: '/outcomes', label: 'Outcomes', icon: 'chart' };
const PLAN: NavItem = { to: '/measurement-plan', label: 'Measurement plan', icon: 'calendar' };
const RULES: NavItem = { to: '/eligibility-rules', label: 'Eligibility rules', icon: 'rules' };

const ADMIN_ONLY: NavItem[] = [
  { to: '/staff', label: 'Staff', icon: 'staff' },
  { to: '/rooms', label: 'Rooms', icon: 'rooms' },
  { to: '/instruments', label: 'Instruments', icon: 'clipboard' },
  PLAN,
  RULES,
  { to: '/audit', label: 'Audit trail', icon: 'audit' },
  { to: '/outbox', label: 'Outbox', icon: 'outbox' },
  { to: '/settings', label: 'Clinic settings', icon: 'settings' },
];

export function navFor(role: Role): NavItem[] {
  if (role === 'patient') {
    return [
      { to: '/my-overview', label: 'My overview', icon: 'overview' },
      { to: '/my-questionnaires', label: 'My questionnaires', icon: 'clipboard' },
      { to: '/access-log', label: 'Who accessed my record', icon: 'eye' },
      { to: '/account', label: 'Account', icon: 'account' },
    ];
  }
  const patients: NavItem = { to: '/patients', label: 'Patients', icon: 'patients' };
  const account: NavItem = { to: '/account', label: 'Account', icon: 'account' };
  if (role === 'admin') return [patients, SAFETY, ...ADMIN_ONLY, account];
  if (role === 'prescriber') return [patients, SAFETY, OUTCOMES, PLAN, RULES, account];
  return [patients, SAFETY, OUTCOMES, account];
}

export const homeFor = (role: Role): string => (role === 'patient' ? '/my-overview' : '/patients');
