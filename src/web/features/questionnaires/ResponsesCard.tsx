/**
 * Every submitted response, newest first: score, severity band, flags, who entered it, its version; a correction is
 * a new version with a reason (the original is kept and marked as corrected).
 */
import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { TableWrap } from '../../app/TableWrap';
import { formatInstant } from '../../app/time';
import { CorrectionModal } from './CorrectionModal';
import { bandColor, bandLabel, flagLabel } from './labels';
import { useInstruments, useResponses } from './queries';
import type { QuestionnaireResponse } from './types';

export function ResponsesCard({ patientId }: { patientId: string }) {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const responses = useResponses(patientId);
  const instruments = useInstruments();
  const titles = new Map((instruments.data ?? []).map((i) => [i.id, i.shortTitle]));
  const [correcting, setCorrecting] = useState<QuestionnaireResponse | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = [...(responses.data ?? [])].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || b.version - a.version);

  return (
    <Card padding={0}>
      <Stack gap="md">
        <Title order={2} px="lg" pt="lg">
          Responses
        </Title>
        {notice && (
          <Alert color="sage" role="status" variant="light" mx="lg">
            {notice}
          </Alert>
        )}
        {responses.isPending ? (
          <Loading label="Loading responses…" />
        ) : responses.isError ? (
          <ErrorAlert error={responses.error} title="The responses could not be loaded" />
        ) : rows.length === 0 ? (
          <Text c="dimmed" px="lg" pb="lg">
            No questionnaire has been submitted yet.
          </Text>
        ) : (
          <TableWrap label="Responses">
            <Table aria-label="Submitted responses, newest first">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" pl="lg">Submitted</Table.Th>
                  <Table.Th scope="col">Instrument</Table.Th>
                  <Table.Th scope="col" ta="right">Score</Table.Th>
                  <Table.Th scope="col">Severity</Table.Th>
                  <Table.Th scope="col">Flags</Table.Th>
                  <Table.Th scope="col">Entered by</Table.Th>
                  <Table.Th scope="col">Version</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id} c={r.current ? undefined : 'dimmed'}>
                    <Table.Td pl="lg">{formatInstant(r.submittedAt, tz)}</Table.Td>
                    <Table.Td>{titles.get(r.instrument) ?? r.instrument}</Table.Td>
                    <Table.Td ta="right" fw={700}>{r.total}</Table.Td>
                    <Table.Td>
                      {r.severity ? <Badge color={bandColor(r.severity)}>{bandLabel(r.severity)}</Badge> : r.positive !== null ? (r.positive ? 'Positive screen' : 'Negative screen') : '—'}
                    </Table.Td>
                    <Table.Td>
                      {r.flags.length === 0 ? '—' : r.flags.map((f) => <Badge key={f} color="red">{flagLabel(f)}</Badge>)}
                    </Table.Td>
                    <Table.Td>{r.onBehalf ? 'Staff, for the patient' : 'Patient'}</Table.Td>
                    <Table.Td>
                      <Text fz="sm">v{r.version}{!r.current && ' · corrected since'}</Text>
                      {r.correctionReason && <Text fz="xs">Correction: {r.correctionReason}</Text>}
                      <Text fz="xs" c="dimmed">Definition {r.instrumentVersion} · rule {r.ruleVersion}</Text>
                    </Table.Td>
                    <Table.Td>
                      {r.current && (
                        <Group justify="flex-end" pr="sm">
                          <Button variant="subtle" size="compact-sm" onClick={() => setCorrecting(r)} aria-label={`Correct the ${titles.get(r.instrument) ?? r.instrument} of ${formatInstant(r.submittedAt, tz)}`}>
                            Correct
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableWrap>
        )}
      </Stack>
      {correcting && (
        <CorrectionModal
          response={correcting}
          onClose={() => setCorrecting(null)}
          onDone={(message) => {
            setCorrecting(null);
            setNotice(message);
          }}
        />
      )}
    </Card>
  );
}
