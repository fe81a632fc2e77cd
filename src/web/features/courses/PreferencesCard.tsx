/** When the patient can come (weekdays, parts of the day, earliest start): what the planner respects. */
import { Alert, Button, Card, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { ErrorAlert, Loading } from '../../app/states';
import { formatDate } from '../../app/time';

export interface Preferences {
  patientId: string;
  weekdays: number[];
  timesOfDay: string[];
  earliestStart: string | null;
  updatedAt: string | null;
  timesOfDayHours: Record<string, [string, string]>;
}

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const PARTS = ['morning', 'afternoon', 'evening'];

export function usePreferences(patientId: string) {
  return useQuery({ queryKey: ['scheduling-preferences', patientId], queryFn: () => api.get<Preferences>(`/api/patients/${encodeURIComponent(patientId)}/scheduling-preferences`) });
}

export function PreferencesCard({ patientId, canEdit }: { patientId: string; canEdit: boolean }) {
  const prefs = usePreferences(patientId);
  return (
    <Card>
      <Stack gap="md">
        <Title order={2}>When the patient can come</Title>
        {prefs.isPending ? (
          <Loading label="Loading preferences…" />
        ) : prefs.isError ? (
          <ErrorAlert error={prefs.error} title="The preferences could not be loaded" />
        ) : canEdit ? (
          <PreferencesForm key={prefs.data.updatedAt ?? 'none'} prefs={prefs.data} />
        ) : (
          <Text fz="sm">{summary(prefs.data)}</Text>
        )}
      </Stack>
    </Card>
  );
}

export function summary(p: Preferences): string {
  const days = p.weekdays.length ? p.weekdays.map((d) => WEEKDAY_NAMES[d - 1]).join(', ') : 'any day';
  const parts = p.timesOfDay.length ? p.timesOfDay.join(', ') : 'any time of day';
  return `${days}; ${parts}${p.earliestStart ? `; not before ${formatDate(p.earliestStart)}` : ''}.`;
}

function PreferencesForm({ prefs }: { prefs: Preferences }) {
  const queryClient = useQueryClient();
  const [v, setV] = useState({ weekdays: prefs.weekdays.map(String), timesOfDay: prefs.timesOfDay, earliestStart: prefs.earliestStart ?? '' });
  const save = useMutation({
    mutationFn: () =>
      api.put<Preferences>(`/api/patients/${encodeURIComponent(prefs.patientId)}/scheduling-preferences`, {
        weekdays: v.weekdays.map(Number),
        timesOfDay: v.timesOfDay,
        earliestStart: v.earliestStart || null,
      }),
    onSuccess: (saved) => queryClient.setQueryData(['scheduling-preferences', prefs.patientId], saved),
  });
  const errors = fieldErrors(save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Scheduling preferences">
      <Stack gap="md">
        <Text fz="sm">New plans keep to these. Nothing ticked means any day or any time.</Text>
        {save.isSuccess && (
          <Alert color="sage" variant="light" role="status">
            Preferences saved: {summary(save.data)}
          </Alert>
        )}
        <FormError error={save.error} title="The preferences were not saved" />
        <Checkbox.Group label="Days" value={v.weekdays} onChange={(weekdays) => setV({ ...v, weekdays })} error={errors.weekdays}>
          <Group gap="md" mt="xs">
            {WEEKDAY_NAMES.map((d, i) => (
              <Checkbox key={d} value={String(i + 1)} label={d} />
            ))}
          </Group>
        </Checkbox.Group>
        <Checkbox.Group label="Times of day" value={v.timesOfDay} onChange={(timesOfDay) => setV({ ...v, timesOfDay })} error={errors.timesOfDay}>
          <Group gap="md" mt="xs">
            {PARTS.map((part) => {
              const hours = prefs.timesOfDayHours[part];
              return <Checkbox key={part} value={part} label={`${part[0]!.toUpperCase()}${part.slice(1)}${hours ? ` (${hours[0]}–${hours[1]})` : ''}`} />;
            })}
          </Group>
        </Checkbox.Group>
        <TextInput label="Not before (optional)" type="date" value={v.earliestStart} onChange={(e) => setV({ ...v, earliestStart: e.currentTarget.value })} error={errors.earliestStart} maw={240} />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={save.isPending}>
            Save preferences
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
