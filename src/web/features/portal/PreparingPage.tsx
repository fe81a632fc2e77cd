/**
 * For a patient: their safety plan from preparation, then the clinic's education modules ("Preparing for your
 * sessions"), each marked read when done.
 */
import { Accordion, Badge, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { formatInstant } from '../../app/time';
import { ModuleText } from './ModuleText';
import { MySafetyPlanCard } from '../preparation/SafetyPlanCard';

interface Module {
  id: string;
  title: string;
  body: string;
  position: number;
  readAt?: string | null;
}

export function PreparingPage() {
  const me = useSession();
  const qc = useQueryClient();
  const modules = useQuery({ queryKey: ['education'], queryFn: () => api.get<{ modules: Module[]; allRead: boolean | null }>('/api/education') });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post<{ moduleId: string; readAt: string }>(`/api/education/${id}/read`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['education'] }),
  });
  const list = modules.data?.modules ?? [];
  const read = list.filter((m) => m.readAt).length;
  return (
    <Page title="Preparing for your sessions" description="Short reads from your clinic about what to expect. Mark each one read when you have been through it; your care team can see which you have read.">
      <MySafetyPlanCard />
      {modules.isPending ? (
        <Loading label="Loading the modules…" />
      ) : modules.isError ? (
        <ErrorAlert error={modules.error} title="The modules could not be loaded" />
      ) : (
        <Stack>
          <div>
            <Text id="education-progress-label" fz="sm" mb={4}>
              {read} of {list.length} read
            </Text>
            {/* The progressbar role is on the section, so that is what the label must name. */}
            <Progress.Root>
              <Progress.Section value={list.length ? (100 * read) / list.length : 0} aria-labelledby="education-progress-label" />
            </Progress.Root>
          </div>
          {markRead.isError && <ErrorAlert error={markRead.error} title="That could not be saved" />}
          <Accordion variant="separated" multiple>
            {list.map((m) => (
              <Accordion.Item key={m.id} value={m.id}>
                <Accordion.Control>
                  <Group justify="space-between" wrap="nowrap" pr="sm">
                    <Text fw={600}>{m.title}</Text>
                    {m.readAt ? <Badge color="green">Read</Badge> : <Badge color="gray" variant="light">Not read yet</Badge>}
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <ModuleText body={m.body} />
                  {m.readAt ? (
                    <Text fz="sm" c="dimmed">
                      You marked this read on {formatInstant(m.readAt, me.clinic.timeZone)}.
                    </Text>
                  ) : (
                    <Button onClick={() => markRead.mutate(m.id)} loading={markRead.isPending && markRead.variables === m.id}>
                      Mark “{m.title}” as read
                    </Button>
                  )}
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Stack>
      )}
    </Page>
  );
}
