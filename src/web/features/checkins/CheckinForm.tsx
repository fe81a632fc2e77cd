/**
 * The post-dose check-in form: mood on a 0–10 slider with words, sleep, anything difficult surfacing, and the safety
 * question. After a risk answer the clinic's crisis resources take the screen at once (and focus); otherwise a short
 * thank-you (CheckinSent, kept by the page: the answered check-in leaves the list of open ones).
 */
import { Alert, Button, Radio, Slider, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { formatInstant } from '../../app/time';
import { CrisisResources } from '../questionnaires/CrisisResources';
import { DIFFICULT_HINT, DIFFICULT_QUESTION, MOOD_MARKS, MOOD_QUESTION, moodWords, SAFETY_HINT, SAFETY_LABEL, SAFETY_QUESTION, SLEEP_LABEL, SLEEP_QUESTION } from './labels';
import { useSubmitCheckin, type OwnCheckin, type Safety, type Sleep } from './queries';

/** What the check-in's answer brought back: the crisis resources after a risk answer (shown by CheckinSent). */
export interface Sent {
  appointmentId: string;
  doseNumber: number;
  crisisResources: string | null;
}

/** The outcome, kept on the page after the answered check-in has left the list of open ones. */
export function CheckinSent({ sent }: { sent: Sent }) {
  return sent.crisisResources ? (
    <CrisisResources text={sent.crisisResources} />
  ) : (
    <Alert color="sage" variant="light" role="status" title={`Thank you: your check-in after dose ${sent.doseNumber} is saved`}>
      Your therapist will read it before your integration session.
    </Alert>
  );
}

export function CheckinForm({ item, timeZone, onSent }: { item: OwnCheckin; timeZone: string; onSent: (sent: Sent) => void }) {
  const submit = useSubmitCheckin();
  const [mood, setMood] = useState(5);
  const [sleep, setSleep] = useState<Sleep | ''>('');
  const [difficult, setDifficult] = useState('');
  const [safety, setSafety] = useState<Safety | ''>('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const id = `checkin-${item.appointmentId}`;

  const server = fieldErrors(submit.error);
  const errors = { ...server, ...missing };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!sleep) problems.sleep = 'Choose how you slept.';
    if (!safety) problems.safety = 'Choose an answer.';
    setMissing(problems);
    if (!sleep || !safety) return;
    submit.mutate(
      { appointmentId: item.appointmentId, mood, sleep, difficult: difficult.trim() || null, safety },
      { onSuccess: (r) => onSent({ appointmentId: item.appointmentId, doseNumber: item.doseNumber, crisisResources: r.crisisResources }) },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <Stack gap="lg">
        <Text id={`${id}-title`} fw={600}>
          After dose {item.doseNumber} on {formatInstant(item.doseStart, timeZone)}
        </Text>
        <FormError error={submit.error} title="Your check-in was not saved" />
        <Stack gap={4}>
          <Text id={`${id}-mood`} fw={500} fz="sm">
            {MOOD_QUESTION}
          </Text>
          <Text fz="sm" aria-live="polite">
            <strong>{mood}</strong> of 10: {moodWords(mood)}
          </Text>
          <Slider
            min={0}
            max={10}
            step={1}
            value={mood}
            onChange={setMood}
            thumbLabel={`${MOOD_QUESTION} From 0, very low, to 10, very good`}
            thumbValueText={(v) => `${v} of 10, ${moodWords(v)}`}
            label={(v) => `${v}: ${moodWords(v)}`}
            marks={MOOD_MARKS}
            mb="lg"
            mx="lg"
            maw={460}
          />
          {errors.mood && <Text c="red" fz="sm">{errors.mood}</Text>}
        </Stack>
        <Radio.Group label={SLEEP_QUESTION} required value={sleep} onChange={(v) => setSleep(v as Sleep)} error={errors.sleep}>
          <Stack gap={6} mt={4}>
            {(Object.keys(SLEEP_LABEL) as Sleep[]).map((k) => (
              <Radio key={k} value={k} label={SLEEP_LABEL[k]} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea label={DIFFICULT_QUESTION} description={DIFFICULT_HINT} autosize minRows={3} maxLength={4000} value={difficult} onChange={(e) => setDifficult(e.currentTarget.value)} error={errors.difficult} />
        <Radio.Group label={SAFETY_QUESTION} description={SAFETY_HINT} required value={safety} onChange={(v) => setSafety(v as Safety)} error={errors.safety}>
          <Stack gap={6} mt={4}>
            {(Object.keys(SAFETY_LABEL) as Safety[]).map((k) => (
              <Radio key={k} value={k} label={SAFETY_LABEL[k]} />
            ))}
          </Stack>
        </Radio.Group>
        <div>
          <Button type="submit" loading={submit.isPending}>
            Send my check-in
          </Button>
        </div>
      </Stack>
    </form>
  );
}
