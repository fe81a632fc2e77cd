/**
 * The patient's post-dose check-ins (/my-checkins): the ones to answer now (asked for the morning after a dose, open
 * for 72 hours), then the recent ones answered or missed; the clinic's crisis resources at the foot, always.
 */
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Page } from '../../app/Page';
import { ErrorAlert, Loading } from '../../app/states';
import { formatInstant } from '../../app/time';
import { CheckinForm, CheckinSent, type Sent } from './CheckinForm';
import { moodWords, SAFETY_SHORT, SLEEP_LABEL } from './labels';
import { answerable, useMyCheckins, type OwnCheckin } from './queries';

export function MyCheckinsPage() {
  const checkins = useMyCheckins();
  // Answers sent on this visit: their outcome (the crisis resources after a risk answer) stays at the top.
  const [sent, setSent] = useState<Sent[]>([]);
  const open = answerable(checkins.data?.items ?? []).filter((i) => !sent.some((x) => x.appointmentId === i.appointmentId));
  return (
    <Page title="My check-ins" description="A few questions the morning after each dose. Your therapist reads your answers before your integration session.">
      {checkins.isPending ? (
        <Loading label="Loading your check-ins…" />
      ) : checkins.isError ? (
        <ErrorAlert error={checkins.error} title="Your check-ins could not be loaded" />
      ) : (
        <Stack gap="lg">
          {sent.map((x) => (
            <CheckinSent key={x.appointmentId} sent={x} />
          ))}
          {open.map((item) => (
            <Card key={item.appointmentId} component="section" aria-label={`Check-in after dose ${item.doseNumber}`}>
              <CheckinForm item={item} timeZone={checkins.data.timeZone} onSent={(x) => setSent((list) => [x, ...list])} />
            </Card>
          ))}
          {open.length === 0 && sent.length === 0 && (
            <Text c="dimmed">Nothing to answer right now. After each dose, a check-in opens here; we ask for it the next morning.</Text>
          )}
          <Earlier items={checkins.data.items.filter((i) => i.state === 'done' || i.state === 'closed')} timeZone={checkins.data.timeZone} />
          <Card withBorder component="aside" aria-label="If you need help now">
            <Stack gap={4}>
              <Title order={2} fz="md">
                If you need help now
              </Title>
              <Text fz="sm">Check-ins are not watched around the clock. {checkins.data.crisisResources}</Text>
            </Stack>
          </Card>
        </Stack>
      )}
    </Page>
  );
}

function Earlier({ items, timeZone }: { items: OwnCheckin[]; timeZone: string }) {
  if (items.length === 0) return null;
  return (
    <Card component="section" aria-labelledby="earlier-checkins">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="earlier-checkins">
          Recent check-ins
        </Title>
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((i) => (
            <li key={i.appointmentId}>
              <Group gap="xs">
                <Text fw={600}>After dose {i.doseNumber}</Text>
                <Text fz="sm" c="dimmed">
                  {formatInstant(i.doseStart, timeZone)}
                </Text>
                {i.checkin ? <Badge color="sage">Answered</Badge> : <Badge color="gray">Not answered</Badge>}
                {i.checkin?.enteredOnBehalf && <Badge color="gray" variant="outline">Entered by your care team</Badge>}
              </Group>
              {i.checkin && (
                <Text fz="sm">
                  Mood {i.checkin.mood} of 10 ({moodWords(i.checkin.mood)}) · slept {SLEEP_LABEL[i.checkin.sleep].toLowerCase()}
                  {i.checkin.safety !== 'no' && ` · ${SAFETY_SHORT[i.checkin.safety]}`}
                </Text>
              )}
            </li>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}
