/** Admin: the clinic's staff, their sign-in state and credentials (expired ones flagged). */
import { Alert, Badge, Button, Card, CloseButton, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useStaffList } from '../../api/staff';
import type { Credential, StaffMember } from '../../api/types';
import { Icon } from '../../app/icons';
import { ROLE_LABEL } from '../../app/labels';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { formatDate } from '../../app/time';
import { staffApi, useStaffMutation } from './queries';
import { AddCredentialModal, AddStaffModal } from './StaffModals';

const CREDENTIAL_BADGE: Record<Credential['status'], { color: string; label: string }> = {
  valid: { color: 'green', label: 'Valid' },
  'expiring-soon': { color: 'yellow', label: 'Expires soon' },
  expired: { color: 'red', label: 'Expired' },
};

export function StaffPage() {
  const staff = useStaffList();
  const [adding, setAdding] = useState(false);
  const [crediting, setCrediting] = useState<StaffMember | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const expired = (staff.data ?? []).filter((s) => s.active && s.credentialsExpired);

  return (
    <Page
      title="Staff"
      description="Everyone who signs in to the clinic, their role and their professional credentials."
      actions={
        <Button leftSection={<Icon name="plus" size={18} />} onClick={() => setAdding(true)}>
          Add staff member
        </Button>
      }
    >
      {notice && (
        <Alert color="sage" role="status" variant="light" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {expired.length > 0 && (
        <Alert color="red" title="Expired credentials" role="alert">
          {expired.map((s) => s.name).join(', ')} {expired.length === 1 ? 'has' : 'have'} an expired credential. Renew or
          record the new licence before they see patients.
        </Alert>
      )}
      {staff.isPending ? (
        <Loading label="Loading staff…" />
      ) : staff.isError ? (
        <ErrorAlert error={staff.error} title="The staff list could not be loaded" />
      ) : (
        <Stack gap="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Staff members">
          {[...staff.data].sort(byActiveThenName).map((member) => (
            <StaffCard key={member.id} member={member} onAddCredential={() => setCrediting(member)} />
          ))}
        </Stack>
      )}
      {adding && (
        <AddStaffModal
          onClose={() => setAdding(false)}
          onDone={(m) => {
            setAdding(false);
            setNotice(`${m.name} was added; a set-password link was sent to ${m.email}.`);
          }}
        />
      )}
      {crediting && <AddCredentialModal member={crediting} onClose={() => setCrediting(null)} />}
    </Page>
  );
}

const byActiveThenName = (a: StaffMember, b: StaffMember) =>
  Number(b.active) - Number(a.active) || a.familyName.localeCompare(b.familyName) || a.givenName.localeCompare(b.givenName);

function StaffCard({ member, onAddCredential }: { member: StaffMember; onAddCredential: () => void }) {
  const me = useSession();
  const toggle = useStaffMutation(() => staffApi.update(member.id, { active: !member.active }));
  const remove = useStaffMutation((credentialId: string) => staffApi.removeCredential(member.id, credentialId));
  const self = me.user.staffId === member.id;
  const error = toggle.error ?? remove.error;
  return (
    <Card component="li" padding="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <div>
            <Title order={2} fz="1.1rem">
              {member.name}
            </Title>
            <Text fz="sm" c="dimmed">
              {ROLE_LABEL[member.role]} · {member.email}
              {member.phone && ` · ${member.phone}`}
            </Text>
          </div>
          <Group gap={6}>
            {!member.active && <Badge color="gray">Inactive</Badge>}
            {!member.accountActivated && <Badge color="blue">Invitation pending</Badge>}
            {member.totpEnabled && <Badge color="sage">Two-step sign-in</Badge>}
            {member.credentialsExpired && <Badge color="red">Credential expired</Badge>}
          </Group>
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
        <div>
          <Text fz="sm" fw={600} mb={4}>
            Credentials
          </Text>
          {member.credentials.length === 0 ? (
            <Text fz="sm" c="dimmed">
              None recorded.
            </Text>
          ) : (
            <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {member.credentials.map((c) => (
                <Group component="li" key={c.id} gap="xs" wrap="wrap">
                  <Text fz="sm">
                    {c.licenceType} {c.licenceNumber} ({c.issuingState}){c.expiresOn ? ` · expires ${formatDate(c.expiresOn)}` : ' · no expiry'}
                  </Text>
                  <Badge color={CREDENTIAL_BADGE[c.status].color}>{CREDENTIAL_BADGE[c.status].label}</Badge>
                  <CloseButton
                    size="sm"
                    aria-label={`Remove credential ${c.licenceType} ${c.licenceNumber}`}
                    onClick={() => window.confirm(`Remove ${c.licenceType} ${c.licenceNumber} from ${member.name}?`) && remove.mutate(c.id)}
                    disabled={remove.isPending}
                  />
                </Group>
              ))}
            </Stack>
          )}
        </div>
        <Group gap="sm">
          <Button variant="light" size="xs" onClick={onAddCredential} aria-label={`Add credential for ${member.name}`}>
            Add credential
          </Button>
          {!self && (
            <Button variant="default" size="xs" onClick={() => (!member.active || window.confirm(`Deactivate ${member.name}? They will be signed out and cannot sign in.`)) && toggle.mutate(undefined)} loading={toggle.isPending}>
              {member.active ? `Deactivate ${member.givenName}` : `Reactivate ${member.givenName}`}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
