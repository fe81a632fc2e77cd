/** Staff: today's sessions by room (clinic-local today), for the front desk and the dosing team. */
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { formatDay } from '../../app/time';
import { ROOM_KIND_LABEL } from '../../app/labels';
import type { RoomKind } from '../../api/types';
import { ItemChip } from './ItemChip';
import { useToday } from './queries';

export function TodayBoardPage() {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const today = useToday();
  return (
    <Page
      title="Today by room"
      description={today.data ? `${formatDay(today.data.date, true)}, clinic time (${tz.replace(/_/g, ' ')}).` : 'Today’s sessions in each room.'}
      actions={
        <Group gap="sm">
          <Button variant="default" onClick={() => void today.refetch()} loading={today.isRefetching}>
            Refresh
          </Button>
          <Button component={Link} to="/calendar" variant="light">
            Calendar
          </Button>
        </Group>
      }
    >
      {today.isPending ? (
        <Loading label="Loading today’s sessions…" />
      ) : today.isError ? (
        <ErrorAlert error={today.error} title="Today’s sessions could not be loaded" />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" style={{ alignItems: 'start' }}>
          {today.data.rooms.map((room) => {
            const live = room.items.filter((i) => i.status !== 'cancelled');
            return (
              <Card key={room.id} padding="md">
                <Stack gap="sm">
                  <Group justify="space-between" gap="xs">
                    <Title order={2} fz="lg">
                      {room.name}
                    </Title>
                    <Group gap={4}>
                      <Badge color="gray">{ROOM_KIND_LABEL[room.kind as RoomKind] ?? room.kind}</Badge>
                      {!room.active && <Badge color="orange">Not in use</Badge>}
                    </Group>
                  </Group>
                  {room.items.length === 0 ? (
                    <Text c="dimmed" fz="sm">
                      Nothing booked today.
                    </Text>
                  ) : (
                    <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-label={`${room.name}: ${live.length} session${live.length === 1 ? '' : 's'} today`}>
                      {room.items.map((i) => (
                        <li key={i.id}>
                          <ItemChip item={i} tz={tz} hide="room" />
                        </li>
                      ))}
                    </Stack>
                  )}
                </Stack>
              </Card>
            );
          })}
        </SimpleGrid>
      )}
    </Page>
  );
}
