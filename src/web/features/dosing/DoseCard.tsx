/**
 * The dose: the prescriber's order (route limited to the protocol's routes, product, mg, IV infusion minutes; outside
 * the protocol's limits the server answers 409 with the breaches and the form asks for a written reason), then giving
 * it (amount, stock lot from the controlled-substance ledger), in parts if need be.
 */
import { Alert, Button, Card, Checkbox, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError, fieldErrors } from '../../api/client';
import { TableWrap } from '../../app/TableWrap';
import { formatDate, formatTime, localInputToInstant, nowInputValue } from '../../app/time';
import type { ConsoleProps } from './ChecklistCard';
import { ROUTE_WORDS } from './labels';
import { dosingApi, useLedgerLots, useSessionStep, type OrderBody } from './queries';
import { StepError } from './StepError';
import type { DoseRoute, RouteLimit, SessionView } from './types';

const ORDERABLE = new Set(['checked-in', 'checks-passed']);
const GIVING = new Set(['checks-passed', 'dosed', 'monitoring', 'ready-for-discharge']);

function limitText(limit: RouteLimit | undefined): string {
  if (!limit) return 'No limits configured.';
  const parts: string[] = [];
  if (limit.minMg !== null || limit.maxMg !== null) parts.push(`${limit.minMg ?? 0}–${limit.maxMg ?? '…'} mg`);
  if (limit.minMgPerKg !== null || limit.maxMgPerKg !== null) parts.push(`${limit.minMgPerKg ?? 0}–${limit.maxMgPerKg ?? '…'} mg/kg`);
  return parts.length ? `Protocol limits: ${parts.join(', ')}.` : 'No limits are configured for this route: an order needs a prescriber’s written reason.';
}

