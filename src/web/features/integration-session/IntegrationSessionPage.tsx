/**
 * The therapist's pre-integration view (issue #6 §2, §4): one page per integration session. What to read before it
 * (the dose it follows, the intention set for that dose, the post-dose check-in, the journal entries the patient
 * shared since the dose), then what is done in it (the action plan reviewed item by item, the progress note).
 */
import { Anchor, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { Loading, QueryFailure } from '../../app/states';
import { formatInstant } from '../../app/time';
import { ActionPlanReviewCard } from '../action-plan/ActionPlanReviewCard';
import { SharedEntriesCard } from '../journal/SharedEntriesCard';
import { ProgressNotesCard } from '../progress-notes/ProgressNotesCard';
import { PatientAlerts } from '../safety/PatientAlerts';
import { CheckinSlot } from './CheckinSlot';
import { DoseSummaryCard } from './DoseSummaryCard';
import { IntentionCard } from './IntentionCard';
import { useIntegrationView } from './queries';

export function IntegrationSessionPage() {
  const { appointmentId = '' } = useParams();
  const me = useSession();
  const tz = me.clinic.timeZone;
  const view = useIntegrationView(appointmentId);
  if (view.isPending) return <Loading label="Loading the integration session…" />;
  if (view.isError) return <QueryFailure error={view.error} what="integration session" />;
  const { appointment, patient, dose } = view.data;
  const title = `Integration ${appointment.number}: ${patient.name}`;

  return (
    <Page
      title={title}
      description={
        <>
          {formatInstant(appointment.start, tz)}
          {appointment.status === 'cancelled' ? ' (cancelled)' : ''}.{' '}
          <Anchor component={Link} to={`/patients/${patient.id}/course`} underline="always">Course and appointments</Anchor>
        </>
      }
    >
      <PatientAlerts patientId={patient.id} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
        <Stack gap="lg">
          <Text fw={600} c="dimmed">Before the session</Text>
          <DoseSummaryCard dose={dose} timeZone={tz} />
          <IntentionCard doseAppointmentId={dose?.appointmentId ?? null} timeZone={tz} />
          <CheckinSlot patientId={patient.id} doseAppointmentId={dose?.appointmentId ?? null} timeZone={tz} />
          <SharedEntriesCard
            patientId={patient.id}
            since={dose?.start ?? null}
            sinceLabel={dose ? `since dose ${dose.number} (${formatInstant(dose.start, tz)})` : 'at any time'}
            timeZone={tz}
          />
        </Stack>
        <Stack gap="lg">
          <Text fw={600} c="dimmed">In the session</Text>
          <ActionPlanReviewCard patientId={patient.id} appointmentId={appointment.id} timeZone={tz} />
          <ProgressNotesCard patientId={patient.id} timeZone={tz} sessions={[{ id: appointment.id, kind: 'integration', number: appointment.number, start: appointment.start, therapistId: appointment.therapistId }]} />
        </Stack>
      </SimpleGrid>
    </Page>
  );
}
