/** Shapes of the calendar API (src/server/features/calendar/routes.ts and appointments.ts are the contract). */
import type { AppointmentKind } from '../courses/types';

export interface CalendarItem {
  id: string;
  courseId: string | null;
  kind: AppointmentKind;
  number: number;
  status: 'booked' | 'completed' | 'cancelled' | 'no-show';
  start: string;
  end: string;
  localDate: string;
  localStart: string;
  localEnd: string;
  timeZoneName: string;
  roomId: string;
  roomName: string;
  therapistId: string;
  therapistName: string;
  nurseId: string | null;
  nurseName: string | null;
  /** The name for those who may read the patient, initials otherwise. */
  patient: { id: string | null; display: string; named: boolean };
}

export interface LocalDay {
  date: string;
  start: string;
  end: string;
  hours: number;
}

export interface CalendarView {
  view: 'day' | 'week';
  date: string;
  timeZone: string;
  start: string;
  end: string;
  days: LocalDay[];
  filter: { staffId: string | null; roomId: string | null };
  items: CalendarItem[];
}

export interface TodayView {
  date: string;
  timeZone: string;
  day: LocalDay;
  rooms: { id: string; name: string; kind: string; active: boolean; items: CalendarItem[] }[];
}
