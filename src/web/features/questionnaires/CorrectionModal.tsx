/** Correcting a response: the answers as they should have been, and why. The original stays, marked as corrected. */
import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { ErrorAlert, Loading } from '../../app/states';
import { answersToSubmit, bandLabel } from './labels';
import { questionnaireApi, useInstrument, useMeasurementMutation } from './queries';
import type { InstrumentDefinition, QuestionnaireResponse } from './types';

export interface CorrectionModalProps {
  response: QuestionnaireResponse;
  onClose: () => void;
  onDone: (message: string) => void;
}

export function CorrectionModal({ response, onClose, onDone }: CorrectionModalProps) {
  const definition = useInstrument(response.instrument);
  return (
    <Modal opened onClose={onClose} title={`Correct ${definition.data?.shortTitle ?? response.instrument} (version ${response.version})`} size="lg">
      {definition.isPending ? (
        <Loading label="Loading the questionnaire…" />
      ) : definition.isError ? (
        <ErrorAlert error={definition.error} title="The questionnaire could not be loaded" />
      ) : (
        <CorrectionForm definition={definition.data} response={response} onClose={onClose} onDone={onDone} />
      )}
    </Modal>
  );
}

function CorrectionForm({ definition, response, onClose, onDone }: CorrectionModalProps & { definition: InstrumentDefinition }) {
  const [answers, setAnswers] = useState<(number | null)[]>(() => definition.items.map((_, i) => response.answers[i] ?? null));
  const [reason, setReason] = useState('');
  const correct = useMeasurementMutation(response.patientId, () => questionnaireApi.correct(response.id, { answers: answersToSubmit(answers), reason: reason.trim() }));
  const errors = fieldErrors(correct.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    correct.mutate(undefined, {
      onSuccess: (r) => {
        const alerts = r.safetyAlerts.length ? ' A safety alert was opened for a newly raised flag.' : '';
        onDone(`Correction saved as version ${r.response.version}: score ${r.response.total}${r.response.severity ? ` (${bandLabel(r.response.severity)})` : ''}.${alerts}`);
      },
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text fz="sm">The original answers are kept; the corrected version replaces them in scores and trajectories.</Text>
        <FormError error={correct.error} title="The correction was not saved" />
        {definition.items.map((item, i) => {
          const options = definition.answerSets[item.answerSet] ?? [];
          return (
            <NativeSelect
              key={item.id}
              label={`${i + 1}. ${item.text}`}
              value={answers[i] === null ? '' : String(answers[i])}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setAnswers(answers.map((a, j) => (j === i ? (value === '' ? null : Number(value)) : a)));
              }}
              error={errors[`answers.${i}`]}
              data={[...(item.required ? [] : [{ value: '', label: 'Not answered (optional)' }]), ...options.map((o) => ({ value: String(o.value), label: `${o.label} (${o.value})` }))]}
            />
          );
        })}
        <Textarea label="Reason for the correction" required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={correct.isPending}>
            Save correction
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
