/**
 * No complete plan: which step could not be placed and why (with how often each reason turned a slot down), and
 * the alternatives that do work, each a one-click re-plan.
 */
import { Alert, Button, List, Stack, Text, Title } from '@mantine/core';
import { FormError } from '../../app/FormError';
import { formatDay, formatSlot, localDateOf } from '../../app/time';
import { ruleText, stepName } from './labels';
import { courseApi, useScheduleMutation } from './queries';
import { ReplanForm } from './ReplanForm';
import type { Alternative, Course, PlanFailure } from './types';

export function PlanBlocked({ course, failure, canManage }: { course: Course; failure: PlanFailure; canManage: boolean }) {
  const tz = course.timeZone;
  const alternatives = course.proposal?.alternatives ?? [];
  const replan = useScheduleMutation(course.patientId, (alt: Alternative) =>
    courseApi.plan(course.id, alt.kind === 'therapist' ? { therapistId: alt.therapistId } : { startDate: localDateOf(alt.start, tz) }),
  );
  const counts = Object.entries(failure.counts).sort((a, b) => b[1] - a[1]);
  return (
    <Stack gap="md">
      <Alert color="orange" title="No complete plan within 12 weeks" role="status">
        <Text fz="sm">
          <strong>{stepName(failure.step)}</strong> could not be placed. {ruleText(failure.reason)}
        </Text>
        {counts.length > 0 && (
          <>
            <Text fz="sm" mt="xs">
              Why the times tried for {stepName(failure.step).toLowerCase()} were turned down:
            </Text>
            <List fz="sm" size="sm">
              {counts.map(([reason, n]) => (
                <List.Item key={reason}>
                  {ruleText(reason).replace(/\.$/, '')}: {n.toLocaleString('en-US')} time{n === 1 ? '' : 's'} tried
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Alert>
      {canManage && (
        <>
          <Title order={3}>What would work</Title>
          {alternatives.length === 0 ? (
            <Text fz="sm">
              Neither another therapist nor a start up to four weeks later gives a complete plan. Check the therapist’s working hours and time
              off, the clinic’s opening hours, the rooms, and the patient’s preferred days and times.
            </Text>
          ) : (
            <Stack gap="xs">
              <FormError error={replan.error} title="The course was not planned again" />
              {alternatives.map((alt, i) => (
                <Button
                  key={i}
                  variant="light"
                  justify="flex-start"
                  h="auto"
                  py={8}
                  loading={replan.isPending && replan.variables === alt}
                  onClick={() => replan.mutate(alt)}
                  styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                >
                  {alt.kind === 'therapist'
                    ? `Plan with ${alt.therapistName} instead: first appointment ${formatSlot(alt.firstAppointment, tz)}`
                    : `Start later, from ${formatDay(localDateOf(alt.start, tz))}: first appointment ${formatSlot(alt.firstAppointment, tz)}`}
                </Button>
              ))}
            </Stack>
          )}
          <Title order={3}>Or choose yourself</Title>
          <ReplanForm course={course} />
        </>
      )}
    </Stack>
  );
}
