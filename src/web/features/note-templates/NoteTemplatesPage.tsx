/**
 * Admin and prescribers: the clinic's progress-note templates (issue #6 §3), one per session kind. Each prompt is a
 * label and a hint the clinician sees while writing; prompts can be reworded, reordered, removed and added, and a kind
 * can be reset to the built-in defaults. A prompt's field name is fixed once it exists (notes already written keep
 * their answers under it); the plan and the risk assessment are always shown when writing, whatever the template.
 */
import { ActionIcon, Badge, Button, Card, Group, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { formatInstant } from '../../app/time';
import { noteKeys, useNoteTemplates } from '../progress-notes/queries';
import type { NoteKind, NoteTemplate, Prompt } from '../progress-notes/types';

const KIND_LABEL: Record<NoteKind, string> = { preparation: 'Preparation', dosing: 'Dosing', integration: 'Integration' };
const MAX_PROMPTS = 30;

/** A field name for a new prompt, from its label: "Music preferences" → "musicPreferences", unique in the template. */
export function keyFor(label: string, taken: ReadonlySet<string>): string {
  const words = label.normalize('NFKD').replace(/[^A-Za-z0-9 ]/g, ' ').trim().split(/\s+/).filter(Boolean);
  let base = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('').slice(0, 36);
  if (!/^[a-z]/.test(base)) base = `field${base}`;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}${n}`;
  return key;
}

interface Row extends Prompt {
  /** A prompt added here and not saved yet: its field name follows its label until saved. */
  fresh?: boolean;
}

export function NoteTemplatesPage() {
  const templates = useNoteTemplates();
  const [kind, setKind] = useState<NoteKind>('preparation');
  const current = templates.data?.find((t) => t.kind === kind);
  return (
    <Page title="Note templates" description="The prompts clinicians see when writing a progress note, for each kind of session. Changes apply to notes written from now on.">
      {templates.isPending ? (
        <Loading label="Loading the templates…" />
      ) : templates.isError ? (
        <ErrorAlert error={templates.error} title="The templates could not be loaded" />
      ) : (
        <Stack gap="md">
          <SegmentedControl
            aria-label="Session kind"
            value={kind}
            onChange={(v) => setKind(v as NoteKind)}
            data={(Object.keys(KIND_LABEL) as NoteKind[]).map((k) => ({ value: k, label: KIND_LABEL[k] }))}
          />
          {current && <TemplateEditor key={`${current.kind}|${current.updatedAt ?? 'default'}`} template={current} />}
        </Stack>
      )}
    </Page>
  );
}

function TemplateEditor({ template }: { template: NoteTemplate }) {
  const me = useSession();
  const client = useQueryClient();
  const [rows, setRows] = useState<Row[]>(template.prompts);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: noteKeys.templates });
  const save = useMutation({ mutationFn: (prompts: Prompt[]) => api.put<NoteTemplate>(`/api/note-templates/${template.kind}`, { prompts }), onSuccess: async () => { setNotice('Template saved.'); await refresh(); } });
  const reset = useMutation({ mutationFn: () => api.delete<NoteTemplate>(`/api/note-templates/${template.kind}`), onSuccess: async () => { setNotice('Template reset to the defaults.'); await refresh(); } });
  const errors = fieldErrors(save.error);

  const withKeys = (list: Row[]): Prompt[] => {
    const taken = new Set(list.filter((r) => !r.fresh).map((r) => r.key));
    return list.map((r) => {
      if (!r.fresh) return { key: r.key, label: r.label, hint: r.hint };
      const key = keyFor(r.label || 'field', taken);
      taken.add(key);
      return { key, label: r.label, hint: r.hint };
    });
  };
  const prompts = withKeys(rows);
  const update = (i: number, patch: Partial<Row>) => setRows((list) => list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: -1 | 1) => setRows((list) => {
    const next = [...list];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    return next;
  });
  const missingRequired = template.fields.filter((f) => !template.prompts.some((p) => p.key === f.key)).map((f) => f.label);

  return (
    <Card>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2}>{KIND_LABEL[template.kind]} sessions</Title>
          {template.custom ? <Badge color="sage">Edited by the clinic</Badge> : <Badge color="gray" variant="light">Built-in defaults</Badge>}
        </Group>
        {template.custom && template.updatedAt && <Text fz="sm" c="dimmed">Last changed {formatInstant(template.updatedAt, me.clinic.timeZone)}.</Text>}
        {missingRequired.length > 0 && <Text fz="sm">Always shown when writing, because signing needs them: {missingRequired.join(', ')}.</Text>}
        {rows.map((r, i) => (
          <Card key={i} withBorder padding="sm" component="fieldset" aria-label={`Prompt ${i + 1}`} style={{ margin: 0 }}>
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Text fz="xs" c="dimmed">Prompt {i + 1} · field name “{prompts[i]!.key}”{r.fresh ? ' (new)' : ''}</Text>
                <Group gap={4} wrap="nowrap">
                  <ActionIcon variant="subtle" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move prompt ${i + 1} up`}>↑</ActionIcon>
                  <ActionIcon variant="subtle" disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label={`Move prompt ${i + 1} down`}>↓</ActionIcon>
                  <Button variant="subtle" color="red" size="compact-sm" disabled={rows.length === 1} onClick={() => setRows((list) => list.filter((_, j) => j !== i))} aria-label={`Remove prompt ${i + 1}`}>
                    Remove
                  </Button>
                </Group>
              </Group>
              <TextInput label="Label" required maxLength={80} value={r.label} error={errors[`prompts.${i}.label`] ?? errors[`prompts.${i}.key`]} onChange={(e) => update(i, { label: e.currentTarget.value })} />
              <Textarea label="Hint" description="What the clinician is asked to write." autosize minRows={1} maxLength={500} value={r.hint} error={errors[`prompts.${i}.hint`]} onChange={(e) => update(i, { hint: e.currentTarget.value })} />
            </Stack>
          </Card>
        ))}
        <Group>
          <Button variant="default" disabled={rows.length >= MAX_PROMPTS} onClick={() => setRows((list) => [...list, { key: '', label: '', hint: '', fresh: true }])}>Add a prompt</Button>
        </Group>
        <FormError error={save.error ?? reset.error} title="The template was not changed" />
        {notice && <Text fz="sm" c="sage" role="status">{notice}</Text>}
        <Group>
          <Button loading={save.isPending} onClick={() => { setNotice(null); save.mutate(prompts); }}>Save template</Button>
          <Button
            variant="subtle"
            color="gray"
            disabled={!template.custom}
            loading={reset.isPending}
            onClick={() => {
              if (window.confirm(`Reset the ${KIND_LABEL[template.kind].toLowerCase()} template to the built-in defaults? The clinic’s wording is lost.`)) {
                setNotice(null);
                reset.mutate();
              }
            }}
          >
            Reset to defaults
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
