/** Every change to an appointment: who, when, before, after and why (newest last, as it happened). */
import { Box, Modal, Stack, Text } from '@mantine/core';
import { ErrorAlert, Loading } from '../../app/states';
import { formatInstant, formatSlot } from '../../app/time';
import type { Lookup } from './CourseTimeline';
import { appointmentName, HISTORY_ACTION_LABEL, reasonText } from './labels';
import { useAppointmentHistory } from './queries';
import type { Appointment, HistoryEntry } from './types';

export function HistoryModal({ appointment, lookup, onClose }: { appointment: Appointment; lookup: Lookup; onClose: () => void }) {
  const history = useAppointmentHistory(appointment.id!);
  return (
    <Modal opened onClose={onClose} title={`History of ${appointmentName(appointment).toLowerCase()}`} size="lg">
      {history.isPending ? (
        <Loading label="Loading the history…" />
      ) : history.isError ? (
        <ErrorAlert error={history.error} title="The history could not be loaded" />
      ) : history.data.length === 0 ? (
        <Text c="dimmed">No changes recorded.</Text>
      ) : (
        <Stack component="ol" gap="md" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Changes, oldest first">
          {history.data.map((h, i) => (
            <Box component="li" key={i} pl="md" style={{ borderLeft: '3px solid var(--mantine-color-gray-4)' }}>
              <Text fw={600}>{HISTORY_ACTION_LABEL[h.action] ?? h.action}</Text>
              <Text fz="sm" c="dimmed">
                {formatInstant(h.changedAt, lookup.timeZone)} · {h.changedByName ? `by ${h.changedByName}` : 'by Tilth'}
              </Text>
              <Text fz="sm">{describe(h, lookup)}</Text>
              {h.reason && <Text fz="sm">Why: {reasonText(h.reason)}</Text>}
            </Box>
          ))}
        </Stack>
      )}
    </Modal>
  );
}

function describe(h: HistoryEntry, lookup: Lookup): string {
  const at = (s: HistoryEntry['after']) => (s?.start ? `${formatSlot(s.start, lookup.timeZone)}${s.roomId ? `, ${lookup.rooms.get(s.roomId) ?? 'a room'}` : ''}` : '');
  if (h.action === 'rescheduled' && h.before && h.after) return `From ${at(h.before)} to ${at(h.after)}.`;
  if (h.action === 'booked' && h.after) return `For ${at(h.after)}.`;
  if (h.before) return `Was ${at(h.before)}.`;
  return '';
}

