/** The patient's questionnaires: due now first (overdue marked), then upcoming and recently completed, in clinic time. */
import { Card, Stack, Text, Title } from '@mantine/core';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { zoneName } from '../../app/time';
import { AssignmentList } from './AssignmentList';
import { useQuestionnaires } from './queries';
import type { Assignment } from './types';

/** Overdue first, then by due time. */
export const dueOrder = (a: Assignment, b: Assignment) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt);

export function MyQuestionnairesPage() {
  const me = useSession();
  const patientId = me.user.patientId ?? '';
  const lists = useQuestionnaires(patientId);
  const tz = me.clinic.timeZone;
  return (
    <Page
      title="My questionnaires"
      description={`Short questionnaires help your care team see how you are doing between sessions. Times are in ${tz.replace(/_/g, ' ')} time (${zoneName(tz)}).`}
    >
      {lists.isPending ? (
        <Loading label="Loading your questionnaires…" />
      ) : lists.isError ? (
        <ErrorAlert error={lists.error} title="Your questionnaires could not be loaded" />
      ) : (
        <>
          <Card>
            <Stack gap="md">
              <Title order={2}>Due now</Title>
              <AssignmentList
                label="Due now"
                kind="due"
                items={[...lists.data.due].sort(dueOrder)}
                answerHref={(a) => `/my-questionnaires/${a.id}`}
                empty="Nothing to fill in right now. Thank you!"
              />
            </Stack>
          </Card>
          <Card>
            <Stack gap="md">
              <Title order={2}>Coming up</Title>
              <AssignmentList label="Coming up" kind="upcoming" items={lists.data.upcoming.slice(0, 5)} empty="No questionnaires are planned yet." />
              {lists.data.upcoming.length > 5 && <Text c="dimmed">And {lists.data.upcoming.length - 5} more later.</Text>}
            </Stack>
          </Card>
          <Card>
            <Stack gap="md">
              <Title order={2}>Completed</Title>
              <AssignmentList label="Completed" kind="completed" items={lists.data.completed} empty="You have not completed a questionnaire yet." />
            </Stack>
          </Card>
          <Text fz="sm">
            If you are in crisis or thinking about harming yourself, do not wait for a questionnaire: call or text 988 (Suicide &amp; Crisis
            Lifeline, US) or your local emergency number.
          </Text>
        </>
      )}
    </Page>
  );
}
