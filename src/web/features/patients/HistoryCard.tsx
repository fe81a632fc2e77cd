/** Status history, newest first: each move with its time (clinic zone), who made it and the reason. */
import { Box, Card, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { PatientDetail, PatientStatus } from '../../api/types';
import { STATUS_LABEL } from '../../app/labels';
import { useSession } from '../../app/session';
import { formatInstant } from '../../app/time';
import { StatusBadge } from './StatusBadge';

const isStatus = (s: string | null): s is PatientStatus => Boolean(s && s in STATUS_LABEL);

export function HistoryCard({ patient, names }: { patient: PatientDetail; names?: Map<string, string> }) {
  const me = useSession();
  return (
    <Card>
      <Stack gap="md">
        <Title order={2}>Status history</Title>
        {patient.statusHistory.length === 0 ? (
          <Text c="dimmed">No changes yet.</Text>
        ) : (
          <Stack component="ol" gap="md" m={0} p={0} style={{ listStyle: 'none' }}>
            {patient.statusHistory.map((h, i) => (
              <Box
                component="li"
                key={`${h.at}-${i}`}
                pl="md"
                style={{ borderLeft: `3px solid var(--mantine-color-${i === 0 ? 'sage-6' : 'gray-3'})` }}
              >
                <Group gap={6} wrap="wrap">
                  {h.from && isStatus(h.from) && (
                    <>
                      <StatusBadge status={h.from} variant="outline" />
                      <Text span aria-hidden="true">
                        →
                      </Text>
                      <VisuallyHidden>to</VisuallyHidden>
                    </>
                  )}
                  {isStatus(h.to) ? <StatusBadge status={h.to} /> : <Text span>{h.to}</Text>}
                </Group>
                <Text fz="sm" c="dimmed" mt={4}>
                  {formatInstant(h.at, me.clinic.timeZone)}
                  {(h.byName ?? (h.by && names?.get(h.by))) && ` · by ${h.byName ?? names?.get(h.by!)}`}
                </Text>
                {h.reason && <Text fz="sm">Reason: {h.reason}</Text>}
              </Box>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
