/** One eligibility rule: on/off, its outcome, its thresholds where it has any, its message and source. */
import { Badge, Box, Group, NativeSelect, NumberInput, Stack, Switch, Text } from '@mantine/core';

interface Base {
  id: string;
  outcome: 'ineligible' | 'needs-review';
  message: string;
  source: string;
  clinicPolicy: boolean;
  enabled: boolean;
}

export type Rule = Base &
  (
    | { kind: 'condition'; condition: string }
    | { kind: 'blood-pressure-at-least'; systolic: number; diastolic: number }
    | { kind: 'audit-c-positive'; female: number; male: number }
    | { kind: 'phq9-item9-at-least'; min: number }
    | { kind: 'no-indication' }
  );

export interface RuleRowProps {
  rule: Rule;
  index: number;
  errors: Record<string, string>;
  disabled: boolean;
  onChange: (rule: Rule) => void;
}

type Threshold = { key: string; label: string; min: number; max: number };

const THRESHOLDS: Record<Rule['kind'], Threshold[]> = {
  condition: [],
  'no-indication': [],
  'blood-pressure-at-least': [
    { key: 'systolic', label: 'Systolic at least (mmHg)', min: 60, max: 300 },
    { key: 'diastolic', label: 'or diastolic at least (mmHg)', min: 30, max: 200 },
  ],
  'audit-c-positive': [
    { key: 'female', label: 'AUDIT-C cut-off, female', min: 0, max: 12 },
    { key: 'male', label: 'AUDIT-C cut-off, male', min: 0, max: 12 },
  ],
  'phq9-item9-at-least': [{ key: 'min', label: 'PHQ-9 item 9 at least', min: 0, max: 3 }],
};

export function RuleRow({ rule, index, errors, disabled, onChange }: RuleRowProps) {
  const at = (field: string) => errors[`rules.${index}.${field}`];
  const values = rule as unknown as Record<string, number>;
  return (
    <Box component="li" p="md" bg="white" style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8 }}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2} style={{ minWidth: 0, flex: '1 1 18rem' }}>
            <Text fw={600}>{rule.message}</Text>
            <Group gap={6}>
              <Text span fz="xs" c="dimmed" className="tilth-mono">
                {rule.id}
              </Text>
              {rule.clinicPolicy && <Badge color="violet" size="sm">Clinic policy</Badge>}
              {!rule.enabled && <Badge color="gray" size="sm">Off</Badge>}
            </Group>
            <Text fz="sm" c="dimmed">Source: {rule.source}</Text>
          </Stack>
          <Switch
            label="In use"
            aria-label={`In use: ${rule.message}`}
            checked={rule.enabled}
            disabled={disabled}
            onChange={(e) => onChange({ ...rule, enabled: e.currentTarget.checked })}
          />
        </Group>
        <Group gap="sm" align="flex-start" wrap="wrap">
          <NativeSelect
            label="Outcome when it applies"
            value={rule.outcome}
            disabled={disabled}
            onChange={(e) => onChange({ ...rule, outcome: e.currentTarget.value as Rule['outcome'] })}
            data={[
              { value: 'ineligible', label: 'Ineligible' },
              { value: 'needs-review', label: 'Needs review' },
            ]}
            error={at('outcome')}
            style={{ flex: '0 1 14rem' }}
          />
          {THRESHOLDS[rule.kind].map((t) => (
            <NumberInput
              key={t.key}
              label={t.label}
              min={t.min}
              max={t.max}
              allowDecimal={false}
              value={values[t.key]}
              disabled={disabled}
              onChange={(v) => onChange({ ...rule, [t.key]: typeof v === 'number' ? v : Number(v) } as Rule)}
              error={at(t.key)}
              style={{ flex: '0 1 12rem' }}
            />
          ))}
        </Group>
      </Stack>
    </Box>
  );
}
