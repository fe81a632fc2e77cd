/**
 * The post-dose check-in slot of the pre-integration view: the patient's answers the morning after this dose, when
 * the clinic's Tilth has check-ins (GET /api/patients/:id/checkins answers); nothing at all when that route is
 * absent (404).
 */
import { Alert, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorAlert } from '../../app/states';
import { formatInstant } from '../../app/time';
import { moodLabel } from '../../../core/journal/mood';
import { useCheckins } from './queries';

const SLEEP: Record<string, string> = { well: 'Slept well', some: 'Slept some', poorly: 'Slept poorly', 'not-at-all': 'Did not sleep' };
const SAFETY: Record<string, string> = { no: 'No thoughts of self-harm', passive: 'Passive thoughts of self-harm', active: 'Active thoughts of self-harm' };

export function CheckinSlot({ patientId, doseAppointmentId, timeZone }: { patientId: string; doseAppointmentId: string | null; timeZone: string }) {
  const checkins = useCheckins(patientId);
  if (checkins.isPending || checkins.data === null) return null;
  const checkin = checkins.data?.find((c) => c.appointmentId === doseAppointmentId) ?? null;
  return (
    <Card component="section" aria-labelledby="checkin-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="checkin-title">Post-dose check-in</Title>
        {checkins.isError ? (
          <ErrorAlert error={checkins.error} title="The check-in could not be loaded" />
        ) : !checkin ? (
          <Text fz="sm" c="dimmed">The patient has not checked in after this dose.</Text>
        ) : (
          <>
            <Text fz="xs" c="dimmed">Answered {formatInstant(checkin.createdAt, timeZone)}</Text>
            <Group gap="xs">
              <Badge variant="light" color="gray">Mood {checkin.mood} · {moodLabel(checkin.mood)}</Badge>
              <Badge variant="light" color="gray">{SLEEP[checkin.sleep] ?? checkin.sleep}</Badge>
              <Badge color={checkin.safety === 'no' ? 'sage' : 'red'}>{SAFETY[checkin.safety] ?? checkin.safety}</Badge>
            </Group>
            {checkin.difficult && <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}><strong>What was difficult:</strong> {checkin.difficult}</Text>}
            {checkin.safetyAlertId && (
              <Alert color="red" variant="light" role="note" title="A safety alert was raised">
                <Text fz="sm">See the <Link to="/safety">safety queue</Link> for what was done.</Text>
              </Alert>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
