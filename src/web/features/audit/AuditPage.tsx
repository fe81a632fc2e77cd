/** Admin: the clinic's tamper-evident audit trail, newest first, filtered by patient, staff member and days. */
import { Badge, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useStaffList } from '../../api/staff';
import type { AuditEvent } from '../../api/types';
import { actionLabel, roleLabel } from '../../app/labels';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { endOfDay, formatInstant, startOfDay, zoneName } from '../../app/time';
import { PatientPicker } from './PatientPicker';
import { TableWrap } from '../../app/TableWrap';

const PAGE = 50;
const KEYS = ['patientId', 'actorId', 'from', 'to', 'before'] as const;

export function AuditPage() {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const [params, setParams] = useSearchParams();
  const f = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof KEYS)[number], string>;
  const staff = useStaffList();

  const events = useQuery({
    queryKey: ['audit', f],
    queryFn: () =>
      api.get<{ items: AuditEvent[]; nextBefore: number | null }>('/api/audit-events', {
        query: {
          patientId: f.patientId,
          actorId: f.actorId,
          from: f.from ? startOfDay(f.from, tz) : undefined,
          to: f.to ? endOfDay(f.to, tz) : undefined,
          before: f.before,
          limit: PAGE,
        },
      }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

  const set = (changes: Partial<typeof f>) => {
    const next = new URLSearchParams();
    const merged = { ...f, before: '', ...changes };
    for (const k of KEYS) if (merged[k]) next.set(k, merged[k]);
    setParams(next, { replace: !('before' in changes) });
  };
  const filtered = Boolean(f.patientId || f.actorId || f.from || f.to);
  // The name of the filtered patient: from a single-patient event, else as chosen in the picker (kept in memory only).
  const [picked, setPicked] = useState<{ id: string; name: string | null }>({ id: '', name: null });
  const selectedPatient =
    events.data?.items.find((e) => e.patientId === f.patientId && e.patientName)?.patientName ?? (picked.id === f.patientId ? picked.name : null);

  return (
    <Page title="Audit trail" description={`Every read and change of clinic data, newest first. Times are in ${tz.replace(/_/g, ' ')} (${zoneName(tz)}).`}>
      <Card padding="md">
        <form role="search" aria-label="Audit trail filters" onSubmit={(e) => e.preventDefault()}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
            <PatientPicker
              value={f.patientId}
              selectedLabel={selectedPatient}
              onChange={(patientId, name) => {
                setPicked({ id: patientId, name });
                set({ patientId });
              }}
            />
            <NativeSelect
              label="Staff member"
              value={f.actorId}
              onChange={(e) => set({ actorId: e.currentTarget.value })}
              data={[{ value: '', label: 'Anyone' }, ...(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
            />
            <TextInput label="From day" type="date" value={f.from} max={f.to || undefined} onChange={(e) => set({ from: e.currentTarget.value })} />
            <TextInput label="To day" type="date" value={f.to} min={f.from || undefined} onChange={(e) => set({ to: e.currentTarget.value })} />
          </SimpleGrid>
          {filtered && (
            <Group mt="md">
              <Button variant="subtle" size="compact-sm" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                Clear filters
              </Button>
            </Group>
          )}
        </form>
      </Card>

      {events.isPending ? (
        <Loading label="Loading the audit trail…" />
      ) : events.isError ? (
        <ErrorAlert error={events.error} title="The audit trail could not be loaded" />
      ) : events.data.items.length === 0 ? (
        <Text c="dimmed">No events match these filters.</Text>
      ) : (
        <Stack gap="sm">
          <Card padding={0}>
            <TableWrap label="Audit events, newest first">
              <Table aria-label="Audit events, newest first" aria-busy={events.isFetching}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" pl="lg">When</Table.Th>
                    <Table.Th scope="col">Who</Table.Th>
                    <Table.Th scope="col">Action</Table.Th>
                    <Table.Th scope="col">Patient</Table.Th>
                    <Table.Th scope="col">Outcome</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {events.data.items.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td pl="lg" style={{ whiteSpace: 'nowrap' }}>
                        <Text fz="sm">{formatInstant(e.at, tz)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text fz="sm" fw={600}>{e.actorName ?? (e.actorType === 'system' ? 'Tilth (system)' : 'Unknown')}</Text>
                        <Text fz="xs" c="dimmed">{roleLabel(e.actorRole)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text fz="sm">{actionLabel(e.action)}</Text>
                        <Text fz="xs" c="dimmed" className="tilth-mono" style={{ letterSpacing: 0 }}>{e.action}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text fz="sm">{patientCell(e, f.patientId, selectedPatient)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={e.outcome === 'allowed' ? 'green' : 'red'}>{e.outcome === 'allowed' ? 'Allowed' : 'Denied'}</Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableWrap>
          </Card>
          <Group component="nav" aria-label="Audit trail pages" justify="space-between">
            <Button variant="default" disabled={!f.before} onClick={() => set({ before: '' })}>
              Newest events
            </Button>
            <Button variant="default" disabled={events.data.nextBefore === null} onClick={() => set({ before: String(events.data.nextBefore) })}>
              Older events
            </Button>
          </Group>
        </Stack>
      )}
    </Page>
  );
}

/** Who an event is about: one patient, or a list view naming several (the filtered patient first, when in it). */
function patientCell(e: AuditEvent, filterId: string, filterName: string | null): string {
  if (e.patientName) return e.patientName;
  const n = e.patientIds?.length ?? 0;
  if (n === 0) return '—';
  if (filterId && filterName && e.patientIds?.includes(filterId)) return n === 1 ? `${filterName} (list)` : `${filterName} and ${n - 1} more (list)`;
  return n === 1 ? '1 patient (list)' : `${n} patients (list)`;
}
