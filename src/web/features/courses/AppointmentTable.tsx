/** A course's appointments as a list: what, when (clinic time with the zone), where and who, status, and actions. */
import { Badge, Box, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { TableWrap } from '../../app/TableWrap';
import { formatSlot, formatTime } from '../../app/time';
import { apptKey, type Lookup } from './CourseTimeline';
import { APPOINTMENT_STATUS_COLOR, APPOINTMENT_STATUS_LABEL, KIND_COLOR, KIND_LABEL, appointmentName, reasonText } from './labels';
import type { Appointment } from './types';

export interface AppointmentTableProps {
  appointments: Appointment[];
  lookup: Lookup;
  label: string;
  changed?: Set<string>;
  actions?: (a: Appointment) => ReactNode;
  /** Extra badges beside the status (the integration follow-through of a dose). */
  badges?: (a: Appointment) => ReactNode;
}

export function AppointmentTable({ appointments, lookup, label, changed, actions, badges }: AppointmentTableProps) {
  const tz = lookup.timeZone;
  const sorted = [...appointments].sort((a, b) => a.start.localeCompare(b.start));
  // On a phone a four-column table only scrolls sideways: each appointment becomes a block of its own instead.
  const narrow = useMediaQuery('(max-width: 47.99em)') ?? false;
  if (narrow) {
    return (
      <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label={label}>
        {sorted.map((a) => (
          <Box component="li" key={a.id ?? apptKey(a)} py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
            <Stack gap={2}>
              <Names a={a} changed={changed} extra={badges?.(a)} />
              <Text fz="sm">
                {formatSlot(a.start, tz)}, until {formatTime(a.end, tz)}
              </Text>
              <Where a={a} lookup={lookup} />
              {actions && <Box mt={4}>{actions(a)}</Box>}
            </Stack>
          </Box>
        ))}
      </Stack>
    );
  }
  return (
    <TableWrap label={label}>
      <Table aria-label={label} highlightOnHover={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Appointment</Table.Th>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">Where and who</Table.Th>
            {actions && <Table.Th scope="col">Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((a) => (
            <Table.Tr key={a.id ?? apptKey(a)}>
              <Table.Td>
                <Names a={a} changed={changed} extra={badges?.(a)} />
              </Table.Td>
              <Table.Td>
                <Text fz="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatSlot(a.start, tz)}
                </Text>
                <Text fz="xs" c="dimmed">
                  until {formatTime(a.end, tz)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Where a={a} lookup={lookup} />
              </Table.Td>
              {actions && <Table.Td>{actions(a)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableWrap>
  );
}

function Names({ a, changed, extra }: { a: Appointment; changed?: Set<string> | undefined; extra?: ReactNode }) {
  return (
    <>
      <Text fw={600} fz="sm">
        {appointmentName(a)}
      </Text>
      <Group gap={4} mt={2}>
        <Badge color={KIND_COLOR[a.kind]} size="sm" variant="outline">
          {KIND_LABEL[a.kind]}
        </Badge>
        <Badge color={APPOINTMENT_STATUS_COLOR[a.status]} size="sm">
          {APPOINTMENT_STATUS_LABEL[a.status]}
        </Badge>
        {changed?.has(apptKey(a)) && (
          <Badge color="orange" size="sm">
            Time changed
          </Badge>
        )}
        {a.exceptionReason && (
          <Badge color="orange" size="sm">
            Exception
          </Badge>
        )}
        {extra}
      </Group>
    </>
  );
}

function Where({ a, lookup }: { a: Appointment; lookup: Lookup }) {
  return (
    <>
      <Text fz="sm">{lookup.rooms.get(a.roomId) ?? 'Room'}</Text>
      <Text fz="xs" c="dimmed">
        {lookup.staff.get(a.therapistId) ?? 'Therapist'}
        {a.nurseId && ` · nurse ${lookup.staff.get(a.nurseId) ?? ''}`}
      </Text>
      {a.exceptionReason && <Text fz="xs">Exception: {a.exceptionReason}</Text>}
      {a.cancelReason && <Text fz="xs">Cancelled: {reasonText(a.cancelReason)}</Text>}
    </>
  );
}
