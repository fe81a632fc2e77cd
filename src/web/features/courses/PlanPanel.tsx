/**
 * A planned course: the proposed plan on a calendar and as a list, each time adjustable before booking; booking books
 * every appointment or none, and a refusal lists every conflicting appointment with its rule. No plan: why, and
 * the alternatives.
 */
import { Alert, Button, Card, Group, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { FormError } from '../../app/FormError';
import { formatSlot } from '../../app/time';
import { AdjustModal } from './AdjustModal';
import { AppointmentTable } from './AppointmentTable';
import { BookConflicts } from './BookConflicts';
import { CourseHeader } from './CourseHeader';
import { apptKey, CourseTimeline, type Lookup } from './CourseTimeline';
import { appointmentName } from './labels';
import { PlanBlocked } from './PlanBlocked';
import { courseApi, useScheduleMutation, type Adjustment, type ExceptionReason } from './queries';
import { ReplanForm } from './ReplanForm';
import { StopCourseButton } from './StopCourseModal';
import type { Appointment, Conflict, Course } from './types';

export function PlanPanel({ course, lookup, canManage, onBooked }: { course: Course; lookup: Lookup; canManage: boolean; onBooked?: (message: string) => void }) {
  const tz = lookup.timeZone;
  const [adjusted, setAdjusted] = useState<Map<string, string>>(new Map());
  const [reasons, setReasons] = useState<Map<string, string>>(new Map());
  const [editing, setEditing] = useState<Appointment | null>(null);
  const [replanOpen, replan] = useDisclosure(false);
  const book = useScheduleMutation(course.patientId, (body: { appointments?: Adjustment[]; exceptions?: ExceptionReason[] }) => courseApi.book(course.id, body));
  const failure = course.proposal?.failure ?? null;

  const appointments = course.appointments.map((a) => {
    const start = adjusted.get(apptKey(a));
    if (!start) return a;
    const length = Date.parse(a.end) - Date.parse(a.start);
    return { ...a, start, end: new Date(Date.parse(start) + length).toISOString() };
  });
  const changed = new Set(adjusted.keys());
  const conflicts = book.error instanceof ApiError ? ((book.error.details.conflicts as Conflict[] | undefined) ?? null) : null;

  const doBook = (withExceptions: boolean) => {
    const body: { appointments?: Adjustment[]; exceptions?: ExceptionReason[] } = {};
    if (adjusted.size) body.appointments = appointments.filter((a) => changed.has(apptKey(a))).map((a) => ({ kind: a.kind, number: a.number, start: a.start }));
    if (withExceptions && conflicts) {
      body.exceptions = conflicts
        .filter((c) => reasons.get(apptKey(c))?.trim())
        .map((c) => ({ kind: c.kind, number: c.number, reason: reasons.get(apptKey(c))!.trim() }));
    }
    book.mutate(body, {
      onSuccess: (c) => {
        const n = c.appointments.filter((a) => a.status === 'booked').length;
        const exceptions = c.appointments.filter((a) => a.exceptionReason).length;
        onBooked?.(`The course is booked: ${n} appointments${exceptions ? `, ${exceptions} of them as exceptions` : ''}. Reminders go to the patient before each one.`);
      },
    });
  };

  return (
    <Card>
      <Stack gap="md">
        <CourseHeader course={course} lookup={lookup} />
        {failure ? (
          <PlanBlocked course={course} failure={failure} canManage={canManage} />
        ) : (
          <>
            <Alert color="blue" variant="light" role="note">
              This is a proposed plan: nothing is booked yet. {canManage && 'Change any time if needed, then book the whole course at once: every appointment is checked, and either all are booked or none.'}
              {course.appointments[0] && ` It starts ${formatSlot(course.appointments[0].start, tz)}.`}
            </Alert>
            <Title order={3}>The plan on a calendar</Title>
            <CourseTimeline appointments={appointments} lookup={lookup} changed={changed} label="Proposed plan by week" />
            <Title order={3}>The plan as a list</Title>
            <AppointmentTable
              appointments={appointments}
              lookup={lookup}
              changed={changed}
              label="Proposed appointments"
              actions={
                canManage
                  ? (a) => (
                      <Button variant="subtle" size="compact-sm" onClick={() => setEditing(a)} aria-label={`Change the time of ${appointmentName(a).toLowerCase()}`}>
                        Change time
                      </Button>
                    )
                  : undefined
              }
            />
            {conflicts && conflicts.length > 0 ? (
              <BookConflicts
                conflicts={conflicts}
                timeZone={tz}
                reasons={reasons}
                onReason={(key, reason) => setReasons(new Map(reasons).set(key, reason))}
                onBookWithExceptions={() => doBook(true)}
                booking={book.isPending}
              />
            ) : (
              <FormError error={book.error} title="Nothing was booked" />
            )}
            {canManage && (
              <Group justify="space-between" gap="sm">
                <Group gap="sm">
                  <Button variant="default" onClick={replan.toggle} aria-expanded={replanOpen} aria-controls="replan-form">
                    Plan again…
                  </Button>
                  <StopCourseButton course={course} mode="discard" />
                </Group>
                <Button onClick={() => doBook(false)} loading={book.isPending && !book.variables?.exceptions}>
                  Book all {appointments.length} appointments
                </Button>
              </Group>
            )}
            <div id="replan-form">{replanOpen && <ReplanForm course={course} onDone={() => (replan.close(), setAdjusted(new Map()), book.reset())} />}</div>
          </>
        )}
        {failure && canManage && (
          <Group>
            <StopCourseButton course={course} mode="discard" />
          </Group>
        )}
      </Stack>
      {editing && (
        <AdjustModal
          appointment={editing}
          proposedStart={course.appointments.find((a) => apptKey(a) === apptKey(editing))!.start}
          timeZone={tz}
          onClose={() => setEditing(null)}
          onSet={(start) => {
            const next = new Map(adjusted);
            if (start) next.set(apptKey(editing), start);
            else next.delete(apptKey(editing));
            setAdjusted(next);
            setEditing(null);
          }}
        />
      )}
    </Card>
  );
}
