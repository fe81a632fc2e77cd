/** Prescribers: eligibility decisions waiting for a second prescriber's co-signature, oldest first. */
import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { formatInstant } from '../../app/time';
import { useAwaitingCosign } from './queries';

export function AwaitingCosignCard() {
  const me = useSession();
  const awaiting = useAwaitingCosign(me.user.role === 'prescriber');
  const items = awaiting.data ?? [];
  if (items.length === 0) return null;
  return (
    <Card style={{ borderColor: 'var(--mantine-color-orange-6)' }}>
      <Stack gap="xs">
        <Title order={2}>Waiting for a co-signature</Title>
        <Stack component="ul" gap={4} m={0} pl="md">
          {items.map((d) => (
            <li key={d.id}>
              <Anchor component={Link} to={`/patients/${d.patientId}/screening`} fw={600}>
                {d.patientName}
              </Anchor>
              <Text span fz="sm">
                {' '}
                · decided {d.decision === 'eligible' ? 'eligible' : 'not eligible'} by {d.decidedByName ?? 'a prescriber'} {formatInstant(d.decidedAt, me.clinic.timeZone)}
                {d.permissions.cosign ? ' · you can co-sign' : ' · needs another prescriber'}
              </Text>
            </li>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}
