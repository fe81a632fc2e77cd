/**
 * Recording one pre-dose checklist item (the values before-dose.ts accepts for each), the signed consent (on the
 * course), and a prescriber's override of a failing item with a written reason.
 */
import { Button, Checkbox, Group, Radio, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { localInputToInstant, nowInputValue } from '../../app/time';
import { dosingApi, useSessionStep } from './queries';
import type { ChecklistItem, SessionView } from './types';

/** Items recorded in the console (the others come from the record: eligibility, weight, vitals; consent on the course). */
export const RECORDABLE = new Set(['fasting', 'rideHome', 'noDrivingAcknowledged', 'pregnancyTest', 'intentionRecorded', 'adverseEventsReviewed', 'educationRead', 'consentSigned']);

interface FormProps {
  item: ChecklistItem;
  view: SessionView;
  onDone: (message: string) => void;
}

function useRecord(view: SessionView, item: ChecklistItem) {
  return useSessionStep(view.appointmentId, (value: unknown) => dosingApi(view.appointmentId).record(item.id, value));
}

function FormFrame({ label, onSubmit, error, pending, submit, children }: { label: string; onSubmit: (e: FormEvent) => void; error: unknown; pending: boolean; submit: string; children: ReactNode }) {
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label}>
      <Stack gap="sm">
        <FormError error={error} title={`${label}: not saved`} />
        {children}
        <Group>
          <Button type="submit" size="md" loading={pending}>
            {submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RecordForm(props: FormProps) {
  switch (props.item.id) {
    case 'fasting':
      return <FastingForm {...props} />;
    case 'rideHome':
      return <RideForm {...props} />;
    case 'pregnancyTest':
      return <PregnancyForm {...props} />;
    case 'intentionRecorded':
      return <IntentionForm {...props} />;
    case 'consentSigned':
      return <ConsentForm {...props} />;
    case 'noDrivingAcknowledged':
      return <AcknowledgeForm {...props} field="acknowledged" text="The patient acknowledges: no driving or machinery until the next day, after a restful sleep." />;
    case 'educationRead':
      return <AcknowledgeForm {...props} field="read" text="The patient has read the assigned education modules." />;
    case 'adverseEventsReviewed':
      return <ReviewForm {...props} />;
    default:
      return null;
  }
}

function FastingForm({ item, view, onDone }: FormProps) {
  const tz = view.timeZone;
  const [mode, setMode] = useState<'confirmed' | 'times'>('confirmed');
  const [food, setFood] = useState('');
  const [drink, setDrink] = useState('');
  const [tried, setTried] = useState(false);
  const step = useRecord(view, item);
  const errors = fieldErrors(step.error);
  const f = view.protocol.fasting;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (mode === 'times' && (!food || !drink)) return;
    const value = mode === 'confirmed' ? { confirmed: true } : { lastFoodAt: localInputToInstant(food, tz), lastLiquidAt: localInputToInstant(drink, tz) };
    step.mutate(value, { onSuccess: () => onDone('Fasting recorded.') });
  };
  return (
    <FormFrame label="Fasting" onSubmit={onSubmit} error={step.error} pending={step.isPending} submit="Save fasting">
      <Radio.Group label="How was fasting checked?" value={mode} onChange={(v) => setMode(v as 'confirmed' | 'times')}>
        <Stack gap="xs" mt={4}>
          <Radio size="md" value="confirmed" label={`Confirmed: no food for ${f.foodHours} h and no drink for ${f.liquidsMinutes} min`} />
          <Radio size="md" value="times" label="Enter when the patient last ate and drank" />
        </Stack>
      </Radio.Group>
      {mode === 'times' && (
        <Group grow align="flex-start">
          <TextInput size="md" type="datetime-local" label="Last food" required value={food} max={nowInputValue(tz)} onChange={(e) => setFood(e.currentTarget.value)}
            error={(tried && !food && 'Enter the time') || errors['value.lastFoodAt']} />
          <TextInput size="md" type="datetime-local" label="Last drink" required value={drink} max={nowInputValue(tz)} onChange={(e) => setDrink(e.currentTarget.value)}
            error={(tried && !drink && 'Enter the time') || errors['value.lastLiquidAt']} />
        </Group>
      )}
    </FormFrame>
  );
}

function RideForm({ item, view, onDone }: FormProps) {
  const before = item.recorded?.value as { name?: string; phone?: string } | undefined;
  const [name, setName] = useState(before?.name ?? '');
  const [phone, setPhone] = useState(before?.phone ?? '');
  const step = useRecord(view, item);
  const errors = fieldErrors(step.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    step.mutate({ name: name.trim(), phone: phone.trim() }, { onSuccess: () => onDone('Ride home recorded.') });
  };
  return (
    <FormFrame label="Ride home" onSubmit={onSubmit} error={step.error} pending={step.isPending} submit="Save ride home">
      <TextInput size="md" label="Who takes the patient home" required autoComplete="off" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors['value.name']} />
      <TextInput size="md" label="Their phone" type="tel" required autoComplete="off" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={errors['value.phone']} />
    </FormFrame>
  );
}

