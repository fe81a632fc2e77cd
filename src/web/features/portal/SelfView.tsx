/** A patient's own record, in plain words: where they are in their care, who is with them, and what changed. */
import { Anchor, Card, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { PatientDetail } from '../../api/types';
import { ROLE_LABEL, STATUS_MEANING } from '../../app/labels';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { formatDate } from '../../app/time';
import { DetailsCard } from '../patients/DetailsCard';
import { HistoryCard } from '../patients/HistoryCard';
import { StatusBadge } from '../patients/StatusBadge';
import { DueCallout } from '../questionnaires/DueCallout';
import { CheckinPrompt } from '../checkins/CheckinPrompt';

export function SelfView({ patient, title }: { patient: PatientDetail; title: string }) {
  const me = useSession();
  const latestWeight = patient.weights?.[0];
  return (
    <Page title={title} heading={`Hello, ${patient.preferredName ?? patient.givenName}`} description={`Your record at ${me.clinic.name}.`}>
      {me.user.patientId === patient.id && <DueCallout patientId={patient.id} />}
      {me.user.patientId === patient.id && <CheckinPrompt />}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
        <Stack gap="lg">
          <Card>
            <Stack gap="sm">
              <Title order={2}>Where you are in your care</Title>
              <StatusBadge status={patient.status} size="lg" w="fit-content" />
              <Text>{STATUS_MEANING[patient.status]}</Text>
              {patient.statusReason && <Text fz="sm">Noted reason: {patient.statusReason}</Text>}
            </Stack>
          </Card>
          <Card>
            <Stack gap="sm">
              <Title order={2}>Your care team</Title>
              {patient.careTeam.length === 0 ? (
                <Text c="dimmed">Your care team has not been assigned yet.</Text>
              ) : (
                <List listStyleType="none" spacing="xs">
                  {patient.careTeam.map((m) => (
                    <List.Item key={m.staffId}>
                      <Text span fw={600}>
                        {m.name}
                      </Text>
                      <Text span c="dimmed">
                        {' '}
                        · your {ROLE_LABEL[m.role].toLowerCase()}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              )}
            </Stack>
          </Card>
          {patient.weights && (
            <Card>
              <Stack gap="sm">
                <Title order={2}>Your weight</Title>
                {latestWeight ? (
                  <>
                    <Text>
                      Last measured {formatDate(latestWeight.measuredOn)}: <strong>{latestWeight.weightKg.toFixed(1)} kg</strong>
                    </Text>
                    {patient.weights.length > 1 && (
                      <Table aria-label="Earlier weights" highlightOnHover={false}>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th scope="col">Measured on</Table.Th>
                            <Table.Th scope="col">Weight</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {patient.weights.slice(1, 6).map((w, i) => (
                            <Table.Tr key={`${w.measuredOn}-${i}`}>
                              <Table.Td>{formatDate(w.measuredOn)}</Table.Td>
                              <Table.Td>{w.weightKg.toFixed(1)} kg</Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    )}
                  </>
                ) : (
                  <Text c="dimmed">No weight recorded yet.</Text>
                )}
              </Stack>
            </Card>
          )}
          <Card bg="sage.0">
            <Stack gap="xs">
              <Title order={2}>Need help now?</Title>
              <Text fz="sm">
                If you are in crisis or thinking about harming yourself, call or text 988 (Suicide &amp; Crisis Lifeline, US)
                or your local emergency number. For questions about your care, contact {me.clinic.name}.
              </Text>
            </Stack>
          </Card>
        </Stack>
        <Stack gap="lg">
          <DetailsCard patient={patient} editable={false} />
          <HistoryCard patient={patient} />
          <Text fz="sm">
            Every time someone opens your record it is logged.{' '}
            <Anchor component={Link} to="/access-log">
              See who accessed your record
            </Anchor>
            .
          </Text>
        </Stack>
      </SimpleGrid>
    </Page>
  );
}
