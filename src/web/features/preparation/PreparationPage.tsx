/**
 * A preparation session (issue #6 §1), for the therapist and the prescriber: the structured guide (hopes, fears,
 * intentions, the emotional safety plan, what to expect, the consent walkthrough), what is still empty, and the
 * session's progress notes. Reached from the preparation appointments on the patient's course page.
 */
import { Anchor, Card, Grid, List, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { Page } from '../../app/Page';
import { Loading, QueryFailure } from '../../app/states';
import { formatSlot, formatTime } from '../../app/time';
import { useSession } from '../../app/session';
import { ProgressNotesCard } from '../progress-notes/ProgressNotesCard';
import { GuideForm, StatusBadge } from './GuideForm';
import { useGuide } from './queries';
import type { Guide } from './types';

const STATUS_TEXT: Record<string, string> = { booked: 'booked', completed: 'held', cancelled: 'cancelled', 'no-show': 'missed' };

export function PreparationPage() {
  const { appointmentId = '' } = useParams();
  const me = useSession();
  const guide = useGuide(appointmentId);
  if (guide.isPending) return <Loading label="Loading the preparation guide…" />;
  if (guide.isError) return <QueryFailure error={guide.error} what="preparation session" />;
  const g = guide.data;
  const tz = me.clinic.timeZone;
  const a = g.appointment;
  return (
    <Page
      title={`Preparation ${a.number} · ${g.patient.name}`}
      heading={`Preparation session ${a.number}: ${g.patient.name}`}
      description={
        <>
          {formatSlot(a.start, tz)} until {formatTime(a.end, tz)} ({STATUS_TEXT[a.status] ?? a.status}).{' '}
          <Anchor component={Link} to={`/patients/${g.patient.id}/course`} underline="always">Back to the course</Anchor>
        </>
      }
    >
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          {/* Keyed by the appointment: a new session starts a new form; saves keep the form as it is. */}
          <GuideForm key={a.id} guide={g} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <CompletenessCard guide={g} />
            <ProgressNotesCard patientId={g.patient.id} sessions={[{ id: a.id, kind: 'preparation', number: a.number, start: a.start, therapistId: a.therapistId }]} timeZone={tz} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}

function CompletenessCard({ guide }: { guide: Guide }) {
  const c = guide.completeness;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} fz="h3">What is covered</Title>
        <Text fz="sm" role="status">
          {c.complete ? 'Every section is complete.' : c.empty.length ? `${c.empty.length} of ${c.sections.length} sections are still empty.` : 'Some sections are still in progress.'}
          {' '}As last saved.
        </Text>
        <List spacing="xs" listStyleType="none" p={0}>
          {c.sections.map((s) => (
            <List.Item key={s.id}>
              <Stack gap={2}>
                <Anchor href={`#guide-${s.id}`} fz="sm" fw={600}>{s.heading}</Anchor>
                <div><StatusBadge status={s.status} /></div>
                {s.status === 'partial' && s.missing.length > 0 && <Text fz="xs" c="dimmed">Still to do: {s.missing.join('; ')}</Text>}
              </Stack>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}
