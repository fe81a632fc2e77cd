/**
 * The patient's own upcoming appointments, in clinic time with the zone's name, with what to know before a dosing
 * session; and a private calendar link to subscribe to.
 */
import { Badge, Box, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { formatDay, formatTimeRange, zoneName } from '../../app/time';
import { appointmentName, APPOINTMENT_STATUS_LABEL, KIND_COLOR, KIND_LABEL } from '../courses/labels';
import { FeedCard } from './FeedCard';
import { useMyAppointments } from './queries';
import type { CalendarItem } from './types';

const ABOUT: Record<string, string> = {
  preparation: 'Getting ready together: what to expect, your intentions, and how you will feel safe.',
  dosing: 'Your dosing session, with your therapist and medical staff present throughout.',
  integration: 'Talking through what you experienced and how to carry it into daily life.',
  'follow-up': 'A follow-up with your care team.',
};

export function MyAppointmentsPage() {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const mine = useMyAppointments();
  const items = (mine.data?.items ?? []).filter((i) => i.status === 'booked');
  const dates = [...new Set(items.map((i) => i.localDate))];
  return (
    <Page title="My appointments" description={`Your upcoming appointments at ${me.clinic.name}. Times are in ${tz.replace(/_/g, ' ')} time (${zoneName(tz)}).`}>
      {mine.isPending ? (
        <Loading label="Loading your appointments…" />
      ) : mine.isError ? (
        <ErrorAlert error={mine.error} title="Your appointments could not be loaded" />
      ) : items.length === 0 ? (
        <Card>
          <Text>You have no upcoming appointments. Your care team will plan them with you.</Text>
        </Card>
      ) : (
        <Stack component="ol" gap="lg" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Upcoming appointments by day">
          {dates.map((date) => (
            <li key={date}>
              <Title order={2} fz="lg" mb="xs">
                {formatDay(date, true)}
              </Title>
              <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
                {items
                  .filter((i) => i.localDate === date)
                  .map((i) => (
                    <Box component="li" key={i.id}>
                      <AppointmentCard item={i} tz={tz} />
                    </Box>
                  ))}
              </Stack>
            </li>
          ))}
        </Stack>
      )}
      <FeedCard patient />
    </Page>
  );
}

function AppointmentCard({ item, tz }: { item: CalendarItem; tz: string }) {
  return (
    <Card padding="md" style={{ borderLeft: `4px solid var(--mantine-color-${KIND_COLOR[item.kind]}-7)` }}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs">
          <Title order={3}>{item.kind === 'dosing' ? `Dosing session ${item.number}` : appointmentName(item)}</Title>
          <Badge color="sage">{APPOINTMENT_STATUS_LABEL[item.status]}</Badge>
        </Group>
        <Text fw={600}>{formatTimeRange(item.start, item.end, tz)}</Text>
        <Text fz="sm">
          {item.roomName} · with {item.therapistName}
          {item.nurseName && ` and ${item.nurseName}`}
        </Text>
        <Text fz="sm" c="dimmed">
          {ABOUT[item.kind] ?? KIND_LABEL[item.kind]}
        </Text>
        {item.kind === 'dosing' && (
          <List fz="sm" size="sm" mt={4} aria-label="Before your dosing session">
            <List.Item>Follow the fasting instructions in your reminder (when to stop eating and drinking).</List.Item>
            <List.Item>Arrange for someone to take you home: no driving until the next day.</List.Item>
          </List>
        )}
      </Stack>
    </Card>
  );
}
