/**
 * Clinicians: the clinic's active patients with their latest PHQ-9, GAD-7 and PCL-5, change since baseline,
 * response and remission, overdue questionnaires and open safety alerts; patients needing attention first.
 */
import { Anchor, Badge, Card, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { STATUS_LABEL } from '../../app/labels';
import { Page } from '../../app/Page';
import { ErrorAlert, Loading } from '../../app/states';
import { TableWrap } from '../../app/TableWrap';
import type { PatientStatus } from '../../api/types';
import { bandColor, bandLabel } from '../questionnaires/labels';
import { useClinicOutcomes, type ClinicOutcomeRow } from './queries';

const INSTRUMENTS = [
  { id: 'phq-9', label: 'PHQ-9' },
  { id: 'gad-7', label: 'GAD-7' },
  { id: 'pcl-5', label: 'PCL-5' },
];

const attention = (r: ClinicOutcomeRow) => r.openAlerts * 100 + r.overdueQuestionnaires;

export function OutcomesPage() {
  const outcomes = useClinicOutcomes();
  const [filter, setFilter] = useState<'all' | 'attention'>('all');
  const rows = [...(outcomes.data ?? [])]
    .filter((r) => filter === 'all' || attention(r) > 0)
    .sort((a, b) => attention(b) - attention(a) || a.name.localeCompare(b.name));
  return (
    <Page title="Outcomes" description="Active patients’ latest scores and change since baseline. Patients with open safety alerts or overdue questionnaires come first.">
      <Card padding="md">
        <NativeSelect
          label="Show"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value as 'all' | 'attention')}
          data={[
            { value: 'all', label: 'All active patients' },
            { value: 'attention', label: 'Only patients needing attention' },
          ]}
          maw={320}
        />
      </Card>
      {outcomes.isPending ? (
        <Loading label="Loading outcomes…" />
      ) : outcomes.isError ? (
        <ErrorAlert error={outcomes.error} title="The outcomes could not be loaded" />
      ) : rows.length === 0 ? (
        <Card>
          <Text c="dimmed">{filter === 'all' ? 'No active patients yet.' : 'No patient has an open alert or an overdue questionnaire.'}</Text>
        </Card>
      ) : (
        <Card padding={0}>
          <TableWrap label="Clinic outcomes">
            <Table aria-label="Active patients’ outcomes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" pl="lg">Patient</Table.Th>
                  {INSTRUMENTS.map((i) => (
                    <Table.Th scope="col" key={i.id}>{i.label}: latest (change)</Table.Th>
                  ))}
                  <Table.Th scope="col">Overdue</Table.Th>
                  <Table.Th scope="col">Open alerts</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.patientId}>
                    <Table.Td pl="lg">
                      <Anchor component={Link} to={`/patients/${r.patientId}/outcomes`} fw={600}>
                        {r.name}
                      </Anchor>
                      <Text fz="xs" c="dimmed">{STATUS_LABEL[r.status as PatientStatus] ?? r.status}</Text>
                    </Table.Td>
                    {INSTRUMENTS.map((i) => (
                      <Table.Td key={i.id}>
                        <ScoreCell score={r.scores[i.id]} />
                      </Table.Td>
                    ))}
                    <Table.Td>{r.overdueQuestionnaires > 0 ? <Badge color="orange">{r.overdueQuestionnaires} overdue</Badge> : <Text span c="dimmed">None</Text>}</Table.Td>
                    <Table.Td>
                      {r.openAlerts > 0 ? (
                        <Anchor component={Link} to={`/patients/${r.patientId}`}>
                          <Badge color="red">{r.openAlerts} open</Badge>
                        </Anchor>
                      ) : (
                        <Text span c="dimmed">None</Text>
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

function ScoreCell({ score }: { score: ClinicOutcomeRow['scores'][string] | undefined }) {
  if (!score) return <Text span c="dimmed">—</Text>;
  const change = score.change === null ? 'baseline' : score.change > 0 ? `+${score.change}` : score.change < 0 ? `−${-score.change}` : '±0';
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <Text span fw={700}>{score.latest}</Text>
        <Text span fz="sm">({change})</Text>
        {score.severity && <Badge color={bandColor(score.severity)} size="sm">{bandLabel(score.severity)}</Badge>}
      </Group>
      <Group gap={4}>
        {score.response && <Badge color="blue" size="sm">Response</Badge>}
        {score.remission && <Badge color="green" size="sm">Remission</Badge>}
        {score.clinicalChange === 'worse' && <Badge color="red" size="sm">Worse</Badge>}
      </Group>
    </Stack>
  );
}
