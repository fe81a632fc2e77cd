/** The intention set for the dose, as the patient last left it, and how it was revised before the dose. */
import { Blockquote, Card, List, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert, Loading } from '../../app/states';
import { formatInstant } from '../../app/time';
import { useIntentions } from './queries';

export function IntentionCard({ doseAppointmentId, timeZone }: { doseAppointmentId: string | null; timeZone: string }) {
  const intentions = useIntentions(doseAppointmentId);
  const by = (w: { kind: string; name: string | null }) => (w.kind === 'patient' ? 'the patient' : (w.name ?? 'a clinician'));
  return (
    <Card component="section" aria-labelledby="intention-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="intention-title">The intention for that dose</Title>
        {!doseAppointmentId ? (
          <Text fz="sm" c="dimmed">No dose, so no intention.</Text>
        ) : intentions.isPending ? (
          <Loading label="Loading the intention…" />
        ) : intentions.isError ? (
          <ErrorAlert error={intentions.error} title="The intention could not be loaded" />
        ) : !intentions.data.latest ? (
          <Text fz="sm" c="dimmed">No intention was written for this dose.</Text>
        ) : (
          <>
            <Blockquote p="sm" fz="sm">{intentions.data.latest.text}</Blockquote>
            <Text fz="xs" c="dimmed">Written by {by(intentions.data.latest.writtenBy)}, {formatInstant(intentions.data.latest.createdAt, timeZone)}. Revisit it together: what came of it?</Text>
            {intentions.data.intentions.length > 1 && (
              <>
                <Text fz="sm" fw={600}>Earlier versions</Text>
                <List size="sm" spacing={4}>
                  {intentions.data.intentions.slice(0, -1).reverse().map((i) => (
                    <List.Item key={i.id}>
                      “{i.text}” <Text span fz="xs" c="dimmed">({by(i.writtenBy)}, {formatInstant(i.createdAt, timeZone)})</Text>
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
