/**
 * Staff: a patient's questionnaires (due, upcoming, completed; answers entered on the patient's behalf), standing
 * orders and the measurement plan, recorded doses, and every submitted response with its corrections.
 */
import { Button, Card, Group, NativeSelect, SimpleGrid, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert, Loading } from '../../app/states';
import { PatientFrame } from '../patients/PatientFrame';
import { AssignmentList } from './AssignmentList';
import { DosesCard } from './DosesCard';
import { dueOrder } from './MyQuestionnairesPage';
import { useInstruments, useQuestionnaires } from './queries';
import { ResponsesCard } from './ResponsesCard';
import { SchedulesCard } from './SchedulesCard';

export function PatientQuestionnairesPage() {
  return (
    <PatientFrame section="questionnaires">
      {(p) => (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
            <QuestionnairesCard patientId={p.id} />
            <Stack gap="lg">
              <SchedulesCard patientId={p.id} />
              <DosesCard patientId={p.id} />
            </Stack>
          </SimpleGrid>
          <ResponsesCard patientId={p.id} />
        </>
      )}
    </PatientFrame>
  );
}

function QuestionnairesCard({ patientId }: { patientId: string }) {
  const lists = useQuestionnaires(patientId);
  const instruments = useInstruments();
  const [instrument, setInstrument] = useState('phq-9');
  const base = `/patients/${patientId}/questionnaires`;
  return (
    <Card>
      <Stack gap="md">
        <Title order={2}>Questionnaires</Title>
        {lists.isPending ? (
          <Loading label="Loading questionnaires…" />
        ) : lists.isError ? (
          <ErrorAlert error={lists.error} title="The questionnaires could not be loaded" />
        ) : (
          <>
            <Title order={3}>Due now</Title>
            <AssignmentList
              label="Due now"
              kind="due"
              items={[...lists.data.due].sort(dueOrder)}
              answerHref={(a) => `${base}/answer/${a.id}`}
              answerLabel={() => 'Enter answers'}
              empty="Nothing is due."
            />
            <Title order={3}>Upcoming</Title>
            <AssignmentList label="Upcoming" kind="upcoming" items={lists.data.upcoming} empty="Nothing is planned." />
            <Title order={3}>Recently completed</Title>
            <AssignmentList label="Recently completed" kind="completed" items={lists.data.completed} empty="None completed yet." />
          </>
        )}
        <Title order={3}>Enter a questionnaire now</Title>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NativeSelect
            label="Instrument"
            value={instrument}
            onChange={(e) => setInstrument(e.currentTarget.value)}
            data={(instruments.data ?? []).map((i) => ({ value: i.id, label: i.title }))}
            style={{ flex: '1 1 14rem' }}
          />
          <Button component={Link} to={`${base}/enter/${instrument}`} variant="light">
            Enter a new response
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
