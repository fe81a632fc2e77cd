/**
 * Admin: the clinic's instruments (shipped and imported), and importing a definition the clinic holds a licence for
 * (pasted or uploaded JSON). A refused file lists every problem with its path in the definition.
 */
import { Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { Page } from '../../app/Page';
import { ErrorAlert, Loading } from '../../app/states';
import { TableWrap } from '../../app/TableWrap';
import { useInstruments } from '../questionnaires/queries';
import { ImportForm } from './ImportForm';

export function InstrumentsPage() {
  const instruments = useInstruments();
  return (
    <Page title="Instruments" description="Questionnaires available in your clinic. Tilth ships free-to-use instruments; import others your clinic holds a licence for.">
      <Card padding={0}>
        <Stack gap="md">
          <Title order={2} px="lg" pt="lg">
            Available instruments
          </Title>
          {instruments.isPending ? (
            <Loading label="Loading instruments…" />
          ) : instruments.isError ? (
            <ErrorAlert error={instruments.error} title="The instruments could not be loaded" />
          ) : (
            <TableWrap label="Instruments">
              <Table aria-label="Available instruments">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" pl="lg">Title</Table.Th>
                    <Table.Th scope="col">Id</Table.Th>
                    <Table.Th scope="col">Version</Table.Th>
                    <Table.Th scope="col" ta="right">Items</Table.Th>
                    <Table.Th scope="col">Origin</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {instruments.data.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Td pl="lg">
                        <Text fw={600}>{i.title}</Text>
                        {i.requiresSex && <Text fz="xs" c="dimmed">Scoring depends on sex</Text>}
                      </Table.Td>
                      <Table.Td className="tilth-mono">{i.id}</Table.Td>
                      <Table.Td>{i.version}</Table.Td>
                      <Table.Td ta="right">{i.itemCount}</Table.Td>
                      <Table.Td>
                        <Badge color={i.origin === 'shipped' ? 'gray' : 'blue'}>{i.origin === 'shipped' ? 'Shipped with Tilth' : 'Imported'}</Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableWrap>
          )}
        </Stack>
      </Card>
      <ImportForm />
    </Page>
  );
}
