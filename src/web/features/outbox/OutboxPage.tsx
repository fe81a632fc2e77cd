/** Admin: outgoing messages (invitations, reset links); failed deliveries can be sent again. */
import { Alert, Badge, Button, Card, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { OutboxMessage } from '../../api/types';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { formatInstant } from '../../app/time';
import { TableWrap } from '../../app/TableWrap';

type Filter = 'failed' | 'pending' | 'sent' | 'all';
const STATUS_COLOR: Record<OutboxMessage['status'], string> = { failed: 'red', pending: 'blue', sent: 'green' };
const STATUS_TEXT: Record<OutboxMessage['status'], string> = { failed: 'Failed', pending: 'Waiting', sent: 'Sent' };

export function OutboxPage() {
  const me = useSession();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<Filter>('failed');
  const messages = useQuery({
    queryKey: ['outbox', filter],
    queryFn: () => api.get<{ items: OutboxMessage[] }>('/api/outbox', { query: { status: filter === 'all' ? undefined : filter, limit: 100 } }).then((r) => r.items),
    staleTime: 0,
  });
  const retry = useMutation({
    mutationFn: (id: string) => api.post<void>(`/api/outbox/${id}/retry`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['outbox'] }),
  });
  const tz = me.clinic.timeZone;

  return (
    <Page title="Outbox" description="Emails Tilth sends for the clinic. A message that could not be delivered after several tries stops here until you retry it.">
      <SegmentedControl
        aria-label="Show messages"
        value={filter}
        onChange={(v) => setFilter(v as Filter)}
        data={[
          { value: 'failed', label: 'Failed' },
          { value: 'pending', label: 'Waiting' },
          { value: 'sent', label: 'Sent' },
          { value: 'all', label: 'All' },
        ]}
        w="fit-content"
        maw="100%"
      />
      {retry.isSuccess && (
        <Alert color="sage" role="status" variant="light">
          The message was queued to be sent again.
        </Alert>
      )}
      {retry.error && <ErrorAlert error={retry.error} title="The message was not retried" />}
      {messages.isPending ? (
        <Loading label="Loading messages…" />
      ) : messages.isError ? (
        <ErrorAlert error={messages.error} title="The outbox could not be loaded" />
      ) : messages.data.length === 0 ? (
        <Card>
          <Text>{filter === 'failed' ? 'No failed messages. Everything was delivered or is on its way.' : 'No messages here.'}</Text>
        </Card>
      ) : (
        <Card padding={0}>
          <TableWrap label="Messages">
            <Table aria-label="Messages">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" pl="lg">Message</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Created</Table.Th>
                  <Table.Th scope="col">Action</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {messages.data.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td pl="lg">
                      <Stack gap={2}>
                        <Text fz="sm" fw={600}>{m.subject}</Text>
                        <Text fz="xs" c="dimmed">To {m.recipient}</Text>
                        {m.lastError && <Text fz="xs" c="red.9">Last error: {m.lastError}</Text>}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[m.status]}>{STATUS_TEXT[m.status]}</Badge>
                      <Text fz="xs" c="dimmed" mt={4}>
                        {m.attempts} {m.attempts === 1 ? 'try' : 'tries'}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text fz="sm">{formatInstant(m.createdAt, tz)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {m.status === 'failed' ? (
                        <Button size="compact-sm" variant="light" onClick={() => retry.mutate(m.id)} loading={retry.isPending && retry.variables === m.id} aria-label={`Retry message to ${m.recipient}`}>
                          Retry
                        </Button>
                      ) : (
                        <Text fz="sm" c="dimmed">—</Text>
                      )}
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
