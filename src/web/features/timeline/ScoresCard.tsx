/** The course's scores on one time axis with its doses: a chart per instrument (loaded on demand) and its legend. */
import { Card, List, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Loading } from '../../app/states';
import { formatSlot } from '../../app/time';
import type { ChartDose } from './ScoresChart';
import type { ChartSeries } from './types';

const ScoresChart = lazy(() => import('./ScoresChart'));

export interface ScoresCardProps {
  heading: string;
  series: ChartSeries[];
  doses: ChartDose[];
  timeZone: string;
  markers: { response: string; remission: string };
  /** Shown when no questionnaire was scored in the course. */
  empty: string;
}

/** The chart's data in words (its accessible name). */
function describe(s: ChartSeries, doses: ChartDose[], timeZone: string, markers: ScoresCardProps['markers']): string {
  const scores = s.points.map((p) => `${p.total}${p.baseline ? ' (baseline)' : ''}${p.remission ? ` (${markers.remission})` : p.response ? ` (${markers.response})` : ''} on ${formatSlot(p.at, timeZone)}`);
  const given = doses.map((d) => `dose ${d.number}${d.given ? '' : ' (booked)'} on ${formatSlot(d.at, timeZone)}`);
  return `${s.title} scores out of ${s.maxTotal}: ${scores.join('; ')}. ${given.length ? `Doses: ${given.join('; ')}.` : 'No doses yet.'}`;
}

export function ScoresCard({ heading, series, doses, timeZone, markers, empty }: ScoresCardProps) {
  return (
    <Card component="section" aria-labelledby="scores-heading">
      <Stack gap="md">
        <Title order={2} id="scores-heading">{heading}</Title>
        {series.length === 0 ? (
          <Text c="dimmed">{empty}</Text>
        ) : (
          series.map((s) => (
            <Stack key={s.instrumentId} gap="xs">
              <Title order={3} fz="md">{s.title}</Title>
              <Suspense fallback={<Loading label="Drawing the chart…" />}>
                <ScoresChart series={s} doses={doses} timeZone={timeZone} markers={markers} label={describe(s, doses, timeZone, markers)} />
              </Suspense>
            </Stack>
          ))
        )}
        {series.length > 0 && (
          <List fz="sm" c="dimmed" listStyleType="none" spacing={2} aria-label="Chart legend">
            <List.Item>Solid line and dots: scores (lower is better). Shaded bands: score ranges, named on the left.</List.Item>
            <List.Item>Violet vertical lines: doses, numbered at the top; dashed when given, dotted when only booked.</List.Item>
            <List.Item>Rings: where “{markers.response}” and “{markers.remission}” were first reached.</List.Item>
          </List>
        )}
      </Stack>
    </Card>
  );
}
