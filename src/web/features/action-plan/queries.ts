/** Action-plan reads and writes; every write refreshes the patient's plan. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ItemWording, PlanItem, PlanStatus } from './types';

const enc = encodeURIComponent;
export const planKey = (patientId: string) => ['action-plan', patientId] as const;

export function useActionPlan(patientId: string | null) {
  return useQuery({
    queryKey: planKey(patientId ?? ''),
    queryFn: () => api.get<{ items: PlanItem[] }>(`/api/patients/${enc(patientId!)}/action-plan`).then((r) => r.items),
    enabled: Boolean(patientId),
  });
}

function usePlanMutation<V>(patientId: string, fn: (v: V) => Promise<PlanItem>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: planKey(patientId) }) });
}

export const useAddItem = (patientId: string) =>
  usePlanMutation(patientId, (body: ItemWording) => api.post<PlanItem>(`/api/patients/${enc(patientId)}/action-plan`, body));

export const useReviseItem = (patientId: string) =>
  usePlanMutation(patientId, ({ itemId, ...body }: Partial<ItemWording> & { itemId: string; status?: PlanStatus; note?: string }) =>
    api.patch<PlanItem>(`/api/patients/${enc(patientId)}/action-plan/${enc(itemId)}`, body));

export const useReviewItem = (patientId: string) =>
  usePlanMutation(patientId, ({ itemId, ...body }: { itemId: string; appointmentId: string; status: PlanStatus; note?: string }) =>
    api.post<PlanItem>(`/api/patients/${enc(patientId)}/action-plan/${enc(itemId)}/reviews`, body));
