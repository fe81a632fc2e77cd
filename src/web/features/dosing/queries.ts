/**
 * The dosing session (src/server/features/dosing/routes.ts): its view, every step, and the stock lots for the dose.
 * After every step the session and the board are read again (the board also hears it over its stream).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { BOARD_KEY } from '../board/stream';
import type { DischargeResult, DoseRoute, LedgerLot, ObservationKind, SessionView, Setting, VitalsResult } from './types';

const enc = encodeURIComponent;

export const sessionKey = (appointmentId: string) => ['dosing-session', appointmentId] as const;

export function useDosingSession(appointmentId: string) {
  return useQuery({
    queryKey: sessionKey(appointmentId),
    queryFn: () => api.get<SessionView>(`/api/appointments/${enc(appointmentId)}/session`),
    enabled: Boolean(appointmentId),
    // Every read is audited: changes arrive through the board's stream (see SessionConsolePage), not by polling.
    refetchOnWindowFocus: false,
  });
}

/** The clinic's stock lots with their balances (prescribers and nurses read the ledger). */
export function useLedgerLots(enabled = true) {
  return useQuery({
    queryKey: ['ledger', 'lots'],
    queryFn: () => api.get<{ lots: LedgerLot[] }>('/api/ledger').then((r) => r.lots),
    enabled,
    staleTime: 30_000,
  });
}

/** A step of the session: on success the session and the board are read again. */
export function useSessionStep<V, R = unknown>(appointmentId: string, write: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: sessionKey(appointmentId) });
      void queryClient.invalidateQueries({ queryKey: BOARD_KEY });
    },
  });
}

export interface OrderBody {
  route: DoseRoute;
  product: string;
  doseMg: number;
  infusionMinutes?: number;
  overrideReason?: string;
}

export interface VitalsBody {
  systolic: number;
  diastolic: number;
  heartRate: number;
  spo2: number;
  respiratoryRate?: number;
  takenAt?: string;
}

export interface ObservationBody {
  kind: ObservationKind;
  level?: number;
  eventType?: string;
  severity?: string;
  actionTaken?: string;
  text?: string;
}

export interface OrderResult {
  orderId: string;
  mgPerKg: number | null;
  rateMgPerHour: number | null;
  breaches: string[];
  overridden: boolean;
}

export const dosingApi = (appointmentId: string) => {
  const base = `/api/appointments/${enc(appointmentId)}/session`;
  return {
    checkIn: () => api.post<{ state: string }>(`${base}/check-in`),
    record: (itemId: string, value: unknown) => api.put<{ itemId: string }>(`${base}/checklist/${enc(itemId)}`, { value }),
    override: (itemId: string, reason: string) => api.post<{ itemId: string }>(`${base}/checklist/${enc(itemId)}/override`, { reason }),
    passChecks: () => api.post<{ state: string; warnings: string[] }>(`${base}/pass-checks`),
    order: (body: OrderBody) => api.post<OrderResult>(`${base}/order`, body),
    administer: (body: { amountMg: number; lotId: string; givenAt?: string }) =>
      api.post<{ administrationId: string; totalMg: number; remainingMg: number; complete: boolean }>(`${base}/administrations`, body),
    vitals: (body: VitalsBody) => api.post<VitalsResult>(`${base}/vitals`, body),
    observe: (body: ObservationBody) => api.post<{ id: string }>(`${base}/observations`, body),
    acknowledge: (alertId: string, action: string) => api.post<{ alertId: string }>(`${base}/alerts/${enc(alertId)}/acknowledge`, { action }),
    presence: (body: { staffId: string; action: 'enter' | 'leave'; handoverTo?: string }) => api.post<unknown>(`${base}/presence`, body),
    setting: (body: Setting) => api.put<{ setting: Setting }>(`${base}/setting`, body),
    ready: () => api.post<{ state: string }>(`${base}/ready-for-discharge`),
    discharge: () => api.post<DischargeResult>(`${base}/discharge`),
    abort: (reason: string) => api.post<{ state: string }>(`${base}/abort`, { reason }),
    consent: (courseId: string, body: { documentVersion: string; signedAt: string }) => api.post<unknown>(`/api/courses/${enc(courseId)}/consents`, body),
  };
};
