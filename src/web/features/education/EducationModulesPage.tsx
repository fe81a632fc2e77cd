/**
 * Admin and prescribers: the clinic's patient education modules (issue #6 §1), the portal's "Preparing for your
 * sessions". Put them in order, and edit each one's title and text with a preview of what the patient will see. The
 * text is light markdown: blank lines between paragraphs, "## " for a heading, "- " for a list, **bold**. Patients
 * who already marked a module read keep their mark when its text changes.
 */
import { ActionIcon, Badge, Button, Card, Grid, Group, Stack, Text, Textarea, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { formatInstant } from '../../app/time';
import { ModuleText } from '../portal/ModuleText';

interface Module {
  id: string;
  title: string;
  body: string;
  position: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

// Not the portal's ['education'] key: that query holds the patient's read marks in another shape.
const KEY = ['education', 'modules'] as const;

export function EducationModulesPage() {
  const client = useQueryClient();
  const modules = useQuery({ queryKey: KEY, queryFn: () => api.get<{ modules: Module[] }>('/api/education').then((r) => r.modules) });
  const [selected, setSelected] = useState<string | null>(null);
  const reorder = useMutation({
    mutationFn: (moduleIds: string[]) => api.put<{ modules: Module[] }>('/api/education-order', { moduleIds }),
    onSuccess: (r) => client.setQueryData(KEY, r.modules),
  });
  const list = modules.data ?? [];
  const current = list.find((m) => m.id === selected) ?? list[0] ?? null;
  const move = (i: number, by: -1 | 1) => {
    const ids = list.map((m) => m.id);
    [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
    reorder.mutate(ids);
  };

  return (
    <Page title="Education modules" description="What patients read in the portal before their sessions. Edit the wording for your clinic and put the modules in the order to read them.">
      {modules.isPending ? (
        <Loading label="Loading the modules…" />
      ) : modules.isError ? (
        <ErrorAlert error={modules.error} title="The modules could not be loaded" />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Card>
              <Stack gap="xs">
                <Title order={2} fz="h3">In the order patients see them</Title>
                <FormError error={reorder.error} title="The order was not changed" />
                <Stack component="ol" gap={4} m={0} p={0} style={{ listStyle: 'none' }}>
                  {list.map((m, i) => (
                    <Group component="li" key={m.id} justify="space-between" wrap="nowrap" gap={4}>
                      <UnstyledButton onClick={() => setSelected(m.id)} aria-current={current?.id === m.id ? 'true' : undefined} style={{ flex: 1, minWidth: 0 }}>
                        <Text fz="sm" fw={current?.id === m.id ? 700 : 400} truncate>{i + 1}. {m.title}</Text>
                      </UnstyledButton>
                      <ActionIcon variant="subtle" disabled={i === 0 || reorder.isPending} onClick={() => move(i, -1)} aria-label={`Move “${m.title}” up`}>↑</ActionIcon>
                      <ActionIcon variant="subtle" disabled={i === list.length - 1 || reorder.isPending} onClick={() => move(i, 1)} aria-label={`Move “${m.title}” down`}>↓</ActionIcon>
                    </Group>
                  ))}
                </Stack>
              </Stack>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>{current && <ModuleEditor key={current.id} module={current} />}</Grid.Col>
        </Grid>
      )}
    </Page>
  );
}

function ModuleEditor({ module }: { module: Module }) {
  const me = useSession();
  const client = useQueryClient();
  const [title, setTitle] = useState(module.title);
  const [body, setBody] = useState(module.body);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => api.put<Module>(`/api/education/${encodeURIComponent(module.id)}`, { title, body }),
    onSuccess: async () => {
      setSaved(true);
      await client.invalidateQueries({ queryKey: KEY });
    },
  });
  const errors = fieldErrors(save.error);
  const changed = title !== module.title || body !== module.body;
  return (
    <Card>
      <form onSubmit={(e) => { e.preventDefault(); setSaved(false); save.mutate(); }} aria-label={`Edit “${module.title}”`}>
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={2} fz="h3">{module.title}</Title>
            {module.updatedBy ? <Badge color="sage">Edited by the clinic</Badge> : <Badge color="gray" variant="light">Tilth’s wording</Badge>}
          </Group>
          {module.updatedBy && module.updatedAt && <Text fz="xs" c="dimmed">Last edited {formatInstant(module.updatedAt, me.clinic.timeZone)}.</Text>}
          <TextInput label="Title" required maxLength={200} value={title} error={errors.title} onChange={(e) => setTitle(e.currentTarget.value)} />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Textarea
                label="Text"
                description="Blank line between paragraphs; “## ” starts a heading, “- ” a list item; **bold**."
                required
                autosize
                minRows={12}
                maxLength={20000}
                value={body}
                error={errors.body}
                onChange={(e) => setBody(e.currentTarget.value)}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' } }}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Text fw={500} fz="sm" mb={4} id={`preview-${module.id}`}>Preview: as the patient sees it</Text>
              <Card withBorder aria-labelledby={`preview-${module.id}`} role="region">
                <Title order={3} fz="md" mb="xs">{title || 'Untitled'}</Title>
                <ModuleText body={body} />
              </Card>
            </Grid.Col>
          </Grid>
          <FormError error={save.error} title="The module was not saved" />
          {saved && !changed && <Text fz="sm" c="sage" role="status">Saved. Patients see the new wording now.</Text>}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!changed}>Save module</Button>
            <Button variant="subtle" color="gray" disabled={!changed} onClick={() => { setTitle(module.title); setBody(module.body); }}>Discard changes</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
