/** For a patient: an intention for each coming dose, written or revised before it, and kept to revisit at integration. */
import { Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { formatInstant } from '../../app/time';

interface Intention {
  id: string;
  text: string;
  createdAt: string;
  writtenBy: { kind: 'patient' | 'staff'; name: string | null };
}
interface Dose {
  appointmentId: string;
  start: string;
  doseNumber: number | null;
  dosed: boolean;
  intention: Intention | null;
}

function DoseCard({ dose, timeZone }: { dose: Dose; timeZone: string }) {
  const qc = useQueryClient();
  const [text, setText] = useState(dose.intention?.text ?? '');
  const save = useMutation({
    mutationFn: () => api.put<Intention>(`/api/appointments/${dose.appointmentId}/intention`, { text }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['my-intentions'] }),
  });
  const inputId = `intention-${dose.appointmentId}`;
  const heading = `Dose${dose.doseNumber ? ` ${dose.doseNumber}` : ''}, ${formatInstant(dose.start, timeZone)}`;
  return (
    <Card withBorder component="section" aria-labelledby={`${inputId}-title`}>
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg" id={`${inputId}-title`}>{heading}</Title>
        {dose.dosed ? <Badge color="gray">Dose given</Badge> : dose.intention ? <Badge color="green">Intention set</Badge> : <Badge color="yellow">No intention yet</Badge>}
      </Group>
      {dose.dosed ? (
        <Text>{dose.intention ? `“${dose.intention.text}” — you and your therapist will come back to this at integration.` : 'No intention was written for this dose.'}</Text>
      ) : (
        <Stack gap="xs">
          <Textarea
            id={inputId}
            label="My intention for this session"
            description="What would you like to explore or understand? A sentence or two is plenty; you can change it as often as you like before the session."
            autosize
            minRows={2}
            maxLength={4000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          {dose.intention && (
            <Text fz="xs" c="dimmed">
              Last saved {formatInstant(dose.intention.createdAt, timeZone)}
              {dose.intention.writtenBy.kind === 'staff' && dose.intention.writtenBy.name ? ` by ${dose.intention.writtenBy.name}` : ''}.
            </Text>
          )}
          {save.isError && <ErrorAlert error={save.error} title="The intention could not be saved" />}
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!text.trim() || text.trim() === dose.intention?.text}>
              {dose.intention ? 'Save the revised intention' : 'Save my intention'}
            </Button>
            {save.isSuccess && <Text fz="sm" role="status">Saved. Your therapist will see it before the session.</Text>}
          </Group>
        </Stack>
      )}
    </Card>
  );
}

export function MyIntentionsPage() {
  const me = useSession();
  const doses = useQuery({ queryKey: ['my-intentions'], queryFn: () => api.get<{ doses: Dose[] }>('/api/me/intentions').then((r) => r.doses) });
  return (
    <Page title="My intentions" description="Before each dosing session, write what you hope to explore. Your therapist reads it before the session, and you revisit it together at integration.">
      {doses.isPending ? (
        <Loading label="Loading your sessions…" />
      ) : doses.isError ? (
        <ErrorAlert error={doses.error} title="Your sessions could not be loaded" />
      ) : doses.data.length === 0 ? (
        <Text c="dimmed">You have no dosing sessions booked. When one is, you can write your intention for it here.</Text>
      ) : (
        <Stack>
          {doses.data.map((d) => <DoseCard key={`${d.appointmentId}-${d.intention?.id ?? 'none'}`} dose={d} timeZone={me.clinic.timeZone} />)}
        </Stack>
      )}
    </Page>
  );
}
