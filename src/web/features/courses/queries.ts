/** Course and appointment reads and writes; every write refreshes the patient's courses and the calendars. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Room } from '../../api/types';
import type { CancelReason, Course, HistoryEntry, Protocol, RescheduleResult, Route } from './types';

const enc = encodeURIComponent;

export const courseKeys = {
  protocols: ['protocols'] as const,
  patient: (patientId: string) => ['courses', patientId] as const,
  history: (appointmentId: string) => ['appointment-history', appointmentId] as const,
};

export function useProtocols(enabled = true) {
  return useQuery({
    queryKey: courseKeys.protocols,
    queryFn: () => api.get<{ items: Protocol[] }>('/api/protocols').then((r) => r.items),
    staleTime: 60_000,
    enabled,
  });
}

export function usePatientCourses(patientId: string, enabled = true) {
  return useQuery({
    queryKey: courseKeys.patient(patientId),
    queryFn: () => api.get<{ items: Course[] }>(`/api/patients/${enc(patientId)}/courses`).then((r) => r.items),
    enabled: enabled && Boolean(patientId),
  });
}

export function useAppointmentHistory(appointmentId: string) {
  return useQuery({
    queryKey: courseKeys.history(appointmentId),
    queryFn: () => api.get<{ items: HistoryEntry[] }>(`/api/appointments/${enc(appointmentId)}/history`).then((r) => r.items),
    staleTime: 0,
  });
}

/** Rooms by id, for names (every staff role reads rooms). */
export function useRoomNames(enabled = true) {
  const rooms = useQuery({
    queryKey: ['rooms'],
    queryFn: () => api.get<{ items: Room[]; equipmentOptions: string[] }>('/api/rooms'),
    staleTime: 60_000,
    enabled,
  });
  return new Map((rooms.data?.items ?? []).map((r) => [r.id, r.name]));
}

/** A write about a patient's schedule: the patient's courses, the patient record (status) and calendars are re-read. */
export function useScheduleMutation<V, R>(patientId: string, write: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: courseKeys.patient(patientId) });
      void queryClient.invalidateQueries({ queryKey: ['patients'] });
      void queryClient.invalidateQueries({ queryKey: ['calendar'] });
      void queryClient.invalidateQueries({ queryKey: ['appointment-history'] });
      void queryClient.invalidateQueries({ queryKey: ['measurement', patientId] });
    },
  });
}

export interface CreateCourseBody {
  protocolId: string;
  route?: Route;
  therapistId?: string;
  startDate?: string;
}

export interface Adjustment {
  kind: string;
  number: number;
  start: string;
}

export interface ExceptionReason {
  kind: string;
  number: number;
  reason: string;
}

export const courseApi = {
  create: (patientId: string, body: CreateCourseBody) => api.post<Course>(`/api/patients/${enc(patientId)}/courses`, body),
  plan: (courseId: string, body: { therapistId?: string; startDate?: string }) => api.post<Course>(`/api/courses/${enc(courseId)}/plan`, body),
  book: (courseId: string, body: { appointments?: Adjustment[]; exceptions?: ExceptionReason[] }) => api.post<Course>(`/api/courses/${enc(courseId)}/book`, body),
  cancelCourse: (courseId: string, reason: string) => api.post<Course>(`/api/courses/${enc(courseId)}/cancel`, { reason }),
  pause: (courseId: string, reason: string) => api.post<Course>(`/api/courses/${enc(courseId)}/pause`, { reason }),
  resume: (courseId: string, startDate?: string) => api.post<Course>(`/api/courses/${enc(courseId)}/resume`, startDate ? { startDate } : {}),
  reschedule: (appointmentId: string, body: { start: string; confirm?: boolean; exceptionReason?: string }) =>
    api.patch<RescheduleResult>(`/api/appointments/${enc(appointmentId)}`, body),
  cancel: (appointmentId: string, body: { reason: CancelReason; note?: string; integration?: 'cancel' | 'keep' }) =>
    api.post<{ cancelled: string[] }>(`/api/appointments/${enc(appointmentId)}/cancel`, body),
};