function PregnancyForm({ item, view, onDone }: FormProps) {
  const [result, setResult] = useState('');
  const [tried, setTried] = useState(false);
  const step = useRecord(view, item);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!result) return;
    step.mutate({ result }, { onSuccess: () => onDone('Pregnancy test recorded.') });
  };
  return (
    <FormFrame label="Pregnancy test" onSubmit={onSubmit} error={step.error} pending={step.isPending} submit="Save the result">
      <Radio.Group label="Result" required value={result} onChange={setResult} error={tried && !result ? 'Choose the result' : undefined}>
        <Stack gap="xs" mt={4}>
          <Radio size="md" value="negative" label="Negative" />
          <Radio size="md" value="positive" label="Positive" />
          <Radio size="md" value="not-applicable" label="No test needed" />
        </Stack>
      </Radio.Group>
    </FormFrame>
  );
}

function IntentionForm({ item, view, onDone }: FormProps) {
  const [text, setText] = useState(view.intention ?? '');
  const step = useRecord(view, item);
  const errors = fieldErrors(step.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    step.mutate({ text: text.trim() }, { onSuccess: () => onDone('Intention recorded.') });
  };
  return (
    <FormFrame label="Intention" onSubmit={onSubmit} error={step.error} pending={step.isPending} submit="Save the intention">
      <Textarea size="md" label="The patient’s intention for this session, in their words" required autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors['value.text']} />
    </FormFrame>
  );
}

function AcknowledgeForm({ item, view, onDone, field, text }: FormProps & { field: string; text: string }) {
  const [checked, setChecked] = useState(false);
  const [tried, setTried] = useState(false);
  const step = useRecord(view, item);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!checked) return;
    step.mutate({ [field]: true }, { onSuccess: () => onDone(`${item.label}: recorded.`) });
  };
  return (
    <FormFrame label={item.label} onSubmit={onSubmit} error={step.error} pending={step.isPending} submit="Save">
      <Checkbox size="md" label={text} checked={checked} onChange={(e) => setChecked(e.currentTarget.checked)} error={tried && !checked ? 'Tick the box to record it' : undefined} />
    </FormFrame>
  );
}

function ReviewForm({ item, view, onDone }: FormProps) {
  const [checked, setChecked] = useState(false);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const step = useRecord(view, item);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!checked) return;
    step.mutate({ reviewed: true, ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: () => onDone('Adverse events review recorded.') });
  };
  return (
    <FormFrame label="Adverse events reviewed" onSubmit={onSubmit} error={step.error} pending={step.isPending} submit="Save the review">
      <Checkbox size="md" label="I reviewed the adverse events of the last dosing session" checked={checked} onChange={(e) => setChecked(e.currentTarget.checked)}
        error={tried && !checked ? 'Tick the box to record the review' : undefined} />
      <Textarea size="md" label="Note (optional)" autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
    </FormFrame>
  );
}

function ConsentForm({ view, onDone }: FormProps) {
  const tz = view.timeZone;
  const [version, setVersion] = useState('');
  const [signedAt, setSignedAt] = useState(() => nowInputValue(tz));
  const step = useSessionStep(view.appointmentId, (body: { documentVersion: string; signedAt: string }) => dosingApi(view.appointmentId).consent(view.courseId!, body));
  const errors = fieldErrors(step.error);
  if (!view.courseId) return null;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    step.mutate({ documentVersion: version.trim(), signedAt: signedAt ? localInputToInstant(signedAt, tz) : '' }, { onSuccess: () => onDone('Signed consent recorded for the course.') });
  };
  return (
    <FormFrame label="Signed consent" onSubmit={onSubmit} error={step.error} pending={step.isPending} submit="Record the signed consent">
      <TextInput size="md" label="Consent document version" description="As printed on the signed form, e.g. v3.1" required value={version} onChange={(e) => setVersion(e.currentTarget.value)} error={errors.documentVersion} />
      <TextInput size="md" type="datetime-local" label="Signed at (clinic time)" required value={signedAt} max={nowInputValue(tz)} onChange={(e) => setSignedAt(e.currentTarget.value)} error={errors.signedAt} />
    </FormFrame>
  );
}

export function OverrideForm({ item, view, onDone }: FormProps) {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const step = useSessionStep(view.appointmentId, (r: string) => dosingApi(view.appointmentId).override(item.id, r));
  const errors = fieldErrors(step.error);
  const short = tried && reason.trim().length < 3 ? 'Give a reason of a few words' : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (reason.trim().length < 3) return;
    step.mutate(reason.trim(), { onSuccess: () => onDone(`${item.label}: overridden.`) });
  };
  return (
    <FormFrame label={`Override ${item.label}`} onSubmit={onSubmit} error={step.error} pending={step.isPending} submit="Override with this reason">
      <Textarea size="md" label="Reason for the override" description="Kept on the session with your name and the time." required autosize minRows={2} value={reason}
        onChange={(e) => setReason(e.currentTarget.value)} error={short ?? errors.reason} />
    </FormFrame>
  );
}
