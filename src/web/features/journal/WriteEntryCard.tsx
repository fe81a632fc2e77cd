/** Writing a journal entry: a prompt to start from (or free writing), the words, a mood, the dose it is about. */
import { Button, Card, Group, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { formatInstant } from '../../app/time';
import { MoodField } from './MoodField';
import { useWriteEntry } from './queries';
import type { HeldDose, JournalPrompt } from './types';

const FREE = '';

export function WriteEntryCard({ prompts, doses, timeZone }: { prompts: JournalPrompt[]; doses: HeldDose[]; timeZone: string }) {
  const [prompt, setPrompt] = useState(FREE);
  const [text, setText] = useState('');
  const [mood, setMood] = useState<number | null>(null);
  const [dose, setDose] = useState('');
  const [saved, setSaved] = useState(false);
  const write = useWriteEntry();
  const chosen = prompts.find((p) => p.id === prompt) ?? null;
  const errors = fieldErrors(write.error);

  const save = () =>
    write.mutate(
      { prompt: chosen?.id ?? null, text, mood, appointmentId: dose || null },
      {
        onSuccess: () => {
          setText('');
          setMood(null);
          setSaved(true);
        },
      },
    );

  return (
    <Card component="section" aria-labelledby="write-entry-title">
      <Stack gap="sm">
        <Title order={2} id="write-entry-title">Write</Title>
        <NativeSelect
          label="Start from a question"
          description={chosen ? chosen.help : 'Or write freely about anything on your mind.'}
          value={prompt}
          onChange={(e) => {
            setPrompt(e.currentTarget.value);
            setSaved(false);
          }}
          data={[{ value: FREE, label: 'Free writing' }, ...prompts.map((p) => ({ value: p.id, label: p.text }))]}
          error={errors.prompt}
        />
        <Textarea
          label={chosen ? chosen.text : 'What is on your mind?'}
          autosize
          minRows={4}
          maxLength={20000}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setSaved(false);
          }}
          error={errors.text}
        />
        <MoodField value={mood} onChange={setMood} />
        {doses.length > 0 && (
          <NativeSelect
            label="Is this about a session?"
            description="Link it to a dosing session you have had, if it is about that one."
            value={dose}
            onChange={(e) => setDose(e.currentTarget.value)}
            data={[{ value: '', label: 'No particular session' }, ...doses.map((d) => ({ value: d.appointmentId, label: `Dose ${d.number}, ${formatInstant(d.start, timeZone)}` }))]}
            error={errors.appointmentId}
          />
        )}
        <FormError error={write.error} title="Your entry was not saved" />
        <Group>
          <Button onClick={save} loading={write.isPending} disabled={!text.trim()}>
            Save privately
          </Button>
          {saved && (
            <Text fz="sm" role="status">
              Saved. Only you can read it until you share it.
            </Text>
          )}
        </Group>
        <Text fz="xs" c="dimmed">
          New entries are private. You choose, entry by entry, whether to share one with your care team.
        </Text>
      </Stack>
    </Card>
  );
}
