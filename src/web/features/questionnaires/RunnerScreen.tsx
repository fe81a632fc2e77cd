/**
 * A questionnaire being answered, then its outcome: the crisis resources at once when a safety flag was raised,
 * otherwise a calm confirmation (with the score for staff). Loads the instrument's definition itself.
 */
import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert, Loading } from '../../app/states';
import { CrisisResources } from './CrisisResources';
import { bandLabel, flagLabel } from './labels';
import { qKeys, useInstrument } from './queries';
import { Runner } from './Runner';
import type { AnswerSex, Assignment, Submitted } from './types';

export interface RunnerScreenProps {
  patientId: string;
  instrumentId: string;
  assignment: Assignment | null;
  onBehalf: boolean;
  knownSex: AnswerSex | null;
  back: { to: string; label: string };
}

export function RunnerScreen({ patientId, instrumentId, assignment, onBehalf, knownSex, back }: RunnerScreenProps) {
  const definition = useInstrument(instrumentId);
  const queryClient = useQueryClient();
  const [result, setResult] = useState<Submitted | null>(null);

  const onSubmitted = (submitted: Submitted) => {
    setResult(submitted);
    void queryClient.invalidateQueries({ queryKey: qKeys.patient(patientId) });
    void queryClient.invalidateQueries({ queryKey: ['safety-alerts'] });
    void queryClient.invalidateQueries({ queryKey: ['outcomes'] });
  };

  if (result) return <SubmittedView result={result} onBehalf={onBehalf} back={back} />;
  if (definition.isPending) return <Loading label="Loading the questionnaire…" />;
  if (definition.isError) return <ErrorAlert error={definition.error} title="The questionnaire could not be loaded" />;
  return (
    <Stack gap="md">
      <Runner definition={definition.data} patientId={patientId} assignment={assignment} onBehalf={onBehalf} knownSex={knownSex} onSubmitted={onSubmitted} />
      <Text fz="xs" c="dimmed">
        {definition.data.shortTitle}: {definition.data.licence}
      </Text>
    </Stack>
  );
}

function SubmittedView({ result, onBehalf, back }: { result: Submitted; onBehalf: boolean; back: RunnerScreenProps['back'] }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const r = result.response;
  useEffect(() => {
    if (!result.crisisResources) ref.current?.focus();
  }, [result.crisisResources]);
  return (
    <Stack gap="lg">
      {result.crisisResources && <CrisisResources text={result.crisisResources} onBehalf={onBehalf} />}
      <Card>
        <Stack gap="sm">
          <Title order={2} ref={ref} tabIndex={-1}>
            {onBehalf ? 'Response saved' : 'Thank you: your answers were sent'}
          </Title>
          {onBehalf ? (
            <>
              <Text>
                Score <strong>{r.total}</strong>
                {r.severity && ` · ${bandLabel(r.severity)}`}
                {r.positive !== null && ` · screen ${r.positive ? 'positive' : 'negative'}`}. Recorded as entered by staff on the patient’s behalf.
              </Text>
              {result.safetyAlerts.length > 0 && (
                <Alert color="red" variant="light" title="Safety alert opened">
                  {result.safetyAlerts.map((a) => `${flagLabel(a.flag)}: ${a.message}`).join(' ')}{' '}
                  <Anchor component={Link} to="/safety">
                    Open the safety queue
                  </Anchor>
                </Alert>
              )}
            </>
          ) : (
            <Text>
              Your care team can see your answers now. Thank you for taking the time: it helps them see how you are doing and plan your care
              with you.
            </Text>
          )}
          <Group>
            <Button component={Link} to={back.to} variant={result.crisisResources ? 'default' : 'filled'}>
              {back.label}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
