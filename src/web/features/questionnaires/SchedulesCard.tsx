/**
 * Standing questionnaire orders: assign an instrument once, every N days, or around each dose; stop one; give the
 * patient the clinic's measurement plan for intake or for the course.
 */
import { Alert, Badge, Button, Card, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { useSession } from '../../app/session';
import { formatInstant, localInputToInstant } from '../../app/time';
import { scheduleLabel } from './labels';
import { questionnaireApi, useInstruments, useMeasurementMutation, useQuestionnaires, useSchedules, type ScheduleBody } from './queries';
import type { ScheduleKind } from './types';

const KIND_LABEL: Record<ScheduleKind, string> = { once: 'Once', calendar: 'On a calendar (every N days)', 'dose-anchored': 'Around each dose' };

/** "-24, 0, 24, 168" → [-24, 0, 24, 168]; null when not a list of whole numbers. */
export function parseOffsets(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return null;
  const values = parts.map(Number);
  return values.every((v) => Number.isInteger(v)) ? values : null;
}

export function SchedulesCard({ patientId }: { patientId: string }) {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const schedules = useSchedules(patientId);
  const instruments = useInstruments();
  const titles = new Map((instruments.data ?? []).map((i) => [i.id, i.shortTitle]));
  const [v, setV] = useState({ instrument: 'phq-9', kind: 'once' as ScheduleKind, everyDays: 7 as number | string, offsets: '0, 24, 168', startsAt: '' });
  const [done, setDone] = useState<string | null>(null);
  const assign = useMeasurementMutation(patientId, (body: ScheduleBody) => questionnaireApi.schedule(patientId, body));
  const stop = useMeasurementMutation(patientId, (id: string) => questionnaireApi.stopSchedule(id));
  const plan = useMeasurementMutation(patientId, (phase: 'intake' | 'course') => questionnaireApi.applyPlan(patientId, phase));
  const errors = fieldErrors(assign.error);
  const offsets = parseOffsets(v.offsets);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const body: ScheduleBody = { instrument: v.instrument, kind: v.kind };
    if (v.startsAt) body.startsAt = localInputToInstant(v.startsAt, tz);
    if (v.kind === 'calendar') body.everyDays = Number(v.everyDays);
    if (v.kind === 'dose-anchored' && offsets) body.offsetsHours = offsets;
    assign.mutate(body, { onSuccess: (s) => setDone(`${titles.get(s.instrument) ?? s.instrument} assigned: ${scheduleLabel(s).toLowerCase()}.`) });
  };
  const applyPlan = (phase: 'intake' | 'course') => {
    setDone(null);
    plan.mutate(phase, {
      onSuccess: (r) => setDone(r.created === 0 ? 'The plan’s questionnaires were already assigned: nothing new.' : `${r.created} questionnaire order${r.created === 1 ? '' : 's'} added from the measurement plan.`),
    });
  };
  // A one-off order stays "active" after its questionnaire is done: only those still waiting are shown (and stoppable).
  const lists = useQuestionnaires(patientId);
  const waiting = new Set([...(lists.data?.due ?? []), ...(lists.data?.upcoming ?? [])].map((a) => a.scheduleId));
  const active = (schedules.data ?? []).filter((s) => s.active && (s.kind !== 'once' || waiting.has(s.id)));

  return (
    <Card>
      <Stack gap="md">
        <Title order={2}>Standing orders</Title>
        {done && (
          <Alert color="sage" role="status" variant="light">
            {done}
          </Alert>
        )}
        <FormError error={stop.error ?? plan.error} />
        {active.length === 0 ? (
          <Text c="dimmed">No questionnaires are assigned.</Text>
        ) : (
          <Table aria-label="Active questionnaire orders" highlightOnHover={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Instrument</Table.Th>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {active.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Badge variant="outline" color="gray">{titles.get(s.instrument) ?? s.instrument}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm">{scheduleLabel(s)}</Text>
                    <Text fz="xs" c="dimmed">from {formatInstant(s.startsAt, tz)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button variant="subtle" color="red" size="compact-sm" loading={stop.isPending && stop.variables === s.id} onClick={() => stop.mutate(s.id)} aria-label={`Stop ${titles.get(s.instrument) ?? s.instrument}: ${scheduleLabel(s)}`}>
                      Stop
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form onSubmit={onSubmit} noValidate aria-label="Assign a questionnaire">
          <Stack gap="sm">
            <Title order={3}>Assign a questionnaire</Title>
            <FormError error={assign.error} title="The questionnaire was not assigned" />
            <Group grow align="flex-start" wrap="wrap" gap="sm">
              <NativeSelect label="Instrument" value={v.instrument} onChange={(e) => setV({ ...v, instrument: e.currentTarget.value })} error={errors.instrument} data={(instruments.data ?? []).map((i) => ({ value: i.id, label: i.shortTitle }))} />
              <NativeSelect label="How often" value={v.kind} onChange={(e) => setV({ ...v, kind: e.currentTarget.value as ScheduleKind })} error={errors.kind} data={(Object.keys(KIND_LABEL) as ScheduleKind[]).map((k) => ({ value: k, label: KIND_LABEL[k] }))} />
            </Group>
            {v.kind === 'calendar' && <NumberInput label="Every how many days" min={1} max={365} allowDecimal={false} value={v.everyDays} onChange={(n) => setV({ ...v, everyDays: n })} error={errors.everyDays} />}
            {v.kind === 'dose-anchored' && (
              <TextInput
                label="Hours relative to each dose"
                description="0 is before the dose; 24 a day after; 168 a week after. Separate with commas."
                value={v.offsets}
                onChange={(e) => setV({ ...v, offsets: e.currentTarget.value })}
                error={v.offsets && !offsets ? 'Whole numbers of hours, separated by commas' : errors.offsetsHours}
              />
            )}
            <TextInput
              label={v.kind === 'once' ? 'Due at (optional)' : 'Starting (optional)'}
              description={`Clinic time (${tz.replace(/_/g, ' ')}); now when left empty`}
              type="datetime-local"
              value={v.startsAt}
              onChange={(e) => setV({ ...v, startsAt: e.currentTarget.value })}
              error={errors.startsAt}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={assign.isPending} disabled={v.kind === 'dose-anchored' && !offsets}>
                Assign
              </Button>
            </Group>
          </Stack>
        </form>
        <Stack gap="xs">
          <Title order={3}>Measurement plan</Title>
          <Text fz="sm">Give the patient the clinic’s standard questionnaires: at intake, or for the course (before and after each dose, and on a calendar).</Text>
          <Group gap="sm">
            <Button variant="default" loading={plan.isPending && plan.variables === 'intake'} onClick={() => applyPlan('intake')}>
              Apply intake plan
            </Button>
            <Button variant="default" loading={plan.isPending && plan.variables === 'course'} onClick={() => applyPlan('course')}>
              Apply course plan
            </Button>
          </Group>
        </Stack>
      </Stack>
    </Card>
  );
}
