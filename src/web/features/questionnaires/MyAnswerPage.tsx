/** The patient answering one of their due questionnaires (resumable: drafts are saved on the assignment). */
import { Button, Card, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { usePatient } from '../patients/queries';
import { useQuestionnaires } from './queries';
import { RunnerScreen } from './RunnerScreen';
import type { Assignment } from './types';

export function MyAnswerPage() {
  const { assignmentId = '' } = useParams();
  const me = useSession();
  const patientId = me.user.patientId ?? '';
  const lists = useQuestionnaires(patientId);
  const patient = usePatient(patientId);
  // Kept once found: after submitting, the questionnaire leaves the "due" list but the outcome stays on screen.
  const [assignment, setAssignment] = useState<Assignment | null>(null);
  // Only a fresh list: a cached one may hold an older draft than the one saved since.
  const held = assignment?.id === assignmentId ? assignment : null;
  const found = held ?? (lists.isFetchedAfterMount ? lists.data?.due.find((a) => a.id === assignmentId) : null) ?? null;
  if (found && !held) setAssignment(found);

  const back = { to: '/my-questionnaires', label: 'Back to my questionnaires' };
  if (!found) {
    if (lists.isError) return <ErrorAlert error={lists.error} title="The questionnaire could not be loaded" />;
    if (lists.isPending || !lists.isFetchedAfterMount) return <Loading label="Loading the questionnaire…" />;
    return (
      <Page title="Questionnaire not open">
        <Card>
          <Stack gap="sm">
            <Text>This questionnaire is not open for answers: it may be completed already, or not due yet.</Text>
            <Button component={Link} to={back.to} variant="light" w="fit-content">
              {back.label}
            </Button>
          </Stack>
        </Card>
      </Page>
    );
  }
  if (patient.isPending) return <Loading label="Loading the questionnaire…" />;
  const sex = patient.data?.sexAssignedAtBirth;
  return (
    <Page title={found.instrument.shortTitle} heading={found.instrument.title} description={found.anchor ? `The questionnaire ${found.anchor}.` : undefined}>
      <RunnerScreen
        key={found.id}
        patientId={patientId}
        instrumentId={found.instrument.id}
        assignment={found}
        onBehalf={false}
        knownSex={sex === 'female' || sex === 'male' ? sex : null}
        back={back}
      />
    </Page>
  );
}
