/** One question: the instrument's stem, the item as the fieldset's legend, and its answers as native radio buttons. */
import { Stack, Text, VisuallyHidden } from '@mantine/core';
import type { AnswerOption, InstrumentItem } from './types';

export interface ItemStepProps {
  item: InstrumentItem;
  index: number;
  options: AnswerOption[];
  /** The recall period / stem shown before the item ("Over the last 2 weeks, how often …"), if it applies to it. */
  stem: string | null;
  value: number | null;
  onChange: (value: number) => void;
}

export function ItemStep({ item, index, options, stem, value, onChange }: ItemStepProps) {
  const name = `item-${item.id}`;
  return (
    <Stack gap="xs">
      {stem && (
        <Text id={`${name}-stem`} c="dimmed">
          {stem}
        </Text>
      )}
      <fieldset className="tilth-fieldset" aria-describedby={stem ? `${name}-stem` : undefined}>
        <legend>
          <VisuallyHidden>Question {index + 1}: </VisuallyHidden>
          {item.text}
          {!item.required && (
            <Text span c="dimmed" fw={400} fz="md">
              {' '}
              (optional)
            </Text>
          )}
        </legend>
        <Stack gap="xs">
          {options.map((o) => {
            const checked = value === o.value;
            return (
              <label key={o.value} className="tilth-option" data-checked={checked || undefined}>
                <input type="radio" name={name} value={o.value} checked={checked} onChange={() => onChange(o.value)} />
                <span>{o.label}</span>
              </label>
            );
          })}
        </Stack>
      </fieldset>
    </Stack>
  );
}
