/** Closing a safety alert: the action taken and a note, both required (the server keeps them with who and when). */
import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { useSession } from '../../app/session';
import { formatInstant } from '../../app/time';
import { flagLabel } from '../questionnaires/labels';
import { ACTION_LABEL, ALERT_ACTIONS, useAcknowledge, type AlertAction, type SafetyAlert } from './queries';

export function AcknowledgeModal({ alert, onClose, onDone }: { alert: SafetyAlert; onClose: () => void; onDone: (message: string) => void }) {
  const me = useSession();
  const [action, setAction] = useState<AlertAction | ''>('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const ack = useAcknowledge();
  const errors = fieldErrors(ack.error);
  const missingAction = tried && !action ? 'Choose the action you took' : undefined;
  const missingNote = tried && note.trim().length < 3 ? 'Describe what was done (at least a few words)' : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!action || note.trim().length < 3) return;
    ack.mutate(
      { id: alert.id, action, note: note.trim() },
      { onSuccess: () => onDone(`The alert for ${alert.patientName} was acknowledged: ${ACTION_LABEL[action]}.`) },
    );
  };

  return (
    <Modal opened onClose={onClose} title="Acknowledge safety alert" size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text>
            <strong>{alert.patientName}</strong> · {flagLabel(alert.flag)} · raised {formatInstant(alert.createdAt, me.clinic.timeZone)}
          </Text>
          {alert.message && <Text fz="sm">{alert.message}</Text>}
          <FormError error={ack.error} title="The alert was not acknowledged" />
          <NativeSelect
            label="Action taken"
            required
            value={action}
            onChange={(e) => setAction(e.currentTarget.value as AlertAction | '')}
            error={missingAction ?? errors.action}
            data={[{ value: '', label: 'Choose the action…' }, ...ALERT_ACTIONS.map((a) => ({ value: a, label: ACTION_LABEL[a] }))]}
            data-autofocus
          />
          <Textarea
            label="Note"
            description="What you did and what was agreed; kept in the patient’s record with your name and the time."
            required
            autosize
            minRows={3}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={missingNote ?? errors.note}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={ack.isPending}>
              Acknowledge alert
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
