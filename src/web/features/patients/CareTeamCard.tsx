/** Who cares for the patient; admins and prescribers may change the team. */
import { Alert, Button, Card, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { useStaffList } from '../../api/staff';
import type { PatientDetail } from '../../api/types';
import { ROLE_LABEL } from '../../app/labels';
import { CareTeamFields } from './CareTeamFields';
import { patientApi, usePatientMutation } from './queries';

export function CareTeamCard({ patient }: { patient: PatientDetail }) {
  const [opened, { open, close }] = useDisclosure(false);
  const canEdit = patient.permissions.manageCareTeam;
  return (
    <Card>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2}>Care team</Title>
          {canEdit && (
            <Button variant="subtle" size="compact-sm" onClick={open} aria-label="Change care team">
              Change
            </Button>
          )}
        </Group>
        {patient.careTeam.length === 0 ? (
          <Text c="dimmed">Nobody is on the care team yet.</Text>
        ) : (
          <List listStyleType="none" spacing="xs">
            {patient.careTeam.map((m) => (
              <List.Item key={m.staffId}>
                <Text span fw={600}>
                  {m.name}
                </Text>
                <Text span c="dimmed">
                  {' '}
                  · {ROLE_LABEL[m.role]}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
      {canEdit && opened && <CareTeamModal patient={patient} onClose={close} />}
    </Card>
  );
}

function CareTeamModal({ patient, onClose }: { patient: PatientDetail; onClose: () => void }) {
  const staff = useStaffList();
  const [team, setTeam] = useState({
    therapistIds: patient.careTeam.filter((m) => m.role === 'therapist').map((m) => m.staffId),
    prescriberId: patient.careTeam.find((m) => m.role === 'prescriber')?.staffId ?? '',
  });
  const save = usePatientMutation(patient.id, () =>
    patientApi.setCareTeam(patient.id, { therapistIds: team.therapistIds, prescriberId: team.prescriberId || null }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} title="Change care team" size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {save.error && (
            <Alert color="red" role="alert">
              {save.error.message}
            </Alert>
          )}
          {staff.data ? (
            <CareTeamFields staff={staff.data} {...team} onChange={setTeam} errors={fieldErrors(save.error)} legend="Members" />
          ) : (
            <Text c="dimmed">Loading staff…</Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save care team
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
