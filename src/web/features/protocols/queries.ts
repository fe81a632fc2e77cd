/** Protocol templates: the list, one protocol with its versions, and the admin's writes (a save is a new version). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Protocol, ProtocolDefinition, ProtocolDetail } from '../courses/types';

const enc = encodeURIComponent;

export function useAllProtocols() {
  return useQuery({
    queryKey: ['protocols', 'all'],
    queryFn: () => api.get<{ items: Protocol[] }>('/api/protocols', { query: { includeInactive: 'true' } }).then((r) => r.items),
  });
}

export function useProtocol(id: string | undefined) {
  return useQuery({ queryKey: ['protocols', 'detail', id], queryFn: () => api.get<ProtocolDetail>(`/api/protocols/${enc(id!)}`), enabled: Boolean(id) });
}

export function useProtocolMutation<V>(write: (vars: V) => Promise<ProtocolDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (detail) => {
      queryClient.setQueryData(['protocols', 'detail', detail.id], detail);
      void queryClient.invalidateQueries({ queryKey: ['protocols'] });
    },
  });
}

export const protocolApi = {
  create: (definition: ProtocolDefinition) => api.post<ProtocolDetail>('/api/protocols', definition),
  save: (id: string, definition: ProtocolDefinition) => api.put<ProtocolDetail>(`/api/protocols/${enc(id)}`, definition),
  setActive: (id: string, active: boolean) => api.patch<ProtocolDetail>(`/api/protocols/${enc(id)}`, { active }),
};

/** The server's defaults (src/core/scheduling/protocol.ts), for a new protocol. */
export const DEFAULT_DEFINITION: ProtocolDefinition = {
  name: '',
  prepSessions: 2,
  dosingSessions: 6,
  routes: ['sublingual'],
  durations: { preparationMinutes: 60, dosingMinutes: 150, monitoringMinutes: 120, integrationMinutes: 60 },
  doseSpacingDays: { min: 2, max: 14 },
  integrationWindowHours: { min: 24, max: 48 },
  prepToFirstDoseDays: 1,
  fasting: { foodHours: 2, liquidsMinutes: 30 },
  presence: { prescriberOnSite: true, nurseForRoutes: ['intramuscular', 'intravenous'] },
  rooms: {
    preparation: { kinds: ['consult', 'dosing'], equipment: [] },
    dosing: { kinds: ['dosing'], equipment: ['recliner'] },
    integration: { kinds: ['consult', 'dosing'], equipment: [] },
  },
};
