/**
 * Staff: "Integration follow-through" (/follow-through): every dose of the last 14 days and the next 7, overdue first,
 * with its integration status, the window, the session, and (for clinicians) whether the post-dose check-in came in.
 * Therapists see their care-team patients; everyone else the clinic.
 */
import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { TableWrap } from '../../app/TableWrap';
import { formatInstant } from '../../app/time';
import { IntegrationBadge, STATUS_LABEL, windowText } from './IntegrationBadge';
import { useFollowThrough, type FollowThroughItem } from './queries';

const CHECKIN_LABEL: Record<NonNullable<FollowThroughItem['checkin']>, string> = {
  'not-open': 'Not open yet',
  open: 'Open',
  due: 'Asked for',
  closed: 'Not answered',
  done: 'Answered',
};

const ATTENTION = new Set(['overdue', 'not-booked', 'booked-outside-window']);

export function FollowThroughPage() {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const list = useFollowThrough();
  const [show, setShow] = useState<'attention' | 'all'>('attention');
  const clinical = me.user.role !== 'admin';
  return (
    <Page
      title="Integration follow-through"
      description={`Each dose of the last 14 days and the next 7 and where its integration session stands, most urgent first. Clinic time (${tz.replace(/_/g, ' ')}).`}
      actions={
        <Button variant="default" onClick={() => void list.refetch()} loading={list.isRefetching}>
          Refresh
        </Button>
      }
    >
      {list.isPending ? (
        <Loading label="Loading the follow-through…" />
      ) : list.isError ? (
        <ErrorAlert error={list.error} title="The follow-through could not be loaded" />
      ) : (
        <Stack gap="md">
          <Group gap="xs" aria-label="Counts by status">
            {(['overdue', 'not-booked', 'booked-outside-window', 'booked', 'not-due', 'held'] as const).map((s) => (
              <Badge key={s} variant="outline" color={list.data.counts[s] && ATTENTION.has(s) ? 'red' : 'gray'}>
                {STATUS_LABEL[s]}: {list.data.counts[s]}
              </Badge>
            ))}
          </Group>
          <SegmentedControl
            value={show}
            onChange={(v) => setShow(v as 'attention' | 'all')}
            data={[{ value: 'attention', label: 'Needing attention' }, { value: 'all', label: 'All doses' }]}
            aria-label="Which doses to show"
            w="fit-content"
          />
          <FollowThroughTable items={list.data.items.filter((i) => show === 'all' || ATTENTION.has(i.status))} timeZone={tz} clinical={clinical} />
        </Stack>
      )}
    </Page>
  );
}

function FollowThroughTable({ items, timeZone, clinical }: { items: FollowThroughItem[]; timeZone: string; clinical: boolean }) {
  if (items.length === 0) return <Text c="dimmed">Nothing here: every dose’s integration is on track.</Text>;
  return (
    <TableWrap label="Doses and their integration">
      <Table aria-label="Doses and their integration">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Patient</Table.Th>
            <Table.Th scope="col">Dose</Table.Th>
            <Table.Th scope="col">Integration</Table.Th>
            <Table.Th scope="col">Therapist</Table.Th>
            {clinical && <Table.Th scope="col">Check-in</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.doseId}>
              <Table.Td>
                <Anchor component={Link} to={`/patients/${i.patientId}/course`} fw={600}>
                  {i.patientName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text fz="sm">Dose {i.doseNumber}</Text>
                <Text fz="xs" c="dimmed">
                  {formatInstant(i.doseAt, timeZone)}
                  {i.given ? '' : ' (booked)'}
                </Text>
              </Table.Td>
              <Table.Td>
                <IntegrationBadge dose={i} timeZone={timeZone} detail={false} />
                <Text fz="xs" c="dimmed" mt={2}>
                  {windowText(i, timeZone)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text fz="sm">{i.therapistName ?? '—'}</Text>
              </Table.Td>
              {clinical && (
                <Table.Td>
                  <Text fz="sm">{i.checkin ? CHECKIN_LABEL[i.checkin] : '—'}</Text>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableWrap>
  );
}
