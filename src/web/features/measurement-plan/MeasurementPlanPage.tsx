/**
 * Admins and prescribers: the clinic's measurement plan, which questionnaires each patient gets at intake, around
 * each dose and on a calendar, optionally only with an indication. Saving replaces the plan for new orders.
 */
import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { useInstruments } from '../questionnaires/queries';
import { useVocabulary } from '../screening/queries';
import { PlanRow, type PlanItem, type RowState } from './PlanRow';

const KEY = ['measurement-plan'] as const;

const toRow = (i: PlanItem): RowState => ({ ...i, offsets: i.offsetsHours.join(', '), everyDays: i.everyDays ?? '' });

export function MeasurementPlanPage() {
  const plan = useQuery({ queryKey: KEY, queryFn: () => api.get<{ items: PlanItem[]; isDefault: boolean }>('/api/measurement-plan') });
  return (
    <Page title="Measurement plan" description="The questionnaires every patient is given: at intake (entering screening), and through the course (around each dose and on a calendar).">
      {plan.isPending ? (
        <Loading label="Loading the measurement plan…" />
      ) : plan.isError ? (
        <ErrorAlert error={plan.error} title="The measurement plan could not be loaded" />
      ) : (
        <PlanEditor key={JSON.stringify(plan.data.items)} items={plan.data.items} isDefault={plan.data.isDefault} />
      )}
    </Page>
  );
}

function PlanEditor({ items, isDefault }: { items: PlanItem[]; isDefault: boolean }) {
  const me = useSession();
  const queryClient = useQueryClient();
  const instruments = useInstruments();
  const vocabulary = useVocabulary();
  const [rows, setRows] = useState<RowState[]>(() => items.map(toRow));
  const [saved, setSaved] = useState(false);
  const canEdit = me.user.role === 'admin' || me.user.role === 'prescriber';
  const save = useMutation({
    mutationFn: (body: { items: PlanItem[] }) => api.put<{ items: PlanItem[]; isDefault: boolean }>('/api/measurement-plan', body),
    onSuccess: (data) => {
      queryClient.setQueryData(KEY, data);
      setSaved(true);
    },
  });
  const errors = fieldErrors(save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate({
      items: rows.map((r) => ({
        instrumentId: r.instrumentId,
        kind: r.kind,
        offsetsHours: r.kind === 'dose-anchored' ? r.offsets.split(/[\s,;]+/).filter(Boolean).map(Number) : [],
        everyDays: r.kind === 'calendar' && r.everyDays !== '' ? Number(r.everyDays) : null,
        whenIndication: r.whenIndication,
      })),
    });
  };
  const options = {
    instruments: (instruments.data ?? []).map((i) => ({ value: i.id, label: i.shortTitle })),
    indications: (vocabulary.data?.indications ?? []).map((i) => ({ value: i.id, label: i.label })),
  };
  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-label="Measurement plan">
        <Stack gap="md">
          {saved && (
            <Alert color="sage" role="status" variant="light">
              Measurement plan saved. It applies to questionnaires given from now on; existing orders are not changed.
            </Alert>
          )}
          <Text fz="sm">{isDefault ? 'This is Tilth’s default plan (clinical-facts.md): your clinic has not changed it.' : 'Your clinic’s own plan.'}</Text>
          <FormError error={save.error} title="The plan was not saved" />
          <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Plan items">
            {rows.map((row, i) => (
              <PlanRow
                key={i}
                index={i}
                row={row}
                options={options}
                errors={errors}
                disabled={!canEdit}
                onChange={(next) => setRows(rows.map((r, j) => (j === i ? next : r)))}
                onRemove={() => setRows(rows.filter((_, j) => j !== i))}
              />
            ))}
          </Stack>
          {canEdit && (
            <Group justify="space-between">
              <Button variant="default" onClick={() => setRows([...rows, { instrumentId: 'phq-9', kind: 'intake', offsets: '', everyDays: '', whenIndication: null, offsetsHours: [] }])}>
                Add a questionnaire
              </Button>
              <Button type="submit" loading={save.isPending}>
                Save plan
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}
