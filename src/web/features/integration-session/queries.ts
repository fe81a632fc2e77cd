/** The reads of the pre-integration view; each part is its own feature's API. */
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { Checkin, IntegrationView, IntentionRevision } from './types';

const enc = encodeURIComponent;

export function useIntegrationView(appointmentId: string) {
  return useQuery({ queryKey: ['integration', appointmentId], queryFn: () => api.get<IntegrationView>(`/api/appointments/${enc(appointmentId)}/integration`) });
}

export function useIntentions(doseAppointmentId: string | null) {
  return useQuery({
    queryKey: ['intentions', doseAppointmentId ?? ''],
    queryFn: () => api.get<{ intentions: IntentionRevision[]; latest: IntentionRevision | null }>(`/api/appointments/${enc(doseAppointmentId!)}/intentions`),
    enabled: Boolean(doseAppointmentId),
  });
}

/**
 * The patient's post-dose check-ins, or null where the clinic's Tilth has no check-ins (the route answers 404): the
 * view then shows nothing for them, rather than an error.
 */
export function useCheckins(patientId: string) {
  return useQuery({
    queryKey: ['checkins', patientId],
    queryFn: async () => {
      try {
        return (await api.get<{ items: Checkin[] }>(`/api/patients/${enc(patientId)}/checkins`)).items;
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    retry: false,
  });
}
