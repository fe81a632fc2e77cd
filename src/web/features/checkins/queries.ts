/** The patient's post-dose check-ins (GET/POST /api/me/checkins). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export type Sleep = 'well' | 'some' | 'poorly' | 'not-at-all';
export type Safety = 'no' | 'passive' | 'active';
export type CheckinState = 'not-open' | 'open' | 'due' | 'closed' | 'done';

export interface Checkin {
  id: string;
  appointmentId: string;
  mood: number;
  sleep: Sleep;
  difficult: string | null;
  safety: Safety;
  createdAt: string;
  enteredOnBehalf: boolean;
}

export interface OwnCheckin {
  appointmentId: string;
  doseNumber: number;
  courseId: string | null;
  doseStart: string;
  opensAt: string | null;
  promptAt: string | null;
  closesAt: string | null;
  state: CheckinState;
  checkin: Checkin | null;
}

export interface MyCheckins {
  timeZone: string;
  crisisResources: string;
  items: OwnCheckin[];
}

export interface CheckinAnswers {
  appointmentId: string;
  mood: number;
  sleep: Sleep;
  difficult: string | null;
  safety: Safety;
}

export const MY_CHECKINS = ['my-checkins'] as const;

export function useMyCheckins(enabled = true) {
  return useQuery({ queryKey: MY_CHECKINS, queryFn: () => api.get<MyCheckins>('/api/me/checkins'), enabled });
}

export function useSubmitCheckin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CheckinAnswers) => api.post<{ checkin: Checkin; crisisResources: string | null }>('/api/me/checkins', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: MY_CHECKINS }),
  });
}

/** Check-ins the patient can answer now: asked for (the morning after) first, then open. */
export const answerable = (items: readonly OwnCheckin[]) => items.filter((i) => i.state === 'due' || i.state === 'open').sort((a, b) => (a.state === b.state ? 0 : a.state === 'due' ? -1 : 1));
