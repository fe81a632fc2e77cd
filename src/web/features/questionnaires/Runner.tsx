/**
 * The questionnaire runner, for patients and for staff entering answers on a patient's behalf: the instrument's own
 * instructions, then one item per screen with its position ("Question 3 of 9" and a progress bar), Back / Next, a
 * review, and submit. Each answer is saved as a draft (for assigned questionnaires), and a half-finished one resumes
 * at its first unanswered item. Focus moves to the step's heading on every step, for keyboard and screen readers.
 */
import { Alert, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormError } from '../../app/FormError';
import { ItemStep } from './ItemStep';
import { answersToSubmit } from './labels';
import { questionnaireApi } from './queries';
import { ReviewStep } from './ReviewStep';
import type { AnswerSex, Assignment, InstrumentDefinition, Submitted } from './types';

export interface RunnerProps {
  definition: InstrumentDefinition;
  patientId: string;
  /** The assigned questionnaire being answered (drafts are saved on it), or null for a one-off entry by staff. */
  assignment: Assignment | null;
  /** Staff entering answers for the patient. */
  onBehalf: boolean;
  /** The patient's sex when it is female or male (instruments with sex-dependent cut-offs); else asked for. */
  knownSex: AnswerSex | null;
  onSubmitted: (result: Submitted) => void;
}

type Step = 'intro' | 'review' | number;

function firstStep(definition: InstrumentDefinition, answers: (number | null)[]): Step {
  if (answers.every((a) => a === null)) return 'intro';
  const missing = definition.items.findIndex((item, i) => item.required && answers[i] === null);
  if (missing >= 0) return missing;
  const optional = definition.items.findIndex((_, i) => answers[i] === null);
  return optional >= 0 ? optional : 'review';
}

export function Runner({ definition, patientId, assignment, onBehalf, knownSex, onSubmitted }: RunnerProps) {
  const items = definition.items;
  const [answers, setAnswers] = useState<(number | null)[]>(() => items.map((_, i) => assignment?.draftAnswers?.[i] ?? null));
  const [step, setStep] = useState<Step>(() => firstStep(definition, answers));
  const [welcomeBack, setWelcomeBack] = useState(step !== 'intro');
  const [sex, setSex] = useState<AnswerSex | null>(knownSex);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);

  // Drafts are saved one after the other (a scope runs its mutations in order), so the last answer is what stays.
  const draft = useMutation({
    mutationFn: (next: (number | null)[]) => questionnaireApi.saveDraft(assignment!.id, next),
    scope: { id: `draft-${assignment?.id ?? 'none'}` },
  });
  const submit = useMutation({
    mutationFn: () =>
      questionnaireApi.submit(patientId, {
        instrument: definition.id,
        answers: answersToSubmit(answers),
        ...(assignment ? { assignmentId: assignment.id } : {}),
        ...(definition.requiresSex && sex ? { sex } : {}),
      }),
    onSuccess: onSubmitted,
  });

  useEffect(() => {
    // The first step is announced by the page's own heading; later steps move focus to their heading.
    if (shownStep.current !== step) headingRef.current?.focus();
    shownStep.current = step;
  }, [step]);

  const answer = (index: number, value: number) => {
    const next = answers.map((a, i) => (i === index ? value : a));
    setAnswers(next);
    if (assignment) draft.mutate(next);
  };

  const go = (next: Step) => {
    submit.reset();
    setWelcomeBack(false);
    setStep(next);
  };

  const total = items.length;
  // Required items come first (the definition schema guarantees it): "Question 3 of 9", then "Optional question 1 of 1".
  const required = items.filter((i) => i.required).length;
  const position = (index: number) =>
    index < required ? `Question ${index + 1} of ${required}` : `Optional question ${index - required + 1} of ${total - required}`;
  const stemFor = (index: number): string | null => {
    if (definition.itemStem) return definition.itemStem;
    // The instructions carry the recall period; they fit the items that share the first item's answers.
    return items[index]!.answerSet === items[0]!.answerSet ? definition.instructions : null;
  };

  if (step === 'intro') {
    return (
      <Card>
        <Stack gap="md">
          <Title order={2} ref={headingRef} tabIndex={-1}>
            Before you start
          </Title>
          {onBehalf && <OnBehalfNote />}
          <Text fz="lg">{definition.instructions}</Text>
          <Text c="dimmed">
            {required} questions{total > required ? ` and ${total - required === 1 ? 'an optional one' : `${total - required} optional ones`}` : ''}, one at a time. There are no right
            or wrong answers.
            {assignment && (onBehalf ? ' Answers are saved as you go.' : ' Your answers are saved as you go, so you can stop and come back later.')}
          </Text>
          <Group>
            <Button size="md" onClick={() => go(0)}>
              Start
            </Button>
          </Group>
        </Stack>
      </Card>
    );
  }

  if (step === 'review') {
    const onSubmit = (event: FormEvent) => {
      event.preventDefault();
      submit.mutate();
    };
    return (
      <Card>
        <form onSubmit={onSubmit} noValidate aria-labelledby="review-heading">
          <Stack gap="md">
            <Title order={2} id="review-heading" ref={headingRef} tabIndex={-1}>
              Check your answers
            </Title>
            {onBehalf && <OnBehalfNote />}
            <FormError error={submit.error} title="The answers were not sent" />
            <ReviewStep definition={definition} answers={answers} onChange={(i) => go(i)} askSex={definition.requiresSex && !knownSex} sex={sex} onSex={setSex} />
            <Group justify="space-between">
              <Button variant="default" onClick={() => go(total - 1)}>
                Back
              </Button>
              <Button type="submit" size="md" loading={submit.isPending} disabled={definition.requiresSex && !sex}>
                {onBehalf ? 'Save the response' : 'Send my answers'}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    );
  }

  const item = items[step]!;
  const value = answers[step] ?? null;
  const canGoOn = value !== null || !item.required;
  const onNext = (event: FormEvent) => {
    event.preventDefault();
    if (canGoOn) go(step + 1 < total ? step + 1 : 'review');
  };
  return (
    <Card>
      <form onSubmit={onNext} noValidate aria-labelledby="step-heading">
        <Stack gap="md">
          <Stack gap={6}>
            <Title order={2} id="step-heading" fz="md" c="dimmed" ref={headingRef} tabIndex={-1}>
              {position(step)}
            </Title>
            <Progress.Root size="md" aria-hidden="true">
              <Progress.Section value={Math.min(1, (step + 1) / required) * 100} />
            </Progress.Root>
          </Stack>
          {welcomeBack && (
            <Alert color="sage" variant="light">
              Welcome back: your earlier answers were kept, and you are at the first question you had not answered yet.
            </Alert>
          )}
          {onBehalf && <OnBehalfNote />}
          <ItemStep item={item} index={step} options={definition.answerSets[item.answerSet] ?? []} stem={stemFor(step)} value={value} onChange={(v) => answer(step, v)} />
          {draft.isError && (
            <Alert color="red" role="alert">
              Your last answer could not be saved yet. You can carry on; check your connection before you leave this page.
            </Alert>
          )}
          <Group justify="space-between">
            <Button variant="default" onClick={() => go(step === 0 ? 'intro' : step - 1)}>
              Back
            </Button>
            <Button type="submit" size="md" disabled={!canGoOn}>
              {value === null && !item.required ? 'Skip this question' : step + 1 < total ? 'Next' : 'Review answers'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function OnBehalfNote() {
  return (
    <Alert color="blue" variant="light">
      You are entering the patient’s answers on their behalf: the response is recorded as entered by staff.
    </Alert>
  );
}
