/** The clinic's staff list, readable by every staff role (names for care teams and history). */
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { StaffMember } from './types';

export const STAFF_KEY = ['staff'] as const;

export function useStaffList(enabled = true) {
  return useQuery({
    queryKey: STAFF_KEY,
    queryFn: () => api.get<{ items: StaffMember[] }>('/api/staff').then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}
