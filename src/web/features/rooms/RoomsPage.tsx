/** Admin: the clinic's rooms, their kind and equipment; add and edit. */
import { Badge, Button, Card, Group, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Room } from '../../api/types';
import { Icon } from '../../app/icons';
import { EQUIPMENT_LABEL, ROOM_KIND_LABEL } from '../../app/labels';
import { Page } from '../../app/Page';
import { ErrorAlert, Loading } from '../../app/states';
import { RoomModal } from './RoomModal';
import { TableWrap } from '../../app/TableWrap';

export const ROOMS_KEY = ['rooms'] as const;

export function useRooms() {
  return useQuery({ queryKey: ROOMS_KEY, queryFn: () => api.get<{ items: Room[]; equipmentOptions: string[] }>('/api/rooms') });
}

export function RoomsPage() {
  const rooms = useRooms();
  const [editing, setEditing] = useState<Room | 'new' | null>(null);
  return (
    <Page
      title="Rooms"
      description="Where sessions happen. Dosing rooms need the monitoring equipment your protocol asks for."
      actions={
        <Button leftSection={<Icon name="plus" size={18} />} onClick={() => setEditing('new')}>
          Add room
        </Button>
      }
    >
      {rooms.isPending ? (
        <Loading label="Loading rooms…" />
      ) : rooms.isError ? (
        <ErrorAlert error={rooms.error} title="The rooms could not be loaded" />
      ) : rooms.data.items.length === 0 ? (
        <Text c="dimmed">No rooms yet. Add the clinic’s first room.</Text>
      ) : (
        <Card padding={0}>
          <TableWrap label="Rooms">
            <Table aria-label="Rooms">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" pl="lg">Room</Table.Th>
                  <Table.Th scope="col">Kind</Table.Th>
                  <Table.Th scope="col" visibleFrom="sm">Equipment</Table.Th>
                  <Table.Th scope="col" visibleFrom="sm">Capacity</Table.Th>
                  <Table.Th scope="col">Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rooms.data.items.map((room) => (
                  <Table.Tr key={room.id}>
                    <Table.Td pl="lg">
                      <Group gap="xs">
                        <Text fw={600}>{room.name}</Text>
                        {!room.active && <Badge color="gray">Inactive</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td>{ROOM_KIND_LABEL[room.kind]}</Table.Td>
                    <Table.Td visibleFrom="sm">
                      <Text fz="sm">{room.equipment.map((e) => EQUIPMENT_LABEL[e] ?? e).join(', ') || '—'}</Text>
                    </Table.Td>
                    <Table.Td visibleFrom="sm">{room.capacity}</Table.Td>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => setEditing(room)} aria-label={`Edit ${room.name}`}>
                        Edit
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableWrap>
        </Card>
      )}
      {editing && rooms.data && (
        <RoomModal room={editing === 'new' ? null : editing} equipmentOptions={rooms.data.equipmentOptions} onClose={() => setEditing(null)} />
      )}
    </Page>
  );
}
