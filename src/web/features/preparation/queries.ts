/** Preparation-guide and safety-plan reads and writes. A save puts the server's answer in the cache at once. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Guide, SafetyPlan } from './types';

const enc = encodeURIComponent;

export const preparationKeys = {
  guide: (appointmentId: string) => ['preparation-guide', appointmentId] as const,
  mySafetyPlan: ['safety-plan', 'me'] as const,
  safetyPlan: (patientId: string) => ['safety-plan', patientId] as const,
};

export function useGuide(appointmentId: string) {
  return useQuery({
    queryKey: preparationKeys.guide(appointmentId),
    queryFn: () => api.get<Guide>(`/api/appointments/${enc(appointmentId)}/preparation-guide`),
    // The form keeps its own copy while editing; reading again behind it would only confuse.
    refetchOnWindowFocus: false,
  });
}

export function useSaveGuide(appointmentId: string, patientId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { answers: Record<string, string>; baseUpdatedAt: string | null }) =>
      api.put<Guide>(`/api/appointments/${enc(appointmentId)}/preparation-guide`, body),
    onSuccess: (guide) => {
      client.setQueryData(preparationKeys.guide(appointmentId), guide);
      void client.invalidateQueries({ queryKey: preparationKeys.safetyPlan(patientId) });
    },
  });
}

export function useMySafetyPlan() {
  return useQuery({ queryKey: preparationKeys.mySafetyPlan, queryFn: () => api.get<SafetyPlan>('/api/me/safety-plan') });
}

export function usePatientSafetyPlan(patientId: string) {
  return useQuery({ queryKey: preparationKeys.safetyPlan(patientId), queryFn: () => api.get<SafetyPlan>(`/api/patients/${enc(patientId)}/safety-plan`) });
}
