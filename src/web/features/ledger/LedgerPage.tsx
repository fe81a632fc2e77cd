/**
 * Controlled substances (issue #5 §4): the clinic's ketamine lots with balances and expiry, open discrepancies (an
 * administrator resolves them), one lot's entries with the running balance (receipts, waste with its witness,
 * adjustments, counts), and the period report with a CSV download. The selected lot is in the address (?lot=…).
 */
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Icon } from '../../app/icons';
import { Page } from '../../app/Page';
import { ErrorAlert, Loading } from '../../app/states';
import { TableWrap } from '../../app/TableWrap';
import { formatDate, formatInstant, zoneName } from '../../app/time';
import { AdjustmentModal, CountModal, ReceiptModal, ReceiveLotModal, ResolveModal, WasteModal } from './LedgerModals';
import { csvHref, KIND_LABEL, mg, useDiscrepancies, useLedger, useLot, useReport, type Discrepancy, type Figures, type Ledger } from './queries';

type LotAction = 'receipt' | 'waste' | 'adjust' | 'count';

export function LedgerPage() {
  const ledger = useLedger();
  const [params, setParams] = useSearchParams();
  const selected = params.get('lot');
  const [receiving, setReceiving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const select = (id: string | null) => setParams(id ? { lot: id } : {}, { replace: false });

  return (
    <Page
      title="Controlled substances"
      description="The ketamine ledger: every lot received, every dose given, all waste with its witness, adjustments and counts. Entries are never changed or removed."
      actions={
        ledger.data?.permissions.record ? (
          <Button leftSection={<Icon name="plus" size={18} />} onClick={() => setReceiving(true)}>
            Receive stock
          </Button>
        ) : undefined
      }
    >
      {notice && (
        <Alert color="sage" role="status" variant="light" withCloseButton onClose={() => setNotice(null)} closeButtonLabel="Dismiss">
          {notice}
        </Alert>
      )}
      {ledger.isPending ? (
        <Loading label="Loading the ledger…" />
      ) : ledger.isError ? (
        <ErrorAlert error={ledger.error} title="The ledger could not be loaded" />
      ) : (
        <>
          <OpenDiscrepancies ledger={ledger.data} onNotice={setNotice} />
          <LotsTable ledger={ledger.data} selected={selected} onSelect={select} />
          {selected && <LotCard ledger={ledger.data} lotId={selected} onNotice={setNotice} onClose={() => select(null)} />}
          <ReportCard ledger={ledger.data} />
          {receiving && (
            <ReceiveLotModal
              today={ledger.data.today}
              onClose={() => setReceiving(false)}
              onDone={(lot) => {
                setReceiving(false);
                setNotice(`Lot ${lot.lotNumber} received: ${mg(lot.balanceMg)}.`);
                select(lot.id);
              }}
            />
          )}
        </>
      )}
    </Page>
  );
}

function LotsTable({ ledger, selected, onSelect }: { ledger: Ledger; selected: string | null; onSelect: (id: string) => void }) {
  const tz = ledger.timeZone;
  return (
    <Card padding={0}>
      <Stack gap={0}>
        <Title order={2} p="lg" pb="sm">
          Lots
        </Title>
        {ledger.lots.length === 0 ? (
          <Text c="dimmed" px="lg" pb="lg">
            No stock in the ledger yet.
          </Text>
        ) : (
          <TableWrap label="Lots">
            <Table aria-label="Lots and balances">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" pl="lg">Lot</Table.Th>
                  <Table.Th scope="col" visibleFrom="sm">Supplier</Table.Th>
                  <Table.Th scope="col">Expires</Table.Th>
                  <Table.Th scope="col" ta="right">Balance</Table.Th>
                  <Table.Th scope="col" visibleFrom="md">Last count</Table.Th>
                  <Table.Th scope="col">Entries</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ledger.lots.map((lot) => (
                  <Table.Tr key={lot.id} aria-current={lot.id === selected ? 'true' : undefined}>
                    <Table.Td pl="lg">
                      <Text fw={600}>{lot.lotNumber}</Text>
                      <Text fz="sm" c="dimmed">
                        {lot.product}, {lot.form}
                      </Text>
                    </Table.Td>
                    <Table.Td visibleFrom="sm">{lot.supplier}</Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <span>{formatDate(lot.expiresOn)}</span>
                        {lot.expired && <Badge color="red">Expired</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {mg(lot.balanceMg)}
                    </Table.Td>
                    <Table.Td visibleFrom="md">
                      {lot.lastCount ? (
                        <Group gap="xs">
                          <span>{formatInstant(lot.lastCount.at, tz)}</span>
                          {lot.lastCount.matched ? <Badge color="sage" variant="light">Matched</Badge> : <Badge color="orange">Differed</Badge>}
                        </Group>
                      ) : (
                        <Text fz="sm" c="dimmed">Not counted yet</Text>
                      )}
                      {lot.openDiscrepancies > 0 && (
                        <Text fz="sm" c="orange">
                          {lot.openDiscrepancies} open discrepanc{lot.openDiscrepancies === 1 ? 'y' : 'ies'}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => onSelect(lot.id)} aria-label={`Entries of lot ${lot.lotNumber}`}>
                        Entries
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableWrap>
        )}
      </Stack>
    </Card>
  );
}

function LotCard({ ledger, lotId, onNotice, onClose }: { ledger: Ledger; lotId: string; onNotice: (m: string) => void; onClose: () => void }) {
  const detail = useLot(lotId);
  const [action, setAction] = useState<LotAction | null>(null);
  const tz = ledger.timeZone;
  const { record, adjust } = ledger.permissions;
  const done = (message: string) => {
    setAction(null);
    onNotice(message);
  };
  if (detail.isPending) return <Loading label="Loading the lot’s entries…" />;
  if (detail.isError) return <ErrorAlert error={detail.error} title="The lot could not be loaded" />;
  const { lot, entries } = detail.data;
  return (
    <Card>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2}>Lot {lot.lotNumber}</Title>
            <Text c="dimmed">
              {lot.product}, {lot.form} · {lot.supplier} · expires {formatDate(lot.expiresOn)} · holds <strong>{mg(lot.balanceMg)}</strong>
            </Text>
          </div>
          <Button variant="default" size="compact-sm" onClick={onClose}>
            Close lot
          </Button>
        </Group>
        {(record || adjust) && (
          <Group gap="sm">
            {record && <Button variant="light" onClick={() => setAction('receipt')}>Receive more</Button>}
            {record && <Button variant="light" onClick={() => setAction('waste')} disabled={lot.balanceMg === 0}>Record waste</Button>}
            {adjust && <Button variant="light" onClick={() => setAction('adjust')}>Adjust</Button>}
            {record && <Button variant="light" onClick={() => setAction('count')}>Count</Button>}
          </Group>
        )}
        <TableWrap label={`Entries of lot ${lot.lotNumber}`}>
          <Table aria-label={`Entries of lot ${lot.lotNumber}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">When ({zoneName(tz)})</Table.Th>
                <Table.Th scope="col">Entry</Table.Th>
                <Table.Th scope="col" ta="right">Change</Table.Th>
                <Table.Th scope="col" ta="right">Balance</Table.Th>
                <Table.Th scope="col">By</Table.Th>
                <Table.Th scope="col">Witness</Table.Th>
                <Table.Th scope="col">Reason or note</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatInstant(e.at, tz)}</Table.Td>
                  <Table.Td>
                    {KIND_LABEL[e.kind]}
                    {e.kind === 'count' && e.countedMg !== null && (
                      <Text fz="sm" c={e.countedMg === e.balanceAfterMg ? 'dimmed' : 'orange'}>
                        counted {mg(e.countedMg)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{e.kind === 'count' ? '—' : mg(e.quantityMg, true)}</Table.Td>
                  <Table.Td ta="right">{mg(e.balanceAfterMg)}</Table.Td>
                  <Table.Td>{e.by.name ?? '—'}</Table.Td>
                  <Table.Td>{e.witness?.name ?? '—'}</Table.Td>
                  <Table.Td>{e.reason ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableWrap>
      </Stack>
      {action === 'receipt' && <ReceiptModal lot={lot} onClose={() => setAction(null)} onDone={done} />}
      {action === 'waste' && <WasteModal lot={lot} onClose={() => setAction(null)} onDone={done} />}
      {action === 'adjust' && <AdjustmentModal lot={lot} onClose={() => setAction(null)} onDone={done} />}
      {action === 'count' && <CountModal lot={lot} onClose={() => setAction(null)} onDone={(r) => done(r.message)} />}
    </Card>
  );
}

function OpenDiscrepancies({ ledger, onNotice }: { ledger: Ledger; onNotice: (m: string) => void }) {
  const open = useDiscrepancies('open');
  const [resolving, setResolving] = useState<Discrepancy | null>(null);
  if (ledger.openDiscrepancies === 0 && !open.data?.length) return null;
  const tz = ledger.timeZone;
  return (
    <Card>
      <Stack gap="md">
        <Title order={2}>Open discrepancies</Title>
        {!ledger.permissions.resolve && <Text>A count differed from the ledger. An administrator resolves each discrepancy, with an adjustment when the stock is really missing.</Text>}
        {open.isPending ? (
          <Loading label="Loading discrepancies…" />
        ) : open.isError ? (
          <ErrorAlert error={open.error} title="The discrepancies could not be loaded" />
        ) : (
          <Stack gap="sm" component="ul" aria-label="Open discrepancies" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {open.data.map((d) => (
              <Group key={d.id} component="li" justify="space-between" wrap="wrap" gap="sm">
                <div>
                  <Text fw={600}>
                    Lot {d.lotNumber}: counted {mg(d.countedMg)}, expected {mg(d.expectedMg)} ({mg(d.differenceMg, true)})
                  </Text>
                  <Text fz="sm" c="dimmed">
                    {d.product}, {d.form} · counted {formatInstant(d.openedAt, tz)}{d.countedBy ? ` by ${d.countedBy}` : ''}
                  </Text>
                </div>
                {ledger.permissions.resolve && (
                  <Button variant="light" onClick={() => setResolving(d)} aria-label={`Resolve the discrepancy on lot ${d.lotNumber}`}>
                    Resolve
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
      {resolving && (
        <ResolveModal
          discrepancy={resolving}
          timeZone={tz}
          onClose={() => setResolving(null)}
          onDone={(message) => {
            setResolving(null);
            onNotice(message);
          }}
        />
      )}
    </Card>
  );
}

function firstOfMonth(today: string): string {
  return `${today.slice(0, 8)}01`;
}

function ReportCard({ ledger }: { ledger: Ledger }) {
  const [from, setFrom] = useState(firstOfMonth(ledger.today));
  const [to, setTo] = useState(ledger.today);
  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const report = useReport(period);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setPeriod({ from, to });
  };
  const row = (f: Figures, strong = false) => (
    <>
      <Table.Td ta="right" fw={strong ? 600 : undefined}>{mg(f.openingMg)}</Table.Td>
      <Table.Td ta="right">{mg(f.receivedMg)}</Table.Td>
      <Table.Td ta="right">{mg(f.administeredMg)}</Table.Td>
      <Table.Td ta="right">{mg(f.wastedMg)}</Table.Td>
      <Table.Td ta="right">{mg(f.adjustedMg, true)}</Table.Td>
      <Table.Td ta="right" fw={strong ? 600 : undefined}>{mg(f.closingMg)}</Table.Td>
      <Table.Td ta="right">
        {f.discrepanciesOpened} / {f.discrepanciesResolved}
      </Table.Td>
    </>
  );
  return (
    <Card>
      <Stack gap="md">
        <Title order={2}>Period report</Title>
        <form onSubmit={onSubmit} noValidate aria-label="Period report">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput label="From" type="date" value={from} max={to} onChange={(e) => setFrom(e.currentTarget.value)} />
            <TextInput label="To (included)" type="date" value={to} min={from} onChange={(e) => setTo(e.currentTarget.value)} />
            <Button type="submit" variant="light">
              Show report
            </Button>
            {period && (
              <Anchor href={csvHref(period)} download>
                Download CSV
              </Anchor>
            )}
          </Group>
        </form>
        <Text fz="sm" c="dimmed">
          Days are in the clinic’s time zone ({zoneName(ledger.timeZone)}). The opening balance is what the lots held when the first day began.
        </Text>
        {report.isFetching && !report.data ? (
          <Loading label="Preparing the report…" />
        ) : report.isError ? (
          <ErrorAlert error={report.error} title="The report could not be made" />
        ) : report.data ? (
          <TableWrap label="Period report">
            <Table aria-label={`Ledger from ${formatDate(report.data.period.from)} to ${formatDate(report.data.period.to)}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Lot</Table.Th>
                  <Table.Th scope="col" ta="right">Opening</Table.Th>
                  <Table.Th scope="col" ta="right">Received</Table.Th>
                  <Table.Th scope="col" ta="right">Administered</Table.Th>
                  <Table.Th scope="col" ta="right">Wasted</Table.Th>
                  <Table.Th scope="col" ta="right">Adjusted</Table.Th>
                  <Table.Th scope="col" ta="right">Closing</Table.Th>
                  <Table.Th scope="col" ta="right">Discrepancies opened / resolved</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.data.lots.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Th scope="row" fw={400}>
                      {l.lotNumber} <Text span fz="sm" c="dimmed">({l.form})</Text>
                    </Table.Th>
                    {row(l)}
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th scope="row">All lots</Table.Th>
                  {row(report.data.totals, true)}
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </TableWrap>
        ) : null}
      </Stack>
    </Card>
  );
}
