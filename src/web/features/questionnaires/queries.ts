/** Questionnaire reads and writes: instruments, a patient's questionnaires, responses, schedules, doses and drafts. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  AnswerSex, Dose, InstrumentDefinition, InstrumentSummary, QuestionnaireLists, QuestionnaireResponse, Schedule, ScheduleKind, Submitted,
} from './types';

const enc = encodeURIComponent;

export const qKeys = {
  instruments: ['instruments'] as const,
  instrument: (id: string) => ['instruments', id] as const,
  /** Everything about one patient's measurement (lists, responses, schedules, doses, trajectories, alerts). */
  patient: (patientId: string) => ['measurement', patientId] as const,
  lists: (patientId: string) => ['measurement', patientId, 'questionnaires'] as const,
  responses: (patientId: string) => ['measurement', patientId, 'responses'] as const,
  schedules: (patientId: string) => ['measurement', patientId, 'schedules'] as const,
  doses: (patientId: string) => ['measurement', patientId, 'doses'] as const,
};

export function useInstruments(enabled = true) {
  return useQuery({
    queryKey: qKeys.instruments,
    queryFn: () => api.get<{ items: InstrumentSummary[] }>('/api/instruments').then((r) => r.items),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useInstrument(id: string | undefined) {
  return useQuery({
    queryKey: qKeys.instrument(id ?? ''),
    queryFn: () => api.get<InstrumentDefinition>(`/api/instruments/${enc(id!)}`),
    staleTime: 5 * 60_000,
    enabled: Boolean(id),
  });
}

export function useQuestionnaires(patientId: string, enabled = true) {
  return useQuery({
    queryKey: qKeys.lists(patientId),
    queryFn: () => api.get<QuestionnaireLists>(`/api/patients/${enc(patientId)}/questionnaires`),
    enabled: enabled && Boolean(patientId),
    staleTime: 0,
  });
}

export function useResponses(patientId: string) {
  return useQuery({
    queryKey: qKeys.responses(patientId),
    queryFn: () => api.get<{ items: QuestionnaireResponse[] }>(`/api/patients/${enc(patientId)}/responses`).then((r) => r.items),
  });
}

export function useSchedules(patientId: string) {
  return useQuery({
    queryKey: qKeys.schedules(patientId),
    queryFn: () => api.get<{ items: Schedule[] }>(`/api/patients/${enc(patientId)}/questionnaire-schedules`).then((r) => r.items),
  });
}

export function useDoses(patientId: string) {
  return useQuery({
    queryKey: qKeys.doses(patientId),
    queryFn: () => api.get<{ items: Dose[] }>(`/api/patients/${enc(patientId)}/doses`).then((r) => r.items),
  });
}

/** A write that changes what is known about a patient's measurement: every cached view of it is refreshed. */
export function useMeasurementMutation<V, R>(patientId: string, write: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: qKeys.patient(patientId) });
      void queryClient.invalidateQueries({ queryKey: ['safety-alerts'] });
      void queryClient.invalidateQueries({ queryKey: ['outcomes'] });
    },
  });
}

export interface SubmitBody {
  instrument: string;
  answers: number[];
  assignmentId?: string;
  sex?: AnswerSex;
}

export interface ScheduleBody {
  instrument: string;
  kind: ScheduleKind;
  startsAt?: string;
  everyDays?: number;
  offsetsHours?: number[];
}

export const questionnaireApi = {
  submit: (patientId: string, body: SubmitBody) => api.post<Submitted>(`/api/patients/${enc(patientId)}/responses`, body),
  saveDraft: (assignmentId: string, answers: (number | null)[]) => api.put<void>(`/api/questionnaire-assignments/${enc(assignmentId)}/draft`, { answers }),
  correct: (responseId: string, body: { answers: number[]; reason: string; sex?: AnswerSex }) =>
    api.post<Submitted>(`/api/responses/${enc(responseId)}/corrections`, body),
  schedule: (patientId: string, body: ScheduleBody) => api.post<Schedule>(`/api/patients/${enc(patientId)}/questionnaire-schedules`, body),
  stopSchedule: (scheduleId: string) => api.delete<void>(`/api/questionnaire-schedules/${enc(scheduleId)}`),
  recordDose: (patientId: string, body: { dosedAt: string; note?: string }) => api.post<Dose>(`/api/patients/${enc(patientId)}/doses`, body),
  applyPlan: (patientId: string, phase: 'intake' | 'course') => api.post<{ created: number }>(`/api/patients/${enc(patientId)}/measurement-plan`, { phase }),
};
