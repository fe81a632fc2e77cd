/** The navigation each role sees. */
import type { Role } from '../api/types';
import type { IconName } from './icons';

export interface NavItem {
  to: string;
  label: string;
  icon: IconName;
}

const ADMIN_ONLY: NavItem[] = [
  { to: '/staff', label: 'Staff', icon: 'staff' },
  { to: '/rooms', label: 'Rooms', icon: 'rooms' },
  { to: '/audit', label: 'Audit trail', icon: 'audit' },
  { to: '/outbox', label: 'Outbox', icon: 'outbox' },
  { to: '/settings', label: 'Clinic settings', icon: 'settings' },
];

export function navFor(role: Role): NavItem[] {
  if (role === 'patient') {
    return [
      { to: '/my-overview', label: 'My overview', icon: 'overview' },
      { to: '/access-log', label: 'Who accessed my record', icon: 'eye' },
      { to: '/account', label: 'Account', icon: 'account' },
    ];
  }
  return [
    { to: '/patients', label: 'Patients', icon: 'patients' },
    ...(role === 'admin' ? ADMIN_ONLY : []),
    { to: '/account', label: 'Account', icon: 'account' },
  ];
}

export const homeFor = (role: Role): string => (role === 'patient' ? '/my-overview' : '/patients');
