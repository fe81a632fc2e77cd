/** An optional mood, 0–10, on a slider with the words for it always visible (not only the number). */
import { Checkbox, Slider, Stack, Text } from '@mantine/core';
import { moodLabel } from '../../../core/journal/mood';

export function MoodField({ value, onChange }: { value: number | null; onChange: (mood: number | null) => void }) {
  const describe = (v: number) => `${v} of 10, ${moodLabel(v).toLowerCase()}`;
  return (
    <Stack gap={6}>
      <Checkbox label="Note my mood" checked={value !== null} onChange={(e) => onChange(e.currentTarget.checked ? (value ?? 5) : null)} />
      {value !== null && (
        <Stack gap={4} pl="xl">
          <Text fz="sm" aria-live="polite">
            Mood: <strong>{value}</strong> of 10 — {moodLabel(value)}
          </Text>
          <Slider
            min={0}
            max={10}
            step={1}
            value={value}
            onChange={onChange}
            thumbLabel="Mood, from 0 (very low) to 10 (very good)"
            thumbValueText={describe}
            label={(v) => `${v} · ${moodLabel(v)}`}
            marks={[{ value: 0, label: 'Very low' }, { value: 5, label: 'In between' }, { value: 10, label: 'Very good' }]}
            mb="lg"
            maw={420}
          />
        </Stack>
      )}
    </Stack>
  );
}
