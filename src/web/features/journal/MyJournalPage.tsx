/**
 * For a patient: the integration journal (issue #6 §4). Write with a prompt or freely, with a mood and the session
 * it is about; every entry is private until shared with the care team, and can be unshared at any time.
 */
import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { EntryCard } from './EntryCard';
import { useOwnJournal } from './queries';
import { WriteEntryCard } from './WriteEntryCard';

export function MyJournalPage() {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const journal = useOwnJournal();
  return (
    <Page
      title="My journal"
      description="A place to write down what comes up between sessions. Your entries are private: nobody at the clinic can read one unless you share it."
    >
      {journal.isPending ? (
        <Loading label="Loading your journal…" />
      ) : journal.isError ? (
        <ErrorAlert error={journal.error} title="Your journal could not be loaded" />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
          <Stack gap="lg">
            <WriteEntryCard prompts={journal.data.prompts} doses={journal.data.doses} timeZone={tz} />
            <Card bg="sage.0" component="aside" aria-labelledby="journal-help-title">
              <Stack gap="xs">
                <Title order={2} fz="md" id="journal-help-title">This journal is not watched</Title>
                <Text fz="sm">
                  Nobody reads your entries as you write them, not even shared ones straight away. If you need help now:
                </Text>
                <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>{journal.data.crisisResources}</Text>
              </Stack>
            </Card>
          </Stack>
          <Stack gap="md" component="section" aria-labelledby="entries-title">
            <Title order={2} id="entries-title">My entries</Title>
            {journal.data.entries.length === 0 ? (
              <Text c="dimmed">No entries yet. What you write appears here, newest first.</Text>
            ) : (
              journal.data.entries.map((e) => <EntryCard key={`${e.id}-${e.updatedAt}`} entry={e} doses={journal.data.doses} timeZone={tz} />)
            )}
          </Stack>
        </SimpleGrid>
      )}
    </Page>
  );
}
