/**
 * Progress notes of a patient's sessions (issue #6 §3), on the course view: pick a preparation, dosing or integration
 * session; write your draft with the clinic's prompts for that kind and free text; sign it (the plan and the risk
 * assessment must be filled); once signed it never changes, and corrections are addenda, signed and dated at once.
 * Other clinicians' signed notes of the session are shown with their addenda; drafts are their author's only.
 */
import { Badge, Button, Card, Divider, Group, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormError } from '../../app/FormError';
import { ErrorAlert, Loading } from '../../app/states';
import { useSession } from '../../app/session';
import { formatInstant } from '../../app/time';
import { appointmentName } from '../courses/labels';
import { PsychotherapyNoteSection } from '../psychotherapy-notes/PsychotherapyNoteCard';
import { useAddAddendum, useNoteTemplates, useSaveDraft, useSessionNotes, useSignNote } from './queries';
import type { NoteKind, ProgressNote, Prompt } from './types';

export interface NoteSession {
  id: string;
  kind: string;
  number: number;
  start: string;
  /** The session's therapist: only they see the psychotherapy-note section (unknown: the server decides). */
  therapistId?: string | null;
}

const NOTE_KINDS: readonly string[] = ['preparation', 'dosing', 'integration'];

export function ProgressNotesCard({ patientId, sessions, timeZone }: { patientId: string; sessions: NoteSession[]; timeZone: string }) {
  const noted = sessions.filter((s) => NOTE_KINDS.includes(s.kind)).sort((a, b) => a.start.localeCompare(b.start));
  const [selected, setSelected] = useState<string | null>(null);
  const current = noted.find((s) => s.id === selected) ?? noted[0] ?? null;

  return (
    <Card>
      <Stack gap="md">
        <Title order={2}>Progress notes</Title>
        {noted.length === 0 ? (
          <Text fz="sm" c="dimmed">No preparation, dosing or integration sessions yet.</Text>
        ) : (
          <>
            <NativeSelect
              label="Session"
              value={current?.id ?? ''}
              onChange={(e) => setSelected(e.currentTarget.value)}
              data={noted.map((s) => ({ value: s.id, label: `${appointmentName(s)} · ${formatInstant(s.start, timeZone)}` }))}
            />
            {current && <SessionNotes key={current.id} patientId={patientId} session={current} timeZone={timeZone} />}
          </>
        )}
      </Stack>
    </Card>
  );
}

function SessionNotes({ patientId, session, timeZone }: { patientId: string; session: NoteSession; timeZone: string }) {
  const me = useSession();
  const notes = useSessionNotes(session.id);
  const templates = useNoteTemplates();
  if (notes.isPending || templates.isPending) return <Loading label="Loading the notes…" />;
  if (notes.isError) return <ErrorAlert error={notes.error} title="The notes could not be loaded" />;
  if (templates.isError) return <ErrorAlert error={templates.error} title="The note templates could not be loaded" />;
  const fields = templates.data.find((t) => t.kind === (session.kind as NoteKind))?.fields ?? [];
  const mine = notes.data.find((n) => n.authorId === me.user.staffId) ?? null;
  const signed = notes.data.filter((n) => n.status === 'signed');

  return (
    <Stack gap="md">
      {(!mine || mine.status === 'draft') && <DraftEditor patientId={patientId} appointmentId={session.id} fields={fields} draft={mine} />}
      {signed.length === 0 && <Text fz="sm" c="dimmed">No signed notes for this session yet.</Text>}
      {signed.map((n) => (
        <SignedNote key={n.id} note={n} fields={fields} patientId={patientId} timeZone={timeZone} />
      ))}
      <PsychotherapyNoteSection appointmentId={session.id} therapistId={session.therapistId} />
    </Stack>
  );
}

function DraftEditor({ patientId, appointmentId, fields, draft }: { patientId: string; appointmentId: string; fields: Prompt[]; draft: ProgressNote | null }) {
  const [structured, setStructured] = useState<Record<string, string>>(draft?.structured ?? {});
  const [text, setText] = useState(draft?.text ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const save = useSaveDraft(appointmentId, patientId);
  const sign = useSignNote(appointmentId, patientId);
  useEffect(() => setSaved(null), [structured, text]);
  const problem = (key: string) => [save.error, sign.error]
    .flatMap((e) => ((e as { fields?: { path: string; message: string }[] } | null)?.fields ?? []))
    .find((f) => f.path === `structured.${key}`)?.message;

  const saveThen = async (andSign: boolean) => {
    await save.mutateAsync({ structured, text });
    if (andSign) await sign.mutateAsync();
    else setSaved('Draft saved.');
  };

  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Title order={3} fz="md">Your note</Title>
        <Badge color="gray" variant="light">{draft ? 'Draft' : 'Not started'}</Badge>
      </Group>
      {fields.map((f) => (
        <Textarea
          key={f.key}
          label={f.label}
          description={f.hint || undefined}
          autosize
          minRows={2}
          value={structured[f.key] ?? ''}
          error={problem(f.key)}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setStructured((s) => ({ ...s, [f.key]: value }));
          }}
        />
      ))}
      <Textarea label="Notes" description="Anything else, in your own words." autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} />
      <FormError error={save.error ?? sign.error} title="The note was not saved" />
      {saved && <Text fz="sm" c="sage" role="status">{saved}</Text>}
      <Group>
        <Button variant="default" loading={save.isPending && !sign.isPending} onClick={() => void saveThen(false).catch(() => undefined)}>Save draft</Button>
        <Button loading={sign.isPending} onClick={() => void saveThen(true).catch(() => undefined)}>Sign</Button>
      </Group>
      <Text fz="xs" c="dimmed">A signed note never changes; corrections are added as addenda.</Text>
      <Divider />
    </Stack>
  );
}

function SignedNote({ note, fields, patientId, timeZone }: { note: ProgressNote; fields: Prompt[]; patientId: string; timeZone: string }) {
  const [addendum, setAddendum] = useState('');
  const add = useAddAddendum(note.appointmentId, patientId);
  const labels = new Map(fields.map((f) => [f.key, f.label]));
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text fw={600}>{note.authorName}</Text>
        <Badge color="sage" variant="light">Signed {note.signedAt ? formatInstant(note.signedAt, timeZone) : ''}</Badge>
      </Group>
      {Object.entries(note.structured).map(([key, value]) => (
        <div key={key}>
          <Text fz="sm" fw={600}>{labels.get(key) ?? key}</Text>
          <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>{value}</Text>
        </div>
      ))}
      {note.text && <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>{note.text}</Text>}
      {note.addenda.map((a) => (
        <Card key={a.id} withBorder padding="xs">
          <Text fz="xs" c="dimmed">Addendum by {a.authorName}, signed {formatInstant(a.signedAt, timeZone)}</Text>
          <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>{a.text}</Text>
        </Card>
      ))}
      <Textarea label="Add an addendum" autosize minRows={2} value={addendum} onChange={(e) => setAddendum(e.currentTarget.value)} />
      <FormError error={add.error} title="The addendum was not added" />
      <Group>
        <Button size="xs" variant="default" disabled={!addendum.trim()} loading={add.isPending}
          onClick={() => add.mutate({ noteId: note.id, text: addendum }, { onSuccess: () => setAddendum('') })}>
          Sign and add addendum
        </Button>
      </Group>
      <Divider />
    </Stack>
  );
}
