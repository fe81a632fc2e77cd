/**
 * Staff: the journal entries a patient shares with the care team (never a private one: the API returns shared
 * entries only), written since a given time (the dose an integration session follows).
 */
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { moodLabel } from '../../../core/journal/mood';
import { ErrorAlert, Loading } from '../../app/states';
import { formatInstant } from '../../app/time';
import { useSharedEntries } from './queries';

export function SharedEntriesCard({ patientId, since, sinceLabel, timeZone }: { patientId: string; since: string | null; sinceLabel: string; timeZone: string }) {
  const entries = useSharedEntries(patientId, since);
  return (
    <Card component="section" aria-labelledby="shared-journal-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="shared-journal-title">Shared journal entries</Title>
        <Text fz="xs" c="dimmed">
          Written {sinceLabel}. Only the entries the patient chose to share; an entry they stop sharing disappears from here.
        </Text>
        {entries.isPending ? (
          <Loading label="Loading the shared entries…" />
        ) : entries.isError ? (
          <ErrorAlert error={entries.error} title="The shared entries could not be loaded" />
        ) : entries.data.length === 0 ? (
          <Text fz="sm" c="dimmed">Nothing shared {sinceLabel}.</Text>
        ) : (
          entries.data.map((e) => (
            <Card key={e.id} withBorder padding="sm" component="article" aria-label={`${e.promptText ?? 'Free writing'}, ${formatInstant(e.createdAt, timeZone)}`}>
              <Stack gap={4}>
                <Group justify="space-between" align="flex-start">
                  <Text fw={600} fz="sm">{e.promptText ?? 'Free writing'}</Text>
                  {e.mood !== null && <Badge variant="light" color="gray">Mood {e.mood} · {moodLabel(e.mood)}</Badge>}
                </Group>
                <Text fz="xs" c="dimmed">
                  Written {formatInstant(e.createdAt, timeZone)}
                  {e.updatedAt !== e.createdAt && ` · edited ${formatInstant(e.updatedAt, timeZone)}`} · shared {formatInstant(e.sharedAt!, timeZone)}
                </Text>
                <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>{e.text}</Text>
              </Stack>
            </Card>
          ))
        )}
      </Stack>
    </Card>
  );
}
