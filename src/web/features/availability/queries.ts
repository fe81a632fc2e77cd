/** Staff availability: weekly working hours (clinic-local) and exceptions (time off, extra hours). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { WeeklyHours } from './WeeklyHoursEditor';

export interface AvailabilityException {
  id: string;
  staffId: string;
  kind: 'off' | 'extra';
  start: string;
  end: string;
  localStart: string;
  localEnd: string;
  timeZoneName: string;
  note: string | null;
  createdAt: string;
}

export interface Availability {
  staffId: string;
  staffName: string;
  role: string;
  timeZone: string;
  weeklyHours: WeeklyHours;
  updatedAt: string | null;
  exceptions: AvailabilityException[];
}

export interface ExceptionCreated extends AvailabilityException {
  overlappingAppointments: { id: string; kind: string; start: string; end: string }[];
}

const enc = encodeURIComponent;
export const availabilityKey = (staffId: string) => ['availability', staffId] as const;

export function useAvailability(staffId: string) {
  return useQuery({ queryKey: availabilityKey(staffId), queryFn: () => api.get<Availability>(`/api/staff/${enc(staffId)}/availability`), enabled: Boolean(staffId) });
}

/** A write to one staff member's availability: their availability and every calendar are re-read. */
export function useAvailabilityMutation<V, R>(staffId: string, write: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: availabilityKey(staffId) });
      void queryClient.invalidateQueries({ queryKey: ['calendar'] });
    },
  });
}

export const availabilityApi = {
  saveHours: (staffId: string, weeklyHours: WeeklyHours) => api.put<Availability>(`/api/staff/${enc(staffId)}/availability`, { weeklyHours }),
  addException: (staffId: string, body: { kind: 'off' | 'extra'; start: string; end: string; note?: string }) =>
    api.post<ExceptionCreated>(`/api/staff/${enc(staffId)}/availability/exceptions`, body),
  removeException: (staffId: string, exceptionId: string) => api.delete<void>(`/api/staff/${enc(staffId)}/availability/exceptions/${enc(exceptionId)}`),
};
