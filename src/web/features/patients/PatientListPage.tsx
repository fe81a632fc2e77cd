/** Staff: the patients they may see, searchable by name, filtered by status, a page at a time. */
import { Anchor, Button, Card, EmptyState, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PATIENT_STATUSES, type PatientStatus } from '../../api/types';
import { Icon } from '../../app/icons';
import { patientName, STATUS_LABEL } from '../../app/labels';
import { Page } from '../../app/Page';
import { Pager } from '../../app/Pager';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { formatDate } from '../../app/time';
import { PAGE_SIZE, usePatientList } from './queries';
import { StatusBadge } from './StatusBadge';
import { TableWrap } from '../../app/TableWrap';
import { AwaitingCosignCard } from '../screening/AwaitingCosignCard';
import { FollowThroughCard } from '../follow-through/FollowThroughCard';

export function PatientListPage() {
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const statusParam = params.get('status') ?? '';
  const status = (PATIENT_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as PatientStatus) : '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [search, setSearch] = useState(query);
  const [debounced] = useDebouncedValue(search, 300);

  const update = (next: { q?: string; status?: string; page?: number }) => {
    const q = next.q ?? query;
    const s = next.status ?? status;
    const p = next.page ?? page;
    const out = new URLSearchParams();
    if (q) out.set('q', q);
    if (s) out.set('status', s);
    if (p > 1) out.set('page', String(p));
    setParams(out, { replace: true });
  };

  useEffect(() => {
    if (debounced.trim() !== query) update({ q: debounced.trim(), page: 1 });
    // Only the debounced text drives this effect.
  }, [debounced]);

  const list = usePatientList({ query, status, page });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(query || status);
  const canCreate = me.user.role !== 'therapist';
  const clear = () => {
    setSearch('');
    setParams(new URLSearchParams(), { replace: true });
  };

  return (
    <Page
      title="Patients"
      description={me.user.role === 'therapist' ? 'Patients whose care team you are on.' : `Everyone in care at ${me.clinic.name}.`}
      actions={
        canCreate && (
          <Button component={Link} to="/patients/new" leftSection={<Icon name="plus" size={18} />}>
            Add patient
          </Button>
        )
      }
    >
      <AwaitingCosignCard />
      <FollowThroughCard />
      <Card padding="md">
        <form role="search" aria-label="Patients" onSubmit={(e) => e.preventDefault()}>
          <Group align="flex-end" gap="md" wrap="wrap">
            <TextInput
              label="Search by name"
              type="search"
              placeholder="Given or family name"
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              style={{ flex: '2 1 14rem' }}
            />
            <NativeSelect
              label="Status"
              value={status}
              onChange={(e) => update({ status: e.currentTarget.value, page: 1 })}
              data={[{ value: '', label: 'All statuses' }, ...PATIENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))]}
              style={{ flex: '1 1 10rem' }}
            />
          </Group>
        </form>
      </Card>

      {list.isPending ? (
        <Loading label="Loading patients…" />
      ) : list.isError ? (
        <ErrorAlert error={list.error} title="The patient list could not be loaded" />
      ) : total === 0 ? (
        <Card>
          <EmptyState
            title={filtered ? 'No patients match' : 'No patients yet'}
            description={
              filtered
                ? `Nobody${query ? ` named “${query}”` : ''}${status ? ` with status ${STATUS_LABEL[status]}` : ''} is in your list. Check the spelling or clear the search.`
                : me.user.role === 'therapist'
                  ? 'When you join a patient’s care team, they appear here.'
                  : 'Patients you add appear here.'
            }
          >
            {filtered && (
              <EmptyState.Actions>
                <Button variant="light" onClick={clear}>
                  Clear search and filter
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        </Card>
      ) : (
        <Stack gap="sm">
          <Text fz="sm" c="dimmed" role="status" aria-live="polite">
            {total === 1 ? '1 patient' : `${total} patients`}
            {pages > 1 && ` · showing ${(page - 1) * PAGE_SIZE + 1}–${Math.min(page * PAGE_SIZE, total)}`}
          </Text>
          <Card padding={0}>
            <TableWrap label="Patients">
              <Table aria-label="Patients" aria-busy={list.isFetching}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" pl="lg">Name</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col" visibleFrom="sm">Date of birth</Table.Th>
                    <Table.Th scope="col" visibleFrom="md">Care team</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td pl="lg">
                        <Anchor component={Link} to={`/patients/${p.id}`} fw={600}>
                          {patientName(p)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={p.status} />
                      </Table.Td>
                      <Table.Td visibleFrom="sm">{formatDate(p.dateOfBirth)}</Table.Td>
                      <Table.Td visibleFrom="md">
                        <Text fz="sm">{p.careTeam.map((m) => m.name).join(', ') || '—'}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableWrap>
          </Card>
          <Pager page={page} pages={pages} onPage={(n) => update({ page: n })} label="Patient list pages" />
        </Stack>
      )}
    </Page>
  );
}
