/**
 * Who is in the room: the staff present now, someone entering, someone leaving with a hand-over. The server refuses
 * to let the last clinician leave a dosed patient alone, saying so; the message is shown as it comes.
 */
import { Box, Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { useStaffList } from '../../api/staff';
import { FormError } from '../../app/FormError';
import { formatTime } from '../../app/time';
import type { ConsoleProps } from './ChecklistCard';
import { FINAL, ROLE_WORD } from './labels';
import { dosingApi, useSessionStep } from './queries';

interface PresenceBody {
  staffId: string;
  action: 'enter' | 'leave';
  handoverTo?: string;
}

export function PresenceCard({ view, staffId, notify }: ConsoleProps) {
  const staff = useStaffList();
  const present = view.presence.now;
  const ended = FINAL.includes(view.state);
  const clinicians = (staff.data ?? []).filter((s) => s.active && s.role !== 'admin');
  const absent = clinicians.filter((s) => !present.some((p) => p.staffId === s.id));
  const meAbsent = absent.some((s) => s.id === staffId);
  const [enterId, setEnterId] = useState('');
  const [leaveId, setLeaveId] = useState('');
  const [handover, setHandover] = useState('');
  const step = useSessionStep(view.appointmentId, (body: PresenceBody) => dosingApi(view.appointmentId).presence(body));
  const errors = fieldErrors(step.error);
  const nameOf = (id: string) => present.find((p) => p.staffId === id)?.name ?? clinicians.find((s) => s.id === id)?.name ?? 'Staff member';

  const enter = (id: string) => step.mutate({ staffId: id, action: 'enter' }, { onSuccess: () => { setEnterId(''); notify(`${nameOf(id)} is in the room.`); } });
  const onLeave = (e: FormEvent) => {
    e.preventDefault();
    if (!leaveId) return;
    step.mutate(
      { staffId: leaveId, action: 'leave', ...(handover ? { handoverTo: handover } : {}) },
      { onSuccess: () => { notify(`${nameOf(leaveId)} left the room${handover ? `, handing over to ${nameOf(handover)}` : ''}.`); setLeaveId(''); setHandover(''); } },
    );
  };

  return (
    <Card id="presence" component="section" aria-labelledby="presence-title">
      <Stack gap="md">
        <Title order={3} id="presence-title">
          Who is in the room
        </Title>
        {present.length === 0 ? (
          <Text fz="sm" fw={['dosed', 'monitoring', 'ready-for-discharge'].includes(view.state) ? 700 : 400} c={['dosed', 'monitoring', 'ready-for-discharge'].includes(view.state) ? 'red.9' : undefined}>
            Nobody is recorded in the room.
          </Text>
        ) : (
          <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }} aria-label="In the room now">
            {present.map((p) => (
              <Box component="li" key={p.staffId}>
                <Text fz="sm">
                  <strong>{p.name ?? 'Staff member'}</strong> ({ROLE_WORD[p.role] ?? p.role}){p.since && `, since ${formatTime(p.since, view.timeZone)}`}
                </Text>
              </Box>
            ))}
          </Stack>
        )}
        {!ended && (
          <>
            <FormError error={step.error} title="Not recorded" />
            {meAbsent && (
              <Group>
                <Button size="md" onClick={() => enter(staffId)} loading={step.isPending && step.variables?.staffId === staffId && step.variables.action === 'enter'}>
                  I am entering the room
                </Button>
              </Group>
            )}
            <Group align="flex-end" gap="sm">
              <NativeSelect size="md" label="Someone else enters" value={enterId} onChange={(e) => setEnterId(e.currentTarget.value)} style={{ flex: '1 1 14rem' }}
                data={[{ value: '', label: 'Choose who…' }, ...absent.filter((s) => s.id !== staffId).map((s) => ({ value: s.id, label: `${s.name} (${ROLE_WORD[s.role] ?? s.role})` }))]} error={errors.staffId && enterId ? errors.staffId : undefined} />
              <Button size="md" variant="light" disabled={!enterId} onClick={() => enterId && enter(enterId)}>
                Record entry
              </Button>
            </Group>
            {present.length > 0 && (
              <form onSubmit={onLeave} noValidate aria-label="Record someone leaving">
                <Group align="flex-end" gap="sm">
                  <NativeSelect size="md" label="Who leaves" value={leaveId} onChange={(e) => setLeaveId(e.currentTarget.value)} style={{ flex: '1 1 12rem' }}
                    data={[{ value: '', label: 'Choose who…' }, ...present.map((p) => ({ value: p.staffId, label: p.staffId === staffId ? `${p.name} (you)` : (p.name ?? 'Staff member') }))]} />
                  <NativeSelect size="md" label="Hands over to" value={handover} onChange={(e) => setHandover(e.currentTarget.value)} style={{ flex: '1 1 12rem' }} error={errors.handoverTo}
                    data={[{ value: '', label: 'Nobody (others stay)' }, ...present.filter((p) => p.staffId !== leaveId).map((p) => ({ value: p.staffId, label: p.name ?? 'Staff member' }))]} />
                  <Button type="submit" size="md" variant="light" disabled={!leaveId}>
                    Record leaving
                  </Button>
                </Group>
              </form>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
