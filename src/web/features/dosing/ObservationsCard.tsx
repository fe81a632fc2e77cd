/**
 * Observations: sedation and dissociation on the clinic's own scales (their labels come with the protocol), adverse
 * events with type, severity and the action taken, the suicide-risk check, the ride home present, the patient's state
 * and notes; then everything observed so far.
 */
import { Badge, Box, Button, Card, Group, NativeSelect, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { formatTime } from '../../app/time';
import type { ConsoleProps } from './ChecklistCard';
import { EVENT_TYPE_LABEL, IN_SESSION, OBSERVATION_LABEL, SEVERITY_LABEL } from './labels';
import { dosingApi, useSessionStep, type ObservationBody } from './queries';
import type { AdverseEventType, Observation, ObservationKind, SessionView, Severity } from './types';

const KINDS: ObservationKind[] = ['sedation', 'dissociation', 'adverse-event', 'suicide-risk-check', 'ride-present', 'state', 'note'];

export function ObservationsCard(props: ConsoleProps) {
  const { view } = props;
  return (
    <Card id="observations" component="section" aria-labelledby="observations-title">
      <Stack gap="md">
        <Title order={3} id="observations-title">
          Observations
        </Title>
        {IN_SESSION.includes(view.state) ? (
          <ObservationForm {...props} />
        ) : (
          <Text fz="sm" c="dimmed">
            Observations are recorded from check-in until discharge.
          </Text>
        )}
        <ObservationList view={view} />
      </Stack>
    </Card>
  );
}

function ObservationForm({ view, notify }: ConsoleProps) {
  const [kind, setKind] = useState<ObservationKind>('sedation');
  const [level, setLevel] = useState('');
  const [eventType, setEventType] = useState<AdverseEventType | ''>('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [action, setAction] = useState('');
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const step = useSessionStep(view.appointmentId, (body: ObservationBody) => dosingApi(view.appointmentId).observe(body));
  const errors = fieldErrors(step.error);
  const scale = kind === 'sedation' ? view.protocol.sedationScale : kind === 'dissociation' ? view.protocol.dissociationScale : null;
  const textRequired = kind === 'state' || kind === 'note';

  const reset = () => {
    setLevel('');
    setEventType('');
    setSeverity('');
    setAction('');
    setText('');
    setTried(false);
  };
  const problems = {
    level: scale && level === '' ? 'Choose a level' : undefined,
    eventType: kind === 'adverse-event' && !eventType ? 'Choose the type' : undefined,
    severity: kind === 'adverse-event' && !severity ? 'Choose the severity' : undefined,
    actionTaken: kind === 'adverse-event' && !action.trim() ? 'Say what was done' : undefined,
    text: textRequired && !text.trim() ? 'Write what you observed' : undefined,
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.values(problems).some(Boolean)) return;
    const body: ObservationBody = { kind };
    if (scale) body.level = Number(level);
    if (kind === 'adverse-event') Object.assign(body, { eventType, severity, actionTaken: action.trim() });
    if (text.trim()) body.text = text.trim();
    step.mutate(body, {
      onSuccess: () => {
        notify(`${OBSERVATION_LABEL[kind]} recorded${scale ? `: ${scale.levels[Number(level)]}` : ''}.`);
        reset();
      },
    });
  };
  const err = (k: keyof typeof problems) => (tried && problems[k]) || errors[k];

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Record an observation">
      <Stack gap="sm">
        <FormError error={step.error} title="The observation was not recorded" />
        <NativeSelect size="md" label="What to record" value={kind} onChange={(e) => {
          setKind(e.currentTarget.value as ObservationKind);
          reset();
        }} data={KINDS.map((k) => ({ value: k, label: OBSERVATION_LABEL[k] }))} />
        {scale && (
          <Radio.Group label={`${OBSERVATION_LABEL[kind]} level (clinic scale)`} required value={level} onChange={setLevel} error={err('level')}>
            <Stack gap={6} mt={4}>
              {scale.levels.map((l, i) => (
                <Radio key={l} size="md" value={String(i)} label={l} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {kind === 'adverse-event' && (
          <>
            <Group grow align="flex-start">
              <NativeSelect size="md" label="Type" required value={eventType} onChange={(e) => setEventType(e.currentTarget.value as AdverseEventType | '')} error={err('eventType')}
                data={[{ value: '', label: 'Choose…' }, ...Object.entries(EVENT_TYPE_LABEL).map(([value, label]) => ({ value, label }))]} />
              <NativeSelect size="md" label="Severity" required value={severity} onChange={(e) => setSeverity(e.currentTarget.value as Severity | '')} error={err('severity')}
                data={[{ value: '', label: 'Choose…' }, ...Object.entries(SEVERITY_LABEL).map(([value, label]) => ({ value, label }))]} />
            </Group>
            <Textarea size="md" label="Action taken" required autosize minRows={2} value={action} onChange={(e) => setAction(e.currentTarget.value)} error={err('actionTaken')} />
          </>
        )}
        <Textarea
          size="md"
          label={textRequired ? 'What you observed' : kind === 'ride-present' ? 'Who is here (optional)' : 'Note (optional)'}
          required={textRequired}
          autosize
          minRows={kind === 'note' || kind === 'state' ? 2 : 1}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={err('text')}
        />
        <Group>
          <Button type="submit" size="lg" loading={step.isPending}>
            Record {OBSERVATION_LABEL[kind].toLowerCase()}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function describe(o: Observation, view: SessionView): string {
  if (o.kind === 'sedation' || o.kind === 'dissociation') {
    const scale = o.kind === 'sedation' ? view.protocol.sedationScale : view.protocol.dissociationScale;
    return o.level === null ? '' : (scale.levels[o.level] ?? `level ${o.level}`);
  }
  if (o.kind === 'adverse-event') {
    return [o.eventType && EVENT_TYPE_LABEL[o.eventType], o.severity && SEVERITY_LABEL[o.severity].toLowerCase(), o.actionTaken && `action: ${o.actionTaken}`].filter(Boolean).join(', ');
  }
  return '';
}

function ObservationList({ view }: { view: SessionView }) {
  if (view.observations.length === 0) return <Text c="dimmed" fz="sm">Nothing observed yet.</Text>;
  const items = [...view.observations].reverse();
  return (
    <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Observations, newest first">
      {items.map((o) => {
        const what = describe(o, view);
        return (
          <Box component="li" key={o.id} py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Text fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {formatTime(o.observedAt, view.timeZone)}
              </Text>
              <Box>
                <Group gap={6}>
                  <Text fz="sm" fw={600}>
                    {OBSERVATION_LABEL[o.kind]}
                  </Text>
                  {o.kind === 'adverse-event' && o.severity && <Badge color={o.severity === 'severe' ? 'red' : 'orange'} size="sm">{SEVERITY_LABEL[o.severity]}</Badge>}
                </Group>
                {what && <Text fz="sm">{what}</Text>}
                {o.text && <Text fz="sm">{o.text}</Text>}
                {o.by && (
                  <Text fz="xs" c="dimmed">
                    by {o.by}
                  </Text>
                )}
              </Box>
            </Group>
          </Box>
        );
      })}
    </Stack>
  );
}
