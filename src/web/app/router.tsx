/** Every page and who may see it. */
import { createBrowserRouter } from 'react-router';
import type { Role } from '../api/types';
import { AccountPage } from '../features/account/AccountPage';
import { TwoFactorPage } from '../features/account/TwoFactorPage';
import { AuditPage } from '../features/audit/AuditPage';
import { AvailabilityPage } from '../features/availability/AvailabilityPage';
import { BoardPage } from '../features/board/BoardPage';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { MyAppointmentsPage } from '../features/calendar/MyAppointmentsPage';
import { TodayBoardPage } from '../features/calendar/TodayBoardPage';
import { PatientCoursePage } from '../features/courses/PatientCoursePage';
import { ClinicSettingsPage } from '../features/clinic/ClinicSettingsPage';
import { RuleSetPage } from '../features/eligibility-rules/RuleSetPage';
import { SessionConsolePage } from '../features/dosing/SessionConsolePage';
import { InstrumentsPage } from '../features/instruments/InstrumentsPage';
import { MeasurementPlanPage } from '../features/measurement-plan/MeasurementPlanPage';
import { OutcomesPage } from '../features/outcomes/OutcomesPage';
import { PatientOutcomesPage } from '../features/outcomes/PatientOutcomesPage';
import { MyTimelinePage } from '../features/timeline/MyTimelinePage';
import { PatientTimelinePage } from '../features/timeline/PatientTimelinePage';
import { OutboxPage } from '../features/outbox/OutboxPage';
import { NewPatientPage } from '../features/patients/NewPatientPage';
import { PatientListPage } from '../features/patients/PatientListPage';
import { ProtocolEditorPage } from '../features/protocols/ProtocolEditorPage';
import { ProtocolsPage } from '../features/protocols/ProtocolsPage';
import { PatientOverviewPage } from '../features/patients/PatientOverviewPage';
import { AccessLogPage } from '../features/portal/AccessLogPage';
import { MyIntentionsPage } from '../features/portal/MyIntentionsPage';
import { MyCheckinsPage } from '../features/checkins/MyCheckinsPage';
import { FollowThroughPage } from '../features/follow-through/FollowThroughPage';
import { MyJournalPage } from '../features/journal/MyJournalPage';
import { MyActionPlanPage } from '../features/action-plan/MyActionPlanPage';
import { IntegrationSessionPage } from '../features/integration-session/IntegrationSessionPage';
import { PreparingPage } from '../features/portal/PreparingPage';
import { PreparationPage } from '../features/preparation/PreparationPage';
import { NoteTemplatesPage } from '../features/note-templates/NoteTemplatesPage';
import { EducationModulesPage } from '../features/education/EducationModulesPage';
import { MyOverviewPage } from '../features/portal/MyOverviewPage';
import { MyAnswerPage } from '../features/questionnaires/MyAnswerPage';
import { MyQuestionnairesPage } from '../features/questionnaires/MyQuestionnairesPage';
import { PatientQuestionnairesPage } from '../features/questionnaires/PatientQuestionnairesPage';
import { StaffEntryPage } from '../features/questionnaires/StaffEntryPage';
import { SafetyQueuePage } from '../features/safety/SafetyQueuePage';
import { ScreeningPage } from '../features/screening/ScreeningPage';
import { RoomsPage } from '../features/rooms/RoomsPage';
import { LedgerPage } from '../features/ledger/LedgerPage';
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
/** Roles that read clinical data (an admin sees demographics only). */
const CLINICAL: Role[] = ['prescriber', 'nurse', 'therapist'];
const PLANNERS: Role[] = ['admin', 'prescriber'];

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
          { path: '/patients/:id/course', element: only(STAFF, <PatientCoursePage />) },
          { path: '/patients/:id/questionnaires', element: only(CLINICAL, <PatientQuestionnairesPage />) },
          { path: '/patients/:id/questionnaires/answer/:assignmentId', element: only(CLINICAL, <StaffEntryPage />) },
          { path: '/patients/:id/questionnaires/enter/:instrumentId', element: only(CLINICAL, <StaffEntryPage />) },
          { path: '/patients/:id/outcomes', element: only(CLINICAL, <PatientOutcomesPage />) },
          { path: '/patients/:id/timeline', element: only(CLINICAL, <PatientTimelinePage />) },
          { path: '/patients/:id/screening', element: only(CLINICAL, <ScreeningPage />) },
          { path: '/safety', element: only(STAFF, <SafetyQueuePage />) },
          { path: '/follow-through', element: only(STAFF, <FollowThroughPage />) },
          { path: '/calendar', element: only(STAFF, <CalendarPage />) },
          { path: '/calendar/today', element: only(STAFF, <TodayBoardPage />) },
          { path: '/board', element: only(CLINICAL, <BoardPage />) },
          { path: '/sessions/:appointmentId', element: only(CLINICAL, <SessionConsolePage />) },
          { path: '/integration/:appointmentId', element: only(CLINICAL, <IntegrationSessionPage />) },
          { path: '/preparation/:appointmentId', element: only(['therapist', 'prescriber'], <PreparationPage />) },
          { path: '/note-templates', element: only(PLANNERS, <NoteTemplatesPage />) },
          { path: '/education-modules', element: only(PLANNERS, <EducationModulesPage />) },
          { path: '/availability', element: only(STAFF, <AvailabilityPage />) },
          { path: '/protocols', element: only(PLANNERS, <ProtocolsPage />) },
          { path: '/protocols/new', element: only(['admin'], <ProtocolEditorPage />) },
          { path: '/protocols/:id', element: only(PLANNERS, <ProtocolEditorPage />) },
          { path: '/outcomes', element: only(CLINICAL, <OutcomesPage />) },
          { path: '/ledger', element: only(CREATORS, <LedgerPage />) },
          { path: '/instruments', element: only(['admin'], <InstrumentsPage />) },
          { path: '/measurement-plan', element: only(PLANNERS, <MeasurementPlanPage />) },
          { path: '/eligibility-rules', element: only(PLANNERS, <RuleSetPage />) },
          { path: '/staff', element: only(['admin'], <StaffPage />) },
          { path: '/rooms', element: only(['admin'], <RoomsPage />) },
          { path: '/audit', element: only(['admin'], <AuditPage />) },
          { path: '/outbox', element: only(['admin'], <OutboxPage />) },
          { path: '/settings', element: only(['admin'], <ClinicSettingsPage />) },
          { path: '/account', element: <AccountPage /> },
          { path: '/account/two-factor', element: only(STAFF, <TwoFactorPage />) },
          { path: '/my-overview', element: only(['patient'], <MyOverviewPage />) },
          { path: '/my-appointments', element: only(['patient'], <MyAppointmentsPage />) },
          { path: '/my-questionnaires', element: only(['patient'], <MyQuestionnairesPage />) },
          { path: '/my-questionnaires/:assignmentId', element: only(['patient'], <MyAnswerPage />) },
          { path: '/access-log', element: only(['patient'], <AccessLogPage />) },
          { path: '/preparing', element: only(['patient'], <PreparingPage />) },
          { path: '/my-intentions', element: only(['patient'], <MyIntentionsPage />) },
          { path: '/my-checkins', element: only(['patient'], <MyCheckinsPage />) },
          { path: '/my-journal', element: only(['patient'], <MyJournalPage />) },
          { path: '/my-action-plan', element: only(['patient'], <MyActionPlanPage />) },
          { path: '/my-timeline', element: only(['patient'], <MyTimelinePage />) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
