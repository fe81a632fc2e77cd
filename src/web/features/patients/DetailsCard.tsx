/** Personal details (demographics and contact); editable by admins, prescribers and nurses. */
import { Button, Card, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent, type ReactNode } from 'react';
import { fieldErrors } from '../../api/client';
import type { PatientDetail } from '../../api/types';
import { SEX_LABEL } from '../../app/labels';
import { formatDate } from '../../app/time';
import { formFromPatient, PatientFields, patientBody } from './PatientFields';
import { patientApi, usePatientMutation } from './queries';
import { FormError } from '../../app/FormError';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
        {label}
      </Text>
      <Text>{children || '—'}</Text>
    </div>
  );
}

export function DetailsCard({ patient, editable = true }: { patient: PatientDetail; editable?: boolean }) {
  const [opened, { open, close }] = useDisclosure(false);
  const a = patient.address;
  const e = patient.emergencyContact;
  const canEdit = editable && patient.permissions.updateDemographics;
  return (
    <Card>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2}>Personal details</Title>
          {canEdit && (
            <Button variant="subtle" size="compact-sm" onClick={open} aria-label="Edit personal details">
              Edit
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
          <Item label="Date of birth">{formatDate(patient.dateOfBirth)}</Item>
          <Item label="Sex assigned at birth">{SEX_LABEL[patient.sexAssignedAtBirth]}</Item>
          <Item label="Pronouns">{patient.pronouns}</Item>
          <Item label="Preferred name">{patient.preferredName}</Item>
          <Item label="Email">{patient.email}</Item>
          <Item label="Phone">{patient.phone}</Item>
          <Item label="Address">
            {a && [a.line1, a.line2, `${a.city}, ${a.region} ${a.postalCode}`, a.country].filter(Boolean).join(', ')}
          </Item>
          <Item label="Emergency contact">{e && `${e.name} (${e.relationship}), ${e.phone}`}</Item>
        </SimpleGrid>
      </Stack>
      {canEdit && opened && <EditDetailsModal patient={patient} onClose={close} />}
    </Card>
  );
}

function EditDetailsModal({ patient, onClose }: { patient: PatientDetail; onClose: () => void }) {
  const [values, setValues] = useState(() => formFromPatient(patient));
  const save = usePatientMutation(patient.id, () => patientApi.update(patient.id, patientBody(values)));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} title="Edit personal details" size="xl">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormError error={save.error} />
          <PatientFields value={values} onChange={setValues} errors={fieldErrors(save.error)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save details
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
