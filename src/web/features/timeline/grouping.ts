/**
 * The list below the chart: events filtered by kind, then grouped by clinic-local week (Monday to Sunday) or by dose
 * (each dose with everything after it until the next; what comes before the first dose in its own group).
 */
import { formatDay, localDateOf, mondayOf } from '../../app/time';

export type Grouping = 'week' | 'dose';

export interface EventGroup<E> {
  key: string;
  heading: string;
  events: E[];
}

interface Timed {
  id: string;
  at: string;
  kind: string;
}

export function filterByKind<E extends Timed>(events: readonly E[], shown: ReadonlySet<string>): E[] {
  return events.filter((e) => shown.has(e.kind));
}

export function groupByWeek<E extends Timed>(events: readonly E[], timeZone: string): EventGroup<E>[] {
  const groups: EventGroup<E>[] = [];
  for (const e of events) {
    const monday = mondayOf(localDateOf(e.at, timeZone));
    const last = groups.at(-1);
    if (last?.key === monday) last.events.push(e);
    else groups.push({ key: monday, heading: `Week of ${formatDay(monday, true)}`, events: [e] });
  }
  return groups;
}

const DOSE_STATE_WORDS: Record<string, string> = { booked: 'booked', 'in-progress': 'in progress', given: 'given', aborted: 'stopped', 'no-show': 'missed' };

/**
 * `events` in time order (as the server sends them); `doses` are the course's doses (from every event, not only the
 * filtered ones, so the groups stay the same whatever is filtered).
 */
export function groupByDose<E extends Timed>(events: readonly E[], doses: readonly { number: number; at: string; state: string }[], timeZone: string): EventGroup<E>[] {
  const ordered = [...doses].sort((a, b) => a.at.localeCompare(b.at));
  const groupOf = (at: string) => ordered.filter((d) => d.at <= at).at(-1) ?? null;
  const groups: EventGroup<E>[] = [];
  for (const e of events) {
    const dose = groupOf(e.at);
    const key = dose ? `dose-${dose.number}` : 'before';
    const last = groups.at(-1);
    if (last?.key === key) {
      last.events.push(e);
      continue;
    }
    const heading = dose
      ? `Dose ${dose.number} (${DOSE_STATE_WORDS[dose.state] ?? dose.state}), ${formatDay(localDateOf(dose.at, timeZone), true)}, and after`
      : 'Before the first dose';
    groups.push({ key, heading, events: [e] });
  }
  return groups;
}
