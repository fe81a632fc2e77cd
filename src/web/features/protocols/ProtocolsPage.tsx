/** The clinic's protocols (newest version of each): what a course is made of. Administrators add, change and retire them. */
import { Badge, Button, Card, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Icon } from '../../app/icons';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { TableWrap } from '../../app/TableWrap';
import { ROUTE_LABEL } from '../courses/labels';
import { useAllProtocols } from './queries';

export function ProtocolsPage() {
  const me = useSession();
  const admin = me.user.role === 'admin';
  const protocols = useAllProtocols();
  return (
    <Page
      title="Protocols"
      description="Templates for a course: sessions, durations, spacing, the integration window, who must be present and which rooms. A course keeps the version it started with."
      actions={
        admin && (
          <Button component={Link} to="/protocols/new" leftSection={<Icon name="plus" size={18} />}>
            New protocol
          </Button>
        )
      }
    >
      {protocols.isPending ? (
        <Loading label="Loading protocols…" />
      ) : protocols.isError ? (
        <ErrorAlert error={protocols.error} title="The protocols could not be loaded" />
      ) : protocols.data.length === 0 ? (
        <Text c="dimmed">No protocols yet.</Text>
      ) : (
        <Card padding={0}>
          <TableWrap label="Protocols">
            <Table aria-label="Protocols">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" pl="lg">Protocol</Table.Th>
                  <Table.Th scope="col">Sessions</Table.Th>
                  <Table.Th scope="col" visibleFrom="sm">Spacing and window</Table.Th>
                  <Table.Th scope="col">Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {protocols.data.map((p) => {
                  const d = p.definition;
                  return (
                    <Table.Tr key={p.id}>
                      <Table.Td pl="lg">
                        <Group gap="xs">
                          <Text fw={600}>{p.name}</Text>
                          <Badge color="gray">Version {p.version}</Badge>
                          {!p.active && <Badge color="orange">Retired</Badge>}
                        </Group>
                        <Text fz="xs" c="dimmed">
                          {d.routes.map((r) => ROUTE_LABEL[r] ?? r).join(', ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text fz="sm">
                          {d.prepSessions} preparation, {d.dosingSessions} dosing + integration
                        </Text>
                      </Table.Td>
                      <Table.Td visibleFrom="sm">
                        <Text fz="sm">
                          Doses {d.doseSpacingDays.min}–{d.doseSpacingDays.max} days apart; integration {d.integrationWindowHours.min}–{d.integrationWindowHours.max} h after
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Button component={Link} to={`/protocols/${p.id}`} variant="subtle" size="compact-sm" aria-label={`${admin ? 'Edit' : 'View'} ${p.name}`}>
                          {admin ? 'Edit' : 'View'}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableWrap>
        </Card>
      )}
    </Page>
  );
}
