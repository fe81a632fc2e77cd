/**
 * The dosing session console (issue #5): one page per dosing appointment, for the prescriber, nurse and therapist in
 * the room. At the top what matters at a glance (phase, time since the dose, the patient's intention, the setting,
 * the next checkpoint, open alerts); then the sections in the order of the session: before the dose (check-in,
 * checklist, dose), during it (alerts, vital signs, observations, who is in the room, set and setting) and its end
 * (discharge, stopping). Times are clinic time. Every step re-reads the session; changes made by others arrive through
 * the board's live stream (the session's version changes), so two people on one session see each other's steps.
 */
import { Alert, Anchor, Badge, Box, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { Loading, QueryFailure } from '../../app/states';
import { formatTime, formatTimeRange, zoneName } from '../../app/time';
import { useBoardFeed } from '../board/stream';
import { FeedIndicator } from '../board/FeedIndicator';
import { AlertsCard } from './AlertsCard';
import { ChecklistCard, type ConsoleProps } from './ChecklistCard';
import { DoseCard } from './DoseCard';
import { AbortCard, DischargeCard } from './EndCard';
import {
  AFTER_DOSE, CHECKPOINT_COLOR, CHECKPOINT_LABEL, FINAL, formatElapsed, LIGHTING_LABEL, liveCheckpointStatus, solid, STATE_COLOR, STATE_LABEL,
} from './labels';
import { ObservationsCard } from './ObservationsCard';
import { PresenceCard } from './PresenceCard';
import { dosingApi, sessionKey, useDosingSession, useSessionStep } from './queries';
import { SettingCard } from './SettingCard';
import { FormError } from '../../app/FormError';
import type { SessionView } from './types';
import { useNow } from './useNow';
import { VitalsCard } from './VitalsCard';
import { PatientSafetyPlanCard } from '../preparation/SafetyPlanCard';

export function SessionConsolePage() {
  const { appointmentId = '' } = useParams();
  const me = useSession();
  const session = useDosingSession(appointmentId);
  const feed = useBoardFeed();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);

  // Someone else's step: the board's snapshot carries this session's version; a newer one than shown means read the
  // session again (once the read in flight, if any, has come back: it may already be the new one).
  const onBoard = feed.query.data?.sessions.find((s) => s.appointmentId === appointmentId);
  const boardVersion = onBoard?.version;
  const shownVersion = session.data?.version;
  const fetching = session.isFetching;
  useEffect(() => {
    if (boardVersion !== undefined && shownVersion !== undefined && boardVersion > shownVersion && !fetching) {
      void queryClient.invalidateQueries({ queryKey: sessionKey(appointmentId) });
    }
  }, [boardVersion, shownVersion, fetching, appointmentId, queryClient]);

  if (session.isPending) return <Loading label="Loading the session…" />;
  if (session.isError) return <QueryFailure error={session.error} what="dosing session" />;
  const view = session.data;
  const props: ConsoleProps = { view, role: me.user.role, staffId: me.user.staffId ?? '', notify: setNotice };
  const tz = view.timeZone;

  return (
    <Page
      title={`Session ${view.patient.initials}`}
      heading={`Dosing session: ${view.patient.name}`}
      description={`Dose ${view.doseNumber} · ${view.room.name} · ${formatTimeRange(view.start, view.end, tz)}${view.therapist.name ? ` · therapist ${view.therapist.name}` : ''}. Times are clinic time (${zoneName(tz)}).`}
      actions={
        <>
          {onBoard ? (
            <FeedIndicator status={feed.status} onReconnect={feed.reconnect} />
          ) : (
            <Button variant="default" onClick={() => void session.refetch()} loading={session.isRefetching}>
              Refresh
            </Button>
          )}
          <Button component={Link} to="/board" variant="default">
            Clinic board
          </Button>
          <Button component={Link} to={`/patients/${view.patient.id}`} variant="light">
            Patient record
          </Button>
        </>
      }
    >
      <Box aria-live="polite" role="status">
        {notice && (
          <Alert color="sage" variant="light" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}
      </Box>
      <Summary view={view} />
      <JumpLinks view={view} />

      <Stack gap="md" component="section" aria-labelledby="before-title">
        <Title order={2} id="before-title">
          Before the dose
        </Title>
        {view.state === 'scheduled' && <CheckIn {...props} />}
        <ChecklistCard {...props} />
        <DoseCard {...props} />
      </Stack>

      <Stack gap="md" component="section" aria-labelledby="during-title">
        <Title order={2} id="during-title">
          During the session
        </Title>
        <AlertsCard {...props} />
        <VitalsCard {...props} />
        <ObservationsCard {...props} />
        {/* What helps when it gets hard and who to call, from preparation: for the hard moments of the session. */}
        <PatientSafetyPlanCard patientId={view.patient.id} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
          <PresenceCard {...props} />
          <SettingCard {...props} />
        </SimpleGrid>
      </Stack>

      <Stack gap="md" component="section" aria-labelledby="end-title">
        <Title order={2} id="end-title">
          End of the session
        </Title>
        <DischargeCard {...props} />
        <AbortCard {...props} />
      </Stack>
    </Page>
  );
}

function CheckIn({ view, notify }: ConsoleProps) {
  const step = useSessionStep(view.appointmentId, () => dosingApi(view.appointmentId).checkIn());
  return (
    <Card id="check-in" component="section" aria-labelledby="check-in-title">
      <Stack gap="sm">
        <Title order={3} id="check-in-title">
          Check-in
        </Title>
        <Text fz="sm">The patient is expected at {formatTime(view.start, view.timeZone, true)}. Checking in starts the session.</Text>
        <FormError error={step.error} title="The patient was not checked in" />
        <Group>
          <Button size="lg" onClick={() => step.mutate(undefined, { onSuccess: () => notify(`${view.patient.name} is checked in.`) })} loading={step.isPending}>
            Check the patient in
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The part that stays in view: phase, time since the dose, intention, setting, next checkpoint, open alerts. */
function Summary({ view }: { view: SessionView }) {
  const now = useNow(1000);
  const tz = view.timeZone;
  const openAlerts = view.alerts.filter((a) => !a.acknowledgedAt);
  const acts = openAlerts.some((a) => a.level === 'act');
  const next = view.checkpoints?.nextDue ?? null;
  const nextStatus = next && !FINAL.includes(view.state) ? liveCheckpointStatus(next, now) : null;
  const s = view.setting;
  const settingWords = [
    s.music ? `Music: ${s.music}` : 'No music set',
    s.eyeMask === undefined ? null : s.eyeMask ? 'eye mask on' : 'no eye mask',
    s.lighting ? `lighting ${LIGHTING_LABEL[s.lighting].toLowerCase()}` : null,
  ].filter(Boolean).join(' · ');
  const ended = FINAL.includes(view.state);
  const end = view.dischargedAt ?? (view.state === 'aborted' ? view.stateChangedAt : null);
  return (
    <Card component="section" aria-label="Session at a glance" style={{ borderWidth: 2, borderColor: 'var(--mantine-color-sage-4)' }}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
        <Stack gap={6}>
          <Text fz="sm" c="dimmed">
            Phase
          </Text>
          <Badge size="xl" color={solid(STATE_COLOR[view.state])} variant="filled" style={{ alignSelf: 'flex-start' }}>
            {STATE_LABEL[view.state]}
          </Badge>
          {view.checkedInAt && (
            <Text fz="sm">Checked in at {formatTime(view.checkedInAt, tz, true)}</Text>
          )}
          {view.state === 'aborted' && view.abortReason && <Text fz="sm">Stopped: {view.abortReason}</Text>}
        </Stack>
        <Stack gap={6}>
          <Text fz="sm" c="dimmed">
            Time since the dose
          </Text>
          {view.dosedAt ? (
            <>
              <Text fz={40} fw={700} lh={1} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatElapsed((ended && end ? Date.parse(end) : now) - Date.parse(view.dosedAt))}
              </Text>
              <Text fz="sm">Dosed at {formatTime(view.dosedAt, tz, true)}{ended && end ? `; ended at ${formatTime(end, tz)}` : ''}</Text>
            </>
          ) : (
            <Text fz="xl" fw={600}>
              Not dosed yet
            </Text>
          )}
          {next && nextStatus && (
            <Group gap="xs">
              <Badge color={nextStatus === 'overdue' ? solid('red') : CHECKPOINT_COLOR[nextStatus]} variant={nextStatus === 'overdue' ? 'filled' : 'light'} size="lg">
                {nextStatus === 'overdue' ? 'Vitals overdue' : CHECKPOINT_LABEL[nextStatus]}
              </Badge>
              <Text fz="sm">
                Next vitals: {next.label}
                {next.dueAt && `, due ${formatTime(next.dueAt, tz)}`}
              </Text>
            </Group>
          )}
        </Stack>
        <Stack gap={6}>
          <Text fz="sm" c="dimmed">
            Intention
          </Text>
          <Text fz="lg" fw={600} style={{ fontStyle: view.intention ? 'italic' : undefined }}>
            {view.intention ? `“${view.intention}”` : 'Not recorded yet'}
          </Text>
          <Text fz="sm">{settingWords}</Text>
          {s.notes && <Text fz="sm">{s.notes}</Text>}
        </Stack>
      </SimpleGrid>
      {openAlerts.length > 0 && (
        <Alert color={acts ? 'red' : 'orange'} variant="light" mt="md" style={{ borderLeft: `6px solid var(--mantine-color-${acts ? 'red' : 'orange'}-8)` }} title={`${openAlerts.length} open alert${openAlerts.length === 1 ? '' : 's'}`}>
          {openAlerts.map((a) => (
            <Text fz="sm" key={a.id}>
              {a.level === 'act' ? 'Act now' : 'Warning'}: {a.message}
            </Text>
          ))}
          <Anchor href="#alerts" fz="sm" fw={700}>
            Go to the alerts
          </Anchor>
        </Alert>
      )}
      {AFTER_DOSE.includes(view.state) && view.presence.now.length === 0 && (
        <Alert color="red" variant="light" mt="md" title="Nobody is recorded with the patient">
          <Anchor href="#presence" fz="sm">
            Record who is in the room
          </Anchor>
        </Alert>
      )}
    </Card>
  );
}

function JumpLinks({ view }: { view: SessionView }) {
  const links: [string, string][] = [
    ...(view.state === 'scheduled' ? ([['#check-in', 'Check-in']] as [string, string][]) : []),
    ['#checklist', 'Checklist'],
    ['#dose', 'Dose'],
    ['#alerts', 'Alerts'],
    ['#vitals', 'Vital signs'],
    ['#observations', 'Observations'],
    ['#presence', 'In the room'],
    ['#setting', 'Setting'],
    ['#discharge', 'Discharge'],
  ];
  return (
    <Box component="nav" aria-label="Sections of the session">
      <Group gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {links.map(([href, label]) => (
          <li key={href}>
            <Button component="a" href={href} variant="default" size="sm">
              {label}
            </Button>
          </li>
        ))}
      </Group>
    </Box>
  );
}
