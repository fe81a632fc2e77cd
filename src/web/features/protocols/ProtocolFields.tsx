/** A protocol's definition as form fields, grouped as the issue describes it: sessions, durations, spacing, presence, rooms. */
import { Checkbox, NumberInput, SimpleGrid, Stack, Switch, TextInput, Title } from '@mantine/core';
import { EQUIPMENT_LABEL, ROOM_KIND_LABEL } from '../../app/labels';
import type { RoomKind } from '../../api/types';
import { KIND_LABEL, ROUTE_LABEL } from '../courses/labels';
import type { CourseKind, ProtocolDefinition, Route } from '../courses/types';

const ROUTES = Object.keys(ROUTE_LABEL) as Route[];
const KINDS: CourseKind[] = ['preparation', 'dosing', 'integration'];

export interface ProtocolFieldsProps {
  value: ProtocolDefinition;
  onChange: (value: ProtocolDefinition) => void;
  errors: Record<string, string>;
  equipmentOptions: string[];
}

export function ProtocolFields({ value: d, onChange, errors, equipmentOptions }: ProtocolFieldsProps) {
  const n = (v: number | string) => (typeof v === 'number' ? v : Number(v) || 0);
  const num = (label: string, path: string, current: number, set: (x: number) => ProtocolDefinition, extra: { min?: number; max?: number; description?: string } = {}) => (
    <NumberInput label={label} value={current} onChange={(v) => onChange(set(n(v)))} allowDecimal={false} error={errors[path]} {...extra} />
  );
  return (
    <Stack gap="lg">
      <TextInput label="Name" required value={d.name} onChange={(e) => onChange({ ...d, name: e.currentTarget.value })} error={errors.name} />
      <Stack gap="xs">
        <Title order={3}>Sessions</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          {num('Preparation sessions', 'prepSessions', d.prepSessions, (x) => ({ ...d, prepSessions: x }), { min: 0, max: 5 })}
          {num('Dosing sessions', 'dosingSessions', d.dosingSessions, (x) => ({ ...d, dosingSessions: x }), { min: 1, max: 12, description: 'Each with its integration session' })}
          {num('First dose at least (days after the last preparation)', 'prepToFirstDoseDays', d.prepToFirstDoseDays, (x) => ({ ...d, prepToFirstDoseDays: x }), { min: 0, max: 60 })}
        </SimpleGrid>
        <Checkbox.Group label="Routes allowed" value={d.routes} onChange={(routes) => onChange({ ...d, routes: routes as Route[] })} error={errors.routes}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
            {ROUTES.map((r) => (
              <Checkbox key={r} value={r} label={ROUTE_LABEL[r]} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      </Stack>
      <Stack gap="xs">
        <Title order={3}>Durations (minutes)</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {num('Preparation', 'durations.preparationMinutes', d.durations.preparationMinutes, (x) => ({ ...d, durations: { ...d.durations, preparationMinutes: x } }), { min: 15, max: 240 })}
          {num('Dosing session', 'durations.dosingMinutes', d.durations.dosingMinutes, (x) => ({ ...d, durations: { ...d.durations, dosingMinutes: x } }), { min: 30, max: 360 })}
          {num('Monitoring after the dose, at least', 'durations.monitoringMinutes', d.durations.monitoringMinutes, (x) => ({ ...d, durations: { ...d.durations, monitoringMinutes: x } }), { min: 0, max: 360, description: 'Part of the dosing session' })}
          {num('Integration', 'durations.integrationMinutes', d.durations.integrationMinutes, (x) => ({ ...d, durations: { ...d.durations, integrationMinutes: x } }), { min: 15, max: 240 })}
        </SimpleGrid>
      </Stack>
      <Stack gap="xs">
        <Title order={3}>Spacing</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {num('Doses at least (days apart)', 'doseSpacingDays.min', d.doseSpacingDays.min, (x) => ({ ...d, doseSpacingDays: { ...d.doseSpacingDays, min: x } }), { min: 1, max: 60 })}
          {num('Doses at most (days apart)', 'doseSpacingDays.max', d.doseSpacingDays.max, (x) => ({ ...d, doseSpacingDays: { ...d.doseSpacingDays, max: x } }), { min: 1, max: 90 })}
          {num('Integration from (hours after the dose)', 'integrationWindowHours.min', d.integrationWindowHours.min, (x) => ({ ...d, integrationWindowHours: { ...d.integrationWindowHours, min: x } }), { min: 0, max: 336 })}
          {num('Integration until (hours after the dose)', 'integrationWindowHours.max', d.integrationWindowHours.max, (x) => ({ ...d, integrationWindowHours: { ...d.integrationWindowHours, max: x } }), { min: 1, max: 336 })}
        </SimpleGrid>
      </Stack>
      <Stack gap="xs">
        <Title order={3}>Before a dose</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <NumberInput label="No food for (hours before)" value={d.fasting.foodHours} min={0} max={12} step={0.5} decimalScale={1} onChange={(v) => onChange({ ...d, fasting: { ...d.fasting, foodHours: n(v) } })} error={errors['fasting.foodHours']} />
          {num('No liquids for (minutes before)', 'fasting.liquidsMinutes', d.fasting.liquidsMinutes, (x) => ({ ...d, fasting: { ...d.fasting, liquidsMinutes: x } }), { min: 0, max: 240 })}
        </SimpleGrid>
      </Stack>
      <Stack gap="xs">
        <Title order={3}>Who must be present</Title>
        <Switch
          label="A prescriber on site for every dosing session"
          checked={d.presence.prescriberOnSite}
          onChange={(e) => onChange({ ...d, presence: { ...d.presence, prescriberOnSite: e.currentTarget.checked } })}
        />
        <Checkbox.Group
          label="A nurse booked for the whole dosing session for these routes"
          value={d.presence.nurseForRoutes}
          onChange={(routes) => onChange({ ...d, presence: { ...d.presence, nurseForRoutes: routes as Route[] } })}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
            {ROUTES.map((r) => (
              <Checkbox key={r} value={r} label={ROUTE_LABEL[r]} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      </Stack>
      <Stack gap="xs">
        <Title order={3}>Rooms</Title>
        {KINDS.map((kind) => (
          <SimpleGrid key={kind} cols={{ base: 1, sm: 2 }} spacing="md">
            <Checkbox.Group
              label={`${KIND_LABEL[kind]}: kinds of room`}
              value={d.rooms[kind].kinds}
              onChange={(kinds) => onChange({ ...d, rooms: { ...d.rooms, [kind]: { ...d.rooms[kind], kinds: kinds as RoomKind[] } } })}
              error={errors[`rooms.${kind}.kinds`]}
            >
              <Stack gap={4} mt="xs">
                {(Object.keys(ROOM_KIND_LABEL) as RoomKind[]).map((k) => (
                  <Checkbox key={k} value={k} label={ROOM_KIND_LABEL[k]} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Checkbox.Group
              label={`${KIND_LABEL[kind]}: equipment needed`}
              value={d.rooms[kind].equipment}
              onChange={(equipment) => onChange({ ...d, rooms: { ...d.rooms, [kind]: { ...d.rooms[kind], equipment } } })}
            >
              <SimpleGrid cols={2} spacing={4} mt="xs">
                {equipmentOptions.map((e) => (
                  <Checkbox key={e} value={e} label={EQUIPMENT_LABEL[e] ?? e} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          </SimpleGrid>
        ))}
      </Stack>
    </Stack>
  );
}
