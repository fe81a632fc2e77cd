/**
 * A booked (or paused, finished) course: every appointment with its status on a calendar and as a list; move,
 * cancel and see the history of each; exceptions shown with their reasons; cancel the rest, pause or resume.
 */
import { Alert, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { FormError } from '../../app/FormError';
import { AppointmentTable } from './AppointmentTable';
import { CancelAppointmentModal } from './CancelAppointmentModal';
import { CourseHeader } from './CourseHeader';
import { CourseTimeline, type Lookup } from './CourseTimeline';
import { HistoryModal } from './HistoryModal';
import { appointmentName, ruleText } from './labels';
import { courseApi, useScheduleMutation } from './queries';
import { RescheduleModal } from './RescheduleModal';
import { StopCourseButton } from './StopCourseModal';
import { useCourseFollowThrough } from '../follow-through/useCourseFollowThrough';
import type { Appointment, Course } from './types';

type Open = { what: 'move' | 'cancel' | 'history'; a: Appointment } | null;

export function BookedCoursePanel({ course, lookup, canManage, initialNotice = null }: { course: Course; lookup: Lookup; canManage: boolean; initialNotice?: string | null }) {
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(initialNotice);
  // The dosing session console is for the clinical roles (an admin sees the schedule only).
  const clinical = ['prescriber', 'nurse', 'therapist'].includes(useSession().user.role);
  // The preparation guide is kept by the care team's therapists and the prescriber (src/core/preparation/access.ts).
  const keepsGuide = ['prescriber', 'therapist'].includes(useSession().user.role);
  const resume = useScheduleMutation(course.patientId, () => courseApi.resume(course.id));
  const followThrough = useCourseFollowThrough(course, canManage);
  const live = course.status === 'booked';
  const byId = new Map(course.appointments.map((a) => [a.id, a]));
  const exceptions = course.appointments.filter((a) => a.exceptionReason && a.status !== 'cancelled');
  const upcoming = course.appointments.filter((a) => a.status === 'booked');
  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
  };
  const integrationOf = (a: Appointment) =>
    a.kind === 'dosing' ? (course.appointments.find((x) => x.kind === 'integration' && x.number === a.number && x.status === 'booked') ?? null) : null;

  return (
    <Card>
      <Stack gap="md">
        <CourseHeader course={course} lookup={lookup} />
        {notice && (
          <Alert color="sage" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}
        {(exceptions.length > 0 || course.violations.length > 0) && (
          <Alert color="orange" variant="light" title="Exceptions on this course" role="note">
            <List fz="sm" size="sm" spacing={4}>
              {exceptions.map((a) => (
                <List.Item key={a.id}>
                  {appointmentName(a)} was booked as an exception: “{a.exceptionReason}”
                </List.Item>
              ))}
              {course.violations.map((v, i) => {
                const a = byId.get(v.appointmentId);
                return (
                  <List.Item key={`v${i}`}>
                    {a ? `${appointmentName(a)}: ` : ''}
                    {ruleText(v.rule)} ({v.message})
                  </List.Item>
                );
              })}
            </List>
          </Alert>
        )}
        {course.status === 'paused' && (
          <Alert color="orange" variant="light" role="note" title="This course is paused">
            <Text fz="sm">Its future appointments were cancelled. Resuming plans the remaining sessions again, ready to check and book.</Text>
          </Alert>
        )}
        <Title order={3}>On a calendar</Title>
        <CourseTimeline appointments={course.appointments} lookup={lookup} label="Course appointments by week" />
        <Title order={3}>As a list</Title>
        <FormError error={followThrough.error} title="The integration session was not recorded as held" />
        <AppointmentTable
          appointments={course.appointments}
          lookup={lookup}
          label="Course appointments"
          badges={followThrough.badges}
          actions={(a) => {
            const name = appointmentName(a).toLowerCase();
            return (
              <Group gap={4} wrap="nowrap">
                {canManage && a.status === 'booked' && (
                  <>
                    <Button variant="subtle" size="compact-sm" onClick={() => setOpen({ what: 'move', a })} aria-label={`Move ${name}`}>
                      Move
                    </Button>
                    <Button variant="subtle" color="red" size="compact-sm" onClick={() => setOpen({ what: 'cancel', a })} aria-label={`Cancel ${name}`}>
                      Cancel
                    </Button>
                  </>
                )}
                {keepsGuide && a.kind === 'preparation' && a.id && (
                  <Button component={Link} to={`/preparation/${a.id}`} variant="subtle" size="compact-sm" aria-label={`Preparation guide of ${name}`}>
                    Guide
                  </Button>
                )}
                {followThrough.heldButton(a)}
                {clinical && a.kind === 'dosing' && a.id && (a.status === 'booked' || a.status === 'completed') && (
                  <Button component={Link} to={`/sessions/${a.id}`} variant="subtle" size="compact-sm" aria-label={`Session console of ${name}`}>
                    Session
                  </Button>
                )}
                {clinical && a.kind === 'integration' && a.id && (a.status === 'booked' || a.status === 'completed') && (
                  <Button component={Link} to={`/integration/${a.id}`} variant="subtle" size="compact-sm" aria-label={`Session view of ${name}`}>
                    Session
                  </Button>
                )}
                <Button variant="subtle" color="gray" size="compact-sm" onClick={() => setOpen({ what: 'history', a })} aria-label={`History of ${name}`}>
                  History
                </Button>
              </Group>
            );
          }}
        />
        {canManage && live && (
          <Stack gap="xs">
            <Text fz="sm" c="dimmed">
              {upcoming.length} appointment{upcoming.length === 1 ? '' : 's'} still to come. Pausing or cancelling the rest frees every future
              appointment’s time.
            </Text>
            <Group gap="sm">
              <StopCourseButton course={course} mode="pause" />
              <StopCourseButton course={course} mode="cancel" />
            </Group>
          </Stack>
        )}
        {canManage && course.status === 'paused' && (
          <Stack gap="xs">
            <FormError error={resume.error} title="The course was not resumed" />
            <Group gap="sm">
              <Button onClick={() => resume.mutate()} loading={resume.isPending}>
                Resume: plan the remaining sessions
              </Button>
              <StopCourseButton course={course} mode="cancel" />
            </Group>
          </Stack>
        )}
      </Stack>
      {open?.what === 'move' && <RescheduleModal appointment={open.a} lookup={lookup} onClose={() => setOpen(null)} onDone={done} />}
      {open?.what === 'cancel' && <CancelAppointmentModal appointment={open.a} integration={integrationOf(open.a)} lookup={lookup} onClose={() => setOpen(null)} onDone={done} />}
      {open?.what === 'history' && <HistoryModal appointment={open.a} lookup={lookup} onClose={() => setOpen(null)} />}
    </Card>
  );
}
