/**
 * Vital signs: large number inputs with their units, the level and findings the server returns for the reading
 * (before the dose "act" holds the dose; after it, a warning or action raises an alert), the readings over time as a
 * chart (minutes after the dose, threshold lines) and the same data as a table, and the checkpoints with their status.
 */
import { Alert, Badge, Button, Card, Checkbox, Group, List, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { Loading } from '../../app/states';
import { TableWrap } from '../../app/TableWrap';
import { formatTime, localInputToInstant, nowInputValue } from '../../app/time';
import type { ConsoleProps } from './ChecklistCard';
import { CHECKPOINT_COLOR, CHECKPOINT_LABEL, IN_SESSION, LEVEL_COLOR, levelLabel, liveCheckpointStatus, solid, VITAL_LABEL } from './labels';
import { dosingApi, useSessionStep, type VitalsBody } from './queries';
import type { SessionView, VitalKey, VitalsResult } from './types';
import { useNow } from './useNow';

const VitalsChart = lazy(() => import('./VitalsChart'));

const FIELDS: { key: VitalKey; required: boolean }[] = [
  { key: 'systolic', required: true },
  { key: 'diastolic', required: true },
  { key: 'heartRate', required: true },
  { key: 'spo2', required: true },
  { key: 'respiratoryRate', required: false },
];

export function VitalsCard(props: ConsoleProps) {
  const { view } = props;
  const open = IN_SESSION.includes(view.state);
  return (
    <Card id="vitals" component="section" aria-labelledby="vitals-title">
      <Stack gap="md">
        <Title order={3} id="vitals-title">
          Vital signs
        </Title>
        {open ? (
          <VitalsForm {...props} />
        ) : (
          <Text fz="sm" c="dimmed">
            {view.state === 'scheduled' ? 'Vital signs are recorded once the patient is checked in.' : 'The session has ended: no more readings.'}
          </Text>
        )}
        {view.vitals.length > 0 && <VitalsOverTime view={view} />}
      </Stack>
    </Card>
  );
}

function VitalsForm({ view, notify }: ConsoleProps) {
  const tz = view.timeZone;
  const empty: Record<VitalKey, number | string> = { systolic: '', diastolic: '', heartRate: '', spo2: '', respiratoryRate: '' };
  const [values, setValues] = useState(empty);
  const [earlier, setEarlier] = useState(false);
  const [takenAt, setTakenAt] = useState(() => nowInputValue(tz));
  const [tried, setTried] = useState(false);
  const [result, setResult] = useState<VitalsResult | null>(null);
  const step = useSessionStep(view.appointmentId, (body: VitalsBody) => dosingApi(view.appointmentId).vitals(body));
  const errors = fieldErrors(step.error);
  const phase = view.dosedAt ? 'after the dose' : 'before the dose';
  const missing = (k: VitalKey) => FIELDS.find((f) => f.key === k)!.required && typeof values[k] !== 'number';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (FIELDS.some((f) => missing(f.key))) return;
    const body: VitalsBody = { systolic: values.systolic as number, diastolic: values.diastolic as number, heartRate: values.heartRate as number, spo2: values.spo2 as number };
    if (typeof values.respiratoryRate === 'number') body.respiratoryRate = values.respiratoryRate;
    if (earlier && takenAt) body.takenAt = localInputToInstant(takenAt, tz);
    setResult(null);
    step.mutate(body, {
      onSuccess: (r) => {
        setResult(r);
        setValues(empty);
        setTried(false);
        setEarlier(false);
        notify(`Vital signs recorded: ${levelLabel(r.level, r.phase).toLowerCase()}.`);
      },
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Record vital signs">
      <Stack gap="sm">
        <Text fz="sm">A reading {phase}, in whole numbers. Blood pressure, heart rate and SpO2 are needed; the respiratory rate is optional.</Text>
        <FormError error={step.error} title="The reading was not recorded" />
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
          {FIELDS.map(({ key, required }) => (
            <NumberInput
              key={key}
              size="lg"
              label={`${VITAL_LABEL[key].short} (${VITAL_LABEL[key].unit})`}
              styles={{ root: { display: 'flex', flexDirection: 'column', justifyContent: 'flex-end' } }}
              required={required}
              rightSection={<Text fz="sm" pr="xs" c="dimmed" aria-hidden="true">{VITAL_LABEL[key].unit}</Text>}
              rightSectionWidth={56}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              inputMode="numeric"
              value={values[key]}
              onChange={(v) => setValues((s) => ({ ...s, [key]: v }))}
              error={(tried && missing(key) && 'Enter a value') || errors[key]}
            />
          ))}
        </SimpleGrid>
        <Checkbox size="md" label="Taken earlier (record the time)" checked={earlier} onChange={(e) => setEarlier(e.currentTarget.checked)} />
        {earlier && (
          <TextInput size="md" type="datetime-local" label="Taken at (clinic time)" value={takenAt} max={nowInputValue(tz)} onChange={(e) => setTakenAt(e.currentTarget.value)} error={errors.takenAt} />
        )}
        <Group>
          <Button type="submit" size="lg" loading={step.isPending}>
            Record vital signs
          </Button>
        </Group>
        {result && <ReadingResult result={result} />}
      </Stack>
    </form>
  );
}

function ReadingResult({ result }: { result: VitalsResult }) {
  const label = levelLabel(result.level, result.phase);
  return (
    <Alert color={LEVEL_COLOR[result.level]} variant="light" role="status" title={`Reading recorded (${result.phase}): ${label}`}>
      {result.findings.length === 0 ? (
        <Text fz="sm">All values are within the protocol’s limits.</Text>
      ) : (
        <List fz="sm" size="sm" spacing={2}>
          {result.findings.map((f) => (
            <List.Item key={f.vital}>
              <strong>{levelLabel(f.level, result.phase)}:</strong> {f.message}
            </List.Item>
          ))}
        </List>
      )}
      {result.alertsRaised > 0 && (
        <Text fz="sm" fw={600} mt={4}>
          {result.alertsRaised} alert{result.alertsRaised === 1 ? '' : 's'} raised: see Alerts.
        </Text>
      )}
    </Alert>
  );
}

function VitalsOverTime({ view }: { view: SessionView }) {
  const tz = view.timeZone;
  const last = view.vitals.at(-1)!;
  const summary = `Chart of ${view.vitals.length} vital-sign reading${view.vitals.length === 1 ? '' : 's'}. Latest at ${formatTime(last.takenAt, tz, true)}: blood pressure ${last.systolic}/${last.diastolic} mmHg, heart rate ${last.heartRate} per minute, SpO2 ${last.spo2}%. The same readings are in the table below.`;
  return (
    <Stack gap="sm">
      <Title order={4}>Readings over time</Title>
      <Suspense fallback={<Loading label="Drawing the chart…" />}>
        <VitalsChart view={view} label={summary} />
      </Suspense>
      <VitalsTable view={view} />
      <Checkpoints view={view} />
    </Stack>
  );
}

function VitalsTable({ view }: { view: SessionView }) {
  const tz = view.timeZone;
  return (
    <TableWrap label="Vital signs readings">
      <Table highlightOnHover={false}>
        <caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600, paddingBottom: 8 }}>Vital signs, oldest first (clinic time)</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Taken</Table.Th>
            <Table.Th scope="col" ta="right">After the dose</Table.Th>
            <Table.Th scope="col" ta="right">BP (mmHg)</Table.Th>
            <Table.Th scope="col" ta="right">Heart rate (/min)</Table.Th>
            <Table.Th scope="col" ta="right">SpO2 (%)</Table.Th>
            <Table.Th scope="col" ta="right">Resp. rate (/min)</Table.Th>
            <Table.Th scope="col">Level</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.vitals.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatTime(v.takenAt, tz)}
                {v.recordedBy && (
                  <Text fz="xs" c="dimmed">
                    by {v.recordedBy}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">{v.phase === 'pre-dose' ? 'before the dose' : `${v.minutesAfterDose} min`}</Table.Td>
              <Table.Td ta="right">
                {v.systolic}/{v.diastolic}
              </Table.Td>
              <Table.Td ta="right">{v.heartRate}</Table.Td>
              <Table.Td ta="right">{v.spo2}</Table.Td>
              <Table.Td ta="right">{v.respiratoryRate ?? '—'}</Table.Td>
              <Table.Td>
                <Badge color={LEVEL_COLOR[v.level]}>{levelLabel(v.level, v.phase)}</Badge>
                {v.findings.map((f) => (
                  <Text fz="xs" key={f.vital}>
                    {f.message}
                  </Text>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableWrap>
  );
}

function Checkpoints({ view }: { view: SessionView }) {
  const now = useNow(15_000);
  if (!view.checkpoints) return null;
  const tz = view.timeZone;
  const live = !['discharged', 'aborted'].includes(view.state);
  return (
    <Stack gap="xs">
      <Title order={4}>Checkpoints</Title>
      <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Vital-sign checkpoints">
        {view.checkpoints.items.map((c) => {
          const status = live ? liveCheckpointStatus(c, now) : c.status;
          return (
            <Group component="li" key={c.id} gap="sm" wrap="nowrap">
              <Badge color={status === 'overdue' ? solid('red') : CHECKPOINT_COLOR[status]} variant={status === 'overdue' ? 'filled' : 'light'} style={{ minWidth: 96, flexShrink: 0 }}>
                {CHECKPOINT_LABEL[status]}
              </Badge>
              <Text fz="sm">
                {c.label}
                {c.dueAt && `, due ${formatTime(c.dueAt, tz)}`}
                {c.recordedAt && ` · recorded ${formatTime(c.recordedAt, tz)}`}
              </Text>
            </Group>
          );
        })}
      </Stack>
    </Stack>
  );
}
