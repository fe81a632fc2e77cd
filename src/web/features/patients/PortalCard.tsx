/** Whether the patient can sign in to the portal, and sending an invitation (a set-password link by email). */
import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PatientDetail } from '../../api/types';
import { patientApi, patientKey } from './queries';

export function PortalCard({ patient }: { patient: PatientDetail }) {
  const queryClient = useQueryClient();
  const invite = useMutation({
    mutationFn: () => patientApi.invite(patient.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: patientKey(patient.id) }),
  });
  return (
    <Card>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2}>Patient portal</Title>
          <Badge color={patient.portalAccount ? 'green' : 'gray'}>{patient.portalAccount ? 'Has an account' : 'No account'}</Badge>
        </Group>
        <Text fz="sm">
          In the portal, patients see their own overview and who accessed their record.
          {!patient.email && ' Add an email address to invite this patient.'}
        </Text>
        {invite.isSuccess && (
          <Alert color="sage" role="status" variant="light">
            An invitation with a set-password link was sent to {invite.data.invited}.
          </Alert>
        )}
        {invite.error && (
          <Alert color="red" role="alert">
            {invite.error.message}
          </Alert>
        )}
        {patient.permissions.invitePortal && (
          <Group justify="flex-end">
            <Button variant="light" onClick={() => invite.mutate()} loading={invite.isPending} disabled={!patient.email}>
              {patient.portalAccount ? 'Send a new set-password link' : 'Invite to the portal'}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
