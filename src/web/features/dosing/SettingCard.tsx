/** Set and setting: music or playlist, eye mask, lighting and notes (shown at the top of the console too). */
import { Button, Card, Checkbox, Group, NativeSelect, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import type { ConsoleProps } from './ChecklistCard';
import { FINAL, LIGHTING_LABEL } from './labels';
import { dosingApi, useSessionStep } from './queries';
import type { Lighting, Setting } from './types';

export function SettingCard(props: ConsoleProps) {
  const ended = FINAL.includes(props.view.state);
  return (
    <Card id="setting" component="section" aria-labelledby="setting-title">
      <Stack gap="md">
        <Title order={3} id="setting-title">
          Set and setting
        </Title>
        {ended ? <Text fz="sm" c="dimmed">The session has ended.</Text> : <SettingForm key={JSON.stringify(props.view.setting)} {...props} />}
      </Stack>
    </Card>
  );
}

function SettingForm({ view, notify }: ConsoleProps) {
  const s = view.setting;
  const [music, setMusic] = useState(s.music ?? '');
  const [eyeMask, setEyeMask] = useState(s.eyeMask ?? false);
  const [lighting, setLighting] = useState<Lighting | ''>(s.lighting ?? '');
  const [notes, setNotes] = useState(s.notes ?? '');
  const step = useSessionStep(view.appointmentId, (body: Setting) => dosingApi(view.appointmentId).setting(body));
  const errors = fieldErrors(step.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    step.mutate({ music: music.trim(), eyeMask, ...(lighting ? { lighting } : {}), notes: notes.trim() }, { onSuccess: () => notify('Set and setting saved.') });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Set and setting">
      <Stack gap="sm">
        <FormError error={step.error} title="The setting was not saved" />
        <TextInput size="md" label="Music or playlist" value={music} onChange={(e) => setMusic(e.currentTarget.value)} error={errors.music} />
        <Group grow align="flex-end">
          <NativeSelect size="md" label="Lighting" value={lighting} onChange={(e) => setLighting(e.currentTarget.value as Lighting | '')} error={errors.lighting}
            data={[{ value: '', label: 'Not set' }, ...Object.entries(LIGHTING_LABEL).map(([value, label]) => ({ value, label }))]} />
          <Checkbox size="md" label="Eye mask" checked={eyeMask} onChange={(e) => setEyeMask(e.currentTarget.checked)} mb={8} />
        </Group>
        <Textarea size="md" label="Notes" autosize minRows={1} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.notes} />
        <Group>
          <Button type="submit" size="md" variant="light" loading={step.isPending}>
            Save the setting
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
