/** For a patient: every read or change of their record, who did it and when (from the audit trail). */
import { Badge, Card, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AccessLogEntry } from '../../api/types';
import { actionLabel, roleLabel } from '../../app/labels';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { formatInstant } from '../../app/time';
import { TableWrap } from '../../app/TableWrap';

export function AccessLogPage() {
  const me = useSession();
  const log = useQuery({
    queryKey: ['access-log'],
    queryFn: () => api.get<{ items: AccessLogEntry[] }>('/api/me/access-log', { query: { limit: 100 } }).then((r) => r.items),
    staleTime: 0,
  });
  return (
    <Page
      title="Who accessed my record"
      description="Every time someone at the clinic opens or changes your record, it is written here. Attempts that were refused are shown too."
    >
      {log.isPending ? (
        <Loading label="Loading the access log…" />
      ) : log.isError ? (
        <ErrorAlert error={log.error} title="The access log could not be loaded" />
      ) : log.data.length === 0 ? (
        <Text c="dimmed">Nobody has accessed your record yet.</Text>
      ) : (
        <Card padding={0}>
          <TableWrap label="Access to your record, newest first">
            <Table aria-label="Access to your record, newest first">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" pl="lg">When</Table.Th>
                  <Table.Th scope="col">Who</Table.Th>
                  <Table.Th scope="col">What</Table.Th>
                  <Table.Th scope="col">Outcome</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.map((e, i) => (
                  <Table.Tr key={`${e.at}-${i}`}>
                    <Table.Td pl="lg" style={{ whiteSpace: 'nowrap' }}>
                      {formatInstant(e.at, me.clinic.timeZone)}
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm" fw={600}>
                        {e.who}
                      </Text>
                      {e.role && e.who !== 'You' && (
                        <Text fz="xs" c="dimmed">
                          {roleLabel(e.role)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{actionLabel(e.action)}</Table.Td>
                    <Table.Td>
                      <Badge color={e.outcome === 'allowed' ? 'green' : 'red'}>{e.outcome === 'allowed' ? 'Allowed' : 'Refused'}</Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableWrap>
        </Card>
      )}
    </Page>
  );
}
