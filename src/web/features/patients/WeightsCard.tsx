/** Recorded weights, newest first, and (when permitted) recording a new one. */
import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import type { PatientDetail } from '../../api/types';
import { useSession } from '../../app/session';
import { formatDate, todayIn } from '../../app/time';
import { patientApi, usePatientMutation } from './queries';

export function WeightsCard({ patient }: { patient: PatientDetail }) {
  const me = useSession();
  const today = todayIn(me.clinic.timeZone);
  const [weight, setWeight] = useState<number | string>('');
  const [measuredOn, setMeasuredOn] = useState(today);
  const [done, setDone] = useState<string | null>(null);
  const record = usePatientMutation(patient.id, (body: { weightKg: number; measuredOn: string }) => patientApi.recordWeight(patient.id, body));
  const errors = fieldErrors(record.error);
  const weights = patient.weights ?? [];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (typeof weight !== 'number') return;
    setDone(null);
    record.mutate(
      { weightKg: weight, measuredOn },
      { onSuccess: () => (setDone(`Weight ${weight} kg recorded.`), setWeight('')) },
    );
  };

  return (
    <Card>
      <Stack gap="md">
        <Title order={2}>Weight</Title>
        {weights.length === 0 ? (
          <Text c="dimmed">No weight recorded yet.</Text>
        ) : (
          <Table aria-label="Recorded weights" highlightOnHover={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Measured on</Table.Th>
                <Table.Th scope="col" ta="right">
                  Weight
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {weights.slice(0, 6).map((w, i) => (
                <Table.Tr key={`${w.measuredOn}-${i}`}>
                  <Table.Td>{formatDate(w.measuredOn)}</Table.Td>
                  <Table.Td ta="right">{w.weightKg.toFixed(1)} kg</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {done && (
          <Alert color="sage" role="status" variant="light">
            {done}
          </Alert>
        )}
        {patient.permissions.recordWeight && (
          <form onSubmit={onSubmit} noValidate aria-label="Record weight">
            <Stack gap="sm">
              {record.error && (
                <Alert color="red" role="alert">
                  {record.error.message}
                </Alert>
              )}
              <Group grow align="flex-start" gap="sm" wrap="wrap">
                <NumberInput label="Weight (kg)" min={1} max={699} decimalScale={1} value={weight} onChange={setWeight} error={errors.weightKg} required />
                <TextInput label="Measured on" type="date" max={today} value={measuredOn} onChange={(e) => setMeasuredOn(e.currentTarget.value)} error={errors.measuredOn} />
              </Group>
              <Group justify="flex-end">
                <Button type="submit" variant="light" disabled={typeof weight !== 'number'} loading={record.isPending}>
                  Record weight
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
