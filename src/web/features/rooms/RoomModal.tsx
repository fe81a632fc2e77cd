/** Adding or editing a room: name, kind, equipment, capacity, and whether it is in use. */
import { Button, Checkbox, Group, Modal, NativeSelect, NumberInput, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../../api/client';
import type { Room, RoomKind } from '../../api/types';
import { EQUIPMENT_LABEL, ROOM_KIND_LABEL } from '../../app/labels';
import { FormError } from '../../app/FormError';

export function RoomModal({ room, equipmentOptions, onClose }: { room: Room | null; equipmentOptions: string[]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [v, setV] = useState({
    name: room?.name ?? '',
    kind: room?.kind ?? ('dosing' as RoomKind),
    equipment: room?.equipment ?? [],
    capacity: (room?.capacity ?? 1) as number | string,
    active: room?.active ?? true,
  });
  const save = useMutation({
    mutationFn: () => {
      const body = { name: v.name, kind: v.kind, equipment: v.equipment, capacity: typeof v.capacity === 'number' ? v.capacity : Number(v.capacity) };
      return room ? api.patch<Room>(`/api/rooms/${room.id}`, { ...body, active: v.active }) : api.post<Room>('/api/rooms', body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['rooms'] });
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={room ? `Edit ${room.name}` : 'Add a room'} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormError error={save.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Name" required value={v.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} error={errors.name} data-autofocus />
            <NativeSelect
              label="Kind"
              value={v.kind}
              onChange={(e) => setV({ ...v, kind: e.currentTarget.value as RoomKind })}
              error={errors.kind}
              data={(Object.keys(ROOM_KIND_LABEL) as RoomKind[]).map((k) => ({ value: k, label: ROOM_KIND_LABEL[k] }))}
            />
            <NumberInput label="Capacity" description="People at once" min={1} max={100} allowDecimal={false} value={v.capacity} onChange={(c) => setV({ ...v, capacity: c })} error={errors.capacity} />
          </SimpleGrid>
          <Checkbox.Group label="Equipment" value={v.equipment} onChange={(equipment) => setV({ ...v, equipment })} error={errors.equipment}>
            <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="xs" mt="xs">
              {equipmentOptions.map((e) => (
                <Checkbox key={e} value={e} label={EQUIPMENT_LABEL[e] ?? e} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          {room && (
            <Switch label="In use (inactive rooms cannot be booked)" checked={v.active} onChange={(e) => setV({ ...v, active: e.currentTarget.checked })} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {room ? 'Save room' : 'Add room'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
