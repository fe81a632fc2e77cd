/**
 * Staff: one course of a patient on one time axis (issue #6 §5). The prescriber reads the doses (route, mg, mg/kg,
 * vitals peaks, alerts) against the scores to decide the next dose; the therapist reads the themes, intentions,
 * check-ins, shared journal entries and the action plan to prepare the next session. `?courseId=` picks a course;
 * without it the current or latest one.
 */
import { Select, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { zoneName } from '../../app/time';
import { PatientFrame } from '../patients/PatientFrame';
import { dosesOf, staffSeries } from './chart-data';
import { courseOption, STAFF_KINDS } from './labels';
import { useStaffTimeline } from './queries';
import { ScoresCard } from './ScoresCard';
import { StaffEventDetails, staffTitle } from './StaffEventItem';
import { TimelineList } from './TimelineList';

export function PatientTimelinePage() {
  return <PatientFrame section="timeline">{(p) => <StaffTimelineSection patientId={p.id} />}</PatientFrame>;
}

function StaffTimelineSection({ patientId }: { patientId: string }) {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const [params, setParams] = useSearchParams();
  const timeline = useStaffTimeline(patientId, params.get('courseId'));
  if (timeline.isPending) return <Loading label="Loading the course timeline…" />;
  if (timeline.isError) return <ErrorAlert error={timeline.error} title="The timeline could not be loaded" />;
  const t = timeline.data;
  if (!t.course) return <Text>This patient has no course yet. The timeline starts with their first course.</Text>;
  const doses = dosesOf(t.events);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        {t.courses.length > 1 ? (
          <Select
            label="Course"
            data={t.courses.map((c) => courseOption(c, tz))}
            value={t.course.id}
            allowDeselect={false}
            onChange={(id) => id && setParams({ courseId: id })}
            maw={520}
          />
        ) : (
          <Text fw={600}>{courseOption(t.course, tz).label}</Text>
        )}
        <Text fz="sm" c="dimmed">
          Times are clinic time, {tz.replace(/_/g, ' ')} ({zoneName(tz)}). Journal entries appear only when the patient shares them; progress notes show the themes of signed integration notes.
        </Text>
      </Stack>
      <ScoresCard
        heading="Scores and doses"
        series={staffSeries(t)}
        doses={doses}
        timeZone={tz}
        markers={{ response: 'Response', remission: 'Remission' }}
        empty="No questionnaire scores in this course yet."
      />
      <section aria-labelledby="events-heading">
        <Title order={2} id="events-heading" mb="sm">Everything in order</Title>
        <TimelineList
          key={t.course.id}
          events={t.events}
          kinds={STAFF_KINDS}
          doses={doses}
          timeZone={tz}
          title={staffTitle}
          render={(e) => <StaffEventDetails e={e} />}
          empty="Nothing has happened in this course yet."
        />
      </section>
    </Stack>
  );
}
