/**
 * The pre-dose checklist: each item's status in words and colour with the server's message, what was recorded and by
 * whom, a form to record it, and for prescribers "Override with reason" on a failing item that may be overridden.
 * Then "Pass the checks": refused by the server while a required item is open, naming each.
 */
import { Alert, Anchor, Badge, Box, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { formatTime } from '../../app/time';
import { OverrideForm, RECORDABLE, RecordForm } from './ChecklistForms';
import { CHECK_STATUS_COLOR, CHECK_STATUS_LABEL, NOT_OVERRIDABLE, solid } from './labels';
import { dosingApi, useSessionStep } from './queries';
import { StepError } from './StepError';
import type { ChecklistItem, SessionView } from './types';

export interface ConsoleProps {
  view: SessionView;
  role: string;
  staffId: string;
  notify: (message: string) => void;
}

const EDITABLE_STATES = new Set(['scheduled', 'checked-in']);

export function ChecklistCard({ view, role, notify }: ConsoleProps) {
  const editable = EDITABLE_STATES.has(view.state);
  const items = view.checklist.items.filter((i) => i.required || i.status !== 'not-required');
  const optional = view.checklist.items.filter((i) => !i.required && i.status === 'not-required');
  const open = items.filter((i) => i.required && i.status !== 'pass' && i.status !== 'overridden').length;
  return (
    <Card id="checklist" component="section" aria-labelledby="checklist-title">
      <Stack gap="md">
        <Group justify="space-between" gap="xs">
          <Title order={3} id="checklist-title">
            Pre-dose checklist
          </Title>
          <Badge color={view.checklist.canDose ? 'green' : 'orange'} size="lg">
            {view.checklist.canDose ? 'All required checks pass' : `${open} required check${open === 1 ? '' : 's'} open`}
          </Badge>
        </Group>
        {!editable && (
          <Text fz="sm" c="dimmed">
            {view.state === 'aborted' || view.state === 'discharged' ? 'The session has ended.' : 'The checks have passed: the checklist is closed.'}
          </Text>
        )}
        {view.checklist.warnings.length > 0 && (
          <Alert color="orange" variant="light" title="Warnings (not blocking)" role="note">
            {view.checklist.warnings.map((w) => (
              <Text fz="sm" key={w}>
                {w}
              </Text>
            ))}
          </Alert>
        )}
        <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Checklist items">
          {items.map((item) => (
            <ItemRow key={item.id} item={item} view={view} role={role} editable={editable} notify={notify} />
          ))}
        </Stack>
        {optional.length > 0 && (
          <Text fz="sm" c="dimmed">
            Not required by this protocol: {optional.map((i) => i.label.toLowerCase()).join(', ')}.
          </Text>
        )}
        {view.state === 'checked-in' && <PassChecks view={view} role={role} notify={notify} />}
      </Stack>
    </Card>
  );
}

function ItemRow({ item, view, role, editable, notify }: { item: ChecklistItem; view: SessionView; role: string; editable: boolean; notify: (m: string) => void }) {
  const [open, setOpen] = useState<'record' | 'override' | null>(null);
  const formId = useId();
  const tz = view.timeZone;
  const failing = item.required && item.status !== 'pass' && item.status !== 'overridden';
  const mayOverride = role === 'prescriber' && failing && !NOT_OVERRIDABLE.has(item.id) && editable;
  // Recorded here: open or failing items, and anything recorded before (to correct it); not what passes on the record's facts.
  const recordable = editable && RECORDABLE.has(item.id) && (item.id !== 'consentSigned' || Boolean(view.courseId)) && (item.status !== 'pass' || item.recorded !== null);
  const done = (message: string) => {
    setOpen(null);
    notify(message);
  };
  return (
    <Box component="li" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Stack gap={6}>
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Badge color={item.status === 'fail' ? solid('red') : CHECK_STATUS_COLOR[item.status]} size="lg" variant={item.status === 'fail' ? 'filled' : 'light'} style={{ flexShrink: 0, minWidth: 104 }}>
            {CHECK_STATUS_LABEL[item.status]}
          </Badge>
          <Box style={{ minWidth: 0 }}>
            <Text fw={600}>{item.label}</Text>
            <Text fz="sm">{item.message}</Text>
            {item.warnings.map((w) => (
              <Text fz="sm" c="orange.9" key={w}>
                Warning: {w}
              </Text>
            ))}
            {item.recorded && (
              <Text fz="xs" c="dimmed">
                Recorded{item.recorded.by ? ` by ${item.recorded.by}` : ''} at {formatTime(item.recorded.at, tz, true)}
              </Text>
            )}
            {item.override && (
              <Text fz="xs" c="dimmed">
                Overridden{item.override.by ? ` by ${item.override.by}` : ''}
                {item.override.at ? ` at ${formatTime(item.override.at, tz, true)}` : ''}: “{item.override.reason}”
              </Text>
            )}
            {item.passesAt && (
              <Text fz="xs" c="dimmed">
                Met by itself at {formatTime(item.passesAt, tz, true)} if nothing changes.
              </Text>
            )}
          </Box>
        </Group>
        {editable && (
          <Group gap="xs">
            {recordable && (
              <Button variant="light" size="md" aria-expanded={open === 'record'} aria-controls={formId} onClick={() => setOpen(open === 'record' ? null : 'record')}
                aria-label={`${item.recorded || item.status === 'pass' ? 'Change' : 'Record'}: ${item.label}`}>
                {item.recorded || item.status === 'pass' ? 'Change' : 'Record'}
              </Button>
            )}
            {item.id === 'vitalsWithinLimits' && (
              <Anchor href="#vitals" fz="sm">
                Enter the pre-dose vital signs below
              </Anchor>
            )}
            {(item.id === 'weightCurrent' || item.id === 'eligibilityCurrent') && failing && (
              <Anchor component={Link} to={item.id === 'weightCurrent' ? `/patients/${view.patient.id}` : `/patients/${view.patient.id}/screening`} fz="sm">
                {item.id === 'weightCurrent' ? 'Record a weight on the patient record' : 'Eligibility on the patient record'}
              </Anchor>
            )}
            {mayOverride && (
              <Button variant="outline" color="violet" size="md" aria-expanded={open === 'override'} aria-controls={formId} onClick={() => setOpen(open === 'override' ? null : 'override')}
                aria-label={`Override with reason: ${item.label}`}>
                Override with reason
              </Button>
            )}
          </Group>
        )}
        <div id={formId}>
          {open === 'record' && <RecordForm item={item} view={view} onDone={done} />}
          {open === 'override' && <OverrideForm item={item} view={view} onDone={done} />}
        </div>
      </Stack>
    </Box>
  );
}

function PassChecks({ view, role, notify }: { view: SessionView; role: string; notify: (m: string) => void }) {
  const step = useSessionStep(view.appointmentId, () => dosingApi(view.appointmentId).passChecks());
  if (role !== 'prescriber' && role !== 'nurse') {
    return (
      <Text fz="sm" c="dimmed">
        A prescriber or nurse passes the checks.
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      <StepError error={step.error} title="The checks did not pass" timeZone={view.timeZone} />
      <Group>
        <Button size="lg" onClick={() => step.mutate(undefined, { onSuccess: () => notify('The pre-dose checks passed.') })} loading={step.isPending}>
          Pass the pre-dose checks
        </Button>
      </Group>
    </Stack>
  );
}
