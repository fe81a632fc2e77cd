/**
 * Time off and extra hours for a staff member, from today on. Adding time off lists booked appointments that fall
 * in it: they are not moved by themselves and need moving (or cancelling) on the patient's course.
 */
import { Alert, Badge, Button, Card, Group, List, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { formatSlot, localInputToInstant, todayIn } from '../../app/time';
import { KIND_LABEL } from '../courses/labels';
import type { AppointmentKind } from '../courses/types';
import { availabilityApi, useAvailabilityMutation, type Availability, type ExceptionCreated } from './queries';

const KIND = { off: 'Time off', extra: 'Extra hours' } as const;

export function ExceptionsCard({ availability, canEdit }: { availability: Availability; canEdit: boolean }) {
  const tz = availability.timeZone;
  const today = todayIn(tz);
  const [v, setV] = useState({ kind: 'off' as 'off' | 'extra', start: `${today}T08:00`, end: `${today}T18:00`, note: '' });
  const [added, setAdded] = useState<ExceptionCreated | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const add = useAvailabilityMutation(availability.staffId, (body: { kind: 'off' | 'extra'; start: string; end: string; note?: string }) =>
    availabilityApi.addException(availability.staffId, body),
  );
  const remove = useAvailabilityMutation(availability.staffId, (id: string) => availabilityApi.removeException(availability.staffId, id));
  const errors = fieldErrors(add.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    let start: string;
    let end: string;
    try {
      start = localInputToInstant(v.start, tz);
      end = localInputToInstant(v.end, tz);
    } catch {
      return setInputError('Choose a valid start and end.');
    }
    setInputError(null);
    add.mutate({ kind: v.kind, start, end, ...(v.note.trim() ? { note: v.note.trim() } : {}) }, { onSuccess: (r) => setAdded(r) });
  };

  return (
    <Card>
      <Stack gap="md">
        <Title order={2}>Time off and extra hours</Title>
        {availability.exceptions.length === 0 ? (
          <Text c="dimmed">None from today on.</Text>
        ) : (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Time off and extra hours">
            {availability.exceptions.map((e) => (
              <Group component="li" key={e.id} justify="space-between" gap="xs" wrap="nowrap">
                <div style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Badge color={e.kind === 'off' ? 'orange' : 'teal'}>{KIND[e.kind]}</Badge>
                    {e.note && <Text fz="sm">{e.note}</Text>}
                  </Group>
                  <Text fz="sm">
                    {formatSlot(e.start, tz)} to {formatSlot(e.end, tz)}
                  </Text>
                </div>
                {canEdit && (
                  <Button variant="subtle" color="red" size="compact-sm" loading={remove.isPending && remove.variables === e.id} onClick={() => remove.mutate(e.id)} aria-label={`Remove ${KIND[e.kind].toLowerCase()} from ${formatSlot(e.start, tz)}`}>
                    Remove
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
        <FormError error={remove.error} title="It was not removed" />
        {added && (
          <Alert color={added.overlappingAppointments.length ? 'orange' : 'sage'} variant="light" role="status" title={`${KIND[added.kind]} added`}>
            {added.overlappingAppointments.length === 0 ? (
              <Text fz="sm">No booked appointment falls in it.</Text>
            ) : (
              <>
                <Text fz="sm">
                  {added.overlappingAppointments.length} booked appointment{added.overlappingAppointments.length === 1 ? ' falls' : 's fall'} in this time off.
                  Nothing was moved: move or cancel {added.overlappingAppointments.length === 1 ? 'it' : 'them'} on the patient’s course.
                </Text>
                <List fz="sm" size="sm">
                  {added.overlappingAppointments.map((a) => (
                    <List.Item key={a.id}>
                      {KIND_LABEL[a.kind as AppointmentKind] ?? a.kind}, {formatSlot(a.start, tz)}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Alert>
        )}
        {canEdit && (
          <form onSubmit={onSubmit} noValidate aria-label="Add time off or extra hours">
            <Stack gap="sm">
              <Title order={3}>Add</Title>
              <FormError error={add.error} title="It was not added" />
              <Radio.Group label="What" value={v.kind} onChange={(kind) => setV({ ...v, kind: kind as 'off' | 'extra' })}>
                <Group gap="md" mt={4}>
                  <Radio value="off" label="Time off" />
                  <Radio value="extra" label="Extra hours" />
                </Group>
              </Radio.Group>
              <Group grow align="flex-start" wrap="wrap" gap="sm">
                <TextInput label="From" type="datetime-local" required value={v.start} onChange={(e) => setV({ ...v, start: e.currentTarget.value })} error={inputError ?? errors.start} miw={200} />
                <TextInput label="Until" type="datetime-local" required value={v.end} onChange={(e) => setV({ ...v, end: e.currentTarget.value })} error={errors.end} miw={200} />
              </Group>
              <Text fz="xs" c="dimmed">
                Clinic time ({tz.replace(/_/g, ' ')}).
              </Text>
              <TextInput label="Note (optional)" value={v.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} error={errors.note} />
              <Group justify="flex-end">
                <Button type="submit" variant="light" loading={add.isPending}>
                  Add {KIND[v.kind].toLowerCase()}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
