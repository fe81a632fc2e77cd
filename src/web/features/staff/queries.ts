import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { STAFF_KEY } from '../../api/staff';
import type { StaffMember, StaffRole } from '../../api/types';

export interface NewStaff {
  givenName: string;
  familyName: string;
  email: string;
  role: StaffRole;
  phone: string | null;
}

export interface NewCredential {
  licenceType: string;
  licenceNumber: string;
  issuingState: string;
  expiresOn: string | null;
}

export const staffApi = {
  create: (body: NewStaff) => api.post<StaffMember>('/api/staff', body),
  update: (id: string, body: Partial<Omit<NewStaff, 'email'>> & { active?: boolean }) => api.patch<StaffMember>(`/api/staff/${id}`, body),
  addCredential: (id: string, body: NewCredential) => api.post<StaffMember>(`/api/staff/${id}/credentials`, body),
  removeCredential: (id: string, credentialId: string) => api.delete<StaffMember>(`/api/staff/${id}/credentials/${credentialId}`),
};

/** Any staff write: the list is re-read afterwards. */
export function useStaffMutation<V, R>(write: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => queryClient.invalidateQueries({ queryKey: STAFF_KEY }) });
}
