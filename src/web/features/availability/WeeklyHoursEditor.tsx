/**
 * Weekly hours as clinic-local spans per weekday (ISO "1" Monday … "7" Sunday): a staff member's working hours or
 * the clinic's opening hours. Each day is a fieldset; a day without spans is off (or closed).
 */
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';

export type WeeklyHours = Record<string, [string, string][]>;

export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export interface WeeklyHoursEditorProps {
  value: WeeklyHours;
  onChange: (value: WeeklyHours) => void;
  /** Words for a day without hours: "Not working", "Closed". */
  offLabel: string;
  maxSpans?: number;
  errors?: Record<string, string>;
  /** Prefix of the server's field paths, e.g. "weeklyHours" or "settings.openingHours". */
  errorPath: string;
}

export function WeeklyHoursEditor({ value, onChange, offLabel, maxSpans = 4, errors = {}, errorPath }: WeeklyHoursEditorProps) {
  const setDay = (day: string, spans: [string, string][]) => {
    const next = { ...value };
    if (spans.length) next[day] = spans;
    else delete next[day];
    onChange(next);
  };
  return (
    <Stack gap="xs">
      {DAYS.map((name, i) => {
        const day = String(i + 1);
        const spans = value[day] ?? [];
        const error = errors[`${errorPath}.${day}`] ?? Object.entries(errors).find(([k]) => k.startsWith(`${errorPath}.${day}.`))?.[1];
        return (
          <fieldset key={day} className="tilth-fieldset tilth-hours-day">
            <legend>{name}</legend>
            <Stack gap={6}>
              {spans.length === 0 && (
                <Text fz="sm" c="dimmed">
                  {offLabel}
                </Text>
              )}
              {spans.map(([from, until], n) => (
                <Group key={n} gap="xs" align="flex-end" wrap="wrap">
                  <TextInput
                    label="From"
                    type="time"
                    size="sm"
                    value={from}
                    onChange={(e) => setDay(day, spans.map((s, j) => (j === n ? [e.currentTarget.value, s[1]] : s)))}
                    w={130}
                  />
                  <TextInput
                    label="Until"
                    type="time"
                    size="sm"
                    value={until === '24:00' ? '23:59' : until}
                    onChange={(e) => setDay(day, spans.map((s, j) => (j === n ? [s[0], e.currentTarget.value] : s)))}
                    w={130}
                  />
                  <Button variant="subtle" color="red" size="sm" onClick={() => setDay(day, spans.filter((_, j) => j !== n))} aria-label={`Remove ${name} ${from}–${until}`}>
                    Remove
                  </Button>
                </Group>
              ))}
              {error && (
                <Text fz="sm" c="red.9" role="alert">
                  {name}: {error}
                </Text>
              )}
              {spans.length < maxSpans && (
                <div>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    onClick={() => setDay(day, [...spans, nextSpan(spans)])}
                    aria-label={`Add hours on ${name}`}
                  >
                    Add hours
                  </Button>
                </div>
              )}
            </Stack>
          </fieldset>
        );
      })}
    </Stack>
  );
}

/** A new span: 09:00–17:00 on an empty day, else from the end of the last span for a few hours. */
function nextSpan(spans: [string, string][]): [string, string] {
  const last = spans[spans.length - 1]?.[1];
  if (!last) return ['09:00', '17:00'];
  return [last, last < '20:00' ? '20:00' : '23:59'];
}
