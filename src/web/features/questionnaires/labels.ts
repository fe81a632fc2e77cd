/** Words and colours for questionnaire codes: severity bands, flags, schedules and dose offsets. */
import type { Schedule } from './types';

const sentence = (id: string) => {
  const text = id.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** "moderately-severe" → "Moderately severe" (definitions carry their own labels; this is for stored codes). */
export const bandLabel = (band: string | null | undefined): string => (band ? sentence(band) : '—');

const BAND_COLOR: Record<string, string> = {
  minimal: 'green',
  none: 'green',
  mild: 'yellow',
  moderate: 'orange',
  'moderately-severe': 'red',
  severe: 'red',
};

export const bandColor = (band: string | null | undefined): string => (band ? (BAND_COLOR[band] ?? 'gray') : 'gray');

const FLAG_LABEL: Record<string, string> = {
  'suicidal-ideation': 'Suicidal ideation',
  // Raised by the post-dose check-in's safety question (src/core/integration/checkin.ts).
  'checkin-passive-ideation': 'Check-in: thoughts of death or self-harm',
  'checkin-active-ideation': 'Check-in: thoughts of acting on self-harm',
};

export const flagLabel = (flag: string): string => FLAG_LABEL[flag] ?? sentence(flag);

/** Hours relative to a dose in words: -24 → "24 h before", 0 → "before the dose", 168 → "7 days after". */
export function offsetLabel(hours: number): string {
  if (hours === 0) return 'before the dose';
  if (hours < 0) return `${-hours} h before`;
  if (hours % 24 === 0 && hours >= 48) return `${hours / 24} days after`;
  return `${hours} h after`;
}

export function scheduleLabel(s: Pick<Schedule, 'kind' | 'everyDays' | 'offsetsHours'>): string {
  if (s.kind === 'once') return 'Once';
  if (s.kind === 'calendar') return s.everyDays === 7 ? 'Every week' : `Every ${s.everyDays} days`;
  return `Around each dose: ${s.offsetsHours.map(offsetLabel).join(', ')}`;
}

/** The values to submit: answers up to the first unanswered item (only optional items may be left out, at the end). */
export function answersToSubmit(answers: readonly (number | null)[]): number[] {
  const out: number[] = [];
  for (const a of answers) {
    if (a === null) break;
    out.push(a);
  }
  return out;
}
