/** Patient reads and writes; every write answers with the fresh record, which replaces the cached one. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, PatientDetail, PatientStatus, PatientSummary } from '../../api/types';

export const PAGE_SIZE = 20;

export interface ListParams {
  query: string;
  status: PatientStatus | '';
  page: number;
}

export function usePatientList({ query, status, page }: ListParams) {
  return useQuery({
    queryKey: ['patients', 'list', { query, status, page }],
    queryFn: ({ signal }) =>
      api.get<Page<PatientSummary>>('/api/patients', {
        query: { query: query || undefined, status: status || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export const patientKey = (id: string) => ['patients', 'detail', id] as const;

export function usePatient(id: string) {
  return useQuery({ queryKey: patientKey(id), queryFn: () => api.get<PatientDetail>(`/api/patients/${encodeURIComponent(id)}`) });
}

/** A write to one patient: the answer replaces the cached record and lists are refreshed. */
export function usePatientMutation<V>(id: string, write: (vars: V) => Promise<PatientDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (detail) => {
      queryClient.setQueryData(patientKey(id), detail);
      void queryClient.invalidateQueries({ queryKey: ['patients', 'list'] });
    },
  });
}

export const patientApi = {
  changeStatus: (id: string, body: { status: PatientStatus; reason?: string | null }) => api.post<PatientDetail>(`/api/patients/${id}/status`, body),
  recordWeight: (id: string, body: { weightKg: number; measuredOn?: string }) => api.post<PatientDetail>(`/api/patients/${id}/weights`, body),
  update: (id: string, body: Record<string, unknown>) => api.patch<PatientDetail>(`/api/patients/${id}`, body),
  setCareTeam: (id: string, body: { therapistIds: string[]; prescriberId: string | null }) => api.put<PatientDetail>(`/api/patients/${id}/care-team`, body),
  invite: (id: string) => api.post<{ invited: string }>(`/api/patients/${id}/portal-invite`),
  create: (body: Record<string, unknown>) => api.post<PatientDetail>('/api/patients', body),
};
