/** Adding a staff member (they get a set-password link by email) and adding a credential (licence). */
import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import type { StaffMember, StaffRole } from '../../api/types';
import { ROLE_LABEL } from '../../app/labels';
import { staffApi, useStaffMutation } from './queries';
import { FormError } from '../../app/FormError';

const ROLES: StaffRole[] = ['admin', 'prescriber', 'nurse', 'therapist'];

export function AddStaffModal({ onClose, onDone }: { onClose: () => void; onDone: (m: StaffMember) => void }) {
  const [v, setV] = useState({ givenName: '', familyName: '', email: '', role: 'therapist' as StaffRole, phone: '' });
  const create = useStaffMutation(() => staffApi.create({ ...v, phone: v.phone.trim() || null }));
  const errors = fieldErrors(create.error);
  const set = (key: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV({ ...v, [key]: e.currentTarget.value });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(undefined, { onSuccess: onDone });
  };
  return (
    <Modal opened onClose={onClose} title="Add a staff member" size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormError error={create.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Given name" required value={v.givenName} onChange={set('givenName')} error={errors.givenName} data-autofocus />
            <TextInput label="Family name" required value={v.familyName} onChange={set('familyName')} error={errors.familyName} />
            <TextInput label="Email" type="email" required value={v.email} onChange={set('email')} error={errors.email} description="A set-password link is sent here" />
            <TextInput label="Phone" type="tel" value={v.phone} onChange={set('phone')} error={errors.phone} />
            <NativeSelect label="Role" required value={v.role} onChange={set('role')} error={errors.role} data={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add and send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function AddCredentialModal({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const [v, setV] = useState({ licenceType: '', licenceNumber: '', issuingState: '', expiresOn: '' });
  const add = useStaffMutation(() => staffApi.addCredential(member.id, { ...v, expiresOn: v.expiresOn || null }));
  const errors = fieldErrors(add.error);
  const set = (key: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [key]: e.currentTarget.value });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(undefined, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} title={`Add a credential for ${member.name}`} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormError error={add.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Licence type" placeholder="e.g. MD, RN, LMFT" required value={v.licenceType} onChange={set('licenceType')} error={errors.licenceType} data-autofocus />
            <TextInput label="Licence number" required value={v.licenceNumber} onChange={set('licenceNumber')} error={errors.licenceNumber} />
            <TextInput label="Issuing state" placeholder="e.g. CA" required value={v.issuingState} onChange={set('issuingState')} error={errors.issuingState} />
            <TextInput label="Expires on" type="date" value={v.expiresOn} onChange={set('expiresOn')} error={errors.expiresOn} description="Leave empty if it does not expire" />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add credential
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
