/**
 * The end of the session: the discharge conditions as the server evaluates them, "Sign the discharge" (refused with
 * every unmet condition and when it becomes possible), then the integration session and the questionnaires that
 * follow the dose; and stopping the session with a reason.
 */
import { Alert, Badge, Box, Button, Card, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { formatSlot, formatTime } from '../../app/time';
import { useInstruments } from '../questionnaires/queries';
import type { ConsoleProps } from './ChecklistCard';
import { AFTER_DOSE, FINAL, solid } from './labels';
import { dosingApi, sessionKey, useSessionStep } from './queries';
import { useNow } from './useNow';
import { StepError } from './StepError';
import type { DischargeResult } from './types';

const INTEGRATION_LABEL: Record<DischargeResult['integration']['status'], { text: string; color: string }> = {
  booked: { text: 'Integration session booked', color: 'green' },
  'outside-window': { text: 'Integration session outside its window', color: 'orange' },
  missing: { text: 'No integration session booked', color: 'red' },
};

export function DischargeCard({ view, role, notify }: ConsoleProps) {
  const [result, setResult] = useState<DischargeResult | null>(null);
  const step = useSessionStep(view.appointmentId, () => dosingApi(view.appointmentId).discharge());
  const tz = view.timeZone;
  const signer = role === 'prescriber' || role === 'nurse';
  const d = view.discharge;
  const now = useNow(5_000);
  const queryClient = useQueryClient();
  // When the minimum monitoring time ends, read the conditions again (they were evaluated when the session was read).
  const possibleFrom = d && d.minutesRemaining > 0 && d.possibleFrom ? Date.parse(d.possibleFrom) : null;
  useEffect(() => {
    if (possibleFrom === null) return;
    const timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: sessionKey(view.appointmentId) }), Math.max(1000, possibleFrom - Date.now() + 1000));
    return () => clearTimeout(timer);
  }, [possibleFrom, queryClient, view.appointmentId]);
  const minutesLeft = possibleFrom === null ? 0 : Math.max(0, Math.ceil((possibleFrom - now) / 60_000));
  return (
    <Card id="discharge" component="section" aria-labelledby="discharge-title">
      <Stack gap="md">
        <Title order={3} id="discharge-title">
          Discharge
        </Title>
        {view.state === 'discharged' && view.dischargedAt && (
          <Alert color="green" variant="light" role="status" title="Discharged">
            <Text fz="sm">The patient was discharged at {formatTime(view.dischargedAt, tz, true)}.</Text>
          </Alert>
        )}
        {result && <DischargeOutcome result={result} timeZone={tz} />}
        {!d && view.state !== 'discharged' && (
          <Text fz="sm" c="dimmed">
            Discharge follows the dose and at least {view.protocol.minMonitoringMinutes} minutes of monitoring.
          </Text>
        )}
        {d && view.state !== 'discharged' && view.state !== 'aborted' && (
          <>
            <Text fz="sm">
              {d.canDischarge
                ? 'Every condition is met.'
                : d.possibleFrom && minutesLeft > 0
                  ? `Not before ${formatTime(d.possibleFrom, tz, true)} (in ${minutesLeft} minute${minutesLeft === 1 ? '' : 's'}).`
                  : 'Conditions still open are marked below.'}
            </Text>
            <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Discharge conditions">
              {d.conditions.map((c) => (
                <Group component="li" key={c.id} gap="sm" wrap="nowrap" align="flex-start">
                  <Badge color={c.met ? 'green' : 'orange'} style={{ minWidth: 72, flexShrink: 0 }}>
                    {c.met ? 'Met' : 'Not yet'}
                  </Badge>
                  <Text fz="sm">{c.message}</Text>
                </Group>
              ))}
            </Stack>
          </>
        )}
        {AFTER_DOSE.includes(view.state) && signer && (
          <Stack gap="sm">
            <StepError error={step.error} title="Not ready for discharge" timeZone={tz} />
            <Group>
              <Button size="lg" loading={step.isPending}
                onClick={() => step.mutate(undefined, { onSuccess: (r) => { setResult(r); notify('The patient is discharged.'); } })}>
                Sign the discharge
              </Button>
            </Group>
          </Stack>
        )}
        {AFTER_DOSE.includes(view.state) && !signer && (
          <Text fz="sm" c="dimmed">
            A prescriber or nurse signs the discharge.
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function DischargeOutcome({ result, timeZone }: { result: DischargeResult; timeZone: string }) {
  const instruments = useInstruments();
  const name = (id: string) => instruments.data?.find((i) => i.id === id)?.shortTitle ?? id;
  const i = result.integration;
  const label = INTEGRATION_LABEL[i.status];
  return (
    <Alert color={label.color} variant="light" role="status" title="Discharge signed">
      <Stack gap="xs">
        <Group gap="xs">
          <Badge color={solid(label.color)} variant="filled">
            {label.text}
          </Badge>
        </Group>
        <Text fz="sm">{i.message}</Text>
        <Text fz="xs" c="dimmed">
          Window: {formatSlot(i.windowStart, timeZone)} to {formatSlot(i.windowEnd, timeZone)}.
        </Text>
        <Box>
          <Text fz="sm" fw={600}>
            Questionnaires scheduled after this dose
          </Text>
          {result.questionnaires.length === 0 ? (
            <Text fz="sm">None.</Text>
          ) : (
            <List fz="sm" size="sm" spacing={2} aria-label="Questionnaires scheduled after this dose">
              {result.questionnaires.map((q) => (
                <List.Item key={q.id}>
                  {name(q.instrumentId)}, due {formatSlot(q.dueAt, timeZone)}
                </List.Item>
              ))}
            </List>
          )}
        </Box>
      </Stack>
    </Alert>
  );
}

export function AbortCard({ view, role, notify }: ConsoleProps) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const step = useSessionStep(view.appointmentId, (r: string) => dosingApi(view.appointmentId).abort(r));
  const errors = fieldErrors(step.error);
  if (FINAL.includes(view.state)) {
    return view.state === 'aborted' ? (
      <Alert color="red" variant="light" role="note" title="This session was stopped">
        <Text fz="sm">Reason: {view.abortReason}</Text>
      </Alert>
    ) : null;
  }
  const afterDose = AFTER_DOSE.includes(view.state);
  const mayAbort = !afterDose || role === 'prescriber' || role === 'nurse';
  const short = tried && reason.trim().length < 3 ? 'Give a reason of a few words' : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (reason.trim().length < 3) return;
    step.mutate(reason.trim(), { onSuccess: () => notify('The session was stopped.') });
  };
  return (
    <Card id="abort" component="section" aria-labelledby="abort-title">
      <Stack gap="sm">
        <Title order={3} id="abort-title">
          Stop the session
        </Title>
        {!mayAbort ? (
          <Text fz="sm" c="dimmed">
            After the dose a prescriber or nurse stops the session.
          </Text>
        ) : !open ? (
          <Group>
            <Button color="red" variant="outline" size="md" aria-expanded={false} onClick={() => setOpen(true)}>
              Abort the session…
            </Button>
          </Group>
        ) : (
          <form onSubmit={onSubmit} noValidate aria-label="Abort the session">
            <Stack gap="sm">
              <FormError error={step.error} title="The session was not stopped" />
              <Textarea size="md" label="Reason for stopping" description={afterDose ? 'The dose was given: its questionnaires stay scheduled.' : 'No dose was given: the questionnaires tied to it are withdrawn.'}
                required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={short ?? errors.reason} />
              <Group>
                <Button type="submit" color={solid('red')} size="md" loading={step.isPending}>
                  Abort with this reason
                </Button>
                <Button variant="default" size="md" onClick={() => setOpen(false)}>
                  Keep the session
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

