/** On the patient's overview: a card asking for the post-dose check-in while one is open (most prominent the morning after). */
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatInstant } from '../../app/time';
import { answerable, useMyCheckins } from './queries';

export function CheckinPrompt() {
  const checkins = useMyCheckins();
  const open = answerable(checkins.data?.items ?? []);
  const first = open[0];
  if (!first || !checkins.data) return null;
  return (
    <Card withBorder style={{ borderColor: 'var(--mantine-color-sage-6)' }} component="section" aria-labelledby="checkin-prompt-title">
      <Stack gap="xs">
        <Title order={2} fz="lg" id="checkin-prompt-title">
          {first.state === 'due' ? 'How are you this morning?' : 'Your check-in after today’s dose'}
        </Title>
        <Text fz="sm">
          A few short questions about how you are after dose {first.doseNumber} ({formatInstant(first.doseStart, checkins.data.timeZone)}).
          {first.closesAt && ` Open until ${formatInstant(first.closesAt, checkins.data.timeZone)}.`}
        </Text>
        <Group>
          <Button component={Link} to="/my-checkins">
            {open.length > 1 ? `Answer ${open.length} check-ins` : 'Answer the check-in'}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
