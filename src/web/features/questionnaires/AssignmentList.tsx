/** A list of questionnaires (due, upcoming or completed): title, when (clinic time), dose anchor, overdue, action. */
import { Badge, Box, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { formatInstant } from '../../app/time';
import type { Assignment } from './types';

export interface AssignmentListProps {
  items: Assignment[];
  kind: 'due' | 'upcoming' | 'completed';
  /** Where the "answer" button leads for a due questionnaire; none for lists without an action. */
  answerHref?: (a: Assignment) => string;
  answerLabel?: (a: Assignment) => string;
  empty: ReactNode;
  label: string;
}

export function AssignmentList({ items, kind, answerHref, answerLabel, empty, label }: AssignmentListProps) {
  const me = useSession();
  const tz = me.clinic.timeZone;
  if (items.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label={label}>
      {items.map((a) => {
        const started = kind === 'due' && a.draftAnswers?.some((x) => x !== null);
        return (
          <Box
            component="li"
            key={a.id}
            p="sm"
            style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8, borderLeft: `4px solid var(--mantine-color-${a.overdue ? 'red-8' : kind === 'due' ? 'sage-7' : 'gray-4'})` }}
          >
            <Group justify="space-between" align="center" gap="sm">
              <div style={{ minWidth: 0, flex: '1 1 14rem' }}>
                <Group gap="xs">
                  <Text fw={600}>{a.instrument.title}</Text>
                  {a.overdue && <Badge color="red">Overdue</Badge>}
                  {started && <Badge color="blue">Started</Badge>}
                </Group>
                <Text fz="sm" c="dimmed">
                  Due {formatInstant(a.dueAt, tz)}
                  {a.anchor && ` · ${a.anchor}`}
                </Text>
              </div>
              {answerHref && kind === 'due' && (
                <Button component={Link} to={answerHref(a)} variant={a.overdue ? 'filled' : 'light'} aria-label={`${answerLabel?.(a) ?? (started ? 'Continue' : 'Start')}: ${a.instrument.title}`}>
                  {answerLabel?.(a) ?? (started ? 'Continue' : 'Start')}
                </Button>
              )}
            </Group>
          </Box>
        );
      })}
    </Stack>
  );
}
