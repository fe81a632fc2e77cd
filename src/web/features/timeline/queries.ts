/** The course timeline: a patient's for staff, the patient's own (src/server/features/timeline/routes.ts). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { PatientTimeline, StaffTimeline } from './types';

export function useStaffTimeline(patientId: string, courseId: string | null) {
  return useQuery({
    queryKey: ['timeline', patientId, courseId ?? 'current'],
    queryFn: () => api.get<StaffTimeline>(`/api/patients/${encodeURIComponent(patientId)}/timeline`, { query: { courseId } }),
  });
}

export function useMyTimeline(courseId: string | null) {
  return useQuery({
    queryKey: ['my-timeline', courseId ?? 'current'],
    queryFn: () => api.get<PatientTimeline>('/api/me/timeline', { query: { courseId } }),
  });
}
