/**
 * The session therapist's psychotherapy note (issue #6 §3, 45 CFR 164.501): optional, private to its author, kept
 * apart from the record and encrypted at rest. Shown only to a therapist, only for a session they hold; the server
 * answers 404 to anyone else (and to the therapist before a note exists), so "no note yet" and "not yours" look the
 * same from outside. Reading it is audited, so it loads when the therapist opens it, not with the page.
 */
import { Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { FormError } from '../../app/FormError';
import { ErrorAlert, Loading } from '../../app/states';
import { useSession } from '../../app/session';

const keyOf = (appointmentId: string) => ['psychotherapy-note', appointmentId] as const;
const urlOf = (appointmentId: string) => `/api/appointments/${encodeURIComponent(appointmentId)}/psychotherapy-note`;

/** Renders nothing unless the signed-in user is a therapist holding this session (or the session's therapist is unknown). */
export function PsychotherapyNoteSection({ appointmentId, therapistId }: { appointmentId: string; therapistId?: string | null | undefined }) {
  const me = useSession();
  const [open, setOpen] = useState(false);
  if (me.user.role !== 'therapist' || (therapistId && therapistId !== me.user.staffId)) return null;
  return (
    <Stack gap="xs" aria-labelledby={`pn-${appointmentId}`} component="section">
      <Group gap="xs" justify="space-between">
        <Title order={3} fz="md" id={`pn-${appointmentId}`}>Your psychotherapy note</Title>
        {!open && <Button size="xs" variant="default" onClick={() => setOpen(true)}>Open psychotherapy note</Button>}
      </Group>
      <Text fz="xs" c="dimmed">
        Private to you: kept apart from the record, encrypted, never shown to colleagues or the patient, never exported. Opening it is logged.
      </Text>
      {open && <NoteEditor appointmentId={appointmentId} />}
    </Stack>
  );
}

function NoteEditor({ appointmentId }: { appointmentId: string }) {
  const client = useQueryClient();
  const note = useQuery({
    queryKey: keyOf(appointmentId),
    queryFn: () => api.get<{ text: string }>(urlOf(appointmentId)).then((r) => r.text).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return '';
      throw e;
    }),
    staleTime: Infinity,
  });
  if (note.isPending) return <Loading label="Opening your note…" />;
  if (note.isError) return <ErrorAlert error={note.error} title="Your note could not be opened" />;
  return <Editor appointmentId={appointmentId} initial={note.data} onSaved={(text) => client.setQueryData(keyOf(appointmentId), text)} />;
}

function Editor({ appointmentId, initial, onSaved }: { appointmentId: string; initial: string; onSaved(text: string): void }) {
  const [text, setText] = useState(initial);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: { text: string }) => api.put<void>(urlOf(appointmentId), body),
    onSuccess: (_, body) => {
      setSaved(true);
      onSaved(body.text);
    },
  });
  return (
    <Stack gap="xs">
      <Textarea
        label="Psychotherapy note"
        description="Your own process notes for this session."
        autosize
        minRows={4}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setSaved(false);
        }}
      />
      <FormError error={save.error} title="The note was not saved" />
      {saved && <Text fz="sm" c="sage" role="status">Psychotherapy note saved.</Text>}
      <Group>
        <Button variant="default" loading={save.isPending} disabled={text.trim() === '' || text === initial} onClick={() => save.mutate({ text })}>
          Save psychotherapy note
        </Button>
      </Group>
    </Stack>
  );
}
