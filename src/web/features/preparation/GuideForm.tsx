/**
 * The preparation guide's form: one card per section with its prompt, a text box per question, a tick per topic
 * covered, and up to three people to call. Saved with a clear button (the save says which version it edited, so a
 * colleague's change made meanwhile is not overwritten: the server answers 409 and the form says so); unsaved changes
 * are shown, and leaving the page with them asks first.
 */
import { Alert, Badge, Button, Card, Checkbox, Group, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useBlocker } from 'react-router';
import { ApiError, fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { useSession } from '../../app/session';
import { formatInstant } from '../../app/time';
import { linkify } from '../questionnaires/CrisisResources';
import { useSaveGuide } from './queries';
import { CHECKED, contactKey, type Guide, type GuideSection, type Question } from './types';

type Answers = Record<string, string>;

const clean = (a: Answers): Answers => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
const same = (a: Answers, b: Answers): boolean => {
  const x = clean(a);
  const y = clean(b);
  return Object.keys(x).length === Object.keys(y).length && Object.entries(x).every(([k, v]) => y[k] === v);
};

export function GuideForm({ guide }: { guide: Guide }) {
  const me = useSession();
  const [answers, setAnswers] = useState<Answers>(guide.answers);
  const [saved, setSaved] = useState<Answers>(guide.answers);
  const [base, setBase] = useState<string | null>(guide.updatedAt);
  const save = useSaveGuide(guide.appointment.id, guide.patient.id);
  const dirty = !same(answers, saved);
  const errors = fieldErrors(save.error);
  const stale = save.error instanceof ApiError && save.error.status === 409 && guide.writable;
  const readOnly = !guide.writable;

  // Leaving with unsaved changes: ask first (in-app navigation and closing the tab).
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm('The guide has unsaved changes. Leave without saving them?')) blocker.proceed();
    else blocker.reset();
  }, [blocker]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const set = (key: string, value: string) => setAnswers((a) => ({ ...a, [key]: value }));
  const onSave = () =>
    save.mutate({ answers: clean(answers), baseUpdatedAt: base }, {
      onSuccess: (g) => {
        setSaved(g.answers);
        setAnswers(g.answers);
        setBase(g.updatedAt);
      },
    });
  const field = { answers, set, errors, readOnly };

  return (
    <form onSubmit={(e) => { e.preventDefault(); onSave(); }} aria-label="Preparation guide">
      <Stack gap="md">
        {readOnly && (
          <Alert color="gray" variant="light" role="note" title="Read-only">
            This session was {guide.appointment.status === 'cancelled' ? 'cancelled' : 'missed'}; what was written is kept as it was.
          </Alert>
        )}
        {guide.sections.map((s) => (
          <SectionCard key={s.id} section={s} guide={guide} {...field} />
        ))}
        {!readOnly && (
          <Card withBorder pos="sticky" bottom={0} style={{ zIndex: 2 }}>
            <Stack gap="xs">
              <FormError error={save.error} title="The guide was not saved" />
              {stale && <Text fz="sm">Reload the page to see the latest version (your unsaved text will be lost: copy anything you need first).</Text>}
              <Group justify="space-between">
                <Text fz="sm" c={dirty ? 'orange.9' : 'dimmed'} role="status">
                  {dirty
                    ? 'Unsaved changes'
                    : guide.updatedAt
                      ? `Saved · last changed by ${guide.updatedBy?.name ?? 'someone'}, ${formatInstant(guide.updatedAt, me.clinic.timeZone)}`
                      : 'Nothing written yet'}
                </Text>
                <Button type="submit" loading={save.isPending} disabled={!dirty}>Save the guide</Button>
              </Group>
            </Stack>
          </Card>
        )}
      </Stack>
    </form>
  );
}

interface FieldProps {
  answers: Answers;
  set: (key: string, value: string) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}

function SectionCard({ section, guide, ...field }: { section: GuideSection; guide: Guide } & FieldProps) {
  const status = guide.completeness.sections.find((c) => c.id === section.id)?.status ?? 'empty';
  const headingId = `guide-${section.id}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} fz="h3" id={headingId}>{section.heading}</Title>
          <StatusBadge status={status} />
        </Group>
        <Text fz="sm" c="dimmed">{section.prompt}</Text>
        {section.id === 'consent' && <ConsentOnRecord guide={guide} />}
        {section.questions.map((q) => <QuestionField key={q.key} q={q} {...field} />)}
        {section.crisisLine && (
          <Alert color="red" variant="light" title="The clinic’s crisis line (shown to the patient with this plan)">
            <Text fz="sm">{linkify(guide.crisisResources).nodes}</Text>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

export function StatusBadge({ status }: { status: 'empty' | 'partial' | 'complete' }) {
  if (status === 'complete') return <Badge color="sage">Complete</Badge>;
  if (status === 'partial') return <Badge color="orange" variant="light">In progress</Badge>;
  return <Badge color="gray" variant="light">Empty</Badge>;
}

function ConsentOnRecord({ guide }: { guide: Guide }) {
  const me = useSession();
  return guide.consent ? (
    <Text fz="sm">Signed consent on record: version {guide.consent.documentVersion}, signed {formatInstant(guide.consent.signedAt, me.clinic.timeZone)}.</Text>
  ) : (
    <Text fz="sm" c="orange.9">No signed consent is recorded for this course yet: it is needed before the first dose.</Text>
  );
}

function QuestionField({ q, answers, set, errors, readOnly }: { q: Question } & FieldProps) {
  const error = (key: string) => errors[`answers.${key}`];
  if (q.kind === 'check') {
    return (
      <Checkbox
        label={q.label}
        description={q.hint || undefined}
        checked={answers[q.key] === CHECKED}
        disabled={readOnly}
        error={error(q.key)}
        onChange={(e) => set(q.key, e.currentTarget.checked ? CHECKED : '')}
      />
    );
  }
  if (q.kind === 'text') {
    return (
      <Textarea
        label={q.label}
        description={q.hint || undefined}
        autosize
        minRows={2}
        maxLength={4000}
        readOnly={readOnly}
        value={answers[q.key] ?? ''}
        error={error(q.key)}
        onChange={(e) => set(q.key, e.currentTarget.value)}
      />
    );
  }
  return (
    <Stack gap="xs" role="group" aria-label={q.label}>
      <div>
        <Text fw={500} fz="sm">{q.label}</Text>
        <Text fz="xs" c="dimmed">{q.hint}</Text>
      </div>
      {Array.from({ length: q.slots ?? 0 }, (_, i) => i + 1).map((slot) => (
        <SimpleGrid key={slot} cols={{ base: 1, sm: 3 }} spacing="xs">
          {(['name', 'relationship', 'phone'] as const).map((part) => {
            const key = contactKey(q.key, slot, part);
            return (
              <TextInput
                key={part}
                label={`Person ${slot}: ${part}`}
                type={part === 'phone' ? 'tel' : 'text'}
                maxLength={part === 'name' ? 100 : part === 'relationship' ? 60 : 30}
                readOnly={readOnly}
                value={answers[key] ?? ''}
                error={error(key)}
                onChange={(e) => set(key, e.currentTarget.value)}
              />
            );
          })}
        </SimpleGrid>
      ))}
    </Stack>
  );
}
