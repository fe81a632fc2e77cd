/** Every answer before sending, each with a way back to change it; the sex for scoring when the instrument needs it. */
import { Button, Group, Stack, Text } from '@mantine/core';
import type { AnswerSex, InstrumentDefinition } from './types';

export interface ReviewStepProps {
  definition: InstrumentDefinition;
  answers: (number | null)[];
  onChange: (index: number) => void;
  askSex: boolean;
  sex: AnswerSex | null;
  onSex: (sex: AnswerSex) => void;
}

export function ReviewStep({ definition, answers, onChange, askSex, sex, onSex }: ReviewStepProps) {
  return (
    <Stack gap="md">
      <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
        {definition.items.map((item, i) => {
          const value = answers[i];
          const label = definition.answerSets[item.answerSet]?.find((o) => o.value === value)?.label;
          return (
            <li key={item.id}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                <div style={{ minWidth: 0 }}>
                  <Text fz="sm" c="dimmed">
                    {i + 1}. {item.text}
                  </Text>
                  <Text fw={600}>{label ?? (item.required ? 'Not answered' : 'Skipped (optional)')}</Text>
                </div>
                <Button variant="subtle" size="compact-sm" style={{ flexShrink: 0 }} onClick={() => onChange(i)} aria-label={`Change the answer to question ${i + 1}`}>
                  Change
                </Button>
              </Group>
            </li>
          );
        })}
      </Stack>
      {askSex && (
        <fieldset className="tilth-fieldset">
          <legend>Scoring this questionnaire uses a cut-off that depends on sex. Which should be used?</legend>
          <Stack gap="xs">
            {(['female', 'male'] as const).map((s) => (
              <label key={s} className="tilth-option" data-checked={sex === s || undefined}>
                <input type="radio" name="scoring-sex" value={s} checked={sex === s} onChange={() => onSex(s)} />
                <span>{s === 'female' ? 'Female' : 'Male'}</span>
              </label>
            ))}
          </Stack>
        </fieldset>
      )}
    </Stack>
  );
}
