/**
 * For a patient: their course on one time axis, in plain words. Their scores beside their doses, then everything in
 * order: sessions, intentions, doses, check-ins, every journal entry (each marked shared or private) and the action
 * plan. No clinical notes or monitoring detail: those are discussed with the care team in person.
 */
import { Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { dosesOf, patientSeries } from './chart-data';
import { courseOption, PATIENT_KINDS } from './labels';
import { PatientEventDetails, patientTitle } from './PatientEventItem';
import { useMyTimeline } from './queries';
import { ScoresCard } from './ScoresCard';
import { TimelineList } from './TimelineList';

export function MyTimelinePage() {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const [courseId, setCourseId] = useState<string | null>(null);
  const timeline = useMyTimeline(courseId);
  return (
    <Page title="My timeline" description="Your course at a glance: how your scores moved around each dose, and everything you and your care team did along the way.">
      {timeline.isPending ? (
        <Loading label="Loading your timeline…" />
      ) : timeline.isError ? (
        <ErrorAlert error={timeline.error} title="Your timeline could not be loaded" />
      ) : !timeline.data.course ? (
        <Text c="dimmed">Your timeline starts once your course is planned.</Text>
      ) : (
        <Stack gap="lg">
          {timeline.data.courses.length > 1 && (
            <Select
              label="Course"
              data={timeline.data.courses.map((c) => courseOption(c, tz))}
              value={timeline.data.course.id}
              allowDeselect={false}
              onChange={setCourseId}
              maw={520}
            />
          )}
          <ScoresCard
            heading="My scores and doses"
            series={patientSeries(timeline.data)}
            doses={dosesOf(timeline.data.events)}
            timeZone={tz}
            markers={{ response: 'Halved since the start', remission: 'Lowest range' }}
            empty="No questionnaire scores yet. They appear here as you complete your questionnaires."
          />
          <section aria-labelledby="my-events-heading">
            <Title order={2} id="my-events-heading" mb="sm">Everything in order</Title>
            <TimelineList
              key={timeline.data.course.id}
              events={timeline.data.events}
              kinds={PATIENT_KINDS}
              doses={dosesOf(timeline.data.events)}
              timeZone={tz}
              title={patientTitle}
              render={(e) => <PatientEventDetails e={e} />}
              empty="Nothing here yet."
            />
          </section>
        </Stack>
      )}
    </Page>
  );
}
