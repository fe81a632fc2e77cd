/**
 * Staff: a patient's course and appointments. The open course (planned, booked or paused) first, or starting one;
 * earlier courses below; the patient's scheduling preferences beside.
 */
import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useStaffList } from '../../api/staff';
import type { PatientDetail } from '../../api/types';
import { STATUS_LABEL } from '../../app/labels';
import { ErrorAlert, Loading } from '../../app/states';
import { useSession } from '../../app/session';
import { formatDay, localDateOf, zoneName } from '../../app/time';
import { PatientFrame } from '../patients/PatientFrame';
import { ProgressNotesCard } from '../progress-notes/ProgressNotesCard';
import { BookedCoursePanel } from './BookedCoursePanel';
import { CourseHeader } from './CourseHeader';
import type { Lookup } from './CourseTimeline';
import { OPEN_STATUSES } from './labels';
import { NewCourseForm } from './NewCourseForm';
import { PlanPanel } from './PlanPanel';
import { PreferencesCard } from './PreferencesCard';
import { usePatientCourses, useRoomNames } from './queries';
import type { Course } from './types';

export function PatientCoursePage() {
  return <PatientFrame section="course">{(p) => <CourseSection patient={p} />}</PatientFrame>;
}

function CourseSection({ patient }: { patient: PatientDetail }) {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const courses = usePatientCourses(patient.id, patient.permissions.readSchedule);
  const staff = useStaffList();
  const rooms = useRoomNames();
  const lookup: Lookup = { timeZone: tz, staff: new Map((staff.data ?? []).map((s) => [s.id, s.name])), rooms };
  const canManage = patient.permissions.manageSchedule;
  const [booked, setBooked] = useState<string | null>(null);

  if (!patient.permissions.readSchedule) return <Text>You cannot see this patient’s appointments.</Text>;
  if (courses.isPending) return <Loading label="Loading the courses…" />;
  if (courses.isError) return <ErrorAlert error={courses.error} title="The courses could not be loaded" />;
  const current = courses.data.find((c) => OPEN_STATUSES.includes(c.status)) ?? null;
  const earlier = courses.data.filter((c) => c !== current);
  const mayStart = ['eligible', 'maintenance'].includes(patient.status);

  return (
    <Stack gap="lg">
      <Text fz="sm" c="dimmed">
        Times are clinic time, {tz.replace(/_/g, ' ')} ({zoneName(tz)}).
      </Text>
      {current && current.status !== 'planned' && patient.permissions.readClinical && (
        <Anchor component={Link} to={`/patients/${patient.id}/timeline?courseId=${current.id}`} w="fit-content">
          See this course on one timeline (doses, scores, sessions, journal, action plan)
        </Anchor>
      )}
      {current ? (
        current.status === 'planned' ? (
          <PlanPanel key={`${current.id} ${current.proposal?.plannedFrom}`} course={current} lookup={lookup} canManage={canManage} onBooked={setBooked} />
        ) : (
          <BookedCoursePanel key={current.id} course={current} lookup={lookup} canManage={canManage} initialNotice={booked} />
        )
      ) : canManage && mayStart ? (
        <NewCourseForm patient={patient} />
      ) : (
        <Card>
          <Stack gap="xs">
            <Title order={2}>No open course</Title>
            <Text fz="sm">
              {mayStart
                ? 'You cannot plan courses for this patient.'
                : `A course starts for an eligible patient (or one in maintenance); this patient is ${STATUS_LABEL[patient.status].toLowerCase()}.`}
            </Text>
          </Stack>
        </Card>
      )}
      {patient.permissions.readClinical && ['prescriber', 'nurse', 'therapist'].includes(me.user.role) && (
        <ProgressNotesCard
          patientId={patient.id}
          timeZone={tz}
          sessions={courses.data.flatMap((c) => c.appointments).flatMap((a) => (a.id && a.status !== 'cancelled' ? [{ id: a.id, kind: a.kind, number: a.number, start: a.start, therapistId: a.therapistId }] : []))}
        />
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
        <PreferencesCard patientId={patient.id} canEdit={canManage} />
        <EarlierCourses courses={earlier} lookup={lookup} timelineOf={patient.permissions.readClinical ? (id) => `/patients/${patient.id}/timeline?courseId=${id}` : null} />
      </SimpleGrid>
    </Stack>
  );
}

function EarlierCourses({ courses, lookup, timelineOf }: { courses: Course[]; lookup: Lookup; timelineOf: ((courseId: string) => string) | null }) {
  return (
    <Card>
      <Stack gap="md">
        <Title order={2}>Earlier courses</Title>
        {courses.length === 0 ? (
          <Text c="dimmed">None.</Text>
        ) : (
          <Stack component="ul" gap="md" m={0} p={0} style={{ listStyle: 'none' }}>
            {courses.map((c) => {
              const held = c.appointments.filter((a) => a.status === 'completed');
              const first = c.appointments[0];
              return (
                <li key={c.id}>
                  <CourseHeader course={c} lookup={lookup} level={3} />
                  <Group gap="xs" mt={4}>
                    <Text fz="sm">
                      {held.length} session{held.length === 1 ? '' : 's'} held
                      {first && `, from ${formatDay(localDateOf(first.start, lookup.timeZone), true)}`}.
                    </Text>
                    {timelineOf && c.status !== 'planned' && <Anchor component={Link} to={timelineOf(c.id)} fz="sm">See its timeline</Anchor>}
                  </Group>
                </li>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
