/** Everyone: who they are signed in as, their password, and (staff) two-step sign-in. */
import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ROLE_LABEL } from '../../app/labels';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ChangePasswordCard } from './ChangePasswordCard';
import { TwoFactorCard } from './TwoFactorCard';

export function AccountPage() {
  const me = useSession();
  return (
    <Page title="Account" description="Your sign-in details and security.">
      <Card>
        <Stack gap="sm">
          <Title order={2}>Signed in as</Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <div>
              <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>Name</Text>
              <Text>{me.name}</Text>
            </div>
            <div>
              <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>Email</Text>
              <Text style={{ overflowWrap: 'anywhere' }}>{me.email}</Text>
            </div>
            <div>
              <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>Role</Text>
              <Text>
                {ROLE_LABEL[me.user.role]} at {me.clinic.name}
              </Text>
            </div>
          </SimpleGrid>
        </Stack>
      </Card>
      <ChangePasswordCard />
      {me.user.role !== 'patient' && <TwoFactorCard />}
    </Page>
  );
}
