/**
 * The prescriber's eligibility decision on the saved record. Deciding against the rules is an override: it needs a
 * written reason, and deciding "eligible" where the rules say "ineligible" also needs a second prescriber's
 * co-signature before it takes effect. The panel says which applies, and why, before anything is sent.
 */
import { Alert, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import type { PatientDetail } from '../../api/types';
import { FormError } from '../../app/FormError';
import { STATUS_LABEL } from '../../app/labels';
import { eligibilityApi, OUTCOME_LABEL, useDecisionMutation, type Evaluation } from './queries';

type Choice = 'eligible' | 'ineligible';

export function DecisionPanel({ patient, saved, dirty, blocked }: { patient: PatientDetail; saved: Evaluation; dirty: boolean; blocked: boolean }) {
  const [choice, setChoice] = useState<Choice | ''>('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const decide = useDecisionMutation(patient.id, (body: { decision: Choice; reason: string | null }) => eligibilityApi.decide(patient.id, body));
  const errors = fieldErrors(decide.error);
  const evaluated = saved.outcome;
  const override = choice === 'eligible' ? evaluated !== 'eligible' : choice === 'ineligible' ? evaluated === 'eligible' : false;
  const needsCosign = choice === 'eligible' && evaluated === 'ineligible';

  if (patient.status !== 'screening') {
    return (
      <Card>
        <Stack gap="xs">
          <Title order={2}>Decision</Title>
          <Text>
            The patient is {STATUS_LABEL[patient.status].toLowerCase()}, not in screening. To decide again, move the patient back to screening first (on the
            overview).
          </Text>
        </Stack>
      </Card>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    setDone(null);
    decide.mutate(
      { decision: choice, reason: reason.trim() || null },
      {
        onSuccess: (d) => {
          setDone(d.status === 'awaiting-cosign' ? 'Decision recorded: it takes effect when a second prescriber co-signs it.' : `Decision recorded: the patient is now ${d.decision}.`);
          setChoice('');
          setReason('');
        },
      },
    );
  };

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-label="Eligibility decision">
        <Stack gap="md">
          <Title order={2}>Decision</Title>
          {done && (
            <Alert color="sage" role="status" variant="light">
              {done}
            </Alert>
          )}
          {dirty && (
            <Alert color="orange" variant="light">
              The screening record has unsaved changes. A decision uses the saved record: save it first.
            </Alert>
          )}
          {blocked && <Alert color="blue" variant="light">A decision for this patient is waiting for a co-signature (below): have it co-signed or withdrawn first.</Alert>}
          <FormError error={decide.error} title="The decision was not recorded" />
          <fieldset className="tilth-fieldset">
            <legend style={{ fontSize: 'var(--mantine-font-size-md)' }}>The rules say: {OUTCOME_LABEL[evaluated]}. Your decision:</legend>
            <Stack gap="xs">
              {(['eligible', 'ineligible'] as const).map((c) => (
                <label key={c} className="tilth-option" data-checked={choice === c || undefined}>
                  <input type="radio" name="eligibility-decision" value={c} checked={choice === c} onChange={() => setChoice(c)} disabled={dirty || blocked} />
                  <span>{c === 'eligible' ? 'Eligible for a KAP course' : 'Not eligible'}</span>
                </label>
              ))}
            </Stack>
          </fieldset>
          {choice && override && (
            <Alert color={needsCosign ? 'red' : 'yellow'} variant="light" title={needsCosign ? 'Override of an exclusion' : 'Override'}>
              {needsCosign
                ? 'The rules found an exclusion. Deciding eligible needs your written reason and a second prescriber’s co-signature; the status changes only when it is co-signed.'
                : `The rules say “${OUTCOME_LABEL[evaluated]}”. Deciding ${choice} goes against them, so it needs your written reason.`}
            </Alert>
          )}
          {choice && (
            <Textarea
              label="Reason"
              description={override ? 'Required: why you decide against the rules.' : 'Optional; kept with the decision and the status history.'}
              required={override}
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
            />
          )}
          <Group justify="flex-end">
            <Button type="submit" disabled={!choice || dirty || blocked || (override && reason.trim().length === 0)} loading={decide.isPending}>
              {needsCosign ? 'Record decision for co-signature' : 'Record decision'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
