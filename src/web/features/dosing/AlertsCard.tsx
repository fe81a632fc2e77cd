/** The session's vital-sign alerts: open ones first (level in words and colour), each acknowledged with the action taken. */
import { Badge, Box, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { formatTime } from '../../app/time';
import type { ConsoleProps } from './ChecklistCard';
import { ALERT_COLOR, ALERT_LABEL, solid, VITAL_LABEL } from './labels';
import { dosingApi, useSessionStep } from './queries';
import type { DosingAlert, SessionView, VitalKey } from './types';

const vitalName = (v: string) => VITAL_LABEL[v as VitalKey]?.label ?? v;

export function AlertsCard({ view, notify }: ConsoleProps) {
  const open = view.alerts.filter((a) => !a.acknowledgedAt);
  const done = view.alerts.filter((a) => a.acknowledgedAt);
  return (
    <Card id="alerts" component="section" aria-labelledby="alerts-title" style={open.length ? { borderColor: 'var(--mantine-color-red-6)', borderWidth: 2 } : undefined}>
      <Stack gap="md">
        <Group justify="space-between" gap="xs">
          <Title order={3} id="alerts-title">
            Alerts
          </Title>
          <Badge color={open.length ? solid('red') : 'gray'} size="lg" variant={open.length ? 'filled' : 'light'}>
            {open.length ? `${open.length} open` : 'None open'}
          </Badge>
        </Group>
        {view.alerts.length === 0 && (
          <Text fz="sm" c="dimmed">
            No alert in this session. A reading past a threshold after the dose raises one.
          </Text>
        )}
        {open.length > 0 && (
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Open alerts">
            {open.map((a) => (
              <OpenAlert key={a.id} alert={a} view={view} notify={notify} />
            ))}
          </Stack>
        )}
        {done.length > 0 && (
          <Stack gap={4}>
            <Title order={4}>Acknowledged</Title>
            <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Acknowledged alerts">
              {done.map((a) => (
                <Box component="li" key={a.id}>
                  <Text fz="sm">
                    <Badge color={ALERT_COLOR[a.level]} size="sm" mr={6}>
                      {ALERT_LABEL[a.level]}
                    </Badge>
                    {a.message}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    Acknowledged{a.acknowledgedBy ? ` by ${a.acknowledgedBy}` : ''} at {formatTime(a.acknowledgedAt!, view.timeZone, true)}: {a.action}
                  </Text>
                </Box>
              ))}
            </Stack>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function OpenAlert({ alert, view, notify }: { alert: DosingAlert; view: SessionView; notify: (m: string) => void }) {
  const [open, setOpen] = useState(false);
  const [action, setAction] = useState('');
  const [tried, setTried] = useState(false);
  const formId = useId();
  const step = useSessionStep(view.appointmentId, (a: string) => dosingApi(view.appointmentId).acknowledge(alert.id, a));
  const errors = fieldErrors(step.error);
  const short = tried && action.trim().length < 3 ? 'Say what was done (a few words)' : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (action.trim().length < 3) return;
    step.mutate(action.trim(), { onSuccess: () => notify(`Alert acknowledged: ${vitalName(alert.vital)}.`) });
  };
  const acts = alert.level === 'act';
  return (
    <Box component="li" p="md" style={{ border: `1px solid var(--mantine-color-${acts ? 'red' : 'orange'}-4)`, borderLeft: `6px solid var(--mantine-color-${acts ? 'red' : 'orange'}-8)`, borderRadius: 8 }}>
      <Stack gap="xs">
        <Group gap="xs">
          <Badge color={solid(ALERT_COLOR[alert.level])} variant="filled" size="lg">
            {ALERT_LABEL[alert.level]}
          </Badge>
          <Text fw={600}>{vitalName(alert.vital)}</Text>
        </Group>
        <Text>{alert.message}</Text>
        <Text fz="xs" c="dimmed">
          Raised at {formatTime(alert.raisedAt, view.timeZone, true)}
        </Text>
        {!open ? (
          <Group>
            <Button color={solid(acts ? 'red' : 'orange')} size="md" aria-expanded={false} aria-controls={formId} onClick={() => setOpen(true)} aria-label={`Acknowledge: ${alert.message}`}>
              Acknowledge
            </Button>
          </Group>
        ) : (
          <form id={formId} onSubmit={onSubmit} noValidate aria-label="Acknowledge the alert">
            <Stack gap="sm">
              <FormError error={step.error} title="The alert was not acknowledged" />
              <Textarea size="md" label="Action taken" description="What you did about it; kept with your name and the time." required autosize minRows={2} value={action}
                onChange={(e) => setAction(e.currentTarget.value)} error={short ?? errors.action} data-autofocus />
              <Group>
                <Button type="submit" size="md" color={solid(acts ? 'red' : 'orange')} loading={step.isPending}>
                  Acknowledge with this action
                </Button>
                <Button variant="default" size="md" onClick={() => setOpen(false)}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Box>
  );
}
