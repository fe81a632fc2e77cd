/** The patient's status, its reason, and (when permitted) a move to one of the allowed next statuses. */
import { Alert, Anchor, Button, Card, Group, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import type { PatientDetail, PatientStatus } from '../../api/types';
import { STATUS_LABEL } from '../../app/labels';
import { patientApi, usePatientMutation } from './queries';
import { StatusBadge } from './StatusBadge';

export function StatusCard({ patient }: { patient: PatientDetail }) {
  const [next, setNext] = useState<PatientStatus | ''>('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const change = usePatientMutation(patient.id, (body: { status: PatientStatus; reason: string | null }) => patientApi.changeStatus(patient.id, body));
  const errors = fieldErrors(change.error);
  const canChange = patient.permissions.changeStatus && patient.allowedNextStatuses.length > 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!next) return;
    setDone(null);
    change.mutate(
      { status: next, reason: reason.trim() || null },
      {
        onSuccess: (detail) => {
          setDone(`Status changed to ${STATUS_LABEL[detail.status]}.`);
          setNext('');
          setReason('');
        },
      },
    );
  };

  return (
    <Card>
      <Stack gap="md">
        <Title order={2}>Status</Title>
        <Group gap="sm">
          <StatusBadge status={patient.status} size="lg" />
        </Group>
        {patient.statusReason && (
          <Text fz="sm">
            <Text span fw={600}>
              Reason:{' '}
            </Text>
            {patient.statusReason}
          </Text>
        )}
        {patient.status === 'screening' && (
          <Text fz="sm">
            Eligible or not is a prescriber’s decision, made on the{' '}
            <Anchor component={Link} to={`/patients/${patient.id}/screening`}>
              screening and eligibility page
            </Anchor>
            .
          </Text>
        )}
        {done && (
          <Alert color="sage" role="status" variant="light">
            {done}
          </Alert>
        )}
        {canChange && (
          <form onSubmit={onSubmit} noValidate aria-label="Change status">
            <Stack gap="sm">
              {change.error && (
                <Alert color="red" role="alert">
                  {change.error.message}
                </Alert>
              )}
              <NativeSelect
                label="Move to"
                value={next}
                onChange={(e) => setNext(e.currentTarget.value as PatientStatus | '')}
                error={errors.status}
                data={[{ value: '', label: 'Choose the next status…' }, ...patient.allowedNextStatuses.map((s) => ({ value: s, label: STATUS_LABEL[s] }))]}
              />
              {next && (
                <Textarea
                  label="Reason"
                  description={next === 'withdrawn' ? 'Required when withdrawing a patient.' : 'Optional; kept in the status history.'}
                  required={next === 'withdrawn'}
                  autosize
                  minRows={2}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  error={errors.reason}
                />
              )}
              <Group justify="flex-end">
                <Button type="submit" disabled={!next} loading={change.isPending}>
                  Change status
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
