/** One measurement-plan item: which instrument, when (intake, around doses, every N days), and for whom. */
import { Box, Button, Group, NativeSelect, NumberInput, TextInput } from '@mantine/core';

export interface PlanItem {
  instrumentId: string;
  kind: 'intake' | 'dose-anchored' | 'calendar';
  offsetsHours: number[];
  everyDays: number | null;
  whenIndication: string | null;
}

export interface RowState extends Omit<PlanItem, 'everyDays'> {
  offsets: string;
  everyDays: number | string;
}

const KIND_LABEL: Record<PlanItem['kind'], string> = { intake: 'At intake', 'dose-anchored': 'Around each dose', calendar: 'Every N days during the course' };

export interface PlanRowProps {
  index: number;
  row: RowState;
  options: { instruments: { value: string; label: string }[]; indications: { value: string; label: string }[] };
  errors: Record<string, string>;
  disabled: boolean;
  onChange: (row: RowState) => void;
  onRemove: () => void;
}

export function PlanRow({ index: i, row, options, errors, disabled, onChange, onRemove }: PlanRowProps) {
  const n = i + 1;
  const set = (patch: Partial<RowState>) => onChange({ ...row, ...patch });
  return (
    <Box component="li" p="sm" style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8 }}>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <NativeSelect
          label={`Item ${n}: instrument`}
          value={row.instrumentId}
          onChange={(e) => set({ instrumentId: e.currentTarget.value })}
          data={options.instruments.length ? options.instruments : [{ value: row.instrumentId, label: row.instrumentId }]}
          error={errors[`items.${i}.instrumentId`]}
          disabled={disabled}
          style={{ flex: '1 1 8rem' }}
        />
        <NativeSelect
          label="When"
          value={row.kind}
          onChange={(e) => set({ kind: e.currentTarget.value as PlanItem['kind'] })}
          data={(Object.keys(KIND_LABEL) as PlanItem['kind'][]).map((k) => ({ value: k, label: KIND_LABEL[k] }))}
          error={errors[`items.${i}.kind`]}
          disabled={disabled}
          style={{ flex: '1 1 12rem' }}
        />
        {row.kind === 'dose-anchored' && (
          <TextInput
            label="Hours relative to each dose"
            description="0 = before the dose"
            value={row.offsets}
            onChange={(e) => set({ offsets: e.currentTarget.value })}
            error={errors[`items.${i}.offsetsHours`]}
            disabled={disabled}
            style={{ flex: '1 1 10rem' }}
          />
        )}
        {row.kind === 'calendar' && (
          <NumberInput
            label="Every how many days"
            min={1}
            max={365}
            allowDecimal={false}
            value={row.everyDays}
            onChange={(everyDays) => set({ everyDays })}
            error={errors[`items.${i}.everyDays`]}
            disabled={disabled}
            style={{ flex: '1 1 8rem' }}
          />
        )}
        <NativeSelect
          label="For"
          value={row.whenIndication ?? ''}
          onChange={(e) => set({ whenIndication: e.currentTarget.value || null })}
          data={[{ value: '', label: 'Every patient' }, ...options.indications.map((o) => ({ value: o.value, label: `With ${o.label.toLowerCase()}` }))]}
          error={errors[`items.${i}.whenIndication`]}
          disabled={disabled}
          style={{ flex: '1 1 12rem' }}
        />
        {!disabled && (
          <Button variant="subtle" color="red" mt={25} onClick={onRemove} aria-label={`Remove plan item ${n}`}>
            Remove
          </Button>
        )}
      </Group>
    </Box>
  );
}
