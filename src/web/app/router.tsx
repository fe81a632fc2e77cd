/** Every page and who may see it. */
import { createBrowserRouter } from 'react-router';
import type { Role } from '../api/types';
import { AccountPage } from '../features/account/AccountPage';
import { TwoFactorPage } from '../features/account/TwoFactorPage';
import { AuditPage } from '../features/audit/AuditPage';
import { ClinicSettingsPage } from '../features/clinic/ClinicSettingsPage';
import { OutboxPage } from '../features/outbox/OutboxPage';
import { NewPatientPage } from '../features/patients/NewPatientPage';
import { PatientListPage } from '../features/patients/PatientListPage';
import { PatientOverviewPage } from '../features/patients/PatientOverviewPage';
import { AccessLogPage } from '../features/portal/AccessLogPage';
import { MyOverviewPage } from '../features/portal/MyOverviewPage';
import { RoomsPage } from '../features/rooms/RoomsPage';
import { ForgotPasswordPage } from '../features/sign-in/ForgotPasswordPage';
import { SetPasswordPage } from '../features/sign-in/SetPasswordPage';
import { SignInPage } from '../features/sign-in/SignInPage';
import { StaffPage } from '../features/staff/StaffPage';
import { AppLayout } from './AppLayout';
import { HomeRedirect, RequireRole, RequireSession } from './guards';
import { SessionRoot } from './session';
import { NotFoundPage } from './states';

const STAFF: Role[] = ['admin', 'prescriber', 'nurse', 'therapist'];
const CREATORS: Role[] = ['admin', 'prescriber', 'nurse'];

const only = (roles: Role[], element: React.ReactNode) => <RequireRole roles={roles}>{element}</RequireRole>;

export const router = createBrowserRouter([
  {
    element: <SessionRoot />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/set-password', element: <SetPasswordPage /> },
      {
        element: (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
        children: [
          { path: '/', element: <HomeRedirect /> },
          { path: '/patients', element: only(STAFF, <PatientListPage />) },
          { path: '/patients/new', element: only(CREATORS, <NewPatientPage />) },
          { path: '/patients/:id', element: <PatientOverviewPage /> },
          { path: '/staff', element: only(['admin'], <StaffPage />) },
          { path: '/rooms', element: only(['admin'], <RoomsPage />) },
          { path: '/audit', element: only(['admin'], <AuditPage />) },
          { path: '/outbox', element: only(['admin'], <OutboxPage />) },
          { path: '/settings', element: only(['admin'], <ClinicSettingsPage />) },
          { path: '/account', element: <AccountPage /> },
          { path: '/account/two-factor', element: only(STAFF, <TwoFactorPage />) },
          { path: '/my-overview', element: only(['patient'], <MyOverviewPage />) },
          { path: '/access-log', element: only(['patient'], <AccessLogPage />) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
