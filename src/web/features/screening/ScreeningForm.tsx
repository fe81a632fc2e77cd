/** The screening record's form: indications and conditions (checkboxes), histories, medications, blood pressure. */
import { Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { useSession } from '../../app/session';
import { formatInstant, localInputToInstant } from '../../app/time';
import type { ScreeningBody, ScreeningView, Vocabulary } from './queries';

export interface ScreeningFormState {
  indications: string[];
  conditions: string[];
  medicalHistory: string;
  psychiatricHistory: string;
  medications: string;
  systolic: number | string;
  diastolic: number | string;
  measuredAt: string;
}

export function formFromView(v: ScreeningView): ScreeningFormState {
  return {
    indications: [...v.indications].sort(),
    conditions: [...v.conditions].sort(),
    medicalHistory: v.medicalHistory ?? '',
    psychiatricHistory: v.psychiatricHistory ?? '',
    medications: v.medications ?? '',
    systolic: v.bloodPressure?.systolic ?? '',
    diastolic: v.bloodPressure?.diastolic ?? '',
    measuredAt: '',
  };
}

/** The blood pressure when both values are whole numbers in range (else none: the rules see no reading). */
export function bpOf(f: ScreeningFormState): { systolic: number; diastolic: number } | null {
  const s = Number(f.systolic);
  const d = Number(f.diastolic);
  if (f.systolic === '' || f.diastolic === '' || !Number.isInteger(s) || !Number.isInteger(d)) return null;
  return s >= 40 && s <= 320 && d >= 20 && d <= 220 ? { systolic: s, diastolic: d } : null;
}

/** The PUT body; an unchanged blood pressure is left out so its measurement time is kept. */
export function bodyOf(f: ScreeningFormState, view: ScreeningView, timeZone: string): ScreeningBody {
  const both = f.systolic !== '' && f.diastolic !== '';
  const unchanged = both && !f.measuredAt && view.bloodPressure?.systolic === Number(f.systolic) && view.bloodPressure?.diastolic === Number(f.diastolic);
  const body: ScreeningBody = {
    indications: f.indications,
    conditions: f.conditions,
    medicalHistory: f.medicalHistory.trim() || null,
    psychiatricHistory: f.psychiatricHistory.trim() || null,
    medications: f.medications.trim() || null,
    bloodPressure: both
      ? { systolic: Number(f.systolic), diastolic: Number(f.diastolic), ...(f.measuredAt ? { measuredAt: localInputToInstant(f.measuredAt, timeZone) } : {}) }
      : null,
  };
  if (unchanged) delete body.bloodPressure;
  return body;
}

export interface ScreeningFormProps {
  view: ScreeningView;
  vocabulary: Vocabulary;
  value: ScreeningFormState;
  onChange: (next: ScreeningFormState) => void;
  onSave: () => void;
  saving: boolean;
  error: unknown;
  dirty: boolean;
}

export function ScreeningForm({ view, vocabulary, value: f, onChange, onSave, saving, error, dirty }: ScreeningFormProps) {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const errors = fieldErrors(error);
  const editable = view.permissions.editScreening;
  const set = (patch: Partial<ScreeningFormState>) => onChange({ ...f, ...patch });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSave();
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Screening record">
      <Stack gap="md">
        <Title order={2}>Screening record</Title>
        <Text fz="sm" c="dimmed">
          {view.updatedAt ? `Last saved ${formatInstant(view.updatedAt, tz)}${view.updatedByName ? ` by ${view.updatedByName}` : ''}.` : 'Nothing recorded yet.'}
        </Text>
        <FormError error={error} title="The screening record was not saved" />
        <Checkbox.Group label="Indications" value={f.indications} onChange={(indications) => set({ indications: indications.sort() })} error={errors.indications}>
          <Stack gap="xs" mt="xs">
            {vocabulary.indications.map((i) => (
              <Checkbox key={i.id} value={i.id} label={i.label} disabled={!editable} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Checkbox.Group
          label="Conditions"
          description="Medical and psychiatric conditions that bear on eligibility, current or past as labelled."
          value={f.conditions}
          onChange={(conditions) => set({ conditions: conditions.sort() })}
          error={errors.conditions}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
            {vocabulary.conditions.map((c) => (
              <Checkbox key={c.id} value={c.id} label={c.label} disabled={!editable} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Textarea label="Medical history" autosize minRows={2} value={f.medicalHistory} onChange={(e) => set({ medicalHistory: e.currentTarget.value })} error={errors.medicalHistory} readOnly={!editable} />
        <Textarea label="Psychiatric history" autosize minRows={2} value={f.psychiatricHistory} onChange={(e) => set({ psychiatricHistory: e.currentTarget.value })} error={errors.psychiatricHistory} readOnly={!editable} />
        <Textarea label="Current medications" autosize minRows={2} value={f.medications} onChange={(e) => set({ medications: e.currentTarget.value })} error={errors.medications} readOnly={!editable} />
        <fieldset className="tilth-fieldset">
          <legend style={{ fontSize: 'var(--mantine-font-size-sm)', fontWeight: 500, marginBottom: 4 }}>Latest blood pressure (mmHg)</legend>
          <Text fz="xs" c="dimmed" mb="xs">
            {view.bloodPressure?.measuredAt ? `Saved reading measured ${formatInstant(view.bloodPressure.measuredAt, tz)}.` : 'Leave both empty when not measured.'}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
            <NumberInput label="Systolic" min={40} max={320} allowDecimal={false} value={f.systolic} onChange={(systolic) => set({ systolic })} error={errors['bloodPressure.systolic']} readOnly={!editable} />
            <NumberInput label="Diastolic" min={20} max={220} allowDecimal={false} value={f.diastolic} onChange={(diastolic) => set({ diastolic })} error={errors['bloodPressure.diastolic']} readOnly={!editable} />
            <TextInput label="Measured at" type="datetime-local" value={f.measuredAt} onChange={(e) => set({ measuredAt: e.currentTarget.value })} error={errors['bloodPressure.measuredAt']} readOnly={!editable} />
          </SimpleGrid>
        </fieldset>
        {editable && (
          <Group justify="flex-end" gap="sm">
            {dirty && (
              <Text fz="sm" c="orange.9">
                Unsaved changes
              </Text>
            )}
            <Button type="submit" loading={saving} disabled={!dirty}>
              Save screening record
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
