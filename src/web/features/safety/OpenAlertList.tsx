/** Open safety alerts as a list of cards (readable on a phone): who, which flag, since when, escalated, and the action. */
import { Anchor, Badge, Box, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { formatAgo, formatInstant } from '../../app/time';
import { flagLabel } from '../questionnaires/labels';
import type { SafetyAlert } from './queries';

export interface OpenAlertListProps {
  alerts: SafetyAlert[];
  showPatient: boolean;
  onAcknowledge?: ((alert: SafetyAlert) => void) | undefined;
}

export function OpenAlertList({ alerts, showPatient, onAcknowledge }: OpenAlertListProps) {
  const me = useSession();
  if (alerts.length === 0) return <Text c="dimmed">No open alerts.</Text>;
  return (
    <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Open alerts">
      {alerts.map((a) => (
        <Box component="li" key={a.id} p="md" style={{ border: '1px solid var(--mantine-color-red-3)', borderLeft: '5px solid var(--mantine-color-red-8)', borderRadius: 8, background: '#fff' }}>
          <Group justify="space-between" align="flex-start" gap="sm">
            <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
              <Group gap="xs">
                {showPatient && (
                  <Anchor component={Link} to={`/patients/${a.patientId}`} fw={700}>
                    {a.patientName}
                  </Anchor>
                )}
                <Badge color="red">{flagLabel(a.flag)}</Badge>
                {a.escalatedAt && <Badge color="orange">Escalated</Badge>}
              </Group>
              <Text fz="sm">
                Open since {formatInstant(a.createdAt, me.clinic.timeZone)} ({formatAgo(a.createdAt)})
                {a.escalatedAt && ` · escalated to the prescriber and admins ${formatInstant(a.escalatedAt, me.clinic.timeZone)}`}
              </Text>
              {a.message && <Text fz="sm">{a.message}</Text>}
            </Stack>
            {onAcknowledge && (
              <Button color="red" variant="light" onClick={() => onAcknowledge(a)} aria-label={`Acknowledge the alert for ${a.patientName}`}>
                Acknowledge
              </Button>
            )}
          </Group>
        </Box>
      ))}
    </Stack>
  );
}
