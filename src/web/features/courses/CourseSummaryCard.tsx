/** On the patient's overview: the open course in one line, the next appointment, and the way to the course section and its timeline. */
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { PatientDetail } from '../../api/types';
import { useSession } from '../../app/session';
import { formatSlot } from '../../app/time';
import { appointmentName, COURSE_STATUS_COLOR, COURSE_STATUS_LABEL, OPEN_STATUSES } from './labels';
import { usePatientCourses } from './queries';

export function CourseSummaryCard({ patient }: { patient: PatientDetail }) {
  const me = useSession();
  const courses = usePatientCourses(patient.id);
  const current = courses.data?.find((c) => OPEN_STATUSES.includes(c.status));
  const next = current?.appointments.filter((a) => a.status === 'booked' && Date.parse(a.end) > Date.now()).sort((a, b) => a.start.localeCompare(b.start))[0];
  const href = `/patients/${patient.id}/course`;
  return (
    <Card>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2}>Course</Title>
          {current && <Badge color={COURSE_STATUS_COLOR[current.status]}>{COURSE_STATUS_LABEL[current.status]}</Badge>}
        </Group>
        {courses.isPending ? (
          <Text c="dimmed" fz="sm">
            Loading…
          </Text>
        ) : !current ? (
          <Text fz="sm">No open course.</Text>
        ) : (
          <>
            <Text fz="sm">{current.protocol.name}</Text>
            {next && (
              <Text fz="sm">
                Next: <strong>{appointmentName(next)}</strong>, {formatSlot(next.start, me.clinic.timeZone)}
              </Text>
            )}
          </>
        )}
        <Anchor component={Link} to={href} fz="sm">
          {current ? 'Open the course and appointments' : patient.permissions.manageSchedule && ['eligible', 'maintenance'].includes(patient.status) ? 'Start a course' : 'See appointments'}
        </Anchor>
        {patient.permissions.readClinical && (courses.data?.length ?? 0) > 0 && (
          <Anchor component={Link} to={`/patients/${patient.id}/timeline`} fz="sm">
            See the course timeline: doses, scores, sessions and notes’ themes in order
          </Anchor>
        )}
      </Stack>
    </Card>
  );
}
