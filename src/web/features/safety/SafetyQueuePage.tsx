/**
 * The clinic's safety queue: open alerts first (patient, flag, since when in clinic time, escalated or not), each
 * acknowledged with a documented action and note; then the acknowledged history.
 */
import { Alert, Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { TableWrap } from '../../app/TableWrap';
import { formatInstant, zoneName } from '../../app/time';
import { flagLabel } from '../questionnaires/labels';
import { AcknowledgeModal } from './AcknowledgeModal';
import { OpenAlertList } from './OpenAlertList';
import { actionLabel, useSafetyAlerts, type SafetyAlert } from './queries';

export function SafetyQueuePage() {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const open = useSafetyAlerts({ status: 'open' });
  const done = useSafetyAlerts({ status: 'acknowledged' });
  const [acknowledging, setAcknowledging] = useState<SafetyAlert | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canAcknowledge = me.user.role !== 'admin';

  return (
    <Page
      title="Safety queue"
      description={
        me.user.role === 'therapist'
          ? `Safety alerts of the patients on your care teams. Times are in ${zoneName(tz)}.`
          : `Safety alerts raised by questionnaire answers, oldest open alert first. Times are in ${zoneName(tz)}.`
      }
    >
      {notice && (
        <Alert color="sage" role="status" variant="light">
          {notice}
        </Alert>
      )}
      {me.user.role === 'admin' && (
        <Text>
          As an administrator you see who has an open alert and since when, not its clinical details. Make sure a clinician on the patient’s care
          team acts on it.
        </Text>
      )}
      <Card>
        <Stack gap="md">
          <Title order={2}>Open alerts</Title>
          {open.isPending ? (
            <Loading label="Loading open alerts…" />
          ) : open.isError ? (
            <ErrorAlert error={open.error} title="The open alerts could not be loaded" />
          ) : (
            <OpenAlertList alerts={[...open.data].sort((a, b) => a.createdAt.localeCompare(b.createdAt))} showPatient onAcknowledge={canAcknowledge ? setAcknowledging : undefined} />
          )}
        </Stack>
      </Card>
      <Card padding={0}>
        <Stack gap="md">
          <Title order={2} px="lg" pt="lg">
            Acknowledged
          </Title>
          {done.isPending ? (
            <Loading label="Loading acknowledged alerts…" />
          ) : done.isError ? (
            <ErrorAlert error={done.error} title="The acknowledged alerts could not be loaded" />
          ) : done.data.length === 0 ? (
            <Text c="dimmed" px="lg" pb="lg">
              No alert has been acknowledged yet.
            </Text>
          ) : (
            <TableWrap label="Acknowledged alerts">
              <Table aria-label="Acknowledged alerts, newest first">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" pl="lg">Patient</Table.Th>
                    <Table.Th scope="col">Flag</Table.Th>
                    <Table.Th scope="col">Raised</Table.Th>
                    <Table.Th scope="col">Acknowledged</Table.Th>
                    <Table.Th scope="col">Action and note</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {done.data.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td pl="lg">
                        <Anchor component={Link} to={`/patients/${a.patientId}`}>
                          {a.patientName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{flagLabel(a.flag)}</Table.Td>
                      <Table.Td>{formatInstant(a.createdAt, tz)}</Table.Td>
                      <Table.Td>
                        {a.acknowledgedAt && formatInstant(a.acknowledgedAt, tz)}
                        {a.acknowledgedBy && <Text fz="sm" c="dimmed">by {a.acknowledgedBy}</Text>}
                      </Table.Td>
                      <Table.Td>
                        <Text fz="sm" fw={600}>{actionLabel(a.action)}</Text>
                        {a.note && <Text fz="sm">{a.note}</Text>}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableWrap>
          )}
        </Stack>
      </Card>
      {acknowledging && (
        <AcknowledgeModal
          alert={acknowledging}
          onClose={() => setAcknowledging(null)}
          onDone={(message) => {
            setAcknowledging(null);
            setNotice(message);
          }}
        />
      )}
    </Page>
  );
}
