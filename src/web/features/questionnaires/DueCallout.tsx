/** On the patient's overview: how many questionnaires are waiting, with the way to them. */
import { Alert, Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { useQuestionnaires } from './queries';

export function DueCallout({ patientId }: { patientId: string }) {
  const lists = useQuestionnaires(patientId);
  const due = lists.data?.due ?? [];
  if (due.length === 0) return null;
  const overdue = due.filter((a) => a.overdue).length;
  return (
    <Alert color="blue" variant="light" title={due.length === 1 ? 'A questionnaire is waiting for you' : `${due.length} questionnaires are waiting for you`}>
      {overdue > 0 && `${overdue === 1 ? 'One is' : `${overdue} are`} overdue. `}
      They take a few minutes and help your care team see how you are doing.{' '}
      <Anchor component={Link} to="/my-questionnaires" fw={600}>
        Go to my questionnaires
      </Anchor>
    </Alert>
  );
}
