/** Changing a proposed appointment's time before booking: a clinic-local date and time; checked when the plan is booked. */
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { formatSlot, instantToLocalInput, localInputToInstant, todayIn } from '../../app/time';
import { appointmentName } from './labels';
import type { Appointment } from './types';

export interface AdjustModalProps {
  appointment: Appointment;
  /** The time the planner proposed (the appointment may already carry an adjusted one). */
  proposedStart: string;
  timeZone: string;
  onSet: (start: string | null) => void;
  onClose: () => void;
}

export function AdjustModal({ appointment, proposedStart, timeZone, onSet, onClose }: AdjustModalProps) {
  const [value, setValue] = useState(() => instantToLocalInput(appointment.start, timeZone));
  const [error, setError] = useState<string | null>(null);
  const name = appointmentName(appointment);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!value) return setError('Choose a date and time.');
    let start: string;
    try {
      start = localInputToInstant(value, timeZone);
    } catch {
      return setError('Choose a valid date and time.');
    }
    if (Date.parse(start) < Date.now()) return setError('Choose a time in the future.');
    onSet(start === new Date(proposedStart).toISOString() || start === proposedStart ? null : start);
  };
  return (
    <Modal opened onClose={onClose} title={`Change the time of ${name.toLowerCase()}`} size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text fz="sm">
            Proposed: {formatSlot(proposedStart, timeZone)}. The new time is checked with every other appointment when you book the plan; anything
            that does not fit is listed then, with the rule it breaks.
          </Text>
          <TextInput
            label="New date and time"
            description={`Clinic time (${timeZone.replace(/_/g, ' ')})`}
            type="datetime-local"
            required
            min={`${todayIn(timeZone)}T00:00`}
            value={value}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            data-autofocus
          />
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => onSet(null)}>
              Use the proposed time
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit">Use this time</Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
