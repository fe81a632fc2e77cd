/**
 * One dosing session on the clinic board: room and patient initials, phase in words, minutes since the dose (ticking
 * client-side), the next vital-sign checkpoint and whether it is overdue (recomputed between pushes), open alerts
 * (level in words and colour), who is in the room, and the way into the session.
 */
import { Badge, Box, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';
import { FormError } from '../../app/FormError';
import { formatTime, formatTimeRange } from '../../app/time';
import {
  AFTER_DOSE, ALERT_COLOR, ALERT_LABEL, CHECKPOINT_COLOR, CHECKPOINT_LABEL, FINAL, formatMinutes, liveCheckpointStatus, ROLE_WORD, solid, STATE_COLOR, STATE_LABEL,
} from '../dosing/labels';
import { dosingApi, useSessionStep } from '../dosing/queries';
import type { BoardSession, CheckpointStatus } from '../dosing/types';

export function checkpointNow(s: BoardSession, now: number): CheckpointStatus | null {
  if (!s.nextCheckpoint || FINAL.includes(s.state)) return null;
  return liveCheckpointStatus(s.nextCheckpoint, now);
}

export function BoardCard({ session: s, now, timeZone }: { session: BoardSession; now: number; timeZone: string }) {
  const headingId = useId();
  const checkIn = useSessionStep(s.appointmentId, () => dosingApi(s.appointmentId).checkIn());
  const status = checkpointNow(s, now);
  const overdue = status === 'overdue';
  const acts = s.openAlerts.some((a) => a.level === 'act');
  const watched = AFTER_DOSE.includes(s.state);
  const alone = watched && s.present.length === 0;
  const border = acts || overdue ? 'var(--mantine-color-red-7)' : s.openAlerts.length ? 'var(--mantine-color-orange-6)' : undefined;
  const minutes = s.dosedAt ? Math.max(0, Math.floor((now - Date.parse(s.dosedAt)) / 60_000)) : null;
  const who = `${s.patientInitials} in ${s.room}`;
  const ended = FINAL.includes(s.state);
  const due = s.nextCheckpoint ? Date.parse(s.nextCheckpoint.dueAt) : null;
  const extraOverdue = s.overdueCheckpoints.filter((c) => c.label !== s.nextCheckpoint?.label);

  return (
    <Card component="article" aria-labelledby={headingId} data-appointment={s.appointmentId} h="100%"
      style={{ borderWidth: border ? 3 : 1, borderColor: border, opacity: ended ? 0.85 : 1 }}>
      <Stack gap="sm">
        <Title order={3} id={headingId} aria-label={`${s.room}, patient ${s.patientInitials}`} lh={1.1}>
          <Text span fz={34} fw={800} lh={1} style={{ letterSpacing: 1 }}>
            {s.patientInitials}
          </Text>{' '}
          <Text span fz="lg" fw={600} ml={6}>
            {s.room}
          </Text>
        </Title>
        <Badge color={solid(STATE_COLOR[s.state])} variant="filled" size="lg" style={{ alignSelf: 'flex-start' }}
          styles={{ root: { height: 'auto', paddingBlock: 4 }, label: { whiteSpace: 'normal', overflow: 'visible' } }}>
          {STATE_LABEL[s.state]}
        </Badge>
        <Text fz="sm" c="dimmed">
          {formatTimeRange(s.start, s.end, timeZone)}
          {s.therapist && ` · ${s.therapist}`}
        </Text>

        {minutes !== null && !ended && (
          <Text fz={32} fw={700} lh={1.1} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatMinutes(minutes)}{' '}
            <Text span fz="sm" fw={500}>
              since the dose
            </Text>
          </Text>
        )}
        {s.dosedAt && (
          <Text fz="xs" c="dimmed">
            Dosed at {formatTime(s.dosedAt, timeZone)}
          </Text>
        )}

        {status && s.nextCheckpoint && due !== null && (
          <Box p={overdue ? 'xs' : 0} style={overdue ? { background: 'var(--mantine-color-red-0)', borderRadius: 6, border: '1px solid var(--mantine-color-red-7)' } : undefined}>
            <Group gap="xs" wrap="wrap">
              <Badge color={overdue ? solid('red') : CHECKPOINT_COLOR[status]} variant={overdue ? 'filled' : 'light'} size={overdue ? 'lg' : 'md'}>
                {overdue ? 'Vitals overdue' : `Next vitals: ${CHECKPOINT_LABEL[status].toLowerCase()}`}
              </Badge>
              <Text fz="sm" fw={overdue ? 700 : 400}>
                {s.nextCheckpoint.label}, due {formatTime(s.nextCheckpoint.dueAt, timeZone)}
                {now < due ? ` (in ${formatMinutes(Math.ceil((due - now) / 60_000))})` : ` (${formatMinutes(Math.floor((now - due) / 60_000))} ago)`}
              </Text>
            </Group>
          </Box>
        )}
        {extraOverdue.length > 0 && (
          <Text fz="sm" fw={700} c="red.9">
            Also overdue: {extraOverdue.map((c) => `${c.label} (due ${formatTime(c.dueAt, timeZone)})`).join('; ')}
          </Text>
        )}

        {s.openAlerts.length > 0 && (
          <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label={`Open alerts for ${who}`}>
            {s.openAlerts.map((a) => (
              <Box component="li" key={a.id} p={6} style={{ borderLeft: `5px solid var(--mantine-color-${ALERT_COLOR[a.level]}-8)`, background: `var(--mantine-color-${ALERT_COLOR[a.level]}-0)`, borderRadius: 4 }}>
                <Badge color={solid(ALERT_COLOR[a.level])} variant="filled" size="sm" mr={6}>
                  {ALERT_LABEL[a.level]}
                </Badge>
                <Text span fz="sm">
                  {a.message}
                </Text>
              </Box>
            ))}
          </Stack>
        )}

        <Text fz="sm" fw={alone ? 700 : 400} c={alone ? 'red.9' : undefined}>
          {s.present.length > 0
            ? `In the room: ${s.present.map((p) => `${p.name} (${ROLE_WORD[p.role] ?? p.role})`).join(', ')}`
            : alone
              ? 'Nobody is recorded with the patient'
              : 'Nobody recorded in the room'}
        </Text>
        {s.latestVitals && (
          <Text fz="sm">
            Latest vitals {formatTime(s.latestVitals.takenAt, timeZone)}: BP {s.latestVitals.systolic}/{s.latestVitals.diastolic}, heart rate {s.latestVitals.heartRate}, SpO2{' '}
            {s.latestVitals.spo2}%
          </Text>
        )}

        <FormError error={checkIn.error} title="Not checked in" />
        <Group gap="xs" mt="auto">
          <Button component={Link} to={`/sessions/${s.appointmentId}`} size="md" aria-label={`Open the session of ${who}`}>
            Open session
          </Button>
          {s.state === 'scheduled' && (
            <Button variant="light" size="md" loading={checkIn.isPending} onClick={() => checkIn.mutate(undefined)} aria-label={`Check in ${who}`}>
              Check in
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
