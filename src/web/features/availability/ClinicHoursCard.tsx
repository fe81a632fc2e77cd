/** Admin: the clinic's opening hours and closed days (nothing is planned outside them) and when patients are reminded. */
import { Alert, Badge, Button, Card, CloseButton, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import type { Clinic } from '../../api/types';
import { FormError } from '../../app/FormError';
import { formatDay, todayIn } from '../../app/time';
import { useClinicSave } from '../clinic/queries';
import { WeeklyHoursEditor, type WeeklyHours } from './WeeklyHoursEditor';

/** "24, 2" → [24, 2]; null unless whole numbers. */
export function parseHoursList(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const values = parts.map(Number);
  return values.every((n) => Number.isInteger(n) && n > 0) ? values : null;
}

export function ClinicHoursCard({ clinic }: { clinic: Clinic }) {
  const s = clinic.settings;
  const save = useClinicSave();
  const [hours, setHours] = useState<WeeklyHours>(s.openingHours);
  const [closed, setClosed] = useState<string[]>([...s.closedDates].sort());
  const [newDate, setNewDate] = useState('');
  const [reminders, setReminders] = useState(s.reminderHoursBefore.join(', '));
  const [integration, setIntegration] = useState<number | string>(s.integrationReminderHours);
  const errors = fieldErrors(save.error);
  const reminderHours = parseHoursList(reminders);
  const today = todayIn(clinic.timeZone);

  const addDate = () => {
    if (!newDate || closed.includes(newDate)) return;
    setClosed([...closed, newDate].sort());
    setNewDate('');
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!reminderHours) return;
    // Every weekday is sent, a closed one as [] (the server's schema asks for all seven).
    const openingHours = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, hours[d] ?? []]));
    save.mutate({ settings: { openingHours, closedDates: closed, reminderHoursBefore: reminderHours, integrationReminderHours: Number(integration) } });
  };
  const upcoming = closed.filter((d) => d >= today);
  const past = closed.length - upcoming.length;

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-label="Opening hours and reminders">
        <Stack gap="md">
          <Title order={2}>Opening hours and reminders</Title>
          <Text fz="sm">Clinic time ({clinic.timeZone.replace(/_/g, ' ')}). No session is planned outside the opening hours or on a closed day.</Text>
          {save.isSuccess && (
            <Alert color="sage" variant="light" role="status">
              Opening hours and reminders saved.
            </Alert>
          )}
          <FormError error={save.error} title="The opening hours were not saved" />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Stack gap="xs">
              <Title order={3}>Opening hours</Title>
              <WeeklyHoursEditor value={hours} onChange={setHours} offLabel="Closed" maxSpans={4} errors={errors} errorPath="settings.openingHours" />
            </Stack>
            <Stack gap="md">
              <Stack gap="xs">
                <Title order={3}>Closed days</Title>
                {upcoming.length === 0 ? (
                  <Text fz="sm" c="dimmed">
                    No closed days ahead.
                  </Text>
                ) : (
                  <Group component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Closed days">
                    {upcoming.map((d) => (
                      <li key={d}>
                        <Badge color="gray" size="lg" rightSection={<CloseButton size="xs" aria-label={`Remove ${formatDay(d, true)}`} onClick={() => setClosed(closed.filter((x) => x !== d))} />}>
                          {formatDay(d, true)}
                        </Badge>
                      </li>
                    ))}
                  </Group>
                )}
                {past > 0 && <Text fz="xs" c="dimmed">{past} earlier closed day{past === 1 ? '' : 's'} kept in the record.</Text>}
                <Group gap="xs" align="flex-end">
                  <TextInput label="Add a closed day" type="date" min={today} value={newDate} onChange={(e) => setNewDate(e.currentTarget.value)} error={errors['settings.closedDates']} />
                  <Button variant="default" onClick={addDate} disabled={!newDate}>
                    Add day
                  </Button>
                </Group>
              </Stack>
              <TextInput
                label="Remind patients (hours before each appointment)"
                description="Up to five, separated by commas; e.g. 24, 2"
                value={reminders}
                onChange={(e) => setReminders(e.currentTarget.value)}
                error={reminders && !reminderHours ? 'Whole numbers of hours, separated by commas' : errors['settings.reminderHoursBefore']}
              />
              <NumberInput
                label="Remind the therapist when an integration is not booked (hours after a dose)"
                min={1}
                max={72}
                allowDecimal={false}
                value={integration}
                onChange={setIntegration}
                error={errors['settings.integrationReminderHours']}
              />
            </Stack>
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!reminderHours}>
              Save opening hours and reminders
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
