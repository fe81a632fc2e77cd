/** The trajectory's data as a table: every score and dose in time order, with change from baseline and the markers. */
import { Badge, Group, Table } from '@mantine/core';
import { TableWrap } from '../../app/TableWrap';
import { formatInstant } from '../../app/time';
import { bandColor, bandLabel, offsetLabel } from '../questionnaires/labels';
import type { Trajectory } from './queries';

type Row = { kind: 'score'; at: string; total: number; severity: string | null; offsetHours: number | null } | { kind: 'dose'; at: string; n: number };

export function TrajectoryTable({ trajectory: t, timeZone }: { trajectory: Trajectory; timeZone: string }) {
  const rows: Row[] = [
    ...t.points.map((p) => ({ kind: 'score' as const, at: p.at, total: p.total, severity: p.severity, offsetHours: p.offsetHours })),
    ...t.doses.map((d, i) => ({ kind: 'dose' as const, at: d.at, n: i + 1 })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const s = t.summary;
  const name = t.instrument.shortTitle;
  return (
    <TableWrap label={`${name} scores and doses`}>
      <Table highlightOnHover={false}>
        <caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600, paddingBottom: 8 }}>
          {name} scores and doses over time (times in clinic time)
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">Event</Table.Th>
            <Table.Th scope="col" ta="right">Score</Table.Th>
            <Table.Th scope="col">Severity</Table.Th>
            <Table.Th scope="col" ta="right">Change from baseline</Table.Th>
            <Table.Th scope="col">Markers</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) =>
            r.kind === 'dose' ? (
              <Table.Tr key={`dose-${r.at}`}>
                <Table.Td>{formatInstant(r.at, timeZone)}</Table.Td>
                <Table.Td>Dose {r.n}</Table.Td>
                <Table.Td ta="right">—</Table.Td>
                <Table.Td>—</Table.Td>
                <Table.Td ta="right">—</Table.Td>
                <Table.Td />
              </Table.Tr>
            ) : (
              <Table.Tr key={`score-${r.at}`}>
                <Table.Td>{formatInstant(r.at, timeZone)}</Table.Td>
                <Table.Td>{r.offsetHours === null ? `${name}` : `${name}, ${offsetLabel(r.offsetHours)}${r.offsetHours === 0 ? '' : ' the dose'}`}</Table.Td>
                <Table.Td ta="right" fw={700}>
                  {r.total}
                </Table.Td>
                <Table.Td>{r.severity ? <Badge color={bandColor(r.severity)}>{bandLabel(r.severity)}</Badge> : '—'}</Table.Td>
                <Table.Td ta="right">{s.baseline && r.at > s.baseline.at ? signed(r.total - s.baseline.total) : '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {s.baseline?.at === r.at && <Badge color="gray">Baseline</Badge>}
                    {s.firstResponseAt === r.at && <Badge color="blue">Response</Badge>}
                    {s.firstRemissionAt === r.at && <Badge color="green">Remission</Badge>}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ),
          )}
        </Table.Tbody>
      </Table>
    </TableWrap>
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
