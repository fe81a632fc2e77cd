/** Choosing a care team: any number of active therapists and at most one active prescriber. */
import { Checkbox, Fieldset, NativeSelect, Stack, Text } from '@mantine/core';
import type { StaffMember } from '../../api/types';

interface Props {
  staff: StaffMember[];
  therapistIds: string[];
  prescriberId: string;
  onChange: (next: { therapistIds: string[]; prescriberId: string }) => void;
  errors: Record<string, string>;
  legend?: string;
}

export function CareTeamFields({ staff, therapistIds, prescriberId, onChange, errors, legend = 'Care team' }: Props) {
  const therapists = staff.filter((s) => s.role === 'therapist' && s.active);
  const prescribers = staff.filter((s) => s.role === 'prescriber' && s.active);
  return (
    <Fieldset legend={legend}>
      <Stack gap="md">
        <Checkbox.Group
          label="Therapists"
          description="Only therapists on the care team see this patient."
          value={therapistIds}
          onChange={(ids) => onChange({ therapistIds: ids, prescriberId })}
          error={errors.therapistIds}
        >
          <Stack gap="xs" mt="xs">
            {therapists.length === 0 && <Text c="dimmed">No active therapists.</Text>}
            {therapists.map((t) => (
              <Checkbox key={t.id} value={t.id} label={t.name} />
            ))}
          </Stack>
        </Checkbox.Group>
        <NativeSelect
          label="Prescriber"
          value={prescriberId}
          onChange={(e) => onChange({ therapistIds, prescriberId: e.currentTarget.value })}
          error={errors.prescriberId}
          data={[{ value: '', label: 'No prescriber yet' }, ...prescribers.map((p) => ({ value: p.id, label: p.name }))]}
        />
      </Stack>
    </Fieldset>
  );
}
