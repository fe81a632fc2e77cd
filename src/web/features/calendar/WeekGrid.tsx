/**
 * A week (or a single day) as day cells in a row: each day's label and its appointments as a list. On a phone the
 * cells stack and days without appointments are left out (their emptiness is not worth a screen).
 */
import type { ReactNode } from 'react';
import { formatDay } from '../../app/time';

export interface DayContent {
  date: string;
  items: { key: string; node: ReactNode }[];
  /** Shown in an empty day, e.g. "Closed". */
  note?: string;
  closed?: boolean;
}

export interface WeekGridProps {
  days: DayContent[];
  label: string;
  today?: string;
}

export function WeekGrid({ days, label, today }: WeekGridProps) {
  return (
    <ul className="tilth-week" aria-label={label} data-days={days.length}>
      {days.map((day) => {
        const empty = day.items.length === 0;
        return (
          <li key={day.date} className="tilth-day" data-empty={empty || undefined} data-today={day.date === today || undefined} data-closed={day.closed || undefined}>
            <div className="tilth-day-label">
              {formatDay(day.date)}
              {day.date === today && ' · today'}
            </div>
            {empty ? (
              day.note && <div className="tilth-day-note">{day.note}</div>
            ) : (
              <ul aria-label={`${formatDay(day.date)}: ${day.items.length} appointment${day.items.length === 1 ? '' : 's'}`}>
                {day.items.map((item) => (
                  <li key={item.key}>{item.node}</li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export interface ChipProps {
  kind: string;
  status?: string;
  title: string;
  lines: ReactNode[];
  changed?: boolean;
  /** Extra words after the title for screen readers and sighted people alike, e.g. "exception". */
  tag?: string;
}

/** One appointment in a day cell: kind and number, time, room, people; coloured by kind, struck through if cancelled. */
export function AppointmentChip({ kind, status, title, lines, changed, tag }: ChipProps) {
  return (
    <div className="tilth-appt" data-kind={kind} data-status={status} data-changed={changed || undefined}>
      <div className="tilth-appt-title">
        {title}
        {tag && ` · ${tag}`}
      </div>
      {lines.filter((l) => l !== null && l !== undefined && l !== false && l !== '').map((line, i) => (
        <div key={i}>{line}</div>
      ))}
    </div>
  );
}
