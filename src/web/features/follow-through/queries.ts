/** Integration follow-through: a course's doses with their integration status, the clinic's list, recording a session held. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export type IntegrationStatus = 'overdue' | 'not-booked' | 'booked-outside-window' | 'booked' | 'not-due' | 'held';

export interface DoseIntegration {
  doseId: string;
  doseNumber: number;
  doseStart: string;
  doseAt: string;
  given: boolean;
  windowStart: string;
  windowEnd: string;
  status: IntegrationStatus;
  integration: { id: string; number: number; start: string; end: string; status: string; inWindow: boolean } | null;
}

export interface CourseIntegration {
  courseId: string;
  patientId: string;
  timeZone: string;
  window: { minHours: number; maxHours: number };
  doses: DoseIntegration[];
}

export interface FollowThroughItem extends DoseIntegration {
  courseId: string;
  patientId: string;
  patientName: string;
  therapistId: string;
  therapistName: string | null;
  checkin: 'not-open' | 'open' | 'due' | 'closed' | 'done' | null;
}

export interface FollowThrough {
  from: string;
  to: string;
  counts: Record<IntegrationStatus, number>;
  items: FollowThroughItem[];
}

const enc = encodeURIComponent;

export function useCourseIntegration(courseId: string, enabled = true) {
  return useQuery({
    queryKey: ['course-integration', courseId],
    queryFn: () => api.get<CourseIntegration>(`/api/courses/${enc(courseId)}/integration`),
    enabled: enabled && Boolean(courseId),
  });
}

export function useFollowThrough() {
  return useQuery({ queryKey: ['integration-follow-through'], queryFn: () => api.get<FollowThrough>('/api/integration/follow-through'), refetchInterval: 5 * 60_000 });
}

/** Record an integration session as held: the course, its follow-through and the calendars are read again. */
export function useMarkHeld(patientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (appointmentId: string) => api.post<{ id: string; status: 'completed' }>(`/api/appointments/${enc(appointmentId)}/held`, {}),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['courses', patientId] });
      void qc.invalidateQueries({ queryKey: ['course-integration'] });
      void qc.invalidateQueries({ queryKey: ['integration-follow-through'] });
      void qc.invalidateQueries({ queryKey: ['calendar'] });
      void qc.invalidateQueries({ queryKey: ['appointment-history'] });
    },
  });
}
