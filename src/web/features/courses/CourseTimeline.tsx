/** A course on a calendar: one row per week (Monday to Sunday), each appointment with kind, local time, room and therapist. */
import { Stack, Text, Title } from '@mantine/core';
import { addDays, formatDay, formatTime, localDateOf, mondayOf, todayIn } from '../../app/time';
import { AppointmentChip, WeekGrid, type DayContent } from '../calendar/WeekGrid';
import { APPOINTMENT_STATUS_LABEL, appointmentName } from './labels';
import type { Appointment } from './types';

export interface Lookup {
  timeZone: string;
  staff: Map<string, string>;
  rooms: Map<string, string>;
}

export interface CourseTimelineProps {
  appointments: Appointment[];
  lookup: Lookup;
  /** Appointments whose time was changed from the plan ("kind number" keys). */
  changed?: Set<string>;
  label: string;
}

export const apptKey = (a: { kind: string; number: number }) => `${a.kind} ${a.number}`;

export function CourseTimeline({ appointments, lookup, changed, label }: CourseTimelineProps) {
  const tz = lookup.timeZone;
  if (appointments.length === 0) return <Text c="dimmed">No appointments.</Text>;
  const dated = appointments.map((a) => ({ a, date: localDateOf(a.start, tz) })).sort((x, y) => x.a.start.localeCompare(y.a.start));
  const first = mondayOf(dated[0]!.date);
  const last = mondayOf(dated[dated.length - 1]!.date);
  const weeks: string[] = [];
  for (let w = first; w <= last; w = addDays(w, 7)) weeks.push(w);
  const today = todayIn(tz);

  return (
    <Stack component="ol" gap="md" m={0} p={0} style={{ listStyle: 'none' }} aria-label={label}>
      {weeks.map((monday, i) => {
        const days: DayContent[] = Array.from({ length: 7 }, (_, d) => {
          const date = addDays(monday, d);
          return {
            date,
            items: dated
              .filter((x) => x.date === date)
              .map(({ a }) => ({
                key: `${apptKey(a)} ${a.start}`,
                node: (
                  <AppointmentChip
                    kind={a.kind}
                    status={a.status}
                    title={appointmentName(a)}
                    tag={a.status === 'cancelled' || a.status === 'no-show' ? APPOINTMENT_STATUS_LABEL[a.status].toLowerCase() : a.exceptionReason ? 'exception' : changed?.has(apptKey(a)) ? 'changed' : undefined}
                    changed={changed?.has(apptKey(a))}
                    lines={[formatTime(a.start, tz, true), lookup.rooms.get(a.roomId) ?? 'Room', lookup.staff.get(a.therapistId), a.nurseId && `Nurse ${lookup.staff.get(a.nurseId) ?? ''}`]}
                  />
                ),
              })),
          };
        });
        return (
          <li key={monday}>
            <Title order={3} fz="sm" mb={6}>
              Week {i + 1} · from {formatDay(monday)}
            </Title>
            <WeekGrid days={days} today={today} label={`Week ${i + 1}, from ${formatDay(monday)}`} />
          </li>
        );
      })}
    </Stack>
  );
}
