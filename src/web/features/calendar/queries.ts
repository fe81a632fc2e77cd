/** Calendar reads: day and week views, today's board by room, one's own upcoming appointments, the calendar feed. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CalendarItem, CalendarView, TodayView } from './types';

export interface CalendarQuery {
  view: 'day' | 'week';
  date: string;
  staffId?: string | undefined;
  roomId?: string | undefined;
  includeCancelled?: boolean;
}

export function useCalendar(q: CalendarQuery) {
  return useQuery({
    queryKey: ['calendar', 'view', q],
    queryFn: ({ signal }) =>
      api.get<CalendarView>('/api/calendar', {
        query: { view: q.view, date: q.date, staffId: q.staffId, roomId: q.roomId, includeCancelled: q.includeCancelled ? 'true' : undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useToday() {
  return useQuery({ queryKey: ['calendar', 'today'], queryFn: () => api.get<TodayView>('/api/calendar/today') });
}

export function useMyAppointments() {
  return useQuery({ queryKey: ['calendar', 'mine'], queryFn: () => api.get<{ timeZone: string; items: CalendarItem[] }>('/api/me/appointments') });
}

const FEED_KEY = ['calendar-feed'] as const;

export function useFeedStatus() {
  return useQuery({ queryKey: FEED_KEY, queryFn: () => api.get<{ active: boolean; createdAt: string | null }>('/api/me/calendar-feed') });
}

export function useFeedWrite<R>(write: () => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => void queryClient.invalidateQueries({ queryKey: FEED_KEY }) });
}

export const feedApi = {
  create: () => api.post<{ url: string; createdAt: string; rotated: boolean }>('/api/me/calendar-feed'),
  revoke: () => api.delete<void>('/api/me/calendar-feed'),
};
