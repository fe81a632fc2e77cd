/** The four parts of an action-plan item, for adding one or revising its wording. */
import { Stack, Textarea, TextInput } from '@mantine/core';
import type { ItemWording } from './types';

export const EMPTY_WORDING: ItemWording = { insight: '', commitment: '', timeframe: '', measure: '' };

export function ItemFields({ value, onChange, errors, idPrefix }: { value: ItemWording; onChange: (v: ItemWording) => void; errors: Record<string, string>; idPrefix: string }) {
  const set = (key: keyof ItemWording) => (e: { currentTarget: { value: string } }) => onChange({ ...value, [key]: e.currentTarget.value });
  return (
    <Stack gap="xs">
      <Textarea id={`${idPrefix}-insight`} label="Insight" description="What you realised, or want to build on." autosize minRows={2} maxLength={2000} value={value.insight} onChange={set('insight')} error={errors.insight} required />
      <Textarea id={`${idPrefix}-commitment`} label="Commitment" description="What you will do about it." autosize minRows={2} maxLength={2000} value={value.commitment} onChange={set('commitment')} error={errors.commitment} required />
      <TextInput id={`${idPrefix}-timeframe`} label="When" description="For example: every evening, twice a week, by the end of the month." maxLength={500} value={value.timeframe} onChange={set('timeframe')} error={errors.timeframe} />
      <TextInput id={`${idPrefix}-measure`} label="How you will know" description="What will tell you it is happening." maxLength={1000} value={value.measure} onChange={set('measure')} error={errors.measure} />
    </Stack>
  );
}
