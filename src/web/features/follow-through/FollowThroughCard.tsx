/**
 * On the staff home page: the doses whose integration needs attention this morning (overdue, not booked, booked
 * outside the window), with a link to the full follow-through list. Shows nothing when all is on track.
 */
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { formatInstant } from '../../app/time';
import { STATUS_COLOR, STATUS_LABEL } from './IntegrationBadge';
import { useFollowThrough } from './queries';

const SHOWN = 5;

export function FollowThroughCard() {
  const me = useSession();
  const list = useFollowThrough();
  const attention = (list.data?.items ?? []).filter((i) => i.status === 'overdue' || i.status === 'not-booked' || i.status === 'booked-outside-window');
  if (attention.length === 0) return null;
  const overdue = list.data?.counts.overdue ?? 0;
  return (
    <Card style={{ borderColor: overdue ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-orange-6)' }} component="section" aria-labelledby="follow-through-card-title">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} id="follow-through-card-title">
            Integration follow-through
          </Title>
          <Button component={Link} to="/follow-through" variant="light" size="compact-md">
            See all doses
          </Button>
        </Group>
        <Text fz="sm">
          {overdue ? `${overdue} dose${overdue === 1 ? '' : 's'} with the integration overdue. ` : ''}
          {attention.length - overdue > 0 && `${attention.length - overdue} more to book or move.`}
        </Text>
        <Stack component="ul" gap={4} m={0} pl="md">
          {attention.slice(0, SHOWN).map((i) => (
            <li key={i.doseId}>
              <Anchor component={Link} to={`/patients/${i.patientId}/course`} fw={600}>
                {i.patientName}
              </Anchor>
              <Text span fz="sm">
                {' '}
                · dose {i.doseNumber}, {formatInstant(i.doseAt, me.clinic.timeZone)}{' '}
              </Text>
              <Badge color={STATUS_COLOR[i.status]} size="sm" variant={i.status === 'overdue' ? 'filled' : 'light'}>
                {STATUS_LABEL[i.status]}
              </Badge>
            </li>
          ))}
        </Stack>
        {attention.length > SHOWN && <Text fz="sm" c="dimmed">and {attention.length - SHOWN} more.</Text>}
      </Stack>
    </Card>
  );
}
