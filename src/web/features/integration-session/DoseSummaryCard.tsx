/** The dose an integration session follows: when, route, mg ordered and given, and how the session ended. */
import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatInstant } from '../../app/time';
import { ROUTE_LABEL } from '../courses/labels';
import type { Route } from '../courses/types';
import { stateLabel } from '../dosing/labels';
import type { DoseSummary } from './types';

const mg = (n: number | null) => (n === null ? 'not recorded' : `${n.toLocaleString('en', { maximumFractionDigits: 2 })} mg`);

export function DoseSummaryCard({ dose, timeZone }: { dose: DoseSummary | null; timeZone: string }) {
  return (
    <Card component="section" aria-labelledby="dose-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="dose-title">{dose ? `The dose it follows: dose ${dose.number}` : 'The dose it follows'}</Title>
        {!dose ? (
          <Text fz="sm" c="dimmed">No dose before this session was found (a cancelled dose does not count).</Text>
        ) : (
          <>
            <Table aria-label={`Dose ${dose.number}`} withRowBorders={false} verticalSpacing={4}>
              <Table.Tbody>
                <Row label="When">{formatInstant(dose.start, timeZone)}</Row>
                {dose.dosedAt && <Row label="Dosed at">{formatInstant(dose.dosedAt, timeZone)}</Row>}
                <Row label="Route">{dose.route ? (ROUTE_LABEL[dose.route as Route] ?? dose.route) : 'not recorded'}</Row>
                {dose.product && <Row label="Product">{dose.product}</Row>}
                <Row label="Ordered">{mg(dose.orderedMg)}</Row>
                <Row label="Given">{mg(dose.givenMg)}</Row>
                <Row label="Session">{dose.state ? stateLabel(dose.state) : dose.status === 'completed' ? 'Held (not run in the console)' : 'Not started'}</Row>
              </Table.Tbody>
            </Table>
            {dose.state && (
              <Anchor component={Link} to={`/sessions/${dose.appointmentId}`} fz="sm">
                Open the dosing session record
              </Anchor>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={600} fz="sm" w="8rem">{label}</Table.Th>
      <Table.Td fz="sm">{children}</Table.Td>
    </Table.Tr>
  );
}
