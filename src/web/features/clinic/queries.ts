/** The clinic (GET/PATCH /api/clinic): a save replaces the cached clinic and refreshes the session's copy of it. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Clinic } from '../../api/types';
import { ME_KEY } from '../../app/session';

export const CLINIC_KEY = ['clinic'] as const;

export function useClinicSave() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<Clinic>('/api/clinic', body),
    onSuccess: (clinic) => {
      queryClient.setQueryData(CLINIC_KEY, clinic);
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}
