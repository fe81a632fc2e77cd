/** Starting a course: a protocol, its route, the therapist (the same for every session) and the earliest start. */
import { Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { useStaffList } from '../../api/staff';
import type { PatientDetail } from '../../api/types';
import { FormError } from '../../app/FormError';
import { useSession } from '../../app/session';
import { todayIn } from '../../app/time';
import { ROUTE_LABEL } from './labels';
import { courseApi, useProtocols, useScheduleMutation, type CreateCourseBody } from './queries';
import type { Route } from './types';

export function NewCourseForm({ patient }: { patient: PatientDetail }) {
  const me = useSession();
  const protocols = useProtocols();
  const staff = useStaffList();
  const team = patient.careTeam.filter((m) => m.role === 'therapist').map((m) => m.staffId);
  const therapists = (staff.data ?? [])
    .filter((s) => s.role === 'therapist' && s.active)
    .sort((a, b) => Number(team.includes(b.id)) - Number(team.includes(a.id)) || a.name.localeCompare(b.name));
  const [v, setV] = useState({ protocolId: '', route: '', therapistId: '', startDate: '' });
  const protocol = (protocols.data ?? []).find((p) => p.id === v.protocolId) ?? protocols.data?.[0];
  const routes = protocol?.definition.routes ?? [];
  const route = routes.includes(v.route as Route) ? v.route : (routes[0] ?? '');
  const therapistId = v.therapistId || team[0] || therapists[0]?.id || '';
  const create = useScheduleMutation(patient.id, (body: CreateCourseBody) => courseApi.create(patient.id, body));
  const errors = fieldErrors(create.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!protocol) return;
    create.mutate({
      protocolId: protocol.id,
      ...(route ? { route: route as Route } : {}),
      ...(therapistId ? { therapistId } : {}),
      ...(v.startDate ? { startDate: v.startDate } : {}),
    });
  };

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-label="Start a course">
        <Stack gap="md">
          <Title order={2}>Start a course</Title>
          <Text fz="sm">
            Tilth proposes the earliest complete plan: every preparation, dosing and integration session with a room, the therapist and a
            prescriber on site, inside the clinic’s hours and the patient’s preferences. Nothing is booked until you book the plan.
          </Text>
          <FormError error={create.error} title="No plan was made" />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <NativeSelect
              label="Protocol"
              value={protocol?.id ?? ''}
              onChange={(e) => setV({ ...v, protocolId: e.currentTarget.value, route: '' })}
              error={errors.protocolId}
              data={(protocols.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (version ${p.version})` }))}
              description={protocol && `${protocol.definition.prepSessions} preparation, ${protocol.definition.dosingSessions} dosing and ${protocol.definition.dosingSessions} integration sessions`}
            />
            <NativeSelect
              label="Route"
              value={route}
              onChange={(e) => setV({ ...v, route: e.currentTarget.value })}
              error={errors.route}
              data={routes.map((r) => ({ value: r, label: ROUTE_LABEL[r] }))}
              description={routes.length === 1 ? 'The only route this protocol allows' : 'Routes this protocol allows'}
            />
            <NativeSelect
              label="Therapist"
              value={therapistId}
              onChange={(e) => setV({ ...v, therapistId: e.currentTarget.value })}
              error={errors.therapistId}
              description="The same therapist for every session: continuity is part of the therapy"
              data={therapists.map((t) => ({ value: t.id, label: team.includes(t.id) ? `${t.name} (care team)` : t.name }))}
            />
            <TextInput
              label="Earliest start (optional)"
              type="date"
              min={todayIn(me.clinic.timeZone)}
              value={v.startDate}
              onChange={(e) => setV({ ...v, startDate: e.currentTarget.value })}
              error={errors.startDate}
              description="Today when left empty"
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} disabled={!protocol || !therapistId}>
              Plan the course
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
