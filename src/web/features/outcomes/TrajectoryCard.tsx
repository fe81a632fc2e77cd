/** One instrument's trajectory: the summary in words, the chart (loaded on demand) and the same data as a table. */
import { Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { useTrajectory } from './queries';
import { summarize } from './summary';
import { TrajectoryTable } from './TrajectoryTable';

const TrajectoryChart = lazy(() => import('./TrajectoryChart'));

export function TrajectoryCard({ patientId, instrument }: { patientId: string; instrument: string }) {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const trajectory = useTrajectory(patientId, instrument);
  if (trajectory.isPending) return <Loading label={`Loading the ${instrument.toUpperCase()} trajectory…`} />;
  if (trajectory.isError) return <ErrorAlert error={trajectory.error} title="The trajectory could not be loaded" />;
  const t = trajectory.data;
  const lines = summarize(t, tz);
  const s = t.summary;
  return (
    <Card>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Title order={2}>{t.instrument.title}</Title>
          <Group gap={6}>
            {s.response && <Badge color="blue">Response</Badge>}
            {s.remission && <Badge color="green">Remission</Badge>}
            {s.clinicalChange === 'improved' && <Badge color="teal">Improved ≥ MCID</Badge>}
            {s.clinicalChange === 'worse' && <Badge color="red">Worse ≥ MCID</Badge>}
          </Group>
        </Group>
        <Stack gap={4}>
          {lines.map((line) => (
            <Text key={line}>{line}</Text>
          ))}
        </Stack>
        {t.points.length > 0 && (
          <>
            <Suspense fallback={<Loading label="Drawing the chart…" />}>
              <TrajectoryChart trajectory={t} timeZone={tz} label={`Chart of ${t.instrument.shortTitle} scores over time. ${lines.join(' ')}`} />
            </Suspense>
            <List fz="sm" c="dimmed" listStyleType="none" spacing={2} aria-label="Chart legend">
              <List.Item>
                Solid line and dots: {t.instrument.shortTitle} totals.
                {t.bands.length > 0 && ` Shaded bands: severity (${t.bands.map((b) => `${b.label} ${b.min}–${b.max}`).join(', ')}).`}
              </List.Item>
              <List.Item>Dashed grey line: baseline. Dashed violet lines: doses. Rings: where response and remission were first reached.</List.Item>
            </List>
            <TrajectoryTable trajectory={t} timeZone={tz} />
          </>
        )}
      </Stack>
    </Card>
  );
}