export function DoseCard(props: ConsoleProps) {
  const { view, role } = props;
  const given = view.administrations.reduce((s, a) => s + a.amountMg, 0);
  const remaining = view.order ? Math.max(0, Math.round((view.order.doseMg - given) * 100) / 100) : 0;
  const medical = role === 'prescriber' || role === 'nurse';
  return (
    <Card id="dose" component="section" aria-labelledby="dose-title">
      <Stack gap="md">
        <Title order={3} id="dose-title">
          Dose
        </Title>
        {view.order ? <OrderSummary view={view} /> : <Text fz="sm">No dose is ordered yet{role === 'prescriber' ? '.' : ': the prescriber orders it.'}</Text>}
        {role === 'prescriber' && ORDERABLE.has(view.state) && <OrderForm {...props} />}
        {view.administrations.length > 0 && <Administrations view={view} readsLedger={medical} />}
        {view.order && GIVING.has(view.state) && remaining > 0 && medical && <AdministerForm key={remaining} {...props} remaining={remaining} />}
        {view.order && GIVING.has(view.state) && remaining > 0 && !medical && (
          <Text fz="sm" c="dimmed">
            A prescriber or nurse gives the dose.
          </Text>
        )}
        {view.order && view.state === 'checked-in' && (
          <Text fz="sm" c="dimmed">
            The dose is given once the pre-dose checks have passed.
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function OrderSummary({ view }: { view: SessionView }) {
  const o = view.order!;
  return (
    <Stack gap={4}>
      <Text fw={700} fz="lg">
        {ROUTE_WORDS[o.route]} · {o.product} · {o.doseMg} mg
        {o.mgPerKg !== null && ` (${o.mgPerKg} mg/kg at ${o.weightKg} kg)`}
        {o.infusionMinutes !== null && ` over ${o.infusionMinutes} min`}
      </Text>
      <Text fz="sm" c="dimmed">
        Ordered{o.orderedBy ? ` by ${o.orderedBy}` : ''} at {formatTime(o.orderedAt, view.timeZone, true)}
      </Text>
      {o.limitProblem && (
        <Alert color="orange" variant="light" role="note" title="Ordered outside the protocol’s limits">
          <Text fz="sm">{o.limitProblem}</Text>
          {o.overrideReason && <Text fz="sm">Reason: “{o.overrideReason}”</Text>}
        </Alert>
      )}
    </Stack>
  );
}

function OrderForm({ view, notify }: ConsoleProps) {
  const routes = view.protocol.routes;
  const [route, setRoute] = useState<DoseRoute>(view.order?.route ?? routes[0] ?? 'sublingual');
  const [product, setProduct] = useState(view.order?.product ?? 'Ketamine HCl');
  const [doseMg, setDoseMg] = useState<number | string>(view.order?.doseMg ?? '');
  const [infusion, setInfusion] = useState<number | string>(view.protocol.doseLimits.intravenous.defaultInfusionMinutes ?? 40);
  const [reason, setReason] = useState('');
  const [needsReason, setNeedsReason] = useState(false);
  const [tried, setTried] = useState(false);
  const step = useSessionStep(view.appointmentId, (body: OrderBody) => dosingApi(view.appointmentId).order(body));
  const errors = fieldErrors(step.error);
  const breached = step.error instanceof ApiError && step.error.status === 409 && Array.isArray(step.error.details.breaches);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (typeof doseMg !== 'number' || doseMg <= 0 || !product.trim()) return;
    if (needsReason && !reason.trim()) return;
    const body: OrderBody = { route, product: product.trim(), doseMg };
    if (route === 'intravenous' && typeof infusion === 'number') body.infusionMinutes = infusion;
    if (needsReason && reason.trim()) body.overrideReason = reason.trim();
    step.mutate(body, {
      onSuccess: (r) => {
        setNeedsReason(false);
        setReason('');
        notify(`Dose ordered: ${doseMg} mg ${ROUTE_WORDS[route].toLowerCase()}${r.overridden ? ', outside the limits with your reason' : ''}.`);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409 && Array.isArray(error.details.breaches)) setNeedsReason(true);
      },
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={view.order ? 'Change the dose order' : 'Order the dose'}>
      <Stack gap="sm">
        <Title order={4}>{view.order ? 'Change the order' : 'Order the dose'}</Title>
        <StepError error={step.error} title={breached ? 'The order is outside the protocol’s limits' : 'The dose was not ordered'} timeZone={view.timeZone} />
        <Group grow align="flex-start">
          <NativeSelect size="md" label="Route" value={route} onChange={(e) => {
              setRoute(e.currentTarget.value as DoseRoute);
              setNeedsReason(false);
            }} data={routes.map((r) => ({ value: r, label: ROUTE_WORDS[r] }))}
            description={limitText(view.protocol.doseLimits[route])} error={errors.route} />
          <TextInput size="md" label="Product" required value={product} onChange={(e) => setProduct(e.currentTarget.value)} error={(tried && !product.trim() && 'Enter the product') || errors.product} />
        </Group>
        <Group grow align="flex-start">
          <NumberInput size="md" label="Dose" rightSection={<Text fz="sm" pr="xs">mg</Text>} rightSectionWidth={40} required min={0} max={1000} decimalScale={2} inputMode="decimal" hideControls
            value={doseMg} onChange={(v) => {
              setDoseMg(v);
              setNeedsReason(false);
            }} error={(tried && (typeof doseMg !== 'number' || doseMg <= 0) && 'Enter the dose in mg') || errors.doseMg} />
          {route === 'intravenous' && (
            <NumberInput size="md" label="Infusion over" rightSection={<Text fz="sm" pr="xs">min</Text>} rightSectionWidth={40} min={1} max={480} allowDecimal={false} inputMode="numeric" hideControls
              value={infusion} onChange={setInfusion} error={errors.infusionMinutes} />
          )}
        </Group>
        {needsReason && (
          <Textarea size="md" label="Reason to order outside the limits" description="Kept with the order, with your name." required autosize minRows={2} value={reason}
            onChange={(e) => setReason(e.currentTarget.value)} error={(tried && !reason.trim() && 'Give your reason') || errors.overrideReason} />
        )}
        <Group>
          <Button type="submit" size="lg" loading={step.isPending}>
            {needsReason ? 'Order with this reason' : view.order ? 'Save the new order' : 'Order the dose'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Administrations({ view, readsLedger }: { view: SessionView; readsLedger: boolean }) {
  // Lot numbers come from the ledger, which prescribers and nurses read; others see the lot as such.
  const lots = useLedgerLots(readsLedger);
  const lotName = (id: string) => lots.data?.find((l) => l.id === id)?.lotNumber ?? 'lot';
  return (
    <TableWrap label="Doses given">
      <Table highlightOnHover={false}>
        <caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600, paddingBottom: 8 }}>Given</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col" ta="right">Amount</Table.Th>
            <Table.Th scope="col">Lot</Table.Th>
            <Table.Th scope="col">By</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.administrations.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{formatTime(a.givenAt, view.timeZone, true)}</Table.Td>
              <Table.Td ta="right">{a.amountMg} mg</Table.Td>
              <Table.Td>{lotName(a.lotId)}</Table.Td>
              <Table.Td>{a.givenBy ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableWrap>
  );
}

function AdministerForm({ view, notify, remaining }: ConsoleProps & { remaining: number }) {
  const tz = view.timeZone;
  const lots = useLedgerLots(true);
  const usable = (lots.data ?? []).filter((l) => !l.expired && l.balanceMg > 0);
  const [amount, setAmount] = useState<number | string>(remaining);
  const [lotId, setLotId] = useState('');
  const [earlier, setEarlier] = useState(false);
  const [givenAt, setGivenAt] = useState(() => nowInputValue(tz));
  const [tried, setTried] = useState(false);
  const step = useSessionStep(view.appointmentId, (body: { amountMg: number; lotId: string; givenAt?: string }) => dosingApi(view.appointmentId).administer(body));
  const errors = fieldErrors(step.error);
  const first = view.administrations.length === 0;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (typeof amount !== 'number' || amount <= 0 || !lotId) return;
    step.mutate(
      { amountMg: amount, lotId, ...(earlier && givenAt ? { givenAt: localInputToInstant(givenAt, tz) } : {}) },
      { onSuccess: (r) => notify(r.complete ? `Dose given: ${r.totalMg} mg in all.` : `${amount} mg given; ${r.remainingMg} mg of the order remain.`) },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Give the dose">
      <Stack gap="sm">
        <Title order={4}>{first ? 'Give the dose' : 'Give a further part'}</Title>
        <Text fz="sm">{remaining} mg of the order still to give. Each part is drawn from a lot in the controlled-substance ledger.</Text>
        <StepError error={step.error} title="The dose was not recorded" timeZone={tz} />
        {lots.isError && <StepError error={lots.error} title="The stock lots could not be loaded" timeZone={tz} />}
        <Group grow align="flex-start">
          <NumberInput size="lg" label="Amount" rightSection={<Text fz="sm" pr="xs">mg</Text>} rightSectionWidth={40} required min={0} max={remaining} decimalScale={2} inputMode="decimal" hideControls
            value={amount} onChange={setAmount} error={(tried && (typeof amount !== 'number' || amount <= 0) && 'Enter the amount in mg') || errors.amountMg} />
          <NativeSelect size="lg" label="Stock lot" required value={lotId} onChange={(e) => setLotId(e.currentTarget.value)}
            data={[
              { value: '', label: lots.isPending ? 'Loading the lots…' : 'Choose the lot…' },
              ...usable.map((l) => ({ value: l.id, label: `${l.lotNumber} · ${l.product} ${l.form} · ${l.balanceMg} mg left · expires ${formatDate(l.expiresOn)}` })),
            ]}
            error={(tried && !lotId && 'Choose the lot the dose came from') || errors.lotId} />
        </Group>
        <Checkbox size="md" label="It was given earlier (record the time)" checked={earlier} onChange={(e) => setEarlier(e.currentTarget.checked)} />
        {earlier && (
          <TextInput size="md" type="datetime-local" label="Given at (clinic time)" value={givenAt} max={nowInputValue(tz)} onChange={(e) => setGivenAt(e.currentTarget.value)} error={errors.givenAt} />
        )}
        <Group>
          <Button type="submit" size="lg" loading={step.isPending}>
            {first ? 'Record the dose as given' : 'Record this part as given'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
