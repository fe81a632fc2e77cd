/**
 * One of the patient's entries: what she wrote, whether it is private or shared (and with whom, in plain words), a
 * switch to share or stop sharing, editing, and deleting a private entry (a shared one is unshared first).
 */
import { Alert, Badge, Button, Card, Group, Stack, Switch, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { fieldErrors } from '../../api/client';
import { moodLabel } from '../../../core/journal/mood';
import { FormError } from '../../app/FormError';
import { formatInstant } from '../../app/time';
import { MoodField } from './MoodField';
import { useDeleteEntry, useEditEntry, useShareEntry } from './queries';
import type { HeldDose, JournalEntry } from './types';

/** Who reads a shared entry: the clinical staff who read the patient's record (see the journal routes). */
export const SHARED_WITH = 'your therapist and the clinic’s medical team (prescribers and nurses)';

export function EntryCard({ entry, doses, timeZone }: { entry: JournalEntry; doses: HeldDose[]; timeZone: string }) {
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const share = useShareEntry();
  const [going, setGoing] = useState<boolean | null>(null);
  const remove = useDeleteEntry();
  const dose = doses.find((d) => d.appointmentId === entry.appointmentId);
  const heading = entry.promptText ?? 'Free writing';
  const titleId = `entry-${entry.id}`;

  return (
    <Card component="article" withBorder aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text fw={600} id={titleId}>{heading}</Text>
            <Text fz="xs" c="dimmed">
              {formatInstant(entry.createdAt, timeZone)}
              {entry.updatedAt !== entry.createdAt && ` · edited ${formatInstant(entry.updatedAt, timeZone)}`}
              {dose && ` · about dose ${dose.number}`}
            </Text>
          </div>
          <Group gap={4}>
            {entry.mood !== null && <Badge variant="light" color="gray">Mood {entry.mood} · {moodLabel(entry.mood)}</Badge>}
            {entry.shared ? <Badge color="sage">Shared</Badge> : <Badge color="gray" variant="outline">Private</Badge>}
          </Group>
        </Group>
        {editing ? (
          <EditForm entry={entry} onDone={() => setEditing(false)} />
        ) : (
          <Text style={{ whiteSpace: 'pre-wrap' }}>{entry.text}</Text>
        )}
        <Switch
          // While the change is on its way the switch shows where it is going; a failure puts it back.
          checked={going ?? entry.shared}
          disabled={going !== null}
          onChange={(e) => {
            const next = e.currentTarget.checked;
            setGoing(next);
            share.mutate({ id: entry.id, share: next }, { onSettled: () => setGoing(null) });
          }}
          // One label whatever the state (the switch itself says on or off), so the control keeps its name.
          label="Share with my care team"
          description={
            entry.shared
              ? `Since ${formatInstant(entry.sharedAt!, timeZone)}, ${SHARED_WITH} can read this entry. Turn this off and they no longer see it, at once.`
              : `Only you can read this entry. If you share it, ${SHARED_WITH} can read it, for example before your integration session.`
          }
        />
        <FormError error={share.error} title="That did not change" />
        {!editing && (
          <Group gap="xs">
            <Button size="compact-sm" variant="subtle" onClick={() => setEditing(true)} aria-label={`Edit the entry “${heading}” of ${formatInstant(entry.createdAt, timeZone)}`}>
              Edit
            </Button>
            {entry.shared ? (
              <Text fz="xs" c="dimmed">To delete this entry, stop sharing it first.</Text>
            ) : confirmDelete ? (
              <>
                <Text fz="sm">Delete this entry for good?</Text>
                <Button size="compact-sm" color="red" loading={remove.isPending} onClick={() => remove.mutate(entry.id)}>Delete</Button>
                <Button size="compact-sm" variant="default" onClick={() => setConfirmDelete(false)}>Keep it</Button>
              </>
            ) : (
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => setConfirmDelete(true)} aria-label={`Delete the entry “${heading}” of ${formatInstant(entry.createdAt, timeZone)}`}>
                Delete
              </Button>
            )}
          </Group>
        )}
        {remove.isError && (
          <Alert color="red" role="alert" title="The entry was not deleted">{remove.error.message}</Alert>
        )}
      </Stack>
    </Card>
  );
}

function EditForm({ entry, onDone }: { entry: JournalEntry; onDone: () => void }) {
  const [text, setText] = useState(entry.text);
  const [mood, setMood] = useState<number | null>(entry.mood);
  const edit = useEditEntry();
  const errors = fieldErrors(edit.error);
  return (
    <Stack gap="xs">
      <Textarea label="Your entry" autosize minRows={3} maxLength={20000} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.text} />
      <MoodField value={mood} onChange={setMood} />
      {entry.shared && <Text fz="xs" c="dimmed">This entry is shared: your care team will see the edited version.</Text>}
      <FormError error={edit.error} title="Your changes were not saved" />
      <Group gap="xs">
        <Button size="compact-sm" loading={edit.isPending} disabled={!text.trim()} onClick={() => edit.mutate({ id: entry.id, text, mood }, { onSuccess: onDone })}>
          Save changes
        </Button>
        <Button size="compact-sm" variant="default" onClick={onDone}>Cancel</Button>
      </Group>
    </Stack>
  );
}
