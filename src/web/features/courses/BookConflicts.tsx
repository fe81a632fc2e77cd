/**
 * Why the plan could not be booked: every conflicting appointment with the rule it breaks, in plain words. Rules a
 * staff member may override get a field for the written reason; the others need another time or a new plan.
 */
import { Alert, Box, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { formatSlot } from '../../app/time';
import { apptKey } from './CourseTimeline';
import { appointmentName, bookableAsException, ruleText } from './labels';
import type { Conflict } from './types';

export interface BookConflictsProps {
  conflicts: Conflict[];
  timeZone: string;
  reasons: Map<string, string>;
  onReason: (key: string, reason: string) => void;
  onBookWithExceptions: () => void;
  booking: boolean;
}

export function BookConflicts({ conflicts, timeZone, reasons, onReason, onBookWithExceptions, booking }: BookConflictsProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [conflicts]);
  const hard = conflicts.filter((c) => !bookableAsException(c.rule));
  const soft = conflicts.filter((c) => bookableAsException(c.rule));
  const ready = hard.length === 0 && soft.every((c) => (reasons.get(apptKey(c))?.trim().length ?? 0) >= 5);
  return (
    <Alert ref={ref} tabIndex={-1} color="red" role="alert" title={`Nothing was booked: ${conflicts.length} appointment${conflicts.length === 1 ? '' : 's'} of the plan cannot be booked as ${conflicts.length === 1 ? 'it is' : 'they are'}`}>
      <Stack gap="sm">
        <List spacing="xs" aria-label="Conflicting appointments">
          {conflicts.map((c) => (
            <List.Item key={`${apptKey(c)} ${c.rule}`}>
              <Text fz="sm">
                <strong>{c.number > 0 ? appointmentName(c) : 'An appointment'}</strong>
                {c.start && ` (${formatSlot(c.start, timeZone)})`}: {ruleText(c.rule)}{' '}
                {bookableAsException(c.rule) ? 'It can be booked as an exception with a written reason.' : 'Choose another time for it, or plan again.'}
              </Text>
            </List.Item>
          ))}
        </List>
        {soft.length > 0 && (
          <Box>
            <Text fz="sm" fw={600}>
              Book as an exception
            </Text>
            <Text fz="sm" mb="xs">
              An exception is kept on the appointment and shown on the course. Write why it is right for this patient.
            </Text>
            <Stack gap="xs">
              {soft.map((c) => (
                <Textarea
                  key={`${apptKey(c)} ${c.rule}`}
                  label={`Reason for ${appointmentName(c).toLowerCase()}`}
                  autosize
                  minRows={1}
                  value={reasons.get(apptKey(c)) ?? ''}
                  onChange={(e) => onReason(apptKey(c), e.currentTarget.value)}
                />
              ))}
            </Stack>
          </Box>
        )}
        {hard.length > 0 && soft.length > 0 && (
          <Text fz="sm">Change the time of the appointments that cannot be exceptions first; then book again with your reasons.</Text>
        )}
        {soft.length > 0 && (
          <Group justify="flex-end">
            <Button onClick={onBookWithExceptions} loading={booking} disabled={!ready}>
              Book with {soft.length === 1 ? 'this exception' : 'these exceptions'}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
