/**
 * Recorded dose times (a stand-in for dosing sessions until scheduling exists): dose-anchored questionnaires are
 * scheduled around each. Prescribers and nurses record them.
 */
import { Alert, Button, Card, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { useSession } from '../../app/session';
import { formatInstant, localInputToInstant, nowInputValue } from '../../app/time';
import { questionnaireApi, useDoses, useMeasurementMutation } from './queries';

export function DosesCard({ patientId }: { patientId: string }) {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const doses = useDoses(patientId);
  const canRecord = me.user.role === 'prescriber' || me.user.role === 'nurse';
  const [at, setAt] = useState(() => nowInputValue(tz));
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const record = useMeasurementMutation(patientId, (body: { dosedAt: string; note?: string }) => questionnaireApi.recordDose(patientId, body));
  const errors = fieldErrors(record.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (!at) return;
    record.mutate(
      { dosedAt: localInputToInstant(at, tz), ...(note.trim() ? { note: note.trim() } : {}) },
      { onSuccess: (d) => (setDone(`Dose recorded for ${formatInstant(d.dosedAt, tz)}; questionnaires around it are scheduled.`), setNote('')) },
    );
  };

  return (
    <Card>
      <Stack gap="md">
        <Title order={2}>Doses</Title>
        {doses.data && doses.data.length === 0 && <Text c="dimmed">No dose recorded yet.</Text>}
        {doses.data && doses.data.length > 0 && (
          <List aria-label="Recorded doses" spacing={4}>
            {doses.data.map((d) => (
              <List.Item key={d.id}>
                {formatInstant(d.dosedAt, tz)}
                {d.note && <Text span c="dimmed"> · {d.note}</Text>}
              </List.Item>
            ))}
          </List>
        )}
        {done && (
          <Alert color="sage" role="status" variant="light">
            {done}
          </Alert>
        )}
        {canRecord && (
          <form onSubmit={onSubmit} noValidate aria-label="Record a dose">
            <Stack gap="sm">
              <FormError error={record.error} title="The dose was not recorded" />
              <Group grow align="flex-start" wrap="wrap" gap="sm">
                <TextInput label="Dose given at" description={`Clinic time (${tz.replace(/_/g, ' ')})`} type="datetime-local" required value={at} onChange={(e) => setAt(e.currentTarget.value)} error={errors.dosedAt} />
                <TextInput label="Note (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
              </Group>
              <Group justify="flex-end">
                <Button type="submit" variant="light" loading={record.isPending} disabled={!at}>
                  Record dose
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
