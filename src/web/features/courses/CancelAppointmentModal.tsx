/**
 * Cancelling one appointment with a reason (and a note); for a dosing session, whether its integration session is
 * cancelled with it (the default) or kept, e.g. to talk through why the dose did not happen.
 */
import { Button, Group, Modal, NativeSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { formatSlot } from '../../app/time';
import type { Lookup } from './CourseTimeline';
import { appointmentName, CANCEL_REASON_LABEL } from './labels';
import { courseApi, useScheduleMutation } from './queries';
import { CANCEL_REASONS, type Appointment, type CancelReason } from './types';

export interface CancelAppointmentModalProps {
  appointment: Appointment;
  /** The dose's integration session, when this is a dosing session and it is still booked. */
  integration: Appointment | null;
  lookup: Lookup;
  onClose: () => void;
  onDone: (message: string) => void;
}

export function CancelAppointmentModal({ appointment, integration, lookup, onClose, onDone }: CancelAppointmentModalProps) {
  const name = appointmentName(appointment);
  const [reason, setReason] = useState<CancelReason | ''>('');
  const [note, setNote] = useState('');
  const [keep, setKeep] = useState<'cancel' | 'keep'>('cancel');
  const [missing, setMissing] = useState(false);
  const cancel = useScheduleMutation(appointment.patientId, (body: { reason: CancelReason; note?: string; integration?: 'cancel' | 'keep' }) => courseApi.cancel(appointment.id!, body));
  const errors = fieldErrors(cancel.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason) return setMissing(true);
    cancel.mutate(
      { reason, ...(note.trim() ? { note: note.trim() } : {}), ...(integration ? { integration: keep } : {}) },
      {
        onSuccess: (r) =>
          onDone(
            r.cancelled.length > 1
              ? `${name} and ${appointmentName(integration!).toLowerCase()} were cancelled (${CANCEL_REASON_LABEL[reason].toLowerCase()}).`
              : `${name} was ${reason === 'no-show' ? 'recorded as a no-show' : 'cancelled'} (${CANCEL_REASON_LABEL[reason].toLowerCase()}).${integration && keep === 'keep' ? ` ${appointmentName(integration)} stays booked.` : ''}`,
          ),
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={`Cancel ${name.toLowerCase()}`} size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text fz="sm">
            {name}, {formatSlot(appointment.start, lookup.timeZone)}. The time is freed and the patient’s reminders are withdrawn; the cancellation
            is kept in the appointment’s history.
          </Text>
          <FormError error={cancel.error} title="The appointment was not cancelled" />
          <NativeSelect
            label="Reason"
            required
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value as CancelReason | '');
              setMissing(false);
            }}
            error={missing ? 'Choose a reason' : errors.reason}
            data={[{ value: '', label: 'Choose a reason…' }, ...CANCEL_REASONS.map((r) => ({ value: r, label: CANCEL_REASON_LABEL[r] }))]}
            data-autofocus
          />
          <Textarea
            label={reason === 'other' ? 'Why' : 'Note (optional)'}
            required={reason === 'other'}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          {integration && (
            <Radio.Group
              label={`${appointmentName(integration)} (${formatSlot(integration.start, lookup.timeZone)})`}
              description="An integration session belongs to its dose."
              value={keep}
              onChange={(v) => setKeep(v as 'cancel' | 'keep')}
            >
              <Stack gap="xs" mt="xs">
                <Radio value="cancel" label="Cancel it too" />
                <Radio value="keep" label="Keep it booked (e.g. to talk through why the dose did not happen)" />
              </Stack>
            </Radio.Group>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep the appointment
            </Button>
            <Button type="submit" color="red" variant="light" loading={cancel.isPending}>
              Cancel {name.toLowerCase()}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
