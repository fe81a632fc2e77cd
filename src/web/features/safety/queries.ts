/** Safety alerts (src/server/features/safety/routes.ts): the queue, one patient's open alerts, acknowledging one. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export const ALERT_ACTIONS = ['contacted-patient', 'safety-plan-reviewed', 'assessed-no-imminent-risk', 'escalated-to-prescriber', 'emergency-services', 'other'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

export const ACTION_LABEL: Record<AlertAction, string> = {
  'contacted-patient': 'Contacted the patient',
  'safety-plan-reviewed': 'Reviewed the safety plan with the patient',
  'assessed-no-imminent-risk': 'Assessed: no imminent risk',
  'escalated-to-prescriber': 'Escalated to the prescriber',
  'emergency-services': 'Called emergency services',
  other: 'Other (described in the note)',
};

export const actionLabel = (action: string | null): string => (action && action in ACTION_LABEL ? ACTION_LABEL[action as AlertAction] : (action ?? '—'));

export interface SafetyAlert {
  id: string;
  patientId: string;
  patientName: string;
  flag: string;
  /** Null for callers who may not see clinical data (admins). */
  message: string | null;
  status: 'open' | 'acknowledged';
  createdAt: string;
  escalatedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  action: string | null;
  note: string | null;
  responseId: string | null;
}

export interface AlertFilter {
  status: 'open' | 'acknowledged';
  patientId?: string;
}

export function useSafetyAlerts(filter: AlertFilter, enabled = true) {
  return useQuery({
    queryKey: ['safety-alerts', filter],
    queryFn: () => api.get<{ items: SafetyAlert[] }>('/api/safety-alerts', { query: { ...filter } }).then((r) => r.items),
    enabled,
    // Every listing is audited per alert: no background polling; a fresh list on each visit.
    staleTime: 0,
  });
}

export function useAcknowledge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note }: { id: string; action: AlertAction; note: string }) => api.post<void>(`/api/safety-alerts/${encodeURIComponent(id)}/acknowledge`, { action, note }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['safety-alerts'] });
      void queryClient.invalidateQueries({ queryKey: ['outcomes'] });
    },
  });
}
