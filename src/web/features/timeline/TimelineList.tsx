/**
 * The chronological list under the chart, for staff and patient alike: filters by kind (checkboxes, each with its
 * count), grouping by week or by dose, then one section per group with a heading and a list. Each item says its kind
 * and time in words; colour only repeats what the words say. One column, so it reads on a phone.
 */
import { Badge, Button, Card, Checkbox, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { formatSlot } from '../../app/time';
import { filterByKind, groupByDose, groupByWeek, type Grouping } from './grouping';
import type { KindWords } from './labels';

interface Item {
  id: string;
  at: string;
  kind: string;
}

export interface TimelineListProps<E extends Item> {
  events: E[];
  kinds: Record<string, KindWords>;
  doses: { number: number; at: string; state: string }[];
  timeZone: string;
  render: (event: E) => ReactNode;
  /** Title of an item (bold first line), e.g. "Dose 1 given". */
  title: (event: E) => string;
  empty: string;
}

const KIND_COLOR: Record<string, string> = {
  dose: 'violet', 'vitals-alert': 'red', 'adverse-event': 'orange', questionnaire: 'blue', session: 'teal', intention: 'grape', journal: 'cyan', 'action-plan': 'lime',
};

export function TimelineList<E extends Item>({ events, kinds, doses, timeZone, render, title, empty }: TimelineListProps<E>) {
  const present = useMemo(() => Object.keys(kinds).filter((k) => events.some((e) => e.kind === k)), [events, kinds]);
  const [shown, setShown] = useState<string[]>(present);
  const [grouping, setGrouping] = useState<Grouping>('dose');
  const visible = filterByKind(events, new Set(shown));
  const groups = grouping === 'week' ? groupByWeek(visible, timeZone) : groupByDose(visible, doses, timeZone);
  const count = (k: string) => events.filter((e) => e.kind === k).length;

  if (events.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <Stack gap="md">
      <Card>
        <Stack gap="sm">
          <Checkbox.Group label="Show" value={shown} onChange={setShown}>
            <Group gap="md" mt={6} wrap="wrap">
              {present.map((k) => (
                <Checkbox key={k} value={k} label={`${kinds[k]!.many} (${count(k)})`} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group gap="sm" wrap="wrap">
            <Button variant="subtle" size="compact-sm" onClick={() => setShown(present)}>Show all</Button>
            <Button variant="subtle" size="compact-sm" onClick={() => setShown([])}>Clear</Button>
          </Group>
          <div>
            <Text component="span" id="timeline-grouping" fz="sm" fw={500} mr="sm">Group by</Text>
            <SegmentedControl
              aria-labelledby="timeline-grouping"
              value={grouping}
              onChange={(v) => setGrouping(v as Grouping)}
              data={[{ value: 'dose', label: 'Dose' }, { value: 'week', label: 'Week' }]}
            />
          </div>
        </Stack>
      </Card>
      <Text fz="sm" role="status" aria-live="polite">
        {visible.length} of {events.length} events shown.
      </Text>
      {groups.map((g) => (
        <section key={g.key} aria-labelledby={`group-${g.key}`}>
          <Title order={3} fz="lg" id={`group-${g.key}`} mb="xs">{g.heading}</Title>
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {g.events.map((e) => (
              <li key={e.id}>
                <Card withBorder padding="sm">
                  <Group gap="xs" wrap="wrap" mb={4}>
                    <Badge variant="light" color={KIND_COLOR[e.kind] ?? 'gray'}>{kinds[e.kind]?.one ?? e.kind}</Badge>
                    <Text fz="sm" c="dimmed"><time dateTime={e.at}>{formatSlot(e.at, timeZone)}</time></Text>
                  </Group>
                  <Text fw={600}>{title(e)}</Text>
                  {render(e)}
                </Card>
              </li>
            ))}
          </Stack>
        </section>
      ))}
    </Stack>
  );
}
