/** A course's heading line: protocol and version, route, therapist, status (and why it was paused or cancelled). */
import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { formatInstant } from '../../app/time';
import type { Lookup } from './CourseTimeline';
import { COURSE_STATUS_COLOR, COURSE_STATUS_LABEL, ROUTE_LABEL } from './labels';
import type { Course } from './types';

export function CourseHeader({ course, lookup, level = 2 }: { course: Course; lookup: Lookup; level?: 2 | 3 }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Title order={level}>
          {course.protocol.name}
          <Text span c="dimmed" fz="sm" fw={400}>
            {' '}
            · version {course.protocol.version}
          </Text>
        </Title>
        <Badge color={COURSE_STATUS_COLOR[course.status]} size="lg">
          {COURSE_STATUS_LABEL[course.status]}
        </Badge>
      </Group>
      <Text fz="sm">
        {ROUTE_LABEL[course.route] ?? course.route} · therapist {lookup.staff.get(course.therapistId) ?? '—'} · created {formatInstant(course.createdAt, lookup.timeZone)}
      </Text>
      {course.statusReason && <Text fz="sm">Reason: {course.statusReason}</Text>}
    </Stack>
  );
}
